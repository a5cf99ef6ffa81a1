using Microsoft.Playwright;

namespace LiveBoard.EndToEndTests;

/// <summary>The wall display as a test sees it.</summary>
public sealed class WallPage(IPage page)
{
    public IPage Page => page;

    public ILocator Wall => page.GetByTestId("wall");

    public ILocator Alert => page.GetByTestId("wall-alert");

    public ILocator Tile(string hallCode) => page.GetByTestId($"tile-{hallCode}");

    public ILocator Waiting => page.GetByTestId("wall-waiting").Locator(".kpi-value");

    public ILocator ReconnectBanner => page.GetByTestId("reconnect-banner");

    public static async Task<WallPage> OpenAsync(IBrowser browser, Uri baseAddress, string key, string culture = "en", int? holdPage = null, int width = 1920, int height = 1080)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var url = $"{baseAddress}wall?key={Uri.EscapeDataString(key)}&culture={culture}" + (holdPage is { } p ? $"&page={p}" : "");
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        var wall = new WallPage(page);
        await Assertions.Expect(wall.Wall).ToBeVisibleAsync();
        // The prerendered page is replaced by the circuit's first render; the clock moving is the
        // sign that the live one is on screen.
        var clock = await page.GetByTestId("wall-clock").InnerTextAsync();
        await Assertions.Expect(page.GetByTestId("wall-clock")).Not.ToHaveTextAsync(clock, new() { Timeout = Wait.Live });
        return wall;
    }

    public async Task<int> CurrentPageAsync() => int.Parse((await Wall.GetAttributeAsync("data-page"))!, System.Globalization.CultureInfo.InvariantCulture);
}
