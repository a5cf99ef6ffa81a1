using LiveBoard.Client.Model;
using LiveBoard.Server.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveBoard.UnitTests;

public sealed class LiveStateTests : IAsyncLifetime
{
    private readonly ManualTime time = new(TestDatabase.MondayMorning);
    private TestDatabase database = null!;
    private LiveState state = null!;
    private long sequence;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        state = new LiveState(database.Reference, TestDatabase.ClockAt(time), new JournalReader(database.Factory), database.Factory, NullLogger<LiveState>.Instance);
        await state.RebuildAsync();
    }

    public Task DisposeAsync()
    {
        database.Dispose();
        return Task.CompletedTask;
    }

    private LiveEvent Next(EventType type, Func<LiveEvent, LiveEvent> with, int minutesFromNow = 0)
    {
        var s = ++sequence;
        return with(new LiveEvent { Sequence = s, Type = type, HallId = 1, ClientEventId = $"e{s}", OccurredAt = time.Now.AddMinutes(minutesFromNow), ReceivedAt = time.Now });
    }

    private LiveEvent Issued(string ticket, int minutes = 0) => Next(EventType.TicketIssued, e => e with { Ticket = ticket, TicketId = e.Sequence, BusinessId = 2 }, minutes);

    private LiveEvent Called(string ticket, int window, int minutes) => Next(EventType.TicketCalled, e => e with { Ticket = ticket, WindowId = window }, minutes);

    private LiveEvent Served(string ticket, int minutes) => Next(EventType.TicketCompleted, e => e with { Ticket = ticket, Outcome = TicketOutcome.Done }, minutes);

    private LiveEvent Review(int window, ReviewLevel level) => Next(EventType.ReviewSubmitted, e => e with { WindowId = window, Level = level, Tags = ReviewTags.None });

    [Fact]
    public void Figures_follow_the_tickets_through_the_day()
    {
        state.Apply([Issued("A001"), Issued("A002"), Issued("A003"), Called("A001", 3, minutes: 10), Served("A001", minutes: 25), Called("A002", 4, minutes: 20)]);
        time.Advance(TimeSpan.FromMinutes(30));

        var hall = state.Hall(1)!;
        Assert.Equal(1, hall.Waiting);
        Assert.Equal(1, hall.InService);
        Assert.Equal(1, hall.Served);
        Assert.Equal(TimeSpan.FromMinutes(15), hall.AverageWait);   // 10 and 20 minutes
        Assert.Equal(TimeSpan.FromMinutes(15), hall.AverageService);
        Assert.Equal(TestDatabase.MondayMorning, hall.OldestWaitingSince);
        Assert.Equal("A002", hall.Windows.Single(w => w.WindowId == 4).CurrentTicket);
        Assert.Equal(1, state.County().ServedToday);
    }

    [Fact]
    public void The_satisfaction_rate_counts_basically_satisfied_and_better()
    {
        state.Apply([Review(3, ReviewLevel.VerySatisfied), Review(3, ReviewLevel.BasicallySatisfied), Review(3, ReviewLevel.Dissatisfied), Review(4, ReviewLevel.VeryDissatisfied)]);

        var county = state.County();
        Assert.Equal(4, county.ReviewsToday);
        Assert.Equal(2, county.BadReviewsToday);
        Assert.Equal(0.5, county.SatisfactionRate);
        Assert.Equal(2.0 / 3, state.Hall(1)!.Windows.Single(w => w.WindowId == 3).SatisfactionRate);
        // The ticker shows the newest first, with the window number and no citizen data.
        Assert.Equal(ReviewLevel.VeryDissatisfied, county.RecentReviews[0].Level);
        Assert.Equal("CTY", county.RecentReviews[0].HallCode);
    }

    [Fact]
    public void An_event_delivered_twice_is_applied_once()
    {
        var batch = new[] { Issued("A001"), Issued("A002") };

        state.Apply(batch);
        state.Apply(batch);

        Assert.Equal(2, state.Hall(1)!.Waiting);
        Assert.Equal(2, state.LastSequence);
    }

    [Fact]
    public async Task A_gap_in_the_sequence_is_healed_from_the_journal_before_later_events_apply()
    {
        var missing = Issued("A001");
        var later = Called("A001", 3, minutes: 5);
        await using (var db = database.Open())
        {
            db.Journal.Add(new JournalEntry { Sequence = missing.Sequence, ClientEventId = missing.ClientEventId, Type = missing.WireType, HallId = 1, OccurredAt = missing.OccurredAt, ReceivedAt = missing.ReceivedAt, Payload = JournalReader.Serialize(missing) });
            await db.SaveChangesAsync();
        }
        var changed = new TaskCompletionSource();
        using var subscription = state.Subscribe(1, () => changed.TrySetResult());

        state.Apply([later]);   // sequence 2 arrives first: 1 went missing on the bus

        await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 100 && state.LastSequence < 2; i++)
            await Task.Delay(20);
        Assert.Equal(2, state.LastSequence);
        Assert.Equal(1, state.Hall(1)!.InService);
    }

    [Fact]
    public void A_new_county_day_starts_from_zero_but_keeps_the_whereabouts()
    {
        var staff = database.Reference.AllStaff.First(s => s.HallId == 1 && s.WindowId is not null);
        state.Apply([Issued("A001"), Next(EventType.WhereaboutsChanged, e => e with { StaffId = staff.Id, Whereabouts = Whereabouts.In })]);

        time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(0, state.Hall(1)!.Waiting);
        Assert.Contains(state.Hall(1)!.Windows.SelectMany(w => w.Staff), s => s.StaffId == staff.Id && s.Whereabouts == Whereabouts.In);
    }

    [Fact]
    public void After_opening_staff_not_marked_in_are_late_and_unapproved_absences_are_counted()
    {
        // 10:00 in the county; the halls opened at 08:30.
        var staff = database.Reference.AllStaff.Where(s => s.HallId == 1 && s.WindowId is not null).Take(3).ToList();
        state.Apply([
            Next(EventType.WhereaboutsChanged, e => e with { StaffId = staff[0].Id, Whereabouts = Whereabouts.In }),
            Next(EventType.WhereaboutsChanged, e => e with { StaffId = staff[1].Id, Whereabouts = Whereabouts.Leave, Approval = ApprovalState.Pending, OccurredAt = time.Now.AddHours(-3) }),
        ]);

        var cards = state.Hall(1)!.Windows.SelectMany(w => w.Staff).ToDictionary(s => s.StaffId);

        Assert.False(cards[staff[0].Id].Late);
        Assert.True(cards[staff[1].Id].Late);   // on leave since before opening, not approved
        Assert.True(cards[staff[2].Id].Late);   // never marked
        var summary = state.Hall(1)!.Whereabouts;
        Assert.Equal(1, summary.Unapproved);
        Assert.True(summary.Late >= 2);
    }

    [Fact]
    public void Subscribers_hear_only_about_their_hall()
    {
        var county = 0;
        var township = 0;
        using var a = state.Subscribe(null, () => county++);
        using var b = state.Subscribe(database.Reference.HallByCode("T01")!.Id, () => township++);

        state.Apply([Issued("A001")]);

        Assert.Equal(1, county);
        Assert.Equal(0, township);
    }

}
