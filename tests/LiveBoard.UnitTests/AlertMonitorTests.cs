using LiveBoard.Client.Model;
using LiveBoard.Server.Common;
using LiveBoard.Server.Features.Alerts;
using LiveBoard.Server.Live;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveBoard.UnitTests;

/// <summary>The monitor opens an alert once per condition, closes it when the condition clears, and audits both.</summary>
public sealed class AlertMonitorTests : IAsyncLifetime, IDisposable
{
    private readonly ManualTime time = new(TestDatabase.MondayMorning);
    private TestDatabase database = null!;
    private LiveState state = null!;
    private AlertMonitor monitor = null!;
    private long sequence;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var clock = TestDatabase.ClockAt(time);
        state = new LiveState(database.Reference, clock, new JournalReader(database.Factory), database.Factory, NullLogger<LiveState>.Instance);
        await state.RebuildAsync();
        var book = new AlertBook(database.Factory, clock, new EphemeralDataProtectionProvider(), new InProcessBus());
        // Silence is tested elsewhere; here every hall has been heard from.
        var options = Options.Create(new AlertOptions { Defaults = new AlertThresholds { SilentAfter = TimeSpan.FromDays(1) } });
        var thresholds = new ThresholdBook(database.Factory, options, new LiveBoard.Server.Features.Admin.AuditTrail(clock), time);
        monitor = new AlertMonitor(state, database.Reference, book, database.Factory, clock, options, thresholds, new WorkingDayCalendar(database.Factory, clock, time),
            Leadership.Always(), new JournalReader(database.Factory), NullLogger<AlertMonitor>.Instance);
        await monitor.PrepareAsync(CancellationToken.None);
        foreach (var hall in database.Reference.Halls)
            state.Apply([Event(EventType.DoorCounted, hall.Id, e => e with { In = 0, Out = 0 })]);
    }

    public Task DisposeAsync()
    {
        database.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => monitor.Dispose();

    private LiveEvent Event(EventType type, int hallId, Func<LiveEvent, LiveEvent> with) =>
        with(new LiveEvent { Sequence = ++sequence, Type = type, HallId = hallId, ClientEventId = $"e{sequence}", OccurredAt = time.Now, ReceivedAt = time.Now });

    private async Task<List<Alert>> AlertsAsync()
    {
        await using var db = database.Open();
        return await db.Alerts.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task Taking_the_lead_raises_the_alert_of_a_bad_review_that_has_none_and_only_that()
    {
        var cty = database.Reference.HallByCode("CTY")!;
        var window = database.Reference.AllWindows.First(w => w.HallId == cty.Id);
        LiveEvent Bad() => Event(EventType.ReviewSubmitted, cty.Id, e => e with { WindowId = window.Id, Level = ReviewLevel.VeryDissatisfied });
        var handled = Bad();
        var missed = Bad();
        await using (var db = database.Open())
        {
            foreach (var e in new[] { handled, missed })
                db.Journal.Add(new JournalEntry { Sequence = e.Sequence, DeviceId = 1, ClientEventId = e.ClientEventId, Type = e.WireType, HallId = e.HallId, OccurredAt = e.OccurredAt, ReceivedAt = e.ReceivedAt, Payload = JournalReader.Serialize(e) });
            // The first was handled by the previous leader and already resolved.
            db.Alerts.Add(new Alert { HallId = cty.Id, Kind = AlertKind.BadReview, Status = AlertStatus.Resolved, RaisedAt = time.Now, ReviewId = handled.Sequence, ConditionKey = $"review:{handled.Sequence}", Level = ReviewLevel.Dissatisfied });
            await db.SaveChangesAsync();
        }

        await monitor.RaiseMissedAsync(CancellationToken.None);
        await monitor.RaiseMissedAsync(CancellationToken.None);

        var alerts = (await AlertsAsync()).Where(a => a.Kind == AlertKind.BadReview).ToList();
        Assert.Equal(2, alerts.Count);
        Assert.Equal(AlertStatus.Open, Assert.Single(alerts, a => a.ReviewId == missed.Sequence).Status);
    }

    [Fact]
    public async Task A_hall_over_capacity_raises_one_alert_that_closes_when_people_leave()
    {
        var t05 = database.Reference.HallByCode("T05")!;
        state.Apply([Event(EventType.DoorCounted, t05.Id, e => e with { In = t05.Capacity + 5 })]);

        await monitor.SweepAsync(CancellationToken.None);
        await monitor.SweepAsync(CancellationToken.None);
        var raised = Assert.Single(await AlertsAsync(), a => a.Kind == AlertKind.OverCapacity);
        Assert.Equal(AlertStatus.Open, raised.Status);

        state.Apply([Event(EventType.DoorCounted, t05.Id, e => e with { Out = 20 })]);
        await monitor.SweepAsync(CancellationToken.None);

        var closed = Assert.Single(await AlertsAsync(), a => a.Kind == AlertKind.OverCapacity);
        Assert.Equal(AlertStatus.Closed, closed.Status);
        await using var db = database.Open();
        Assert.Equal(["Raised", "Cleared"], await db.AlertActions.Where(a => a.AlertId == closed.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task A_bad_review_raises_an_alert_due_in_five_working_days_and_never_closes_by_itself()
    {
        var review = Event(EventType.ReviewSubmitted, 1, e => e with { WindowId = 3, Level = ReviewLevel.VeryDissatisfied, Tags = ReviewTags.Impatient });
        state.Apply([review]);

        await monitor.OnEventsAsync([review], CancellationToken.None);
        await monitor.SweepAsync(CancellationToken.None);

        var alert = Assert.Single(await AlertsAsync(), a => a.Kind == AlertKind.BadReview);
        Assert.Equal(AlertStatus.Open, alert.Status);
        Assert.Equal(review.Sequence, alert.ReviewId);
        // Monday 23 November 2026 + 5 working days = Monday 30 November; due at its end, county time.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), alert.DueAt!.Value.ToUniversalTime());
    }

    [Fact]
    public async Task An_unresolved_bad_review_past_its_deadline_is_escalated()
    {
        var review = Event(EventType.ReviewSubmitted, 1, e => e with { WindowId = 3, Level = ReviewLevel.Dissatisfied });
        state.Apply([review]);
        await monitor.OnEventsAsync([review], CancellationToken.None);

        time.Advance(TimeSpan.FromDays(8));
        await monitor.SweepAsync(CancellationToken.None);

        Assert.NotNull(Assert.Single(await AlertsAsync(), a => a.Kind == AlertKind.BadReview).EscalatedAt);
    }
}
