using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;
using Microsoft.Playwright;

namespace LiveBoard.EndToEndTests;

public sealed class OverviewPageTests(Browser browser) : IClassFixture<Browser>, IDisposable
{
    private readonly LiveBoardApp app = new();

    public void Dispose()
    {
        app.Dispose();
        app.DeleteData();
    }

    [Fact]
    public async Task An_event_posted_to_the_api_appears_on_the_open_page_without_a_reload()
    {
        var page = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var circuitErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                circuitErrors.Add(message.Text);
        };
        await SignIn.AsAsync(page, app.BaseAddress, "leader");
        // The row of the data grid that holds the hall's link.
        var waiting = page.Locator("tr", new() { Has = page.GetByTestId("hall-T01") }).GetByTestId("hall-waiting");
        await Assertions.Expect(waiting).ToHaveTextAsync("0");
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;
        // The page is prerendered: wait until the interactive circuit is up, or fail here.
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=county-clock]') && window.Blazor !== undefined", null, new() { Timeout = 15_000 });
        var clock = await page.GetByTestId("county-clock").TextContentAsync();
        await Assertions.Expect(page.GetByTestId("county-clock")).Not.ToHaveTextAsync(clock!, new() { Timeout = Wait.Live });

        using var device = await app.DeviceClientAsync();
        (await LiveBoardApp.PostBatchAsync(device,
            new TicketIssuedEvent { EventId = "e2e-1", OccurredAt = app.Time.GetUtcNow(), Hall = "T01", Ticket = "A001", Business = "A" },
            new TicketIssuedEvent { EventId = "e2e-2", OccurredAt = app.Time.GetUtcNow(), Hall = "T01", Ticket = "A002", Business = "A" })).EnsureSuccessStatusCode();

        await Assertions.Expect(waiting).ToHaveTextAsync("2", new() { Timeout = Wait.Live });
        Assert.Equal(0, navigations);
        Assert.Empty(circuitErrors);
    }

    [Fact]
    public async Task Without_a_circuit_the_page_stays_frozen_so_the_live_test_above_would_fail()
    {
        // Blocks the Blazor script: the prerendered page loads but never connects. This proves the
        // live test cannot pass on prerendered HTML alone.
        var context = await browser.Chromium.NewContextAsync();
        await context.RouteAsync("**/_framework/blazor.web*.js", route => route.AbortAsync());
        var page = await context.NewPageAsync();
        await SignIn.AsAsync(page, app.BaseAddress, "leader");
        var clock = await page.GetByTestId("county-clock").TextContentAsync();

        await Task.Delay(2_500);

        Assert.Equal(clock, await page.GetByTestId("county-clock").TextContentAsync());
        await context.DisposeAsync();
    }
}
