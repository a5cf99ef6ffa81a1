using LiveBoard.Client.Model;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveBoard.EndToEndTests;

public sealed class AlertInboxTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_bad_review_reaches_the_managers_inbox_and_the_wall_live_and_the_manager_resolves_it()
    {
        using var app = new LiveBoardApp(extra: new Dictionary<string, string?> { ["LiveBoard:Wall:AlertDisplayTime"] = "00:00:03", ["LiveBoard:Alerts:Defaults:SilentAfter"] = "1.00:00:00" }, countyTime: new TimeOnly(10, 0));
        var inbox = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await SignIn.AsAsync(inbox, app.BaseAddress, "manager.t01", "/alerts?culture=en");
        await Assertions.Expect(inbox.GetByTestId("open-count")).ToBeVisibleAsync();
        var wall = await WallPage.OpenAsync(browser.Chromium, app.BaseAddress, await app.DeviceKeyAsync(DeviceRole.Display), holdPage: 1);
        using var device = await app.DeviceClientAsync();
        var now = app.Time.GetUtcNow();
        (await LiveBoardApp.PostBatchAsync(device,
            new TicketIssuedEvent { EventId = "t1", OccurredAt = now.AddMinutes(-20), Hall = "T01", Ticket = "A001", Business = "A" },
            new TicketCalledEvent { EventId = "t2", OccurredAt = now.AddMinutes(-8), Hall = "T01", Ticket = "A001", Window = 2 },
            new TicketCompletedEvent { EventId = "t3", OccurredAt = now.AddMinutes(-1), Hall = "T01", Ticket = "A001", Outcome = TicketOutcome.Incomplete })).EnsureSuccessStatusCode();

        (await LiveBoardApp.PostAsync(device, new ReviewSubmittedEvent
        {
            EventId = "bad", OccurredAt = app.Time.GetUtcNow(), Hall = "T01", Window = 2, Level = 1, Ticket = "A001",
            Tags = [ReviewTags.NotToldAllRequirements], Comment = "材料没有一次说清楚", Phone = "13812345678",
        })).EnsureSuccessStatusCode();

        var row = inbox.Locator(".alert-row[data-kind=BadReview]");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = Wait.Live });
        await Assertions.Expect(wall.Alert).ToBeVisibleAsync(new() { Timeout = Wait.Live });

        // The whole picture: the review, the ticket's wait, the window.
        await row.ClickAsync();
        await Assertions.Expect(inbox.GetByTestId("detail-comment")).ToHaveTextAsync("材料没有一次说清楚");
        await Assertions.Expect(inbox.GetByTestId("detail-phone")).ToHaveTextAsync("*******5678");
        await Assertions.Expect(inbox.Locator(".facts")).ToContainTextAsync("A001 · 12 min");

        // Only the steps the state allows: no resolving a bad review before its return call.
        await Assertions.Expect(inbox.GetByTestId("act-resolve")).ToHaveCountAsync(0);
        await inbox.GetByTestId("act-acknowledge").ClickAsync();
        await Assertions.Expect(inbox.GetByTestId("detail-phone")).ToHaveTextAsync("13812345678"); // now the handler
        // Each step that needs words opens its dialog, which checks them before sending.
        await inbox.GetByTestId("act-return-call").ClickAsync();
        await inbox.GetByTestId("step-note").FillAsync("已电话回访，群众认可整改");
        await inbox.GetByTestId("step-submit").ClickAsync();
        await Assertions.Expect(inbox.GetByTestId("step-rating-error")).ToBeVisibleAsync();
        await inbox.GetByTestId("step-rating").Locator(".mud-rating-item").Nth(3).ClickAsync();
        await inbox.GetByTestId("step-submit").ClickAsync();
        await Assertions.Expect(inbox.GetByTestId("step-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(inbox.GetByTestId("trail")).ToContainTextAsync("Recorded the return call");
        await Assertions.Expect(inbox.Locator(".facts")).ToContainTextAsync("rating of the fix: 4/5");
        await inbox.GetByTestId("act-resolve").ClickAsync();
        await inbox.GetByTestId("step-note").FillAsync("已一次性告知清单上墙");
        await inbox.GetByTestId("step-submit").ClickAsync();

        await Assertions.Expect(inbox.GetByTestId("trail")).ToContainTextAsync("Resolve");
        await Assertions.Expect(row).ToBeHiddenAsync();
        // Once the alert has had its moment on the wall, the wall shows the open alerts without it.
        var counts = app.Services.GetRequiredService<LiveBoard.Client.Alerts.IAlertInbox>();
        await Assertions.Expect(wall.Page.GetByTestId("wall-alerts").Locator(".kpi-value")).ToHaveTextAsync(counts.Counts().Open.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = Wait.Live });
        Assert.DoesNotContain(await counts.ListAsync(LiveBoard.Server.Features.Accounts.AccountService.Principal(new() { UserName = "d", DisplayName = "d", PasswordHash = "", Role = LiveBoard.Client.Account.UserRole.Director })),
            a => a.Kind == AlertKind.BadReview);
        app.DeleteData();
    }

    [Fact]
    public async Task A_hall_manager_cannot_open_the_county_overview_or_another_halls_board()
    {
        using var app = new LiveBoardApp();
        var page = await browser.Chromium.NewPageAsync();
        await SignIn.AsAsync(page, app.BaseAddress, "manager.t01", "/halls/T01");
        await Assertions.Expect(page.GetByTestId("hall-waiting")).ToBeVisibleAsync();

        await page.GotoAsync($"{app.BaseAddress}halls/T02");
        await Assertions.Expect(page.GetByTestId("forbidden")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("hall-waiting").CountAsync());
        await page.GotoAsync(app.BaseAddress.ToString());
        await Assertions.Expect(page.GetByTestId("forbidden")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("county-waiting").CountAsync());
        app.DeleteData();
    }
}
