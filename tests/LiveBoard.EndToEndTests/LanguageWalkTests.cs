using System.Net.Http.Headers;
using LiveBoard.Client.Model;
using LiveBoard.Client.Presence;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Accounts;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveBoard.EndToEndTests;

/// <summary>
/// A county morning with something on every screen: a served ticket, a waiting one, a bad review
/// (an alert, and the wall's takeover), silent halls (transient alerts), whereabouts changed by a
/// badge reader, by the demo simulator and by people, leave waiting for approval.
/// </summary>
public sealed class LanguageWalk : IAsyncLifetime
{
    public Browser Browser { get; } = new();

    public LiveBoardApp App { get; private set; } = null!;

    public string WallKey { get; private set; } = "";

    public string ReviewCode { get; private set; } = "";

    /// <summary>A window's review code an admin replaced: its address says so.</summary>
    public string ReplacedCode { get; private set; } = "";

    public string AdminPassword { get; private set; } = "";

    private HttpClient device = null!;
    private int reviews;

    public async Task InitializeAsync()
    {
        await Browser.InitializeAsync();
        // The takeover stays up while the walk reads it.
        App = new LiveBoardApp(countyTime: new TimeOnly(10, 0), extra: new Dictionary<string, string?> { ["LiveBoard:Wall:AlertDisplayTime"] = "00:10:00" });
        WallKey = await App.DeviceKeyAsync(DeviceRole.Display);
        device = await ClientAsync("T01 badge reader");
        using var simulator = await ClientAsync($"{Server.Features.Demo.Simulator.DeviceName} walk");
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        ReviewCode = await db.Windows.Where(w => w.Hall!.Code == "T01" && w.Number == 2).Select(w => w.ReviewCode).SingleAsync();
        var staff = await db.Staff.Where(s => s.Hall!.Code == "T01" && s.WindowId != null).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync();
        var t01 = await db.Halls.Where(h => h.Code == "T01").Select(h => h.Id).SingleAsync();

        var now = App.Time.GetUtcNow();
        (await LiveBoardApp.PostBatchAsync(device,
            new TicketIssuedEvent { EventId = "t1", OccurredAt = now.AddMinutes(-20), Hall = "T01", Ticket = "A001", Business = "A" },
            new TicketCalledEvent { EventId = "t2", OccurredAt = now.AddMinutes(-8), Hall = "T01", Ticket = "A001", Window = 2 },
            new TicketCompletedEvent { EventId = "t3", OccurredAt = now.AddMinutes(-1), Hall = "T01", Ticket = "A001", Outcome = TicketOutcome.Done },
            new TicketIssuedEvent { EventId = "t4", OccurredAt = now.AddMinutes(-5), Hall = "T01", Ticket = "A002", Business = "A" },
            new WhereaboutsChangedEvent { EventId = "w1", OccurredAt = now.AddMinutes(-30), Hall = "T01", Staff = staff[2], Whereabouts = Whereabouts.Out, ExpectedBack = now.AddMinutes(30), Note = "区政务中心送材料" })).EnsureSuccessStatusCode();
        (await LiveBoardApp.PostAsync(simulator, new WhereaboutsChangedEvent { EventId = "w2", OccurredAt = now.AddMinutes(-10), Hall = "T01", Staff = staff[3], Whereabouts = Whereabouts.Meeting, ExpectedBack = now.AddMinutes(50), Note = "局务会" })).EnsureSuccessStatusCode();
        await PostBadReviewAsync(2, "A001");

        var desk = App.Services.GetRequiredService<IWhereaboutsDesk>();
        var manager = AccountService.Principal(await db.Users.SingleAsync(u => u.UserName == "manager.t01"));
        Assert.Null(await desk.SetAsync(manager, staff[4], Whereabouts.Leave, now.AddDays(1), "病假"));
        Assert.Null(await desk.SetAsync(manager, staff[5], Whereabouts.Travel, now.AddDays(2), "市里培训"));
        var travel = App.State.Hall(t01)!.Windows.SelectMany(w => w.Staff).Single(s => s.StaffId == staff[5]);
        Assert.Null(await desk.DecideAsync(manager, staff[5], travel.RecordId!.Value, approve: true));

        AdminPassword = (await App.AccountsAsync(accounts => accounts.ResetPasswordAsync("admin")))!;
        var admin = AccountService.Principal(await db.Users.SingleAsync(u => u.UserName == "admin"));
        var window3 = await db.Windows.Where(w => w.Hall!.Code == "T01" && w.Number == 3).Select(w => new { w.Id, w.ReviewCode }).SingleAsync();
        Assert.True((await App.Services.GetRequiredService<LiveBoard.Client.Admin.IReviewCodeAdmin>().RegenerateAsync(admin, window3.Id)).Done);
        ReplacedCode = window3.ReviewCode;
    }

    /// <summary>A bad review with its tags, comment and phone: an alert, and a takeover on a wall that is open.</summary>
    public async Task PostBadReviewAsync(int window, string? ticket = null) =>
        (await LiveBoardApp.PostAsync(device, new ReviewSubmittedEvent
        {
            EventId = $"bad-{++reviews}", OccurredAt = App.Time.GetUtcNow(), Hall = "T01", Window = window, Level = 1, Ticket = ticket,
            Tags = [ReviewTags.NotToldAllRequirements, ReviewTags.Impatient], Comment = "材料没有一次说清楚", Phone = "13812345678",
        })).EnsureSuccessStatusCode();

    private async Task<HttpClient> ClientAsync(string name)
    {
        var (_, secret) = await App.Services.GetRequiredService<DeviceKeys>().CreateAsync(name, DeviceRole.Sender, hallId: null);
        var client = new HttpClient { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public async Task DisposeAsync()
    {
        device.Dispose();
        App.DeleteData();
        App.Dispose();
        await Browser.DisposeAsync();
    }
}

/// <summary>
/// Walks every screen in one language and fails on text of the other one outside the data: in
/// English any Chinese character, in Chinese any English word (codes such as CTY, and LiveBoard,
/// CSV, UTC allowed). Data is what the county holds in its own words — names, notes, comments,
/// codes — and is marked <c>translate="no"</c>; text deliberately in another language (the
/// language switch, the bilingual QR card) carries its <c>lang</c>.
/// </summary>
public sealed class LanguageWalkTests(LanguageWalk walk) : IClassFixture<LanguageWalk>
{
    private const string FindStrays = """
        (culture) => {
          const chinese = culture.startsWith('zh');
          const allowed = new Set(['LiveBoard', 'CSV', 'UTC', 'CTY']);
          const other = text => chinese
            ? (text.match(/[A-Za-z]{2,}/g) || []).filter(w => !allowed.has(w))
            : (/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/.test(text) ? [text] : []);
          const isData = element => {
            if (element.closest('[translate="no"], script, style, noscript')) return true;
            const marked = element.closest('[lang]');
            return marked !== null && marked !== document.documentElement && !marked.lang.startsWith(chinese ? 'zh' : 'en');
          };
          const where = element => `<${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? ' class="' + element.className + '"' : ''}>`;
          const found = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent.replace(/\s+/g, ' ').trim();
            if (text && !isData(node.parentElement) && other(text).length > 0) found.push(`"${text}" in ${where(node.parentElement)}`);
          }
          for (const element of document.querySelectorAll('[placeholder], [title], [aria-label], [alt]')) {
            if (isData(element)) continue;
            for (const name of ['placeholder', 'title', 'aria-label', 'alt']) {
              const value = element.getAttribute(name);
              if (value && other(value).length > 0) found.push(`${name}="${value}" on ${where(element)}`);
            }
          }
          if (other(document.title).length > 0) found.push(`the page title "${document.title}"`);
          return [...new Set(found)];
        }
        """;

    private readonly List<string> strays = [];
    private string culture = "";

    private LiveBoardApp App => walk.App;

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task Every_screen_speaks_the_readers_language_outside_the_data(string culture)
    {
        this.culture = culture;
        await AnonymousAsync();
        await WallAsync();
        await LeaderAsync();
        await DirectorAsync();
        await ManagerAsync();
        await StaffAsync();
        await AdminAsync();

        Assert.True(strays.Count == 0, $"Text of the other language on the {culture} screens:\n" + string.Join("\n", strays));
    }

    private async Task AnonymousAsync()
    {
        await using var context = await walk.Browser.Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await ReadAsync(page, "sign-in", $"signin?culture={culture}", "signin-form");
        await ReadAsync(page, "sign-in, wrong password", "signin?error=invalid", "signin-error");
        await ReadAsync(page, "forbidden", "forbidden", "forbidden");
        await ReadAsync(page, "review page", $"r/{walk.ReviewCode}", "review-form");
        // A refusal from the event validator, worded for the citizen.
        await page.Locator("input[name=level][value='5']").CheckAsync();
        await page.Locator("input[name=ticket]").FillAsync("Z999");
        await page.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-errors")).ToBeVisibleAsync();
        await CheckAsync(page, "review page, refused");
        await ReadAsync(page, "review page, thanks", $"r/{walk.ReviewCode}/thanks", "review-thanks");
        await ReadAsync(page, "review page, unknown code", "r/NOSUCHCODE", "review-not-found");
        await ReadAsync(page, "review page, replaced code", $"r/{walk.ReplacedCode}", "review-code-replaced");
        await ReadAsync(page, "wall, unknown key", "wall?key=lbk_nope_nope", "wall-denied");
    }

    private async Task WallAsync()
    {
        for (var number = 1; number <= 3; number++)
        {
            var wall = await WallPage.OpenAsync(walk.Browser.Chromium, App.BaseAddress, walk.WallKey, culture, holdPage: number);
            await CheckAsync(wall.Page, $"wall page {number}");
            if (number == 1)
            {
                await walk.PostBadReviewAsync(3);
                await Assertions.Expect(wall.Alert).ToBeVisibleAsync();
                await CheckAsync(wall.Page, "wall, alert takeover");
            }
            await wall.Page.Context.DisposeAsync();
        }
    }

    private async Task LeaderAsync()
    {
        var (context, page) = await SignedInAsync("leader");
        await ReadAsync(page, "overview", "", "county-waiting");
        await ReadAsync(page, "hall board", "halls/T01", "hall-waiting");
        await ReadAsync(page, "statistics", "reports", "stats-table");
        await ReadAsync(page, "statistics by staff", "reports?by=staff", "stats-table");
        await ReadAsync(page, "rankings", "rankings", "ranking-status");
        await ReadAsync(page, "ranking report", "rankings/print", "print-report");
        await context.DisposeAsync();
    }

    private async Task DirectorAsync()
    {
        var (context, page) = await SignedInAsync("director");
        await ReadAsync(page, "alert inbox", "alerts", "open-count");
        await page.Locator(".alert-row[data-kind=BadReview]").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("trail")).ToBeVisibleAsync();
        await page.GetByTestId("act-comment").ClickAsync();
        await page.GetByTestId("step-note").FillAsync("已核实，正在整改");
        await CheckAsync(page, "alert step dialog");
        await page.GetByTestId("step-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("trail")).ToContainTextAsync("已核实，正在整改");
        await CheckAsync(page, "alert detail");
        await page.Locator(".alert-row[data-kind=SilentHall]").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("detail-title")).ToContainTextAsync(culture == "en" ? "Hall silent" : "大厅无数据");
        await CheckAsync(page, "alert detail, silent hall");
        // A step without what it needs is refused in the reader's language, before anything is sent.
        await page.GetByTestId("act-resolve").ClickAsync();
        await page.GetByTestId("step-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-dialog")).ToContainTextAsync(culture == "en" ? "Describe the rectification." : "请填写整改情况。");
        await CheckAsync(page, "alert step dialog, refused");
        await page.GetByTestId("step-cancel").ClickAsync();
        await context.DisposeAsync();
    }

    private async Task ManagerAsync()
    {
        var (context, page) = await SignedInAsync("manager.t01");
        await ReadAsync(page, "hall board with approvals", "halls/T01", "hall-waiting");
        await ReadAsync(page, "whereabouts history", "halls/T01/history", "history");
        await ReadAsync(page, "QR cards", "qr", "qr-cards");
        await ReadAsync(page, "a page the role does not cover", "", "forbidden");
        await context.DisposeAsync();
    }

    private async Task StaffAsync()
    {
        var (context, page) = await SignedInAsync("staff.t01");
        await ReadAsync(page, "my whereabouts", "me", "me-save");
        // Back before now: the desk refuses, in the reader's language.
        await page.GetByTestId("me-out").ClickAsync();
        await page.Locator("input[data-testid=me-back], [data-testid=me-back] input").FillAsync("08:00");
        await page.GetByTestId("me-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("me-problem")).ToBeVisibleAsync();
        await CheckAsync(page, "my whereabouts, refused");
        await ReadAsync(page, "my whereabouts history", "halls/T01/history", "history");
        await context.DisposeAsync();
    }

    /// <summary>The administration's settings pages, their dialogs and their refusals.</summary>
    private async Task AdminAsync()
    {
        var (context, page) = await SignedInAsync("admin", walk.AdminPassword);
        await ReadAsync(page, "administration", "admin", "admin-setup");
        await ReadAsync(page, "organisation", "admin/organisation", "org-halls");
        await page.Locator("[data-testid=org-halls] [data-testid=org-change]").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("org-week")).ToBeVisibleAsync();
        await CheckAsync(page, "a hall and its week");
        await page.GetByTestId("org-cancel").ClickAsync();
        // A workbook with a window of a business that does not exist: its problem, in the reader's language.
        var rows = await App.Services.GetRequiredService<LiveBoard.Client.Admin.IOrganisationAdmin>().LoadAsync();
        await page.Locator("[data-testid=org-import] input[type=file]").Last.SetInputFilesAsync(new FilePayload
        {
            Name = "county.xlsx", MimeType = LiveBoard.Server.Features.Organisation.OrganisationWorkbook.XlsxContentType,
            Buffer = LiveBoard.Server.Features.Organisation.OrganisationWorkbook.Workbook(rows with { Windows = [rows.Windows[0] with { Business = "NOPE" }, .. rows.Windows.Skip(1)] }),
        });
        await page.GetByTestId("org-import-check").ClickAsync();
        await Assertions.Expect(page.GetByTestId("org-import-problem")).ToHaveCountAsync(1);
        await CheckAsync(page, "organisation dry run with a problem");
        await ReadAsync(page, "users", "admin/users", "users-grid");
        await page.GetByTestId("user-create").ClickAsync();
        await page.GetByTestId("user-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-dialog")).ToContainTextAsync(culture == "en" ? "Enter a user name." : "请填写用户名。");
        await CheckAsync(page, "new user dialog, refused");
        await page.GetByTestId("user-cancel").ClickAsync();
        await page.Locator("tr", new() { Has = page.GetByTestId("user-admin") }).GetByTestId("user-disable").ClickAsync();
        await page.Locator(".mud-dialog-actions button").Last.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog", new() { HasText = culture == "en" ? "last active administrator" : "最后一个在用的系统管理员" })).ToBeVisibleAsync();
        await CheckAsync(page, "users, the last admin refused");
        await page.Locator(".mud-dialog-actions button").Last.ClickAsync();
        await ReadAsync(page, "displays and devices", "admin/displays", "devices-grid");
        await page.GetByTestId("device-create").ClickAsync();
        await page.Locator("input[data-testid=device-name]").FillAsync("大厅大屏");
        await page.GetByTestId("device-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("shown-screen-qr")).ToBeVisibleAsync();
        await CheckAsync(page, "a new display's key, shown once");
        await page.GetByTestId("shown-done").ClickAsync();
        await ReadAsync(page, "working-day calendar", "admin/calendar", "calendar-year");
        await page.Locator("textarea[data-testid=import-text]").FillAsync("2027-01-01 元旦 holiday\n2027-02-15 春节补班 workday\n2027-13-01 x holiday");
        await page.GetByTestId("import-check").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-problem")).ToHaveCountAsync(2);
        await CheckAsync(page, "calendar dry run with problems");
        await ReadAsync(page, "alert thresholds", "admin/thresholds", "thresholds-grid");
        await ReadAsync(page, "review codes", "admin/review-codes", "codes-grid");
        await ReadAsync(page, "director duty roster", "admin/roster", "roster-grid");
        await ReadAsync(page, "audit", "admin/audit", "audit-grid");
        await context.DisposeAsync();
    }

    private async Task<(IBrowserContext, IPage)> SignedInAsync(string user, string? password = null)
    {
        var context = await walk.Browser.Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{App.BaseAddress}signin?culture={culture}");
        await SignIn.AsAsync(page, App.BaseAddress, user, password: password);
        return (context, page);
    }

    /// <summary>Opens a screen, waits for its content (and, on a live screen, its circuit), and reads it.</summary>
    private async Task ReadAsync(IPage page, string screen, string path, string testId)
    {
        await page.GotoAsync($"{App.BaseAddress}{path}");
        await Assertions.Expect(page.GetByTestId(testId).First).ToBeAttachedAsync();
        if (await page.Locator("main[data-circuit]").CountAsync() > 0)
            await Circuit.LiveAsync(page);
        else if (await page.EvaluateAsync<bool>("() => document.querySelector('script[src*=\"blazor.web\"]') !== null"))
        {
            // A screen without the layout (the wall): its circuit's own render replaces the prerendered one.
            await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
            await page.WaitForTimeoutAsync(1_000);
        }
        await CheckAsync(page, screen);
    }

    private async Task CheckAsync(IPage page, string screen)
    {
        Assert.Equal(culture, await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        foreach (var stray in await page.EvaluateAsync<string[]>(FindStrays, culture))
            strays.Add($"{screen}: {stray}");
    }
}
