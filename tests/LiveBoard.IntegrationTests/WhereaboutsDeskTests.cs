using System.Security.Claims;
using LiveBoard.Client.Account;
using LiveBoard.Client.Model;
using LiveBoard.Client.Presence;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Accounts;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests;

/// <summary>The whereabouts desk on the real app: who may change whom, the approval flow, the history.</summary>
public sealed class WhereaboutsDeskTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private LiveBoardApp App => fixture.App;

    private IWhereaboutsDesk Desk => App.Services.GetRequiredService<IWhereaboutsDesk>();

    private async Task<(int Hall, int[] Staff)> HallAsync(string code)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        var hall = await db.Halls.SingleAsync(h => h.Code == code);
        return (hall.Id, await db.Staff.Where(s => s.HallId == hall.Id && s.WindowId != null).OrderBy(s => s.Id).Select(s => s.Id).ToArrayAsync());
    }

    private static ClaimsPrincipal User(string name, UserRole role, int? hall = null, int? staff = null) =>
        AccountService.Principal(new UserAccount { Id = 1, UserName = name, DisplayName = name, PasswordHash = "", Role = role, HallId = hall, StaffId = staff });

    [Fact]
    public async Task Staff_change_only_themselves_and_managers_only_their_hall()
    {
        var (t08, staff) = await HallAsync("T08");
        var (t09, _) = await HallAsync("T09");
        var me = User("staff.a", UserRole.Staff, t08, staff[0]);
        var back = App.Time.GetUtcNow().AddHours(1);

        Assert.Null(await Desk.SetAsync(me, staff[0], Whereabouts.Out, back, "区政务中心送材料"));
        Assert.Equal(EventRefusal.MayNotSet, await Desk.SetAsync(me, staff[1], Whereabouts.Out, back, null));
        Assert.NotNull(await Desk.SetAsync(User("m.t09", UserRole.HallManager, t09), staff[1], Whereabouts.In, null, null));
        Assert.Null(await Desk.SetAsync(User("m.t08", UserRole.HallManager, t08), staff[1], Whereabouts.Meeting, back, "周例会"));
        Assert.Equal(EventRefusal.ReturnAlreadyPast, await Desk.SetAsync(me, staff[0], Whereabouts.Out, App.Time.GetUtcNow().AddMinutes(-5), null));

        var card = App.State.Hall(t08)!.Windows.SelectMany(w => w.Staff).Single(s => s.StaffId == staff[1]);
        Assert.Equal(Whereabouts.Meeting, card.Whereabouts);
        Assert.NotNull(Desk.Card(User("m.t08", UserRole.HallManager, t08), staff[1]));
        Assert.Null(Desk.Card(User("m.t09", UserRole.HallManager, t09), staff[1]));
        Assert.Null(Desk.Card(me, staff[1]));
        Assert.Equal("周例会", card.Note);
    }

    [Fact]
    public async Task Leave_waits_for_the_halls_approver_and_every_step_is_in_the_history()
    {
        var (t10, staff) = await HallAsync("T10");
        var (t11, _) = await HallAsync("T11");
        var me = User("staff.b", UserRole.Staff, t10, staff[0]);
        Assert.Null(await Desk.SetAsync(me, staff[0], Whereabouts.Leave, App.Time.GetUtcNow().AddDays(2), "病假"));
        var card = App.State.Hall(t10)!.Windows.SelectMany(w => w.Staff).Single(s => s.StaffId == staff[0]);
        Assert.Equal(ApprovalState.Pending, card.Approval);

        Assert.Equal(EventRefusal.MayNotDecide, await Desk.DecideAsync(me, staff[0], card.RecordId!.Value, approve: true));
        Assert.NotNull(await Desk.DecideAsync(User("m.t11", UserRole.HallManager, t11), staff[0], card.RecordId.Value, approve: true));
        Assert.Null(await Desk.DecideAsync(User("manager.t10", UserRole.HallManager, t10), staff[0], card.RecordId.Value, approve: true));
        Assert.Equal(EventRefusal.NotAwaitingDecision, await Desk.DecideAsync(User("director", UserRole.Director), staff[0], card.RecordId.Value, approve: false));

        Assert.Equal(ApprovalState.Approved, App.State.Hall(t10)!.Windows.SelectMany(w => w.Staff).Single(s => s.StaffId == staff[0]).Approval);
        var history = await Desk.HistoryAsync(User("manager.t10", UserRole.HallManager, t10), "T10");
        var entry = Assert.Single(history, h => h.Whereabouts == Whereabouts.Leave);
        // People by their display names; these test accounts do not exist, so their user names stand in.
        Assert.Equal(new ChangeAuthor(AuthorKind.Person, "staff.b"), entry.ChangedBy);
        Assert.Equal(new ChangeAuthor(AuthorKind.Person, "manager.t10"), entry.DecidedBy);
        Assert.Empty(await Desk.HistoryAsync(User("m.t11", UserRole.HallManager, t11), "T10"));
    }

    [Fact]
    public async Task The_month_counts_absences_unapproved_ones_and_late_returns()
    {
        var (t12, staff) = await HallAsync("T12");
        var manager = User("manager.t12", UserRole.HallManager, t12);
        using var badgeReader = await App.DeviceClientAsync();
        var now = App.Time.GetUtcNow();
        // A badge reader reports an outing announced back 90 minutes ago, and the return just now: late.
        (await LiveBoardApp.PostBatchAsync(badgeReader,
            new Server.Features.Ingest.WhereaboutsChangedEvent { EventId = "o1", OccurredAt = now.AddHours(-2), Hall = "T12", Staff = staff[0], Whereabouts = Whereabouts.Out, ExpectedBack = now.AddMinutes(-90) },
            new Server.Features.Ingest.WhereaboutsChangedEvent { EventId = "o2", OccurredAt = now, Hall = "T12", Staff = staff[0], Whereabouts = Whereabouts.In })).EnsureSuccessStatusCode();
        Assert.Null(await Desk.SetAsync(manager, staff[1], Whereabouts.Travel, now.AddDays(1), "市里培训"));

        var rows = await Desk.AttendanceAsync(manager, "T12", now.AddHours(8).Year, now.AddHours(8).Month);

        var late = rows.Single(r => r.StaffId == staff[0]);
        Assert.Equal((1, 0, 1), (late.Absences, late.UnapprovedAbsences, late.LateReturns));
        var travel = rows.Single(r => r.StaffId == staff[1]);
        Assert.Equal((1, 1, 0), (travel.Absences, travel.UnapprovedAbsences, travel.LateReturns));
        Assert.Empty(await Desk.AttendanceAsync(User("m.other", UserRole.HallManager, t12 + 1), "T12", 2026, 11));

        using var anonymous = new HttpClient { BaseAddress = App.BaseAddress };
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/halls/T12/attendance.csv")).StatusCode);
    }
}
