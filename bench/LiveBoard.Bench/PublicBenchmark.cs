using System.Diagnostics;
using LiveBoard.Server.Data;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.Bench;

/// <summary>
/// The public results page under a crowd: many citizens asking at once for as long as the run lasts.
/// Beside it, in the same run and on the same host, two baselines: the citizen's review page (a
/// server-rendered page with no cache: what /public would cost uncached, per render) and the liveness
/// probe (the cheapest answer the host gives).
/// </summary>
public static class PublicBenchmark
{
    public sealed record Run(string Path, double RequestsPerSecond, Latencies Latency, double CpuMicrosecondsPerRequest, int Bytes);

    public static async Task<IReadOnlyList<Run>> RunAsync(ShiftedTime county, int clients, int seconds, int warmup)
    {
        using var app = new LiveBoardApp(time: county);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        var reviewPage = "/r/" + await db.Windows.OrderBy(w => w.Id).Select(w => w.ReviewCode).FirstAsync();
        var runs = new List<Run>();
        foreach (var path in new[] { "/public", reviewPage, "/health/live" })
            runs.Add(await HammerAsync(http, path, clients, seconds, warmup));
        app.DeleteData();
        return runs;
    }

    private static async Task<Run> HammerAsync(HttpClient http, string path, int clients, int seconds, int warmup)
    {
        var uri = new Uri(path, UriKind.Relative);
        var bytes = (await http.GetByteArrayAsync(uri)).Length;
        await Crowd(http, uri, clients, TimeSpan.FromSeconds(warmup), null);
        var latency = new Latencies(5_000_000);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var count = await Crowd(http, uri, clients, TimeSpan.FromSeconds(seconds), latency);
        var elapsed = watch.Elapsed.TotalSeconds;
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds;
        return new Run(path, count / elapsed, latency, used / count, bytes);
    }

    private static async Task<long> Crowd(HttpClient http, Uri uri, int clients, TimeSpan duration, Latencies? latency)
    {
        long count = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseContentRead);
                response.EnsureSuccessStatusCode();
                latency?.Add(Stopwatch.GetTimestamp() - started);
                Interlocked.Increment(ref count);
            }
        })));
        return count;
    }
}
