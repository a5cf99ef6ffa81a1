using System.Diagnostics;
using System.Net.Sockets;

namespace LiveBoard.Testing;

/// <summary>
/// A private redis-server on a free loopback port, with a password (so AUTH is exercised), no
/// persistence, killed with the test run. <see cref="Kill"/> and <see cref="StartAgainAsync"/> are
/// the outage the scale-out tests and the P5 benchmark need.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Password = "liveboard-test-redis";
    private Process? process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The one setting LiveBoard needs (LiveBoard:Redis).</summary>
    public string Setting => $"redis://:{Password}@127.0.0.1:{Port}/0";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(LiveBoardApp.FreePort());
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Executable("redis-server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--requirepass", Password, "--save", "", "--appendonly", "no", "--daemonize", "no" })
            start.ArgumentList.Add(argument);
        process = Process.Start(start.WithoutFakeTime())!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"redis-server did not listen on {Port}.");
    }

    /// <summary>Kills Redis at once (SIGKILL): every connection drops, every message in flight is lost.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }
        process?.Dispose();
        process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    internal static string Executable(string name) =>
        new[] { "/usr/bin", "/usr/local/bin", "/usr/sbin" }.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException($"{name} is not installed; the README's test command (build/test.sh) installs it.");
}
