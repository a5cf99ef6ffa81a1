using LiveBoard.Client.Account;
using LiveBoard.Client.Admin;
using LiveBoard.Client.Model;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Features.Organisation;
using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveBoard.EndToEndTests;

/// <summary>
/// The administration in a browser: the admin makes a display key on /admin/displays, the wall opened
/// at the address the dialog shows is live; and a user the admin disables on /admin/users loses the
/// page they have open, without touching it; and a county started in production with no demo is set
/// up from its own workbook through the browser alone.
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

    /// <summary>A small county as its administrator would type it into the template: two township halls, open every day.</summary>
    private static OrganisationRows SmallCounty(string secondWindowBusiness = "PENSION") => new(
        [new HallRow("T01", "城关镇便民服务中心", "Chengguan Township Service Hall", HallKind.Township, 80),
         new HallRow("T02", "东坝镇便民服务中心", "Dongba Township Service Hall", HallKind.Township, 60)],
        [.. new[] { "T01", "T02" }.SelectMany(hall => Enum.GetValues<DayOfWeek>().Select(day => new HoursRow(hall, day, new(8, 0), new(18, 0))))],
        [new DepartmentRow("HRSS", "人力资源和社会保障局", "Human Resources and Social Security")],
        [new BusinessRow("PENSION", "养老保险", "Pensions", "HRSS", 12)],
        [new WindowRow("T01", 1, "PENSION", "", ""), new WindowRow("T02", 1, secondWindowBusiness, "", "")],
        [new StaffRow("S0001", "王平", "Wang Ping", "窗口受理员", "T01", 1, "HRSS", "0739-8562466"),
         new StaffRow("S0002", "徐宇静", "Xu Yujing", "窗口受理员", "T02", 1, "HRSS", "0739-8781090")]);

    private static async Task ChooseWorkbookAsync(IPage page, string name, byte[] workbook)
    {
        await page.Locator("[data-testid=org-import] input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = name, MimeType = OrganisationWorkbook.XlsxContentType, Buffer = workbook });
        await Assertions.Expect(page.GetByTestId("org-import-file-name").Last).ToHaveTextAsync(name);
        await page.GetByTestId("org-import-check").ClickAsync();
    }

    [Fact]
    public async Task A_county_started_in_production_without_the_demo_is_set_up_from_its_workbook_in_the_browser_and_its_wall_is_live()
    {
        using var app = new LiveBoardApp(environment: "Production", extra: new Dictionary<string, string?> { ["LiveBoard:Demo:Seed"] = "false" });
        var organisation = app.Services.GetRequiredService<IOrganisationAdmin>();
        Assert.Empty((await organisation.LoadAsync()).Halls);
        var adminPassword = (await app.AccountsAsync(accounts => accounts.ResetPasswordAsync("admin")))!;

        // The overview says what to do instead of a page of zeros; the set-up starts with the organisation.
        var admin = await SignedInAsync(browser.Chromium, app.BaseAddress, "admin", adminPassword, "/");
        await Assertions.Expect(admin.GetByTestId("overview-no-organisation")).ToBeVisibleAsync(new() { Timeout = Wait.Live });
        await Assertions.Expect(admin.GetByTestId("overview-set-up")).ToHaveAttributeAsync("href", "admin/organisation");
        await admin.GotoAsync($"{app.BaseAddress}admin");
        await Assertions.Expect(admin.GetByTestId("admin-no-organisation")).ToBeVisibleAsync(new() { Timeout = Wait.Live });
        await admin.GetByTestId("admin-step-organisation").Locator("a").First.ClickAsync();
        await Assertions.Expect(admin.GetByTestId("org-empty")).ToBeVisibleAsync(new() { Timeout = Wait.Live });
        await Circuit.LiveAsync(admin);

        // A workbook with a window of an unknown business: its row is named, nothing is applied.
        await ChooseWorkbookAsync(admin, "county-draft.xlsx", OrganisationWorkbook.Workbook(SmallCounty(secondWindowBusiness: "PENSIONS")));
        var problem = admin.Locator("[data-testid=org-import-problems] tbody tr", new() { Has = admin.GetByTestId("org-import-problem") });
        await Assertions.Expect(problem).ToHaveCountAsync(1, new() { Timeout = Wait.Live });
        await Assertions.Expect(problem).ToContainTextAsync("There is no business “PENSIONS”.");
        await Assertions.Expect(problem.GetByTestId("org-import-problem-row")).ToHaveTextAsync("3");
        await Assertions.Expect(admin.GetByTestId("org-import-apply")).ToHaveCountAsync(0);
        Assert.Empty((await organisation.LoadAsync()).Halls);

        // The corrected workbook: checked, then applied on confirmation.
        await admin.Locator("[data-testid=org-import-file-name] button, [data-testid=org-import-file-name] .mud-chip-close-button").First.ClickAsync();
        await ChooseWorkbookAsync(admin, "county.xlsx", OrganisationWorkbook.Workbook(SmallCounty()));
        await Assertions.Expect(admin.GetByTestId("org-import-apply")).ToContainTextAsync("Apply these", new() { Timeout = Wait.Live });
        Assert.Empty((await organisation.LoadAsync()).Halls);
        await admin.GetByTestId("org-import-apply").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("org-import-applied")).ToBeVisibleAsync(new() { Timeout = Wait.Live });
        await Assertions.Expect(admin.GetByTestId("org-halls")).ToContainTextAsync("Dongba Township Service Hall");
        var county = await organisation.LoadAsync();
        Assert.Equal(["T01", "T02"], county.Halls.Select(h => h.Code));
        Assert.Equal(2, county.Staff.Count);
        Assert.All(county.Windows, w => Assert.True(w.ReviewCode.Length >= OrganisationLimits.ReviewCodeMinimum));

        // Exported and imported again, the organisation is unchanged.
        var export = await admin.APIRequest.GetAsync($"{app.BaseAddress}api/v1/admin/organisation/export.xlsx");
        Assert.Equal(200, export.Status);
        await admin.Locator("[data-testid=org-import-file-name] button, [data-testid=org-import-file-name] .mud-chip-close-button").First.ClickAsync();
        await ChooseWorkbookAsync(admin, "export.xlsx", await export.BodyAsync());
        await Assertions.Expect(admin.GetByTestId("org-import-nothing")).ToBeVisibleAsync(new() { Timeout = Wait.Live });

        // A display for the lobby; its wall shows the imported halls' events as they come.
        await admin.GotoAsync($"{app.BaseAddress}admin/displays");
        await Circuit.LiveAsync(admin);
        await admin.GetByTestId("device-create").ClickAsync();
        await admin.Locator("input[data-testid=device-name]").FillAsync("Wall, service centre lobby");
        await admin.GetByTestId("device-submit").ClickAsync();
        var address = await admin.Locator("input[data-testid=shown-screen-url]").InputValueAsync();
        var wall = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        await wall.GotoAsync(address + "&culture=en&page=1");
        await Assertions.Expect(wall.GetByTestId("wall")).ToBeVisibleAsync(new() { Timeout = Wait.Live });
        await Assertions.Expect(wall.GetByTestId("wall")).ToContainTextAsync("Dongba", new() { Timeout = Wait.Live });
        using var device = await app.DeviceClientAsync();
        (await LiveBoardApp.PostBatchAsync(device,
            new TicketIssuedEvent { EventId = "county-1", OccurredAt = app.Time.GetUtcNow(), Hall = "T02", Ticket = "A001", Business = "PENSION" },
            new TicketIssuedEvent { EventId = "county-2", OccurredAt = app.Time.GetUtcNow(), Hall = "T02", Ticket = "A002", Business = "PENSION" },
            new TicketIssuedEvent { EventId = "county-3", OccurredAt = app.Time.GetUtcNow(), Hall = "T01", Ticket = "A001", Business = "PENSION" })).EnsureSuccessStatusCode();
        await Assertions.Expect(wall.GetByTestId("wall-waiting").Locator(".kpi-value")).ToHaveTextAsync("3", new() { Timeout = Wait.Live });
        app.DeleteData();
    }
}
