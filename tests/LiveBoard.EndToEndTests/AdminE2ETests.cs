using LiveBoard.Client.Account;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;
using Microsoft.Playwright;

namespace LiveBoard.EndToEndTests;

/// <summary>
/// The administration in a browser: the admin makes a display key on /admin/displays, the wall opened
/// at the address the dialog shows is live; and a user the admin disables on /admin/users loses the
/// page they have open, without touching it.
/// </summary>
public sealed class AdminE2ETests(Browser browser) : IClassFixture<Browser>
{
    private static async Task<IPage> SignedInAsync(IBrowser chromium, Uri baseAddress, string user, string password, string returnUrl)
    {
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await page.GotoAsync($"{baseAddress}signin?returnUrl={Uri.EscapeDataString(returnUrl)}&culture=en");
        await page.Locator("input[name=userName]").FillAsync(user);
        await page.Locator("input[name=password]").FillAsync(password);
        await page.Locator("form[data-testid=signin-form] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        return page;
    }

    [Fact]
    public async Task The_admin_creates_a_display_whose_wall_is_live_and_a_user_disabled_on_the_page_loses_their_open_page()
    {
        // Open pages are re-checked every 2 s here (10 s by default), so the test waits less.
        using var app = new LiveBoardApp(extra: new Dictionary<string, string?> { ["LiveBoard:Accounts:RevalidateEvery"] = "00:00:02" });
        var adminPassword = (await app.AccountsAsync(accounts => accounts.ResetPasswordAsync("admin")))!;
        var admin = await SignedInAsync(browser.Chromium, app.BaseAddress, "admin", adminPassword, "/admin/displays");
        await Circuit.LiveAsync(admin);

        await admin.GetByTestId("device-create").ClickAsync();
        await admin.Locator("input[data-testid=device-name]").FillAsync("Wall, service centre lobby");
        await admin.GetByTestId("device-submit").ClickAsync();
        var address = await admin.Locator("input[data-testid=shown-screen-url]").InputValueAsync();
        Assert.StartsWith($"{app.BaseAddress}wall?key=lbk_", address, StringComparison.Ordinal);
        await Assertions.Expect(admin.GetByTestId("shown-screen-qr").Locator("svg")).ToBeVisibleAsync();
        await admin.GetByTestId("shown-done").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("devices-grid")).ToContainTextAsync("Wall, service centre lobby");

        var wall = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        await wall.GotoAsync(address + "&culture=en&page=1");
        await Assertions.Expect(wall.GetByTestId("wall")).ToBeVisibleAsync(new() { Timeout = Wait.Live });
        var clock = await wall.GetByTestId("wall-clock").InnerTextAsync();
        await Assertions.Expect(wall.GetByTestId("wall-clock")).Not.ToHaveTextAsync(clock, new() { Timeout = Wait.Live });
        using var device = await app.DeviceClientAsync();
        (await LiveBoardApp.PostBatchAsync(device,
            new TicketIssuedEvent { EventId = "e2e-1", OccurredAt = app.Time.GetUtcNow(), Hall = "T05", Ticket = "A001", Business = "A" },
            new TicketIssuedEvent { EventId = "e2e-2", OccurredAt = app.Time.GetUtcNow(), Hall = "T05", Ticket = "A002", Business = "A" })).EnsureSuccessStatusCode();
        await Assertions.Expect(wall.GetByTestId("wall-waiting").Locator(".kpi-value")).ToHaveTextAsync("2", new() { Timeout = Wait.Live });

        // A leader with the overview open; the admin disables them on the users' page.
        await app.AccountsAsync(accounts => accounts.CreateAsync("open.page", "Open Page", "Right-password-1", UserRole.Leader));
        var leader = await SignedInAsync(browser.Chromium, app.BaseAddress, "open.page", "Right-password-1", "/");
        await Assertions.Expect(leader.GetByTestId("county-clock")).ToBeVisibleAsync();
        await Circuit.LiveAsync(leader);
        await admin.GotoAsync($"{app.BaseAddress}admin/users");
        await Circuit.LiveAsync(admin);
        await admin.Locator("tr", new() { Has = admin.GetByTestId("user-open.page") }).GetByTestId("user-disable").ClickAsync();
        await admin.Locator(".mud-dialog-actions button", new() { HasText = "Disable" }).ClickAsync();
        await Assertions.Expect(admin.Locator("tr", new() { Has = admin.GetByTestId("user-open.page") }).GetByTestId("user-state")).ToHaveTextAsync("Disabled");

        // No reload, no click on the leader's page: it leaves for the sign-in form by itself.
        await Assertions.Expect(leader.GetByTestId("signin-form")).ToBeVisibleAsync(new() { Timeout = Wait.Live });
        app.DeleteData();
    }
}
