using System.Net;
using System.Net.Http.Headers;
using LiveBoard.Client.Account;
using LiveBoard.Client.Admin;
using LiveBoard.Client.Alerts;
using LiveBoard.Client.Model;
using LiveBoard.Client.Wall;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Accounts;
using LiveBoard.Server.Features.Admin;
using LiveBoard.Server.Features.Alerts;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests;

/// <summary>
/// The admin's settings against the real app, each through its service as the page calls it:
/// device keys (created, revoked, rotated; last seen and today's events), the working-day calendar
/// (a dry run changes nothing, an import counts at once), thresholds (applied without a restart),
/// review codes (the old QR's address says it was replaced) and the director roster.
/// </summary>
public sealed class AdminSettingsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private LiveBoardApp App => fixture.App;

    private T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    private static readonly System.Security.Claims.ClaimsPrincipal Admin =
        AccountService.Principal(new UserAccount { Id = 1, UserName = "admin", DisplayName = "Administrator", Role = UserRole.Admin });

    private async Task<LiveBoardDb> DbAsync() => await Service<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();

    private HttpClient Device(string key)
    {
        var client = new HttpClient { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private DoorCountedEvent Door(string hall) => new() { EventId = Guid.NewGuid().ToString(), OccurredAt = App.Time.GetUtcNow(), Hall = hall, In = 1 };

    private ReviewSubmittedEvent Review(string hall, int window, int level) =>
        new()
        {
            EventId = Guid.NewGuid().ToString(), OccurredAt = App.Time.GetUtcNow(), Hall = hall, Window = window, Level = level,
            // A dissatisfied rating names its issue, as the review page makes the citizen do.
            Tags = level <= 2 ? [Client.Model.ReviewTags.LowEfficiency] : [],
        };

    /// <summary>The events were accepted; if not, the refusal's problem details say why.</summary>
    private static async Task AcceptedAsync(Task<HttpResponseMessage> posting)
    {
        using var response = await posting;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<int> HallIdAsync(string code)
    {
        await using var db = await DbAsync();
        return await db.Halls.Where(h => h.Code == code).Select(h => h.Id).SingleAsync();
    }

    /// <summary>Waits (the monitor works behind the ingest) for an alert of the kind in the hall; null if none came within 30 s.</summary>
    private async Task<Alert?> AlertAsync(string hall, AlertKind kind, TimeSpan? within = null)
    {
        var hallId = await HallIdAsync(hall);
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var db = await DbAsync())
            {
                if (await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.HallId == hallId && a.Kind == kind) is { } alert)
                    return alert;
            }
            if (DateTime.UtcNow > until)
                return null;
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task A_sender_created_here_posts_events_is_seen_and_counted_and_once_revoked_is_refused()
    {
        var devices = Service<IDeviceAdmin>();
        var created = await devices.CreateAsync(Admin, new DeviceForm("Queue machine T04", DeviceKind.Sender, "T04"), App.BaseAddress.ToString());
        Assert.True(created.Done, created.Refusal?.ToString());
        Assert.Null(created.Key!.ScreenUrl);
        using var sender = Device(created.Key.Key);

        Assert.True((await LiveBoardApp.PostBatchAsync(sender, Door("T04"), Door("T04"))).IsSuccessStatusCode);

        var row = Assert.Single(await devices.ListAsync(includeRevoked: false), d => d.Id == created.Key.Id);
        Assert.Equal((DeviceKind.Sender, "T04", 2), (row.Kind, row.HallCode, row.EventsToday));
        Assert.NotNull(row.LastSeenAt);

        Assert.True((await devices.RevokeAsync(Admin, created.Key.Id)).Done);

        Assert.Equal(HttpStatusCode.Unauthorized, (await LiveBoardApp.PostAsync(sender, Door("T04"))).StatusCode);
        Assert.Equal(DeviceRefusal.AlreadyRevoked, (await devices.RevokeAsync(Admin, created.Key.Id)).Refusal);
        Assert.DoesNotContain(await devices.ListAsync(includeRevoked: false), d => d.Id == created.Key.Id);
        Assert.NotNull(Assert.Single(await devices.ListAsync(includeRevoked: true), d => d.Id == created.Key.Id).RevokedAt);
        await using var db = await DbAsync();
        var audit = await db.Audit.AsNoTracking().Where(e => e.Area == AuditAreas.Device && e.Subject.Contains("Queue machine T04")).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditActions.Created, AuditActions.Revoked], audit);
        Assert.DoesNotContain(await db.Audit.AsNoTracking().Where(e => e.Area == AuditAreas.Device).Select(e => e.After ?? "").ToListAsync(), a => a.Contains(created.Key.Key.Split('_')[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_display_gets_its_screen_address_and_rotating_its_key_retires_the_old_one()
    {
        var devices = Service<IDeviceAdmin>();
        var access = Service<IDisplayAccess>();
        var wall = await devices.CreateAsync(Admin, new DeviceForm("Wall, lobby", DeviceKind.Display), App.BaseAddress.ToString());
        var board = await devices.CreateAsync(Admin, new DeviceForm("Screen T01", DeviceKind.Display, "T01"), App.BaseAddress.ToString());

        Assert.Equal($"{App.BaseAddress}wall?key={Uri.EscapeDataString(wall.Key!.Key)}", wall.Key.ScreenUrl);
        Assert.StartsWith($"{App.BaseAddress}halls/T01?key=", board.Key!.ScreenUrl, StringComparison.Ordinal);
        Assert.StartsWith("<svg", wall.Key.ScreenQrSvg, StringComparison.Ordinal);
        Assert.NotNull(await access.CheckAsync(wall.Key.Key));

        var rotated = await devices.RotateAsync(Admin, wall.Key.Id, App.BaseAddress.ToString());

        Assert.True(rotated.Done);
        Assert.Null(await access.CheckAsync(wall.Key.Key));
        Assert.Equal("Wall, lobby", (await access.CheckAsync(rotated.Key!.Key))!.Name);
        Assert.NotEqual(wall.Key.Id, rotated.Key.Id);
        // The server's own devices are not the admin's to revoke.
        var builtIn = Assert.Single(await devices.ListAsync(includeRevoked: false), d => d.Name == "citizen review page");
        Assert.True(builtIn.BuiltIn);
        Assert.Equal(DeviceRefusal.BuiltIn, (await devices.RevokeAsync(Admin, builtIn.Id)).Refusal);
    }

    [Fact]
    public async Task A_calendar_dry_run_lists_each_lines_problems_and_changes_nothing_then_the_import_counts_at_once()
    {
        var calendar = Service<ICalendarAdmin>();
        const string list = """
            2027-01-01 元旦 holiday
            2027-02-06..2027-02-13 春节 holiday
            2027-02-15 春节补班 workday
            2027-13-01 不存在 holiday
            2027-02-14 春节补班 sometimes
            """;

        var dry = await calendar.ImportAsync(Admin, new ImportSource(list), apply: true);

        Assert.False(dry.Applied);
        Assert.Equal([(3, ImportRefusal.MakeUpDayOnWeekday), (4, ImportRefusal.UnreadableDate), (5, ImportRefusal.UnknownKind)], dry.Problems.Select(p => (p.Line, p.Refusal)));
        Assert.Empty(await calendar.YearAsync(2027));
        Assert.False(Service<ICalendarCoverage>().Covers(2027));

        var good = string.Join('\n', list.Split('\n').Take(2).Append("2027-02-14 春节补班 workday"));
        var applied = await calendar.ImportAsync(Admin, new ImportSource(good), apply: true);

        Assert.True(applied.Applied);
        Assert.Equal(new CalendarYearChange(2027, 0, 0, 9, 1, true), Assert.Single(applied.Years));
        Assert.Equal(10, (await calendar.YearAsync(2027)).Count);
        Assert.True(Service<ICalendarCoverage>().Covers(2027));
        // The same list again: nothing to change, and no second audit row.
        var again = await calendar.ImportAsync(Admin, new ImportSource(good), apply: true);
        Assert.False(Assert.Single(again.Years).Changes);
        await using var db = await DbAsync();
        Assert.Single(await db.Audit.AsNoTracking().Where(e => e.Area == AuditAreas.Calendar && e.Subject == "2027").ToListAsync());
    }

    [Fact]
    public async Task A_bad_reviews_deadline_set_after_an_import_counts_the_imported_holidays()
    {
        // Wednesday 2 December 2026: five working days end on Wednesday 9 December; with 3–8 December off, on Tuesday 15 December.
        var clock = Service<CountyClock>();
        var imported = await Service<ICalendarAdmin>().ImportAsync(Admin, new ImportSource(CalendarAdmin.Known2026 + "\n2026-12-03..2026-12-08 测试假期 holiday"), apply: true);
        Assert.True(imported.Applied, string.Join(", ", imported.Problems.Select(p => p.Refusal)));
        using var sender = await App.DeviceClientAsync();

        await AcceptedAsync(LiveBoardApp.PostAsync(sender, Review("T09", 1, level: 1)));

        var alert = await AlertAsync("T09", AlertKind.BadReview);
        Assert.NotNull(alert);
        Assert.Equal(clock.StartOf(new DateOnly(2026, 12, 16)), alert.DueAt);
    }

    [Fact]
    public async Task A_hall_threshold_changed_here_applies_to_the_next_reviews_without_a_restart()
    {
        using var sender = await App.DeviceClientAsync();
        // Defaults: four reviews at least before "many bad reviews"; one good and one bad is not it.
        await AcceptedAsync(LiveBoardApp.PostBatchAsync(sender, Review("T06", 1, 5), Review("T06", 1, 1)));
        Assert.NotNull(await AlertAsync("T06", AlertKind.BadReview));
        Assert.Null(await AlertAsync("T06", AlertKind.NegativeRate, within: TimeSpan.FromSeconds(3)));

        var saved = await Service<IThresholdAdmin>().SaveAsync(Admin, "T05", new ThresholdValues(NegativePercent: 50, NegativeMinimum: 2));
        Assert.True(saved.Done);
        await AcceptedAsync(LiveBoardApp.PostBatchAsync(sender, Review("T05", 1, 5), Review("T05", 1, 1)));

        var negative = await AlertAsync("T05", AlertKind.NegativeRate);
        Assert.NotNull(negative);
        Assert.Equal((1, 2), (negative.Count, negative.OutOf));
        var row = Assert.Single(await Service<IThresholdAdmin>().ListAsync(), r => r.HallCode == "T05");
        Assert.Equal((2, (int?)null, 4), (row.Own.NegativeMinimum, row.Own.LongWaitMinutes, row.Defaults.NegativeMinimum));
        Assert.Equal(ThresholdRefusal.OutOfRange, (await Service<IThresholdAdmin>().SaveAsync(Admin, "T05", new ThresholdValues(NegativePercent: 150))).Refusal);
        await using var db = await DbAsync();
        Assert.Single(await db.Audit.AsNoTracking().Where(e => e.Area == AuditAreas.Thresholds && e.Subject == "T05").ToListAsync());
    }

    [Fact]
    public async Task A_regenerated_review_codes_old_address_says_it_was_replaced_and_the_new_one_opens_the_form()
    {
        var codes = Service<IReviewCodeAdmin>();
        var before = Assert.Single(await codes.WindowsAsync("CTY"), w => w.Number == 2);

        var outcome = await codes.RegenerateAsync(Admin, before.WindowId);

        Assert.True(outcome.Done);
        using var phone = new HttpClient { BaseAddress = App.BaseAddress };
        var old = await phone.GetAsync($"/r/{before.Code}?culture=en");
        Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        var page = WebUtility.HtmlDecode(await old.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"review-code-replaced\"", page, StringComparison.Ordinal);
        Assert.Contains("This QR code was replaced by a new one", page, StringComparison.Ordinal);
        var chinese = WebUtility.HtmlDecode(await (await phone.GetAsync($"/r/{before.Code}?culture=zh-CN")).Content.ReadAsStringAsync());
        Assert.Contains("此二维码已更换为新码", chinese, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync($"/r/{outcome.NewCode}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync("/r/nosuchcode")).StatusCode);
        var after = Assert.Single(await codes.WindowsAsync("CTY"), w => w.Number == 2);
        Assert.Equal((outcome.NewCode, 1), (after.Code, after.Retired));
        await using var db = await DbAsync();
        var audit = await db.Audit.AsNoTracking().SingleAsync(e => e.Area == AuditAreas.ReviewCode && e.Subject == "CTY 2");
        Assert.Contains(before.Code, audit.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_roster_import_dry_run_changes_nothing_and_the_applied_one_is_on_duty_at_once()
    {
        var roster = Service<IRosterAdmin>();
        var today = Service<CountyClock>().Today;
        var list = $"{today:yyyy-MM-dd},CTY,HRSS,测试主任,局长\n{today:yyyy-MM-dd},CTY,NOPE,某人,局长";

        var dry = await roster.ImportAsync(Admin, new ImportSource(list), apply: true);

        Assert.False(dry.Applied);
        Assert.Equal((2, ImportRefusal.NoSuchDepartment), (Assert.Single(dry.Problems).Line, dry.Problems[0].Refusal));
        Assert.Empty(await Service<IDirectorRoster>().OnDutyAsync(today));

        var good = list.Split('\n')[0];
        var applied = await roster.ImportAsync(Admin, new ImportSource(good), apply: true);

        Assert.True(applied.Applied);
        Assert.Equal("测试主任", Assert.Single(await Service<IDirectorRoster>().OnDutyAsync(today)).DirectorName);
        Assert.Equal(0, (await roster.ImportAsync(Admin, new ImportSource(good), apply: true)).DatesReplaced);
        var shift = Assert.Single(await roster.MonthAsync(today.Year, today.Month), s => s.Date == today);
        Assert.True((await roster.SaveAsync(Admin, shift.Id, new RosterForm(today, "CTY", "HRSS", "改过的主任", "副局长"))).Done);
        Assert.Equal("改过的主任", Assert.Single(await Service<IDirectorRoster>().OnDutyAsync(today)).DirectorName);
        Assert.True((await roster.DeleteAsync(Admin, shift.Id)).Done);
        Assert.Empty(await Service<IDirectorRoster>().OnDutyAsync(today));
    }

    [Fact]
    public async Task The_calendar_export_imports_back_unchanged()
    {
        var password = (await App.AccountsAsync(accounts => accounts.ResetPasswordAsync("admin")))!;
        using var admin = await SignInClient.ForAsync(App.BaseAddress, "admin", password);

        var csv = await admin.GetByteArrayAsync("/api/v1/admin/calendar/2026.csv");

        var result = await Service<ICalendarAdmin>().ImportAsync(Admin, new ImportSource(null, csv, "calendar-2026.csv"), apply: false);
        Assert.Empty(result.Problems);
        Assert.Equal(2026, Assert.Single(result.Years).Year);
        Assert.True(result.Days.Count > 30);
    }
}
