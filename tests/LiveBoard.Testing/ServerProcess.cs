using System.Diagnostics;

namespace LiveBoard.Testing;

/// <summary>
/// LiveBoard as its own process (dotnet run of the built server), for what an in-process host
/// cannot show: being killed and started again on the same port, as a real restart is.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <param name="dataFolder">Where its SQLite database (when it uses SQLite) lives.</param>
    /// <param name="port">Its loopback port.</param>
    /// <param name="settings">Configuration for this process (e.g. the shared database and LiveBoard:Redis).</param>
    public static async Task<ServerProcess> StartAsync(string dataFolder, int port, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var process = Process.Start(Command(dataFolder, settings, "--urls", $"http://127.0.0.1:{port}"))!;
        // Drained, so a chatty log never fills the pipe and blocks the server.
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The server exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            if (attempt == 0)
                _ = DrainErrorsLaterAsync(process);
            try
            {
                if ((await http.GetAsync(new Uri(server.BaseAddress, "api/v1/halls"))).IsSuccessStatusCode)
                    return server;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(500);
        }
        server.Dispose();
        throw new TimeoutException("The server did not answer within a minute.");
    }

    /// <summary>Runs the server's command line (e.g. "devices add …") on the same database; returns its last line.</summary>
    public static Task<string> RunCommandAsync(string dataFolder, params string[] arguments) => RunCommandAsync(dataFolder, null, arguments);

    public static async Task<string> RunCommandAsync(string dataFolder, IReadOnlyDictionary<string, string?>? settings, params string[] arguments)
    {
        using var process = Process.Start(Command(dataFolder, settings, arguments))!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim().Split('\n')[^1].Trim();
    }

    // Standard error is read at once only if the server exits during start (to say why); after
    // a few seconds it is drained like standard output.
    private static async Task DrainErrorsLaterAsync(Process process)
    {
        await Task.Delay(TimeSpan.FromSeconds(5));
        if (!process.HasExited)
        {
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
        }
    }

    private static ProcessStartInfo Command(string dataFolder, IReadOnlyDictionary<string, string?>? settings, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "--no-build", "--no-launch-profile", "--project", Path.Combine(LiveBoardApp.SolutionFolder(), "src", "Server"), "--" }.Concat(arguments))
            start.ArgumentList.Add(argument);
        // Development: static assets straight from the build output, as with the README's run command.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["LiveBoard__Database__Path"] = Path.Combine(dataFolder, "liveboard.db");
        start.Environment["LiveBoard__Demo__Seed"] = "true";
        start.Environment["LiveBoard__Demo__Simulate"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return start;
    }

    /// <summary>Kills the process at once, as a crash or a power cut would.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
