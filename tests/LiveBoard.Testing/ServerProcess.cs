using System.Diagnostics;

namespace LiveBoard.Testing;

/// <summary>
/// LiveBoard as its own process (dotnet run of the built server), for what an in-process host
/// cannot show: being killed and started again on the same port, as a real restart is.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process process;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> log = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>How long a start may take: generous, for a busy 2-core machine running other tests.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);

    /// <param name="dataFolder">Where its SQLite database (when it uses SQLite) lives.</param>
    /// <param name="port">Its loopback port.</param>
    /// <param name="settings">Configuration for this process (e.g. the shared database and LiveBoard:Redis).</param>
    /// <param name="time">The county clock it runs on (share one between processes that must agree); 10:00 on the tests' working day if not given.</param>
    public static async Task<ServerProcess> StartAsync(string dataFolder, int port, IReadOnlyDictionary<string, string?>? settings = null, ShiftedTime? time = null)
    {
        var process = Process.Start(Command(dataFolder, WithClock(settings, time ?? ShiftedTime.At(new TimeOnly(10, 0))), "--urls", $"http://127.0.0.1:{port}"))!;
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        // Drained (so a chatty log never fills a pipe and blocks the server) into a short log for failure messages.
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew(); // a duration, not a time of day
        while (waited.Elapsed < StartLimit)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"The server exited with {process.ExitCode}. Its log:\n{server.Log}");
            }
            try
            {
                // Ready: the database answers and the event writer has loaded the journal.
                if ((await http.GetAsync(new Uri(server.BaseAddress, "health/ready"))).IsSuccessStatusCode)
                    return server;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        server.Dispose();
        throw new TimeoutException($"The server was not ready within {StartLimit.TotalMinutes} minutes. Its log:\n{server.Log}");
    }

    /// <summary>The last lines the server wrote (standard output and error).</summary>
    public string Log => string.Join('\n', log);

    /// <summary>Whether the process has ended (crashed, or stopped itself).</summary>
    public bool HasExited => process.HasExited;

    private void Keep(string? line)
    {
        if (line is null)
            return;
        log.Enqueue(line);
        while (log.Count > 2000)
            log.TryDequeue(out _);
    }

    private static Dictionary<string, string?> WithClock(IReadOnlyDictionary<string, string?>? settings, ShiftedTime time)
    {
        var all = new Dictionary<string, string?>(time.ServerSettings());
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        return all;
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
