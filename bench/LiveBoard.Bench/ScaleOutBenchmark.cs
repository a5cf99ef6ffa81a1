using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.Bench;

/// <summary>
/// P5: two instances (A and B) on one PostgreSQL database (fsync on) and one Redis. Events are
/// posted to A at a steady rate; a hub client on each instance records when each event arrives.
/// The added cross-instance latency is, per event, arrival at B minus arrival at A. Part-way
/// through, Redis is killed and started again; every event A acknowledged must reach B once.
/// </summary>
public static class ScaleOutBenchmark
{
    public sealed record Result(
        Latencies ToA, Latencies ToB, Latencies Added, int Acknowledged, int Lost, int Duplicated,
        double OutageSeconds, double CaughtUpAfterRestartMs, double WorstDuringOutageMs, int Errors);

    public static async Task<Result> RunAsync(int eventsPerSecond, int seconds, int warmup, int killAtSecond, int outageSeconds)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var postgres = await PostgresServer.StartAsync(durable: true);
        var settings = ScaleOutSettings.For(await postgres.CreateDatabaseAsync(), redis);
        var time = ShiftedTime.At(new TimeOnly(10, 0));
        using var a = new LiveBoardApp(extra: settings, time: time);
        using var b = new LiveBoardApp(extra: settings, time: time);
        while (!(a.Services.GetRequiredService<ILiveBus>().IsConnected && b.Services.GetRequiredService<ILiveBus>().IsConnected))
            await Task.Delay(100);

        var capacity = eventsPerSecond * (seconds + warmup + 10);
        var sentAt = new long[capacity + 1];
        var atA = new long[capacity + 1];
        var atB = new long[capacity + 1];
        var seenAtB = new int[capacity + 1];
        var key = await a.DeviceKeyAsync(DeviceRole.Display);
        await using var hubA = await RawHubClient.ConnectAsync(a.BaseAddress, key);
        await using var hubB = await RawHubClient.ConnectAsync(b.BaseAddress, key);
        // Each event is known by its sequence number: in the acknowledgement and in every delta.
        var first = a.State.LastSequence + 1;
        hubA.OnRawPush = (record, at) => Sequences(record, first, capacity, marker => Volatile.Write(ref atA[marker], at));
        hubB.OnRawPush = (record, at) => Sequences(record, first, capacity, marker =>
        {
            Interlocked.Increment(ref seenAtB[marker]);
            Volatile.Write(ref atB[marker], at);
        });
        await hubA.InvokeAsync("Join", "county", null);
        await hubB.InvokeAsync("Join", "county", null);

        using var sender = await a.DeviceClientAsync();
        var acknowledged = new ConcurrentBag<int>();
        var errors = 0;
        var posts = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        var total = warmup + seconds;
        long killedAt = 0, restartedAt = 0;
        var interval = 1.0 / eventsPerSecond;
        for (var marker = 1; marker <= capacity; marker++)
        {
            var due = start + (long)((marker - 1) * interval * Stopwatch.Frequency);
            var now = Stopwatch.GetTimestamp();
            if ((now - start) / (double)Stopwatch.Frequency > total)
                break;
            if (due > now + (Stopwatch.Frequency / 1000))
                await Task.Delay(TimeSpan.FromSeconds((due - now) / (double)Stopwatch.Frequency));
            var elapsed = (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
            if (killedAt == 0 && elapsed >= warmup + killAtSecond)
            {
                redis.Kill();
                killedAt = Stopwatch.GetTimestamp();
            }
            if (killedAt != 0 && restartedAt == 0 && elapsed >= warmup + killAtSecond + outageSeconds)
            {
                await redis.StartAgainAsync();
                restartedAt = Stopwatch.GetTimestamp();
            }
            var m = marker;
            posts.Add(Task.Run(async () =>
            {
                try
                {
                    var sent = Stopwatch.GetTimestamp();
                    var response = await LiveBoardApp.PostAsync(sender, new DoorCountedEvent { EventId = $"p5-{m}", OccurredAt = a.Time.GetUtcNow(), Hall = "CTY", In = 1 });
                    response.EnsureSuccessStatusCode();
                    var sequence = (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["sequence"]!;
                    var index = (int)(sequence - first + 1);
                    Volatile.Write(ref sentAt[index], sent);
                    acknowledged.Add(index);
                }
                catch (HttpRequestException ex)
                {
                    if (Interlocked.Increment(ref errors) <= 3)
                        Console.WriteLine($"  post failed at {(Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency:0.0} s: {ex.Message}");
                }
            }));
        }
        await Task.WhenAll(posts);
        await Task.Delay(TimeSpan.FromSeconds(5));

        var measureFrom = start + (long)(warmup * (double)Stopwatch.Frequency);
        // Steady state: Redis up, not within two seconds after the restart (the catch-up).
        bool Steady(long sent) => sent >= measureFrom && (sent < killedAt || sent > restartedAt + (2 * Stopwatch.Frequency));
        var toA = new Latencies(capacity);
        var toB = new Latencies(capacity);
        var added = new Latencies(capacity);
        var lost = 0;
        var duplicated = 0;
        long lastArrivalOfOutage = 0;
        double worstDuringOutage = 0;
        foreach (var m in acknowledged)
        {
            if (seenAtB[m] == 0)
            {
                lost++;
                continue;
            }
            if (seenAtB[m] > 1)
                duplicated++;
            var sent = sentAt[m];
            if (sent >= killedAt && sent <= restartedAt)
            {
                lastArrivalOfOutage = Math.Max(lastArrivalOfOutage, atB[m]);
                worstDuringOutage = Math.Max(worstDuringOutage, (atB[m] - sent) * 1000.0 / Stopwatch.Frequency);
            }
            if (!Steady(sent) || atA[m] == 0)
                continue;
            toA.Add(atA[m] - sent);
            toB.Add(atB[m] - sent);
            added.Add(Math.Max(0, atB[m] - atA[m]));
        }
        return new Result(toA, toB, added, acknowledged.Count, lost, duplicated,
            (restartedAt - killedAt) / (double)Stopwatch.Frequency,
            Math.Max(0, (lastArrivalOfOutage - restartedAt) * 1000.0 / Stopwatch.Frequency), worstDuringOutage, errors);
    }

    /// <summary>Finds each delta's "seq":N without parsing the JSON (the receiver must keep up); hands on its index from <paramref name="first"/>.</summary>
    private static void Sequences(string record, long first, int capacity, Action<int> found)
    {
        for (var p = record.IndexOf("\"seq\":", StringComparison.Ordinal); p >= 0; p = record.IndexOf("\"seq\":", p + 6, StringComparison.Ordinal))
        {
            var digits = p + 6;
            long sequence = 0;
            while (digits < record.Length && char.IsAsciiDigit(record[digits]))
                sequence = (sequence * 10) + (record[digits++] - '0');
            var index = sequence - first + 1;
            if (index > 0 && index <= capacity)
                found((int)index);
        }
    }
}
