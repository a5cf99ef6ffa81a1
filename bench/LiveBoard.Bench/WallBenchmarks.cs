using System.Diagnostics;
using System.Globalization;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;
using Microsoft.Playwright;

namespace LiveBoard.Bench;

/// <summary>P2 and P3: the wall display in Debian's Chromium, driven by Playwright.</summary>
public static class WallBenchmarks
{
    private static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private static async Task<(IPlaywright, IBrowser)> ChromiumAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Args = ChromiumArgs });
        return (playwright, browser);
    }

    private static double EpochMilliseconds() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    // Records, in the page, when each new value of the county "waiting" figure reached the screen:
    // the next animation frame after the DOM change. And counts long tasks (> 50 ms).
    private const string Recorder = @"() => {
        window.paints = []; window.longTasks = 0;
        new PerformanceObserver(list => window.longTasks += list.getEntries().length).observe({ type: 'longtask' });
        const figure = document.querySelector('[data-testid=wall-waiting] .kpi-value');
        new MutationObserver(() => {
            const value = parseInt(figure.textContent.replace(/[^0-9]/g, ''), 10);
            requestAnimationFrame(() => window.paints.push([performance.timeOrigin + performance.now(), value]));
        }).observe(figure, { childList: true, characterData: true, subtree: true });
    }";

    /// <summary>P2: ingest → changed pixels on <paramref name="displays"/> wall displays.</summary>
    public static async Task<(Latencies Latency, int LongTasks, int Events)> ChangedPixelsAsync(
        TimeSpan minRenderInterval, int seconds, int warmup, int displays = 10, int eventsPerSecond = 50)
    {
        using var app = new LiveBoardApp(dataFolder: null,
            extra: new Dictionary<string, string?> { ["LiveBoard:Live:MinRenderInterval"] = minRenderInterval.ToString("c", CultureInfo.InvariantCulture) },
            countyTime: new TimeOnly(10, 0));
        var (playwright, browser) = await ChromiumAsync();
        try
        {
            var key = await app.DeviceKeyAsync(DeviceRole.Display);
            using var sender = await app.DeviceClientAsync();
            var pages = new List<IPage>();
            for (var i = 0; i < displays; i++)
            {
                var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
                await page.GotoAsync($"{app.BaseAddress}wall?key={Uri.EscapeDataString(key)}&culture=en&page=1");
                // The prerendered page is replaced by the circuit's first render: wait for the clock to move.
                var clock = await page.GetByTestId("wall-clock").InnerTextAsync();
                await Assertions.Expect(page.GetByTestId("wall-clock")).Not.ToHaveTextAsync(clock, new() { Timeout = 15_000 });
                await page.EvaluateAsync(Recorder);
                pages.Add(page);
            }

            // Event n raises the county's waiting figure to n: each ticket stays waiting.
            var total = (warmup + seconds) * eventsPerSecond;
            var sentAt = new double[total + 1];
            var start = Stopwatch.GetTimestamp();
            for (var n = 1; n <= total; n++)
            {
                var due = start + (long)((n - 1) / (double)eventsPerSecond * Stopwatch.Frequency);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                    await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency));
                var hall = $"T{(n % 20) + 1:00}";
                sentAt[n] = EpochMilliseconds();
                (await LiveBoardApp.PostAsync(sender, new TicketIssuedEvent
                {
                    EventId = $"p2-{n}", OccurredAt = app.Time.GetUtcNow(), Hall = hall, Ticket = $"A{n:0000}", Business = "A",
                })).EnsureSuccessStatusCode();
            }
            await Task.Delay(1500);

            var latency = new Latencies(total * displays);
            var longTasks = 0;
            foreach (var page in pages)
            {
                var paints = await page.EvaluateAsync<double[][]>("() => window.paints");
                longTasks += await page.EvaluateAsync<int>("() => window.longTasks");
                var p = 0;
                for (var n = warmup * eventsPerSecond + 1; n <= total; n++)
                {
                    while (p < paints.Length && paints[p][1] < n)
                        p++;
                    if (p < paints.Length)
                        latency.Add((long)((paints[p][0] - sentAt[n]) / 1000 * Stopwatch.Frequency));
                }
            }
            return (latency, longTasks, seconds * eventsPerSecond);
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
            app.DeleteData();
        }
    }

    /// <summary>
    /// P3: managed memory of the server per open wall circuit — the slope over 0, 40, 80, 120
    /// open walls, a forced full collection before each sample. The same number of about:blank
    /// pages is measured as a control (Playwright's own bookkeeping lives in this process too) and
    /// subtracted.
    /// </summary>
    public static async Task<(double PerCircuit, double Control, IReadOnlyList<(int Pages, long Bytes)> Samples)> MemoryPerCircuitAsync(int[] steps)
    {
        using var app = new LiveBoardApp(countyTime: new TimeOnly(10, 0));
        var (playwright, browser) = await ChromiumAsync();
        try
        {
            var key = await app.DeviceKeyAsync(DeviceRole.Display);
            async Task<List<(int, long)>> MeasureAsync(Func<IPage, Task> open)
            {
                var samples = new List<(int, long)>();
                var pages = new List<IPage>();
                foreach (var step in steps)
                {
                    while (pages.Count < step)
                    {
                        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
                        await open(page);
                        pages.Add(page);
                    }
                    await Task.Delay(2000);
                    samples.Add((step, CollectAndMeasure()));
                }
                foreach (var page in pages)
                    await page.CloseAsync();
                return samples;
            }
            var control = await MeasureAsync(page => page.GotoAsync("about:blank"));
            await Task.Delay(3000);
            var walls = await MeasureAsync(async page =>
            {
                // Generous waits: on a busy machine a hundred Chromium pages open slowly; the memory is what is measured.
                await page.GotoAsync($"{app.BaseAddress}wall?key={Uri.EscapeDataString(key)}&culture=en&page=1", new() { Timeout = 180_000 });
                var clock = await page.GetByTestId("wall-clock").InnerTextAsync(new() { Timeout = 180_000 });
                await Assertions.Expect(page.GetByTestId("wall-clock")).Not.ToHaveTextAsync(clock, new() { Timeout = 180_000 });
            });
            return (Slope(walls) - Slope(control), Slope(control), walls);
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
            app.DeleteData();
        }
    }

    private static long CollectAndMeasure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Least-squares slope, bytes per page.</summary>
    private static double Slope(IReadOnlyList<(int X, long Y)> samples)
    {
        var meanX = samples.Average(s => s.X);
        var meanY = samples.Average(s => (double)s.Y);
        return samples.Sum(s => (s.X - meanX) * (s.Y - meanY)) / samples.Sum(s => (s.X - meanX) * (s.X - meanX));
    }
}
