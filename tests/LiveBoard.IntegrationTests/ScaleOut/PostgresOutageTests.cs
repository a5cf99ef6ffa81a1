using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace LiveBoard.IntegrationTests.ScaleOut;

/// <summary>
/// Issue 17's fault test: two real server processes on one PostgreSQL and one Redis, ~100 events/s,
/// PostgreSQL stopped for 10 s and started again. Both must recover by themselves (nobody restarts
/// them), lose no acknowledged event, answer no 500, and say "not ready" during the outage and
/// "ready" after. Everything asserted is a count; the 10 s are the fault's length, never a limit.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private const int EventsBeforeOutage = 150; // per instance
    private const int EventsAfterRecovery = 150; // per instance, once it is ready again

    [Fact]
    public async Task Two_instances_ride_out_a_10_s_PostgreSQL_stop_under_load_losing_nothing_acknowledged_and_answering_no_500()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var postgres = await PostgresServer.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "liveboard-tests", Guid.NewGuid().ToString("N")); // unused: the data is in PostgreSQL
        var database = await postgres.CreateDatabaseAsync();
        var settings = ScaleOutSettings.For(database, redis);
        // The outage's and the recovery's lines, to count them.
        settings["Logging:LogLevel:LiveBoard"] = "Information";
        var time = ShiftedTime.At(new TimeOnly(10, 0));
        using var a = await ServerProcess.StartAsync(folder, LiveBoardApp.FreePort(), settings, time);
        using var b = await ServerProcess.StartAsync(folder, LiveBoardApp.FreePort(), settings, time);
        var senderKey = await ServerProcess.RunCommandAsync(folder, settings, "devices", "add", "door counter", "sender");
        // Never used before the outage: no instance has it in its cache, so it cannot be checked then.
        var unseenKey = await ServerProcess.RunCommandAsync(folder, settings, "devices", "add", "new door counter", "sender");

        using var loadA = new Sender("a", a, senderKey, time);
        using var loadB = new Sender("b", b, senderKey, time);
        var readyA = new Readiness(a);
        var readyB = new Readiness(b);
        using var stop = new CancellationTokenSource();
        var running = new[] { loadA.RunAsync(stop.Token), loadB.RunAsync(stop.Token), readyA.RunAsync(stop.Token), readyB.RunAsync(stop.Token) };

        await Until(() => loadA.Acknowledged.Count >= EventsBeforeOutage && loadB.Acknowledged.Count >= EventsBeforeOutage);
        await postgres.StopAsync();
        var outage = Task.Delay(TimeSpan.FromSeconds(10));
        // While it is down: not ready (both), and a key never seen cannot be checked — 503, not 401 or 500.
        await Until(() => readyA.NotReady > 0 && readyB.NotReady > 0);
        var unseen = new[] { await Post(a, unseenKey, "unseen-a", time), await Post(b, unseenKey, "unseen-b", time) };
        await outage;
        await postgres.StartAgainAsync();

        // Recovery by themselves: ready again, then acknowledging again.
        var readyBefore = (readyA.Ready, readyB.Ready);
        await Until(() => readyA.Ready > readyBefore.Item1 && readyB.Ready > readyBefore.Item2);
        var ackedAtRecovery = (loadA.Acknowledged.Count, loadB.Acknowledged.Count);
        await Until(() => loadA.Acknowledged.Count >= ackedAtRecovery.Item1 + EventsAfterRecovery && loadB.Acknowledged.Count >= ackedAtRecovery.Item2 + EventsAfterRecovery);
        await stop.CancelAsync();
        await Task.WhenAll(running);

        // What a device does with a 503: send the same events again. Each is stored exactly once.
        var retried = 0;
        foreach (var sender in new[] { loadA, loadB })
        {
            foreach (var id in sender.Refused)
            {
                var again = await sender.PostAsync(id, CancellationToken.None);
                Assert.True(again.IsSuccessStatusCode, $"retrying {id}: {(int)again.StatusCode}");
                retried++;
            }
        }

        var stored = await StoredIdsAsync(database);
        var acknowledged = loadA.Acknowledged.Concat(loadB.Acknowledged).ToList();
        var sent = loadA.Sent + loadB.Sent;
        var answers = loadA.Statuses.Concat(loadB.Statuses).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"sent {sent} events; answers {string.Join(", ", answers.OrderBy(x => x.Key).Select(x => $"{x.Key}: {x.Value}"))}; " +
            $"503 without Retry-After or problem details: {loadA.BadUnavailable + loadB.BadUnavailable}; no answer: {loadA.NoAnswer + loadB.NoAnswer}");
        output.WriteLine($"acknowledged {acknowledged.Count}, of them missing from the database: {acknowledged.Except(stored).Count()}; refused and retried {retried}; stored {stored.Count(id => id.StartsWith("load-", StringComparison.Ordinal))}");
        output.WriteLine($"readiness A: {readyA.Ready} ready, {readyA.NotReady} not ready, {readyA.Other} other; B: {readyB.Ready} ready, {readyB.NotReady} not ready, {readyB.Other} other");
        output.WriteLine($"unseen key during the outage: {string.Join(", ", unseen.Select(s => (int)s))}");
        var writerOutages = (Count(a.Log, "The event writer failed"), Count(b.Log, "The event writer failed"));
        var writerRecoveries = (Count(a.Log, "The event writer works again"), Count(b.Log, "The event writer works again"));
        output.WriteLine($"writer outage logged A {writerOutages.Item1}, B {writerOutages.Item2}; recovery logged A {writerRecoveries.Item1}, B {writerRecoveries.Item2}");
        // What each instance logged at warning level or above, one line per entry (stack traces left out).
        foreach (var (label, server) in new[] { ("A", a), ("B", b) })
        {
            var lines = server.Log.Split('\n');
            var entries = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("warn:", StringComparison.Ordinal) || x.l.StartsWith("fail:", StringComparison.Ordinal) || x.l.StartsWith("crit:", StringComparison.Ordinal))
                .Select(x => $"{x.l.Split(' ')[0]} {(x.i + 1 < lines.Length ? lines[x.i + 1].Trim() : "")}").ToList();
            output.WriteLine($"{label} logged {entries.Count} warnings and errors:");
            foreach (var entry in entries)
                output.WriteLine("  " + entry);
        }

        Assert.False(a.HasExited, "instance A exited:\n" + a.Log);
        Assert.False(b.HasExited, "instance B exited:\n" + b.Log);
        Assert.Empty(acknowledged.Except(stored));
        Assert.Equal(0, answers.Where(x => x.Key >= 500 && x.Key != 503).Sum(x => x.Value));
        Assert.Equal(0, answers.Where(x => x.Key is >= 400 and < 500).Sum(x => x.Value));
        Assert.Equal(0, loadA.NoAnswer + loadB.NoAnswer);
        Assert.Equal(0, loadA.BadUnavailable + loadB.BadUnavailable);
        Assert.True(answers.GetValueOrDefault(503) > 0, "no request met the outage");
        Assert.Equal(sent, acknowledged.Count + answers.GetValueOrDefault(503));
        // Every event sent is stored once, whether it was acknowledged at once or after a retry.
        Assert.Equal(sent, stored.Count(id => id.StartsWith("load-", StringComparison.Ordinal)));
        Assert.Equal(new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable }, unseen);
        Assert.Equal(0, readyA.Other + readyB.Other);
        Assert.Equal((1, 1), writerOutages);
        Assert.Equal((1, 1), writerRecoveries);
    }

    private static int Count(string log, string text) => log.Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal));

    private static async Task<HttpStatusCode> Post(ServerProcess server, string key, string id, ShiftedTime time)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var response = await LiveBoardApp.PostAsync(http, new DoorCountedEvent { EventId = id, OccurredAt = time.GetUtcNow(), Hall = "T09", In = 1 });
        return response.StatusCode;
    }

    private static async Task<HashSet<string>> StoredIdsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"ClientEventId\" FROM \"Journal\"", connection);
        var ids = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>Waits for a condition on the counters; the limit only ends a broken run, it is no assertion on speed.</summary>
    private static async Task Until(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            if (condition())
                return;
            await Task.Delay(100);
        }
        Assert.Fail("The condition did not hold within two minutes.");
    }

    /// <summary>A door counter posting one event every ~20 ms to one instance (two of them: ~100 events/s), never retrying.</summary>
    private sealed class Sender(string name, ServerProcess server, string key, ShiftedTime time) : IDisposable
    {
        private readonly HttpClient http = new() { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60), DefaultRequestHeaders = { Authorization = new("Bearer", key) } };
        private readonly ConcurrentDictionary<string, DoorCountedEvent> events = new();

        public ConcurrentQueue<string> Acknowledged { get; } = new();
        public ConcurrentQueue<string> Refused { get; } = new();
        public ConcurrentQueue<int> Statuses { get; } = new();
        public int Sent { get; private set; }
        public int NoAnswer { get; private set; }
        public int BadUnavailable { get; private set; }

        public async Task RunAsync(CancellationToken stop)
        {
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            while (await Wait(pace, stop))
            {
                var id = $"load-{name}-{Sent}";
                events[id] = new DoorCountedEvent { EventId = id, OccurredAt = time.GetUtcNow(), Hall = "T09", In = 1 };
                Sent++;
                HttpResponseMessage response;
                try
                {
                    response = await PostAsync(id, CancellationToken.None);
                }
                catch (HttpRequestException)
                {
                    NoAnswer++;
                    continue;
                }
                Statuses.Enqueue((int)response.StatusCode);
                if (response.IsSuccessStatusCode)
                {
                    var ack = await response.Content.ReadFromJsonAsync<JsonObject>(CancellationToken.None);
                    Acknowledged.Enqueue((string)ack!["eventId"]!);
                }
                else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Refused.Enqueue(id);
                    if (response.Headers.RetryAfter is null || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        BadUnavailable++;
                }
            }
        }

        public Task<HttpResponseMessage> PostAsync(string id, CancellationToken cancellationToken) =>
            http.PostAsJsonAsync("/api/v1/events", (IngestEvent)events[id], Server.Live.LiveJson.Options, cancellationToken);

        public void Dispose() => http.Dispose();
    }

    /// <summary>Polls /health/ready every 100 ms and counts the answers.</summary>
    private sealed class Readiness(ServerProcess server)
    {
        private int ready, notReady, other;

        public int Ready => Volatile.Read(ref ready);
        public int NotReady => Volatile.Read(ref notReady);
        public int Other => Volatile.Read(ref other);

        public async Task RunAsync(CancellationToken stop)
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            while (await Wait(pace, stop))
            {
                try
                {
                    var status = (await http.GetAsync("/health/ready", CancellationToken.None)).StatusCode;
                    if (status == HttpStatusCode.OK)
                        Interlocked.Increment(ref ready);
                    else if (status == HttpStatusCode.ServiceUnavailable)
                        Interlocked.Increment(ref notReady);
                    else
                        Interlocked.Increment(ref other);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref other);
                }
            }
        }
    }

    private static async Task<bool> Wait(PeriodicTimer pace, CancellationToken stop)
    {
        try
        {
            return await pace.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
