using System.Diagnostics;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.Bench;

/// <summary>
/// What the telemetry costs on the hot path: ingest → acknowledgement → push to one hub client, with
/// nothing exported (no listener: every instrument is a no-op) against Prometheus on and scraped
/// every second (far more often than a Prometheus default of 15 s), same process, same load.
/// Then the instruments' own cost per writer group, timed in a loop with the exporter listening.
/// </summary>
public static class TelemetryBenchmark
{
    public sealed record Run(Latencies Push, Latencies Acknowledged, int Scrapes);

    public static async Task<Run> PushLatencyAsync(ShiftedTime county, bool exported, int eventsPerSecond, int seconds, int warmup)
    {
        using var app = new LiveBoardApp(time: county, extra: new Dictionary<string, string?>
        {
            ["LiveBoard:Telemetry:Prometheus:Enabled"] = exported ? "true" : "false",
        });
        try
        {
            var displayKey = await app.DeviceKeyAsync(DeviceRole.Display);
            using var sender = await app.DeviceClientAsync();
            var sentAt = new long[eventsPerSecond * (warmup + seconds + 5) + 2];
            var push = new Latencies(sentAt.Length);
            var acknowledged = new Latencies(sentAt.Length);
            var measuring = false;
            await using var hub = await RawHubClient.ConnectAsync(app.BaseAddress, displayKey);
            hub.OnRawPush = (record, at) =>
            {
                // The marker travels as "in":N, as in P1.
                var p = record.IndexOf("\"in\":", StringComparison.Ordinal);
                if (p < 0)
                    return;
                var digits = p + 5;
                var marker = 0;
                while (digits < record.Length && char.IsAsciiDigit(record[digits]))
                    marker = (marker * 10) + (record[digits++] - '0');
                if (marker > 0 && marker < sentAt.Length && Volatile.Read(ref measuring) && Volatile.Read(ref sentAt[marker]) is var sent and > 0)
                    push.Add(at - sent);
            };
            await hub.InvokeAsync("Join", "county", null);

            using var stopScraping = new CancellationTokenSource();
            var scrapes = 0;
            var scraper = exported ? Task.Run(async () =>
            {
                using var http = new HttpClient { BaseAddress = app.BaseAddress };
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
                try
                {
                    while (await timer.WaitForNextTickAsync(stopScraping.Token))
                    {
                        (await http.GetAsync("/metrics", stopScraping.Token)).EnsureSuccessStatusCode();
                        scrapes++;
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }) : Task.CompletedTask;

            var interval = 1.0 / eventsPerSecond;
            var start = Stopwatch.GetTimestamp();
            for (var marker = 1; marker < sentAt.Length; marker++)
            {
                var due = start + (long)((marker - 1) * interval * Stopwatch.Frequency);
                var now = Stopwatch.GetTimestamp();
                if (now - start > (warmup + seconds) * Stopwatch.Frequency)
                    break;
                if (due > now)
                    await Task.Delay(TimeSpan.FromSeconds((due - now) / (double)Stopwatch.Frequency));
                Volatile.Write(ref measuring, Stopwatch.GetTimestamp() - start > warmup * Stopwatch.Frequency);
                var posted = Stopwatch.GetTimestamp();
                Volatile.Write(ref sentAt[marker], posted);
                var e = new DoorCountedEvent { EventId = $"t-{marker}", OccurredAt = county.GetUtcNow(), Hall = "CTY", In = marker };
                (await LiveBoardApp.PostAsync(sender, e)).EnsureSuccessStatusCode();
                if (Volatile.Read(ref measuring))
                    acknowledged.Add(Stopwatch.GetTimestamp() - posted);
            }
            await Task.Delay(500);
            Volatile.Write(ref measuring, false);
            await stopScraping.CancelAsync();
            await scraper;
            return new Run(push, acknowledged, scrapes);
        }
        finally
        {
            app.DeleteData();
        }
    }

    /// <summary>
    /// What the writer and the bus record per group (one commit, one delivery), timed in a loop on
    /// the app's own instruments: nanoseconds and bytes allocated per group, with Prometheus
    /// listening (<paramref name="exported"/>) or with nothing listening.
    /// </summary>
    public static (double Nanoseconds, double Bytes) PerGroup(ShiftedTime county, bool exported)
    {
        using var app = new LiveBoardApp(time: county, extra: new Dictionary<string, string?>
        {
            ["LiveBoard:Telemetry:Prometheus:Enabled"] = exported ? "true" : "false",
        });
        try
        {
            var ingest = app.Services.GetRequiredService<IngestMetrics>();
            var live = app.Services.GetRequiredService<LiveMetrics>();
            IReadOnlyList<LiveEvent> delivered = [new LiveEvent { ClientEventId = "x", ReceivedAt = county.GetUtcNow() }];
            const int rounds = 2_000_000;
            for (var i = 0; i < rounds / 10; i++)
            {
                ingest.Committed(3, TimeSpan.FromMilliseconds(2));
                live.Delivered(delivered, BusRoute.Local);
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < rounds; i++)
            {
                ingest.Committed(3, TimeSpan.FromMilliseconds(2));
                live.Delivered(delivered, BusRoute.Local);
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
            return (elapsed.TotalNanoseconds / rounds, bytes / (double)rounds);
        }
        finally
        {
            app.DeleteData();
        }
    }
}
