using System.Security.Claims;
using LiveBoard.Client.Account;
using LiveBoard.Client.Alerts;
using LiveBoard.Client.Live;
using LiveBoard.Client.Model;
using LiveBoard.Server.Common;
using LiveBoard.Server.Features.Accounts;
using LiveBoard.Server.Features.Alerts;
using LiveBoard.Server.Features.Reviews;
using LiveBoard.Server.Live;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.UnitTests;

public sealed class AlertRuleTests
{
    private static readonly DateTimeOffset Now = TestDatabase.MondayMorning;
    private static readonly AlertThresholds Defaults = new();

    private static HallLiveView Hall(int inHall = 10, int capacity = 100, bool open = true, TimeSpan? lastEventAgo = null, TimeSpan? oldestWait = null,
        IReadOnlyList<WindowLiveView>? windows = null, IReadOnlyList<BusinessQueueView>? queues = null) => new(
        7, "T07", "柳林镇便民服务中心", "Liulin", HallKind.Township, capacity, open, Now.AddHours(-2), Now.AddHours(7), inHall, 3, 2,
        oldestWait is { } w ? Now - w : null, null, null, 0, 0, 3, 3, 4, 0, 0, null,
        Now - (lastEventAgo ?? TimeSpan.FromMinutes(1)), new WhereaboutsSummary(0, 0, 0, 0, 0, 0, 0), queues ?? [], windows ?? [], []);

    private static WindowLiveView Window(bool staffed, params StaffPresenceView[] staff) =>
        new(31, 2, "A", "社会保险", "Social", null, true, staffed, 0, 0, 0, null, staff);

    private static StaffPresenceView Away(DateTimeOffset back) =>
        new(5, "李伟", "窗口受理员", "0739-8000000", Whereabouts.Meeting, Now.AddHours(-1), back, null, ApprovalState.NotRequired);

    private static IEnumerable<AlertKind> Kinds(HallLiveView hall) => AlertRules.FromHall(hall, Now, Defaults).Select(c => c.Kind);

    [Fact]
    public void A_bad_review_raises_an_alert_and_a_good_one_does_not()
    {
        var e = new LiveEvent { Sequence = 9, Type = EventType.ReviewSubmitted, HallId = 7, WindowId = 31, Level = ReviewLevel.Dissatisfied, Tags = ReviewTags.Impatient, ClientEventId = "r" };

        var bad = AlertRules.BadReview(e);

        Assert.Equal(AlertKind.BadReview, bad!.Kind);
        Assert.Equal(9, bad.ReviewId);
        Assert.Equal((ReviewLevel.Dissatisfied, ReviewTags.Impatient, 31), (bad.Level, bad.Tags, bad.WindowId));
        Assert.Null(AlertRules.BadReview(e with { Level = ReviewLevel.BasicallySatisfied }));
        Assert.False(AlertRules.ClosesByItself(AlertKind.BadReview));
    }

    [Fact]
    public void The_negative_rate_needs_half_bad_among_at_least_four_recent_reviews()
    {
        (DateTimeOffset, bool)[] three = [(Now, true), (Now, true), (Now, false)];
        (DateTimeOffset, bool)[] fourHalfBad = [.. three, (Now, false)];
        (DateTimeOffset, bool)[] oneOld = [(Now.AddMinutes(-20), true), (Now, true), (Now, false), (Now, false)];

        Assert.Null(AlertRules.NegativeRate(7, three, Now, Defaults));
        var negative = AlertRules.NegativeRate(7, fourHalfBad, Now, Defaults);
        Assert.Equal((2, 4, 15), (negative!.Count, negative.OutOf, negative.Minutes));
        Assert.Null(AlertRules.NegativeRate(7, oneOld, Now, Defaults));
        Assert.Null(AlertRules.NegativeRate(7, fourHalfBad, Now, new AlertThresholds { NegativeMinimum = 5 }));
    }

    [Fact]
    public void Time_rules_fire_and_clear_with_the_hall()
    {
        Assert.Empty(Kinds(Hall()));
        Assert.Contains(AlertKind.OverCapacity, Kinds(Hall(inHall: 101)));
        Assert.Contains(AlertKind.LongWait, Kinds(Hall(oldestWait: TimeSpan.FromMinutes(46))));
        Assert.DoesNotContain(AlertKind.LongWait, Kinds(Hall(oldestWait: TimeSpan.FromMinutes(44))));
        Assert.Contains(AlertKind.SilentHall, Kinds(Hall(lastEventAgo: TimeSpan.FromMinutes(31))));
        Assert.Empty(Kinds(Hall(inHall: 500, open: false, lastEventAgo: TimeSpan.FromHours(5))));
    }

    [Fact]
    public void Silence_is_counted_from_opening_time_when_a_hall_has_not_reported_yet_today()
    {
        Assert.DoesNotContain(AlertKind.SilentHall, Kinds(Hall() with { LastEventAt = null, OpenedAt = Now.AddMinutes(-20) }));
        Assert.Contains(AlertKind.SilentHall, Kinds(Hall() with { LastEventAt = null, OpenedAt = Now.AddMinutes(-31) }));
    }

    [Fact]
    public void An_unstaffed_window_matters_only_while_citizens_wait_for_its_business()
    {
        var queue = new BusinessQueueView("A", "社会保险", "Social", 3);

        Assert.Contains(AlertKind.UnstaffedWindow, Kinds(Hall(windows: [Window(staffed: false)], queues: [queue])));
        Assert.DoesNotContain(AlertKind.UnstaffedWindow, Kinds(Hall(windows: [Window(staffed: false)])));
        Assert.DoesNotContain(AlertKind.UnstaffedWindow, Kinds(Hall(windows: [Window(staffed: true)], queues: [queue])));
    }

    [Fact]
    public void A_staff_member_overdue_past_the_grace_raises_an_alert()
    {
        Assert.Contains(AlertKind.OverdueReturn, Kinds(Hall(windows: [Window(true, Away(Now.AddMinutes(-11)))])));
        Assert.DoesNotContain(AlertKind.OverdueReturn, Kinds(Hall(windows: [Window(true, Away(Now.AddMinutes(-5)))])));
    }
}

public sealed class WorkingDayTests
{
    private static readonly CountyClock Clock = TestDatabase.ClockAt(new ManualTime(TestDatabase.MondayMorning));

    // 2026: the National Day holiday is Thu 1 – Wed 7 October; Saturday 10 October is a make-up working day.
    private static readonly WorkingDays Calendar = new(Clock, new Dictionary<DateOnly, bool>
    {
        [new(2026, 10, 1)] = false, [new(2026, 10, 2)] = false, [new(2026, 10, 3)] = false, [new(2026, 10, 4)] = false,
        [new(2026, 10, 5)] = false, [new(2026, 10, 6)] = false, [new(2026, 10, 7)] = false, [new(2026, 10, 10)] = true,
    });

    [Fact]
    public void Five_working_days_skip_the_weekend()
    {
        Assert.Equal(new DateOnly(2026, 11, 30), Calendar.AddWorkingDays(new DateOnly(2026, 11, 23), 5));
    }

    [Fact]
    public void The_deadline_skips_a_public_holiday_and_counts_a_make_up_working_day()
    {
        // Raised Wednesday 30 September: Oct 1–7 are holidays, Oct 8 Thu, 9 Fri, 10 Sat (make-up), 12 Mon, 13 Tue.
        Assert.Equal(new DateOnly(2026, 10, 13), Calendar.AddWorkingDays(new DateOnly(2026, 9, 30), 5));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 10, 10)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 10, 5)));
    }

    [Fact]
    public void The_deadline_is_midnight_at_the_end_of_the_last_day_in_the_county()
    {
        var raised = new DateTimeOffset(2026, 9, 30, 2, 0, 0, TimeSpan.Zero); // 10:00 in the county

        Assert.Equal(new DateTimeOffset(2026, 10, 13, 16, 0, 0, TimeSpan.Zero), Calendar.Deadline(raised, 5).ToUniversalTime());
    }
}

/// <summary>The inbox's rules about who may do what, the audit trail and concurrency, on a real database.</summary>
public sealed class AlertBookTests : IAsyncLifetime
{
    private readonly ManualTime time = new(TestDatabase.MondayMorning);
    private readonly EphemeralDataProtectionProvider protection = new();
    private TestDatabase database = null!;
    private AlertBook book = null!;
    private long ctyAlert, t01Alert;
    private readonly long reviewId = -99;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        book = new AlertBook(database.Factory, TestDatabase.ClockAt(time), protection, new InProcessBus());
        await using var db = database.Open();
        db.Reviews.Add(new Review { Id = reviewId, HallId = 1, WindowId = 3, Level = ReviewLevel.VeryDissatisfied, SubmittedAt = time.Now,
            ContactPhone = protection.CreateProtector(Review.PhoneProtection).Protect("13912345678"), Comment = "太慢" });
        var a = new Alert { HallId = 1, Kind = AlertKind.BadReview, Status = AlertStatus.Open, RaisedAt = time.Now, Level = ReviewLevel.VeryDissatisfied, ReviewId = reviewId, WindowId = 3 };
        var b = new Alert { HallId = database.Reference.HallByCode("T01")!.Id, Kind = AlertKind.LongWait, Status = AlertStatus.Open, RaisedAt = time.Now, Minutes = 50 };
        db.Alerts.AddRange(a, b);
        await db.SaveChangesAsync();
        (ctyAlert, t01Alert) = (a.Id, b.Id);
    }

    public Task DisposeAsync()
    {
        database.Dispose();
        return Task.CompletedTask;
    }

    private ClaimsPrincipal User(string name, UserRole role, string? hall = null) => AccountService.Principal(new UserAccount
    {
        Id = name.Length, UserName = name, DisplayName = name, PasswordHash = "", Role = role, HallId = hall is null ? null : database.Reference.HallByCode(hall)!.Id,
    });

    private async Task<int> VersionAsync(long id)
    {
        await using var db = database.Open();
        return (await db.Alerts.SingleAsync(a => a.Id == id)).Version;
    }

    [Fact]
    public async Task A_hall_manager_sees_and_touches_only_their_own_hall()
    {
        var manager = User("manager.t01", UserRole.HallManager, "T01");

        var list = await book.ListAsync(manager);
        Assert.Equal([t01Alert], list.Select(a => a.Id));
        Assert.Null(await book.GetAsync(manager, ctyAlert));
        var refused = await book.ActAsync(manager, ctyAlert, new AlertRequest(AlertCommand.Acknowledge, 0));
        Assert.False(refused.Done);
        Assert.Equal(0, await VersionAsync(ctyAlert));
        Assert.Equal(2, (await book.ListAsync(User("director", UserRole.Director))).Count);
    }

    [Fact]
    public async Task A_leader_reads_but_cannot_act()
    {
        var leader = User("leader", UserRole.Leader);

        Assert.NotNull(await book.GetAsync(leader, ctyAlert));
        Assert.False((await book.ActAsync(leader, ctyAlert, new AlertRequest(AlertCommand.Acknowledge, 0))).Done);
    }

    [Fact]
    public async Task The_second_of_two_simultaneous_actions_is_told_and_nothing_is_lost()
    {
        var one = User("manager.cty", UserRole.HallManager, "CTY");
        var two = User("deputy.cty", UserRole.HallManager, "CTY");

        var first = await book.ActAsync(one, ctyAlert, new AlertRequest(AlertCommand.Comment, 0, "我来处理"));
        var second = await book.ActAsync(two, ctyAlert, new AlertRequest(AlertCommand.Comment, 0, "我也来"));

        Assert.True(first.Done);
        Assert.Equal(AlertRefusal.ChangedMeanwhile, second.Refusal);
        var trail = (await book.GetAsync(one, ctyAlert))!.Trail;
        Assert.Single(trail, t => t.Note == "我来处理");
        Assert.True((await book.ActAsync(two, ctyAlert, new AlertRequest(AlertCommand.Comment, 1, "我也来"))).Done);
    }

    [Fact]
    public async Task A_bad_review_is_resolved_only_after_its_return_call_and_the_trail_keeps_every_step()
    {
        var manager = User("manager.cty", UserRole.HallManager, "CTY");

        Assert.True((await book.ActAsync(manager, ctyAlert, new AlertRequest(AlertCommand.Acknowledge, 0))).Done);
        var early = await book.ActAsync(manager, ctyAlert, new AlertRequest(AlertCommand.Resolve, 1, "已整改"));
        Assert.Equal(AlertRefusal.ReturnCallFirst, early.Refusal);
        Assert.True((await book.ActAsync(manager, ctyAlert, new AlertRequest(AlertCommand.RecordReturnCall, 1, "已回访，群众认可", Rating: 4))).Done);
        Assert.True((await book.ActAsync(manager, ctyAlert, new AlertRequest(AlertCommand.Resolve, 2, "窗口人员已批评教育，流程已优化"))).Done);

        var detail = (await book.GetAsync(manager, ctyAlert))!;
        Assert.Equal(AlertStatus.Resolved, detail.Alert.Status);
        Assert.Equal(["Acknowledge", "RecordReturnCall", "Resolve"], detail.Trail.Select(t => t.Action));
        Assert.All(detail.Trail, t => Assert.Equal("manager.cty", t.By));
        Assert.Equal(4, detail.ReturnCallRating);
    }

    [Fact]
    public async Task The_phone_is_shown_only_to_the_person_handling_the_review()
    {
        var handler = User("manager.cty", UserRole.HallManager, "CTY");
        Assert.Equal("*******5678", (await book.GetAsync(handler, ctyAlert))!.Phone);

        await book.ActAsync(handler, ctyAlert, new AlertRequest(AlertCommand.Acknowledge, 0));

        Assert.Equal("13912345678", (await book.GetAsync(handler, ctyAlert))!.Phone);
        Assert.Equal("*******5678", (await book.GetAsync(User("director", UserRole.Director), ctyAlert))!.Phone);
    }

    [Fact]
    public async Task Only_the_director_decides_an_appeal_and_an_upheld_one_removes_the_review_from_the_statistics()
    {
        var manager = User("manager.cty", UserRole.HallManager, "CTY");
        DateOnly reviewDay;
        await using (var before = database.Open())
        {
            // The review's day is already rolled up for the statistics.
            reviewDay = TestDatabase.ClockAt(time).DayOf((await before.Reviews.SingleAsync(r => r.Id == reviewId)).SubmittedAt);
            before.RolledDays.Add(new Server.Features.Reports.RolledDay { Day = reviewDay, RolledAt = time.GetUtcNow() });
            before.DailyWindowStats.Add(new Server.Features.Reports.DailyWindowStats { Day = reviewDay, WindowId = 1, Level1 = 1 });
            await before.SaveChangesAsync();
        }
        Assert.True((await book.ActAsync(manager, ctyAlert, new AlertRequest(AlertCommand.Appeal, 0, "评价人并未到窗口办事"))).Done);
        Assert.False((await book.ActAsync(manager, ctyAlert, new AlertRequest(AlertCommand.UpholdAppeal, 1))).Done);

        Assert.True((await book.ActAsync(User("director", UserRole.Director), ctyAlert, new AlertRequest(AlertCommand.UpholdAppeal, 1, "核实属实"))).Done);

        await using var db = database.Open();
        Assert.True((await db.Reviews.SingleAsync(r => r.Id == reviewId)).ExcludedByAppeal);
        Assert.Equal(AppealState.Upheld, (await db.Alerts.SingleAsync(a => a.Id == ctyAlert)).Appeal);
        // Its day's rollup is dropped with it, so the statistics read that day afresh.
        Assert.False(await db.RolledDays.AnyAsync(d => d.Day == reviewDay));
        Assert.False(await db.DailyWindowStats.AnyAsync(d => d.Day == reviewDay));
    }
}

/// <summary>What every step's form must meet (AlertWorkflow.InputRefusal, shared by the inbox and the dialog).</summary>
public sealed class AlertInputTests
{
    [Theory]
    [InlineData(AlertCommand.Comment)]
    [InlineData(AlertCommand.Acknowledge)]
    [InlineData(AlertCommand.Resolve)]
    public void Every_steps_note_is_within_its_limit_and_text(AlertCommand command)
    {
        Assert.Equal(AlertRefusal.NoteTooLong, AlertWorkflow.InputRefusal(new AlertRequest(command, 0, new string('x', TextLimits.AlertNote + 1))));
        Assert.Equal(AlertRefusal.NoteNotText, AlertWorkflow.InputRefusal(new AlertRequest(command, 0, "called back\0")));
        Assert.Null(AlertWorkflow.InputRefusal(new AlertRequest(command, 0, new string('x', TextLimits.AlertNote - 10) + "\r\n第二行\t好")));
    }

    [Fact]
    public void An_assignee_is_a_user_name_at_most_and_no_control_characters()
    {
        Assert.Equal(AlertRefusal.NoSuchAssignee, AlertWorkflow.InputRefusal(new AlertRequest(AlertCommand.Assign, 0, AssignTo: new string('m', TextLimits.UserName + 1))));
        Assert.Equal(AlertRefusal.NoSuchAssignee, AlertWorkflow.InputRefusal(new AlertRequest(AlertCommand.Assign, 0, AssignTo: "manager\nt01")));
        Assert.Equal(AlertRefusal.AssigneeRequired, AlertWorkflow.InputRefusal(new AlertRequest(AlertCommand.Assign, 0, AssignTo: " ")));
        Assert.Null(AlertWorkflow.InputRefusal(new AlertRequest(AlertCommand.Assign, 0, AssignTo: "manager.t01")));
    }
}
