using System.Diagnostics;
using Npgsql;

namespace LiveBoard.Testing;

/// <summary>
/// A private PostgreSQL cluster (initdb into a temporary folder, trust authentication on loopback
/// only, a free port), stopped and deleted with the test run. Each test takes a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string folder;
    private readonly ProcessStartInfo start;
    private Process process;

    private PostgresServer(string folder, int port, ProcessStartInfo start, Process process)
    {
        this.folder = folder;
        Port = port;
        this.start = start;
        this.process = process;
    }

    public int Port { get; }

    /// <param name="durable">fsync on (the benchmark measures real commits); off for tests, which only need correctness.</param>
    public static async Task<PostgresServer> StartAsync(bool durable = false)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(v => Path.Combine(v, "bin")).FirstOrDefault(Directory.Exists)
            ?? throw new FileNotFoundException("PostgreSQL is not installed; the README's test command (build/test.sh) installs it.");
        var folder = Path.Combine(Path.GetTempPath(), "liveboard-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        // PostgreSQL refuses to run as root: as root (CI), the cluster belongs to the postgres user.
        var asRoot = Environment.UserName == "root";
        if (asRoot)
            await RunAsync("chown", "postgres", folder);
        await RunAsync(asRoot, Path.Combine(bin, "initdb"), "-D", Path.Combine(folder, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        var port = LiveBoardApp.FreePort();
        var start = Start(asRoot, Path.Combine(bin, "postgres"), "-D", Path.Combine(folder, "data"), "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-k", folder, "-c", "listen_addresses=127.0.0.1", "-c", durable ? "fsync=on" : "fsync=off", "-c", "max_connections=300");
        var server = new PostgresServer(folder, port, start, Launch(start));
        if (await server.AnswersAsync())
            return server;
        await server.DisposeAsync();
        throw new TimeoutException("PostgreSQL did not start.");
    }

    private static Process Launch(ProcessStartInfo start)
    {
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<bool> AnswersAsync()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                await connection.OpenAsync();
                return true;
            }
            catch (NpgsqlException)
            {
                await Task.Delay(100);
            }
        }
        return false;
    }

    /// <summary>
    /// Stops the server as an operator's restart does ("fast" shutdown: every session is ended,
    /// clients see their connections dropped, new ones are refused until <see cref="StartAgainAsync"/>).
    /// </summary>
    public async Task StopAsync()
    {
        await StopPostmasterAsync();
        process.Dispose();
    }

    /// <summary>Starts the same cluster again on the same port; returns once it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        process = Launch(start);
        if (!await AnswersAsync())
            throw new TimeoutException("PostgreSQL did not start again.");
    }

    private async Task StopPostmasterAsync()
    {
        if (process.HasExited)
            return;
        // SIGINT to the postmaster (its pid is the first line of postmaster.pid; the process we
        // started may be runuser): "fast shutdown", its children go with it.
        var pidFile = Path.Combine(folder, "data", "postmaster.pid");
        if (File.Exists(pidFile))
            await RunAsync("kill", "-INT", (await File.ReadAllLinesAsync(pidFile))[0].Trim());
        if (!process.WaitForExit(10_000))
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=100";

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "liveboard_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private static ProcessStartInfo Start(bool asRoot, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(asRoot ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asRoot)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", file })
                start.ArgumentList.Add(argument);
        }
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return start.WithoutFakeTime();
    }

    private static Task RunAsync(string file, params string[] arguments) => RunAsync(false, file, arguments);

    private static async Task RunAsync(bool asRoot, string file, params string[] arguments)
    {
        using var process = Process.Start(Start(asRoot, file, arguments))!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed: {await error}");
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await StopPostmasterAsync();
        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
