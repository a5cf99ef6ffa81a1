using System.Diagnostics;
using System.Net.Http.Json;
using LiveBoard.Bench;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using LiveBoard.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

// dotnet run -c Release --project bench/LiveBoard.Bench [-- p1|p2|p3|p4|p5|reports|telemetry|public|all|soak] [--seconds 60] [--warmup 10] [--minutes 10] [--walls 40]
var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var seconds = Option("--seconds", 60);
var warmup = Option("--warmup", 10);
var county = ShiftedTime.At(new TimeOnly(10, 0));
Console.WriteLine($"LiveBoard benchmarks — {Environment.ProcessorCount} cores, .NET {Environment.Version}, measured {seconds} s after {warmup} s warm-up, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

if (what is "p4" or "all")
    await P4Async();
if (what is "p1" or "all")
    await P1Async();
if (what is "p2" or "all")
    await P2Async();
if (what is "p3" or "all")
    await P3Async();
if (what is "p5" or "all")
    await P5Async();
if (what is "reports" or "all")
    await ReportsAsync();
if (what is "telemetry" or "all")
    await TelemetryAsync();
if (what is "public" or "all")
    await PublicAsync();
if (what is "soak")
{
    Console.WriteLine();
    Console.WriteLine($"Soak  one wall open for {Option("--minutes", 10)} minutes, the demo county at 60x");
    await Soak.RunAsync(Option("--minutes", 10));
}
return;

// What the telemetry adds to ingest -> push. The machine is shared: the runs take turns (nothing
// exported, Prometheus on, nothing, Prometheus, ...) so that both see the same neighbours, and each
// kind's samples are pooled.
async Task TelemetryAsync()
{
    var rate = Option("--rate", 50);
    var rounds = Option("--rounds", 2);
    Console.WriteLine();
    Console.WriteLine($"Telemetry  ingest -> push to one hub client, {rate} events/s one per request; {rounds} rounds of: nothing exported, then Prometheus on and scraped every second");
    var off = new List<TelemetryBenchmark.Run>();
    var on = new List<TelemetryBenchmark.Run>();
    for (var round = 1; round <= rounds; round++)
    {
        foreach (var exported in new[] { false, true })
        {
            var run = await TelemetryBenchmark.PushLatencyAsync(county, exported, rate, seconds, warmup);
            (exported ? on : off).Add(run);
            Console.WriteLine($"  round {round}, {(exported ? "Prometheus, scraped 1/s" : "nothing exported      ")}  ingest -> push {run.Push.Summary()}   ({run.Push.Count:N0} events{(exported ? $", {run.Scrapes} scrapes" : "")})");
        }
    }
    var offPush = Latencies.Pool([.. off.Select(r => r.Push)]);
    var onPush = Latencies.Pool([.. on.Select(r => r.Push)]);
    Console.WriteLine($"  pooled, nothing exported        {offPush.Summary()}   ack {Latencies.Pool([.. off.Select(r => r.Acknowledged)]).Summary()}");
    Console.WriteLine($"  pooled, Prometheus scraped 1/s  {onPush.Summary()}   ack {Latencies.Pool([.. on.Select(r => r.Acknowledged)]).Summary()}");
    Console.WriteLine($"  added: p50 {onPush.Percentile(50) - offPush.Percentile(50):+0.00;-0.00} ms   p99 {onPush.Percentile(99) - offPush.Percentile(99):+0.00;-0.00} ms   p99.9 {onPush.Percentile(99.9) - offPush.Percentile(99.9):+0.00;-0.00} ms");
    var listening = TelemetryBenchmark.PerGroup(county, exported: true);
    var silent = TelemetryBenchmark.PerGroup(county, exported: false);
    Console.WriteLine($"  the instruments per writer group (one commit, one delivery): {listening.Nanoseconds:0} ns and {listening.Bytes:0} bytes with Prometheus listening, {silent.Nanoseconds:0} ns and {silent.Bytes:0} bytes with nothing listening");
    Console.WriteLine("  target: <= 2 ms added at p99 on ingest -> push");
}

// The public results page under a crowd, beside an uncached server-rendered page and the liveness probe.
async Task PublicAsync()
{
    var clients = Option("--clients", 64);
    Console.WriteLine();
    Console.WriteLine($"Public results  {clients} clients asking as fast as answered (client and server in one process: CPU is both); load average {LoadAverage()} at start");
    foreach (var run in await PublicBenchmark.RunAsync(county, clients, seconds, warmup))
        Console.WriteLine($"  {run.Path,-22} {run.RequestsPerSecond,8:N0} requests/s   {run.Latency.Summary()}   {run.CpuMicrosecondsPerRequest,6:N0} µs CPU per request   {run.Bytes:N0} bytes");
    Console.WriteLine($"  load average {LoadAverage()} at end; target: >= 1,000 requests/s for /public, its CPU per request near the probe's, far below the uncached page's");
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

async Task P2Async()
{
    Console.WriteLine();
    Console.WriteLine("P2  ingest -> changed pixels on 10 wall displays in Chromium (next animation frame after the DOM change), 50 events/s");
    foreach (var interval in new[] { LiveBoard.Client.Live.LiveRendering.Default.MinInterval, TimeSpan.FromMilliseconds(40), TimeSpan.Zero })
    {
        var (latency, longTasks, events) = await WallBenchmarks.ChangedPixelsAsync(interval, seconds, warmup);
        Console.WriteLine($"  renders at most every {interval.TotalMilliseconds,3:0} ms: {latency.Summary()}   long tasks {longTasks}   ({events} events x 10 displays)");
    }
    Console.WriteLine("  target: p50 <= 25 ms, p99 <= 50 ms, no long tasks");
    Console.WriteLine("  reference: 100 ms feels instant; Grafana Live \"several hundred ms\"; Grafana's refresh floor 5 s");
}

async Task P3Async()
{
    Console.WriteLine();
    // --walls N: the step between samples (40 by default: 0/40/80/120); a smaller step when the machine is too busy to open 120 pages in time.
    var step = Option("--walls", 40);
    Console.WriteLine($"P3  managed memory per open wall circuit (slope over 0/{step}/{2 * step}/{3 * step} walls, forced full GC before each sample)");
    var (perCircuit, control, samples) = await WallBenchmarks.MemoryPerCircuitAsync([0, step, 2 * step, 3 * step]);
    foreach (var (pages, bytes) in samples)
        Console.WriteLine($"  {pages,4} walls open: {bytes / 1024.0 / 1024.0,8:0.0} MB managed");
    Console.WriteLine($"  per wall circuit: {perCircuit / 1024.0,6:0.0} KB   (control, about:blank pages: {control / 1024.0:0.0} KB each, subtracted)");
    Console.WriteLine("  target: <= 250 KB; reference: Microsoft, ~250 KB per Hello World circuit; a template counter page ~130 KB here (DESIGN.md, not re-measured)");
}

async Task P5Async()
{
    const int rate = 1000;
    Console.WriteLine();
    Console.WriteLine($"P5  two instances, PostgreSQL (fsync on) + Redis; {rate} events/s posted to A; hub client on A and on B; Redis killed at 20 s for 5 s");
    var r = await ScaleOutBenchmark.RunAsync(rate, seconds, warmup, killAtSecond: 20, outageSeconds: 5);
    Console.WriteLine($"  ingest at A -> hub client on A      {r.ToA.Summary()}   (steady state, Redis up)");
    Console.WriteLine($"  ingest at A -> hub client on B      {r.ToB.Summary()}");
    Console.WriteLine($"  added across instances (B - A)      {r.Added.Summary()}   ({r.Added.Count:N0} events)");
    Console.WriteLine($"  Redis down {r.OutageSeconds:0.0} s: {r.Acknowledged:N0} events acknowledged, lost at B {r.Lost}, duplicated at B {r.Duplicated}, post errors {r.Errors}");
    Console.WriteLine($"  during the outage B heard A's events within {r.WorstDuringOutageMs:0} ms at worst (journal tail check); caught up {r.CaughtUpAfterRestartMs:0} ms after the restart");
    Console.WriteLine("  target: <= 2 ms added at p99; 0 events lost");
    Console.WriteLine("  reference: SignalR's Redis backplane loses every message sent while Redis is down");
}

async Task ReportsAsync()
{
    var perYear = Option("--tickets", 3_000_000);
    Console.WriteLine();
    Console.WriteLine($"Reports  a year of a county in SQLite ({perYear:N0} tickets, a third of them reviewed), pages rendered for a signed-in leader");
    var r = await ReportsBenchmark.RunAsync(perYear, repetitions: 10);
    Console.WriteLine($"  generated {r.Tickets:N0} tickets and {r.Reviews:N0} reviews in {r.GenerateSeconds:0.0} s; database {r.DatabaseBytes / 1024.0 / 1024.0:N0} MB");
    Console.WriteLine($"  first start: rolled up {r.RolledDays} county days and published the rankings in {r.RollSeconds:0.0} s");
    Console.WriteLine($"  baseline: the year's figures straight from the records (no rollups): {r.BaselineYearMs:N0} ms");
    Console.WriteLine($"  {"page (whole HTTP request, 10 runs after one warm-up)",-62} {"bytes",9}   latency");
    foreach (var page in r.Pages)
        Console.WriteLine($"  {page.Path,-62} {page.Bytes,9:N0}   p50 {page.Latency.Percentile(50),7:0.0} ms   max {page.Latency.Percentile(100),7:0.0} ms");
    Console.WriteLine("  target: any statistics page under 1 s on SQLite");
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

// Every app in the benchmark runs at 10:00 on the tests' working day, whatever the hour it is run at.
IngestEvent Door(string id, int people = 1) => new DoorCountedEvent { EventId = id, OccurredAt = county.GetUtcNow(), Hall = "CTY", In = people };

// P4 — durable ingest into SQLite (WAL, group commit) against one SaveChanges per request and
// against a plaintext endpoint, same process, same client, same concurrency.
async Task P4Async()
{
    using var app = new LiveBoardApp(services: s => s.AddSingleton<IStartupFilter, BenchEndpoints>(), time: county);
    try
    {
        var key = await app.DeviceKeyAsync(DeviceRole.Sender);
        const int clients = 64;
        Console.WriteLine();
        Console.WriteLine($"P4  durable ingest, {clients} concurrent HTTP clients on loopback");
        var plaintext = await LoadAsync(app, key, clients, async (http, n) => (await http.GetAsync("/bench/plaintext")).EnsureSuccessStatusCode(), 1);
        var naive = await LoadAsync(app, key, clients, async (http, n) => (await http.PostAsJsonAsync("/bench/savechanges", Door($"naive-{n}"), LiveJson.Options)).EnsureSuccessStatusCode(), 1);
        var single = await LoadAsync(app, key, clients, async (http, n) => (await LiveBoardApp.PostAsync(http, Door($"single-{n}"))).EnsureSuccessStatusCode(), 1);
        const int batch = 50;
        var batched = await LoadAsync(app, key, clients, async (http, n) =>
            (await LiveBoardApp.PostBatchAsync(http, [.. Enumerable.Range(0, batch).Select(i => Door($"batch-{n}-{i}"))])).EnsureSuccessStatusCode(), batch);

        Console.WriteLine($"  {"scenario",-44} {"events/s",10}   acknowledgement latency");
        Print("plaintext GET (HTTP ceiling, not durable)", plaintext);
        Print("baseline: one SaveChanges per request", naive);
        Print("LiveBoard: one event per request", single);
        Print($"LiveBoard: {batch} events per batch request", batched);
        Console.WriteLine($"  target: >= 10,000 events/s, p99 acknowledgement <= 10 ms, >= 20x one SaveChanges per request");
        Console.WriteLine($"  ratio to one SaveChanges per request: single {single.Rate / naive.Rate:0.0}x, batched {batched.Rate / naive.Rate:0.0}x");
        Console.WriteLine("  reference: SQLite FAQ, \"a few dozen transactions per second\" unbatched on a spinning disk");
    }
    finally
    {
        app.DeleteData();
    }

    static void Print(string name, (double Rate, Latencies Latency, int Errors) r) =>
        Console.WriteLine($"  {name,-44} {r.Rate,10:N0}   {r.Latency.Summary()}{(r.Errors > 0 ? $"   errors {r.Errors}" : "")}");
}

async Task<(double Rate, Latencies Latency, int Errors)> LoadAsync(LiveBoardApp app, string key, int clients, Func<HttpClient, long, Task> request, int eventsPerRequest)
{
    var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
    using var http = new HttpClient(handler) { BaseAddress = app.BaseAddress };
    http.DefaultRequestHeaders.Authorization = new("Bearer", key);
    var latency = new Latencies(20_000_000);
    long counter = 0, measured = 0;
    var errors = 0;
    var end = Stopwatch.GetTimestamp() + (long)((warmup + seconds) * (double)Stopwatch.Frequency);
    var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup * (double)Stopwatch.Frequency);
    var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
    {
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            if (started >= end)
                return;
            try
            {
                await request(http, Interlocked.Increment(ref counter));
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
                continue;
            }
            var finished = Stopwatch.GetTimestamp();
            if (started >= measureFrom && finished < end)
            {
                latency.Add(finished - started);
                Interlocked.Add(ref measured, eventsPerRequest);
            }
        }
    })).ToArray();
    await Task.WhenAll(workers);
    return (measured / (double)seconds, latency, errors);
}

// P1 — ingest → hub client receives, 1,000 WebSocket clients each joined to the county.
async Task P1Async()
{
    var clientCount = Option("--clients", 1000);
    const int eventsPerSecond = 12;
    using var app = new LiveBoardApp(time: county);
    try
    {
        var displayKey = await app.DeviceKeyAsync(DeviceRole.Display);
        using var sender = await app.DeviceClientAsync();
        Console.WriteLine();
        Console.WriteLine($"P1  ingest -> hub client, {clientCount} WebSocket clients joined to the county, {eventsPerSecond} events/s posted one per request");

        var sentAt = new long[1_000_000];
        var latency = new Latencies(eventsPerSecond * clientCount * (seconds + 5));
        var measuring = false;
        var acknowledged = new Latencies(eventsPerSecond * (seconds + 5));
        long received = 0;
        var hubs = new List<RawHubClient>();
        for (var i = 0; i < clientCount; i += 50)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(50, clientCount - i)).Select(_ => RawHubClient.ConnectAsync(app.BaseAddress, displayKey)));
            foreach (var hub in batch)
            {
                hub.OnRawPush = (record, at) =>
                {
                    // Deltas of door counts carry the marker as "in":N; find each without parsing.
                    for (var p = record.IndexOf("\"in\":", StringComparison.Ordinal); p >= 0; p = record.IndexOf("\"in\":", p + 5, StringComparison.Ordinal))
                    {
                        var digits = p + 5;
                        var marker = 0;
                        while (digits < record.Length && char.IsAsciiDigit(record[digits]))
                            marker = (marker * 10) + (record[digits++] - '0');
                        if (marker > 0 && marker < sentAt.Length && Volatile.Read(ref measuring) && Volatile.Read(ref sentAt[marker]) is var sent and > 0)
                        {
                            latency.Add(at - sent);
                            Interlocked.Increment(ref received);
                        }
                    }
                };
                await hub.InvokeAsync("Join", "county", null);
            }
            hubs.AddRange(batch);
        }
        Console.WriteLine($"  {hubs.Count} clients connected and joined");

        var interval = TimeSpan.FromSeconds(1.0 / eventsPerSecond);
        var marker = 0;
        var start = Stopwatch.GetTimestamp();
        var total = warmup + seconds;
        for (var n = 0; ; n++)
        {
            var due = start + (long)(n * interval.TotalSeconds * Stopwatch.Frequency);
            var now = Stopwatch.GetTimestamp();
            if (now - start > total * Stopwatch.Frequency)
                break;
            if (due > now)
                await Task.Delay(TimeSpan.FromSeconds((due - now) / (double)Stopwatch.Frequency));
            Volatile.Write(ref measuring, Stopwatch.GetTimestamp() - start > warmup * Stopwatch.Frequency);
            marker++;
            // The marker travels in the event ("in" people) and back in the delta.
            var posted = Stopwatch.GetTimestamp();
            Volatile.Write(ref sentAt[marker], posted);
            (await LiveBoardApp.PostAsync(sender, Door($"p1-{marker}", marker))).EnsureSuccessStatusCode();
            if (Volatile.Read(ref measuring))
                acknowledged.Add(Stopwatch.GetTimestamp() - posted);
        }
        await Task.Delay(1000);
        Volatile.Write(ref measuring, false);

        Console.WriteLine($"  outbound messages received {received / (double)seconds,10:N0}/s   {latency.Summary()}");
        Console.WriteLine($"  of which ingest to acknowledgement (commit)      {acknowledged.Summary()}");
        Console.WriteLine($"  target: >= 10,000 messages/s, p50 <= 5 ms, p99 <= 25 ms");
        Console.WriteLine("  reference: one Azure SignalR unit, 2,000 messages/s at p99 < 1 s");
        await Task.WhenAll(hubs.Select(h => h.DisposeAsync().AsTask()));
    }
    finally
    {
        app.DeleteData();
    }
}
