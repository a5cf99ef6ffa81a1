using LiveBoard.Client.Model;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

// Every screen at the sizes its users have: the wall at 1080p and 4K, laptops, a phone; in both
// languages. The demo county at 10:30 on a weekday, its morning replayed by the simulator.
var output = Path.Combine(LiveBoardApp.SolutionFolder(), "docs", "screenshots");
Directory.CreateDirectory(output);

using var app = new LiveBoardApp(extra: new Dictionary<string, string?> { ["LiveBoard:Demo:Simulate"] = "true" }, countyTime: new TimeOnly(10, 30));
var key = await app.DeviceKeyAsync(DeviceRole.Display);
await Task.Delay(TimeSpan.FromSeconds(25)); // the simulator replays 08:30–10:30 through the API

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

// dotnet run --project tools/LiveBoard.Screenshots [-- name-part ...]: only the screens whose name contains one of them.
var only = args.Length == 0 ? null : args;

async Task ShotAsync(string name, string path, int width, int height, string? theme = null, bool fullPage = false, string? user = null, Func<IPage, Task>? prepare = null, string? password = null)
{
    if (only is not null && !only.Any(part => name.Contains(part, StringComparison.Ordinal)))
        return;
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
    if (theme is not null)
        await context.AddCookiesAsync([new Cookie { Name = "liveboard-theme", Value = theme, Url = app.BaseAddress.ToString() }]);
    var page = await context.NewPageAsync();
    if (user is not null)
    {
        await page.GotoAsync(new Uri(app.BaseAddress, "signin").ToString());
        await page.Locator("input[name=userName]").FillAsync(user);
        await page.Locator("input[name=password]").FillAsync(password ?? LiveBoard.Server.Features.Accounts.AccountsModule.DemoPassword);
        await page.Locator("form[data-testid=signin-form] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
    }
    await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
    // The citizen's review page and the printed ranking are plain server-rendered HTML: no circuit to wait for.
    if (!path.StartsWith("r/", StringComparison.Ordinal) && !path.StartsWith("rankings/print", StringComparison.Ordinal) && !path.StartsWith("signin", StringComparison.Ordinal))
        await page.Locator("main[data-circuit=live], [data-testid=wall]").First.WaitForAsync(new() { Timeout = 30_000 });
    await page.WaitForTimeoutAsync(2500);
    if (prepare is not null)
        await prepare(page);
    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(output, name + ".png"), FullPage = fullPage });
    // Nothing may scroll sideways: say so when the page is wider than the screen.
    var sideways = await page.EvaluateAsync<string[]>("""
        () => [document.documentElement, ...document.querySelectorAll('*')]
            .filter(e => (e === document.documentElement || ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) && e.scrollWidth > e.clientWidth + 1)
            .map(e => `<${e.tagName.toLowerCase()} class="${e.className}"> ${e.scrollWidth} px in ${e.clientWidth}`)
        """);
    await context.CloseAsync();
    Console.WriteLine($"{name}.png  {width}x{height}  {path}{string.Concat(sideways.Select(s => $"\n  SCROLLS SIDEWAYS: {s}"))}");
}

var wall = $"wall?key={Uri.EscapeDataString(key)}";
await ShotAsync("reports-townships-laptop-en", "reports?period=month&by=township&culture=en", 1440, 900, fullPage: true, user: "leader");
await ShotAsync("reports-townships-laptop-zh", "reports?period=month&by=township&culture=zh-CN", 1440, 900, fullPage: true, user: "leader");
await ShotAsync("reports-windows-laptop-zh", "reports?period=week&by=window&culture=zh-CN", 1440, 900, user: "leader");
await ShotAsync("reports-staff-laptop-en-dark", "reports?period=month&by=staff&culture=en", 1440, 900, theme: "dark", fullPage: true, user: "leader");
await ShotAsync("reports-hall-manager-laptop-zh", "reports?period=month&by=staff&culture=zh-CN", 1440, 900, fullPage: true, user: "manager.t01");
await ShotAsync("rankings-laptop-zh", "rankings?culture=zh-CN", 1440, 900, fullPage: true, user: "leader");
await ShotAsync("rankings-laptop-en", "rankings?culture=en", 1440, 900, fullPage: true, user: "leader");
await ShotAsync("rankings-laptop-en-dark", "rankings?culture=en", 1440, 900, theme: "dark", user: "leader");
await ShotAsync("ranking-print-a4-zh", "rankings/print?culture=zh-CN", 794, 1123, fullPage: true, user: "leader");
await ShotAsync("wall-1080p-zh", $"{wall}&culture=zh-CN&page=1", 1920, 1080);
await ShotAsync("wall-1080p-en", $"{wall}&culture=en&page=1", 1920, 1080);
await ShotAsync("wall-4k-zh", $"{wall}&culture=zh-CN&page=1", 3840, 2160);
await ShotAsync("wall-4k-en", $"{wall}&culture=en&page=1", 3840, 2160);
await ShotAsync("wall-staff-1080p-zh", $"{wall}&culture=zh-CN&page=2", 1920, 1080);
await ShotAsync("wall-staff-1080p-en", $"{wall}&culture=en&page=2", 1920, 1080);
await ShotAsync("wall-staff-4k-zh", $"{wall}&culture=zh-CN&page=2", 3840, 2160);
await ShotAsync("wall-windows-1080p-en", $"{wall}&culture=en&page=3", 1920, 1080);
await ShotAsync("wall-windows-1080p-zh", $"{wall}&culture=zh-CN&page=3", 1920, 1080);
await ShotAsync("overview-laptop-en", "?culture=en", 1440, 900, fullPage: true, user: "leader");
await ShotAsync("overview-laptop-en-dark", "?culture=en", 1440, 900, theme: "dark", user: "leader");
await ShotAsync("overview-laptop-zh", "?culture=zh-CN", 1440, 900, user: "leader");
await ShotAsync("overview-laptop-zh-dark", "?culture=zh-CN", 1440, 900, theme: "dark", fullPage: true, user: "leader");
await ShotAsync("hall-board-laptop-en", "halls/CTY?culture=en", 1440, 900, fullPage: true, user: "director");
await ShotAsync("hall-board-laptop-zh", "halls/T01?culture=zh-CN", 1440, 900, fullPage: true, user: "manager.t01");
await ShotAsync("hall-board-laptop-en-dark", "halls/T01?culture=en", 1440, 900, theme: "dark", user: "manager.t01");
await ShotAsync("hall-board-phone-zh", "halls/T01?culture=zh-CN", 390, 844, fullPage: true, user: "manager.t01");
await ShotAsync("signin-phone-zh", "signin?culture=zh-CN", 390, 844);
string reviewCode;
await using (var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<LiveBoard.Server.Data.LiveBoardDb>>().CreateDbContextAsync())
    reviewCode = db.Windows.First(w => w.HallId == 2 && w.Number == 2).ReviewCode;
await ShotAsync("review-phone-zh", $"r/{reviewCode}?culture=zh-CN", 390, 844, fullPage: true);
await ShotAsync("review-phone-en", $"r/{reviewCode}?culture=en", 390, 844, fullPage: true);
await ShotAsync("review-phone-en-error", $"r/{reviewCode}?culture=en", 390, 844, fullPage: true, prepare: async page =>
{
    await page.Locator("input[name=level][value='1']").CheckAsync();
    await page.Locator("form[data-testid=review-form] button[type=submit]").ClickAsync();
    await page.GetByTestId("review-errors").WaitForAsync();
});
await ShotAsync("qr-cards-laptop-zh", "qr?culture=zh-CN", 1440, 900, user: "manager.t01");
await ShotAsync("qr-cards-laptop-en", "qr?culture=en", 1440, 900, user: "manager.t01");
await ShotAsync("my-whereabouts-phone-zh", "me?culture=zh-CN", 390, 844, fullPage: true, user: "staff.t01", prepare: async page =>
{
    await page.GetByTestId("me-meeting").ClickAsync();
    await page.WaitForTimeoutAsync(500);
});
await ShotAsync("my-whereabouts-phone-en", "me?culture=en", 390, 844, fullPage: true, user: "staff.t01", prepare: async page =>
{
    await page.GetByTestId("me-leave").ClickAsync();
    await page.WaitForTimeoutAsync(500);
});
await ShotAsync("whereabouts-history-laptop-en", "halls/T01/history?culture=en", 1440, 900, fullPage: true, user: "manager.t01");
await ShotAsync("whereabouts-history-laptop-zh", "halls/T01/history?culture=zh-CN", 1440, 900, user: "manager.t01");

// The alert that interrupts the rotation, in both languages (one bad review each).
foreach (var (culture, name, eventId) in new[] { ("zh-CN", "wall-alert-1080p-zh", "screenshot-bad-review"), ("en", "wall-alert-1080p-en", "screenshot-bad-review-en") })
{
    if (only is not null && !only.Any(part => name.Contains(part, StringComparison.Ordinal)))
        continue;
    var alertPage = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
    await alertPage.GotoAsync(new Uri(app.BaseAddress, $"{wall}&culture={culture}&page=1").ToString());
    await alertPage.WaitForFunctionAsync("() => window.Blazor !== undefined");
    await alertPage.WaitForTimeoutAsync(2500);
    using (var device = await app.DeviceClientAsync())
    {
        (await LiveBoardApp.PostAsync(device, new ReviewSubmittedEvent
        {
            EventId = eventId, OccurredAt = app.Time.GetUtcNow(), Hall = "T01", Window = 2, Level = 2,
            Tags = [ReviewTags.NotToldAllRequirements, ReviewTags.MadeMeComeBack], Phone = "13900001234", Comment = "要的材料没有一次说清楚，跑了两趟。",
        })).EnsureSuccessStatusCode();
    }
    await alertPage.GetByTestId("wall-alert").WaitForAsync();
    await alertPage.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(output, name + ".png") });
    await alertPage.CloseAsync();
    Console.WriteLine(name + ".png");
}

// The hall manager's inbox with that bad review opened and acknowledged, in both languages and themes,
// and the step dialog that asks for the return call.
async Task OpenBadReviewAsync(IPage page)
{
    await page.Locator(".alert-row[data-kind=BadReview]").First.ClickAsync();
    if (await page.GetByTestId("act-acknowledge").CountAsync() > 0)
        await page.GetByTestId("act-acknowledge").ClickAsync();
    await page.WaitForTimeoutAsync(800);
}
await ShotAsync("alerts-laptop-zh", "alerts?culture=zh-CN", 1440, 900, user: "manager.t01", fullPage: true, prepare: OpenBadReviewAsync);
await ShotAsync("alerts-laptop-zh-dark", "alerts?culture=zh-CN", 1440, 900, theme: "dark", user: "manager.t01", prepare: OpenBadReviewAsync);
await ShotAsync("alerts-laptop-en", "alerts?culture=en", 1440, 900, user: "manager.t01", prepare: OpenBadReviewAsync);
await ShotAsync("alerts-laptop-en-dark", "alerts?culture=en", 1440, 900, theme: "dark", user: "manager.t01", prepare: OpenBadReviewAsync);
await ShotAsync("alerts-dialog-laptop-zh", "alerts?culture=zh-CN", 1440, 900, user: "manager.t01", prepare: async page =>
{
    await OpenBadReviewAsync(page);
    await page.GetByTestId("act-return-call").ClickAsync();
    await page.GetByTestId("step-submit").ClickAsync();
    await page.WaitForTimeoutAsync(500);
});
await ShotAsync("alerts-dialog-laptop-en-dark", "alerts?culture=en", 1440, 900, theme: "dark", user: "manager.t01", prepare: async page =>
{
    await OpenBadReviewAsync(page);
    await page.GetByTestId("act-comment").ClickAsync();
    await page.WaitForTimeoutAsync(500);
});
// The administration's settings (users, displays, calendar, thresholds, review codes, roster) in both
// languages. The admin's password is made here, as the first start prints one.
var adminPassword = (await app.AccountsAsync(accounts => accounts.ResetPasswordAsync("admin")))!;
const string Year2027 = "2027-01-01..2027-01-03 元旦 holiday\n2027-02-06..2027-02-13 春节 holiday\n2027-02-14 春节补班 workday\n2027-02-20 春节补班 workday\n"
    + "2027-04-03..2027-04-05 清明节 holiday\n2027-05-01..2027-05-05 劳动节 holiday\n2027-06-09..2027-06-11 端午节 holiday\n2027-09-15..2027-09-17 中秋节 holiday\n2027-10-01..2027-10-07 国庆节 holiday\n2027-10-09 国庆节补班 workday";
foreach (var (lang, culture) in new[] { ("zh", "zh-CN"), ("en", "en") })
{
    await ShotAsync($"admin-users-laptop-{lang}", $"admin/users?culture={culture}", 1440, 900, user: "admin", password: adminPassword);
    await ShotAsync($"admin-displays-laptop-{lang}", $"admin/displays?culture={culture}", 1440, 900, user: "admin", password: adminPassword, prepare: async page =>
    {
        await page.GetByTestId("device-create").ClickAsync();
        await page.Locator("input[data-testid=device-name]").FillAsync(lang == "zh" ? "服务中心大厅大屏" : "Wall, service centre lobby");
        await page.GetByTestId("device-submit").ClickAsync();
        await page.GetByTestId("shown-screen-qr").WaitForAsync();
        await page.WaitForTimeoutAsync(500);
    });
    await ShotAsync($"admin-calendar-laptop-{lang}", $"admin/calendar?culture={culture}", 1440, 900, user: "admin", password: adminPassword, fullPage: true, prepare: async page =>
    {
        // Chinese: the year imported after its dry run; English: a list with problems, line by line.
        await page.Locator("textarea[data-testid=import-text]").FillAsync(lang == "zh" ? Year2027 : "2027-01-01 元旦 holiday\n2027-02-15 春节补班 workday\n2027-02-30 春节 holiday\n2027-03-01 植树节 sometimes");
        await page.GetByTestId("import-check").ClickAsync();
        if (lang == "zh")
        {
            await page.GetByTestId("import-apply").ClickAsync();
            await page.Locator("[data-testid=calendar-day][data-kind=holiday]").First.WaitForAsync();
        }
        else
            await page.GetByTestId("import-problems").WaitForAsync();
        await page.WaitForTimeoutAsync(800);
    });
    await ShotAsync($"admin-thresholds-laptop-{lang}", $"admin/thresholds?culture={culture}", 1440, 900, user: "admin", password: adminPassword, prepare: async page =>
    {
        await page.Locator("input[data-testid='threshold-T01-LongWaitMinutes']").FillAsync("30");
        await page.WaitForTimeoutAsync(300);
    });
    await ShotAsync($"admin-review-codes-laptop-{lang}", $"admin/review-codes?culture={culture}", 1440, 900, user: "admin", password: adminPassword, prepare: async page =>
    {
        await page.GetByTestId("code-regenerate-3").ClickAsync();
        await page.Locator(".mud-dialog-actions button").Last.ClickAsync();
        await page.GetByTestId("codes-regenerated").WaitForAsync();
    });
    await ShotAsync($"admin-roster-laptop-{lang}", $"admin/roster?culture={culture}", 1440, 900, user: "admin", password: adminPassword);
    await ShotAsync($"admin-organisation-laptop-{lang}", $"admin/organisation?culture={culture}", 1440, 900, user: "admin", password: adminPassword, fullPage: true, prepare: async page =>
    {
        await page.Locator(".mud-tab").Nth(4).ClickAsync();
        await page.WaitForTimeoutAsync(500);
    });
    await ShotAsync($"admin-organisation-hall-laptop-{lang}", $"admin/organisation?culture={culture}", 1440, 900, user: "admin", password: adminPassword, prepare: async page =>
    {
        await page.Locator("[data-testid=org-halls] [data-testid=org-change]").First.ClickAsync();
        await page.GetByTestId("org-week").WaitForAsync();
        await page.WaitForTimeoutAsync(500);
    });
    await ShotAsync($"admin-organisation-import-laptop-{lang}", $"admin/organisation?culture={culture}", 1440, 900, user: "admin", password: adminPassword, fullPage: true, prepare: async page =>
    {
        // The county's own workbook with three mistakes, as an admin might make them.
        var rows = await app.Services.GetRequiredService<LiveBoard.Client.Admin.IOrganisationAdmin>().LoadAsync();
        var bad = rows with
        {
            Windows = [.. rows.Windows, rows.Windows[0] with { Business = "NOPE" }],
            Staff = [rows.Staff[0] with { Hall = "T99" }, .. rows.Staff.Skip(1)],
            Hours = [rows.Hours[0] with { Closes = new TimeOnly(7, 0) }, .. rows.Hours.Skip(1)],
        };
        await page.Locator("[data-testid=org-import] input[type=file]").Last.SetInputFilesAsync(new FilePayload
        {
            Name = "county-2026.xlsx", MimeType = LiveBoard.Server.Features.Organisation.OrganisationWorkbook.XlsxContentType,
            Buffer = LiveBoard.Server.Features.Organisation.OrganisationWorkbook.Workbook(bad),
        });
        await page.GetByTestId("org-import-file-name").WaitForAsync();
        await page.GetByTestId("org-import-check").ClickAsync();
        await page.GetByTestId("org-import-problems").WaitForAsync();
        await page.WaitForTimeoutAsync(500);
    });
}
string replacedCode;
await using (var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<LiveBoard.Server.Data.LiveBoardDb>>().CreateDbContextAsync())
    replacedCode = db.RetiredReviewCodes.Select(r => r.Code).FirstOrDefault() ?? "none";
await ShotAsync("review-code-replaced-phone-zh", $"r/{replacedCode}?culture=zh-CN", 390, 844);
app.DeleteData();
