using LiveBoard.Server.Features.Devices;
using LiveBoard.Testing;
using Microsoft.Playwright;

namespace LiveBoard.Bench;

/// <summary>
/// A wall left running: the demo county at 60× (ten real minutes are ten county hours, through
/// lunch, closing and the after-hours view), sampling the server's managed memory and the page's
/// JavaScript heap and DOM size after forced collections on both sides.
/// </summary>
public static class Soak
{
    public static async Task RunAsync(int minutes)
    {
        using var app = new LiveBoardApp(
            extra: new Dictionary<string, string?> { ["LiveBoard:Demo:Simulate"] = "true", ["LiveBoard:Demo:Speed"] = "60", ["LiveBoard:Wall:RotationInterval"] = "00:00:05" },
            countyTime: new TimeOnly(10, 0));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        try
        {
            var key = await app.DeviceKeyAsync(DeviceRole.Display);
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
            await page.GotoAsync($"{app.BaseAddress}wall?key={Uri.EscapeDataString(key)}&culture=zh-CN");
            var cdp = await page.Context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Performance.enable");
            Console.WriteLine($"  {"minute",6} {"server MB",10} {"JS heap MB",11} {"DOM nodes",10}   county time");
            var samples = new List<(double Minute, double Server, double Heap, double Nodes)>();
            for (var minute = 0; minute <= minutes; minute++)
            {
                if (minute > 0)
                    await Task.Delay(TimeSpan.FromMinutes(1));
                for (var i = 0; i < 3; i++)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                }
                var server = GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0;
                await cdp.SendAsync("HeapProfiler.collectGarbage");
                var metrics = (await cdp.SendAsync("Performance.getMetrics"))!.Value.GetProperty("metrics").EnumerateArray()
                    .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
                var heap = metrics["JSHeapUsedSize"] / 1024 / 1024;
                var nodes = metrics["Nodes"];
                var county = await page.GetByTestId("wall-clock").InnerTextAsync();
                samples.Add((minute, server, heap, nodes));
                Console.WriteLine($"  {minute,6} {server,10:0.0} {heap,11:0.0} {nodes,10:0}   {county.Replace('\n', ' ')}");
            }
            // Growth: the slope over the second half, after the county day has filled today's figures.
            var half = samples.Skip(samples.Count / 2).ToList();
            Console.WriteLine($"  growth over the second half, per real hour: server {Slope(half, s => s.Server) * 60:+0.0;-0.0} MB, JS heap {Slope(half, s => s.Heap) * 60:+0.0;-0.0} MB, DOM nodes {Slope(half, s => s.Nodes) * 60:+0;-0}");
        }
        finally
        {
            app.DeleteData();
        }
    }

    private static double Slope<T>(IReadOnlyList<T> samples, Func<T, double> y) where T : struct
    {
        var xs = samples.Select((_, i) => (double)i).ToList();
        var meanX = xs.Average();
        var meanY = samples.Average(y);
        return samples.Select((s, i) => (xs[i] - meanX) * (y(s) - meanY)).Sum() / xs.Sum(x => (x - meanX) * (x - meanX));
    }
}
