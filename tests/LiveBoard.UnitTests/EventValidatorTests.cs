using LiveBoard.Client.Model;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;

namespace LiveBoard.UnitTests;

/// <summary>Every class of bad event a device can send is refused, naming the field at fault.</summary>
public sealed class EventValidatorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = TestDatabase.MondayMorning;
    private static readonly DeviceIdentity CountyDevice = new(1, "queue machine", null);
    private readonly IngestOptions options = new();
    private readonly TicketBook tickets = new();
    private TestDatabase database = null!;
    private long sequence;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        tickets.StartDay(DateOnly.FromDateTime(Now.AddHours(8).DateTime));
    }

    public Task DisposeAsync()
    {
        database.Dispose();
        return Task.CompletedTask;
    }

    private (LiveEvent? Event, EventRejection? Rejection) Validate(IngestEvent e, DeviceIdentity? device = null, string field = "")
    {
        var result = EventValidator.Validate(e, device ?? CountyDevice, database.Reference, tickets, Now, options, field);
        if (result.Event is { } accepted)
            tickets.Apply(accepted with { Sequence = ++sequence, TicketId = accepted.TicketId ?? sequence });
        return result;
    }

    private static T At<T>(T e, string hall = "CTY") where T : IngestEvent => e with { EventId = Guid.NewGuid().ToString(), OccurredAt = Now, Hall = hall };

    private static void AssertRefused((LiveEvent? Event, EventRejection? Rejection) result, string field, string containing, int status = 422, EventRefusal? code = null)
    {
        Assert.Null(result.Event);
        Assert.NotNull(result.Rejection);
        Assert.Equal(status, result.Rejection.Status);
        Assert.True(result.Rejection.Errors.TryGetValue(field, out var refusal), $"no error for '{field}': {string.Join("; ", result.Rejection.Errors.Keys)}");
        Assert.Contains(containing, refusal.Detail, StringComparison.OrdinalIgnoreCase);
        if (code is not null)
            Assert.Equal(code, refusal.Code);
    }

    [Fact]
    public void A_ticket_goes_from_issued_to_called_to_served()
    {
        Assert.NotNull(Validate(At(new TicketIssuedEvent { Ticket = "A001", Business = "A" })).Event);
        var called = Validate(At(new TicketCalledEvent { Ticket = "A001", Window = 3 })).Event;
        var served = Validate(At(new TicketCompletedEvent { Ticket = "A001", Outcome = TicketOutcome.Done })).Event;

        Assert.NotNull(called);
        Assert.NotNull(served);
        Assert.Equal(TicketStatus.Served, tickets.Find(1, "A001")!.Status);
        Assert.Equal(called.WindowId, served.WindowId);
    }

    [Fact]
    public void Serving_a_ticket_that_was_never_called_is_refused()
    {
        Validate(At(new TicketIssuedEvent { Ticket = "A002", Business = "A" }));

        AssertRefused(Validate(At(new TicketCompletedEvent { Ticket = "A002", Outcome = TicketOutcome.Done })), "ticket", "only a called ticket");
        AssertRefused(Validate(At(new TicketCompletedEvent { Ticket = "Z999", Outcome = TicketOutcome.Done })), "ticket", "was not issued today");
    }

    [Fact]
    public void A_ticket_number_is_issued_once_a_day_per_hall()
    {
        Validate(At(new TicketIssuedEvent { Ticket = "A003", Business = "A" }));

        AssertRefused(Validate(At(new TicketIssuedEvent { Ticket = "A003", Business = "A" })), "ticket", "already issued");
        Assert.NotNull(Validate(At(new TicketIssuedEvent { Ticket = "A003", Business = "A" }, hall: "T01")).Event);
    }

    [Fact]
    public void Unknown_halls_businesses_windows_and_staff_are_named()
    {
        AssertRefused(Validate(At(new TicketIssuedEvent { Ticket = "A004", Business = "A" }, hall: "NOPE")), "hall", "Unknown hall 'NOPE'");
        AssertRefused(Validate(At(new TicketIssuedEvent { Ticket = "A004", Business = "XYZ" })), "business", "Unknown business");
        AssertRefused(Validate(At(new TicketIssuedEvent { Ticket = "G001", Business = "G" }, hall: "T01")), "business", "has no window for business 'G'");
        Validate(At(new TicketIssuedEvent { Ticket = "A005", Business = "A" }));
        AssertRefused(Validate(At(new TicketCalledEvent { Ticket = "A005", Window = 99 })), "window", "has no window 99");
        AssertRefused(Validate(At(new WhereaboutsChangedEvent { Staff = 999_999, Whereabouts = Whereabouts.Out })), "staff", "No staff member 999999");
    }

    [Fact]
    public void Missing_fields_are_each_named()
    {
        var result = Validate(new TicketIssuedEvent());

        Assert.NotNull(result.Rejection);
        Assert.Equal(["eventId", "hall", "occurredAt"], result.Rejection.Errors.Keys.Order());
    }

    [Fact]
    public void A_device_clock_far_off_the_server_clock_is_refused_with_the_reason()
    {
        AssertRefused(Validate(At(new DoorCountedEvent { In = 1 }) with { OccurredAt = Now.AddMinutes(10) }), "occurredAt", "ahead of the server's clock");
        AssertRefused(Validate(At(new DoorCountedEvent { In = 1 }) with { OccurredAt = Now.AddDays(-2) }), "occurredAt", "48 h old");
        Assert.NotNull(Validate(At(new DoorCountedEvent { In = 1 }) with { OccurredAt = Now.AddMinutes(1) }).Event);
    }

    [Fact]
    public void A_device_limited_to_one_hall_cannot_speak_for_another()
    {
        var township = new DeviceIdentity(2, "T01 door", database.Reference.HallByCode("T01")!.Id);

        AssertRefused(Validate(At(new DoorCountedEvent { In = 1 }), township), "hall", "limited to another hall", status: 403);
        Assert.NotNull(Validate(At(new DoorCountedEvent { In = 1 }, hall: "T01"), township).Event);
    }

    [Fact]
    public void Reviews_need_a_level_from_one_to_five_and_one_rating_per_visit()
    {
        Validate(At(new TicketIssuedEvent { Ticket = "A010", Business = "A" }));
        Validate(At(new TicketCalledEvent { Ticket = "A010", Window = 3 }));
        Validate(At(new TicketCompletedEvent { Ticket = "A010", Outcome = TicketOutcome.Done }));

        AssertRefused(Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 6 })), "level", "between 1");
        AssertRefused(Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 5, Phone = "<script>" })), "phone", "phone number");
        AssertRefused(Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 5, Comment = new string('x', 501) })), "comment", "at most 500");
        var first = Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 2, Ticket = "A010", Tags = [ReviewTags.Impatient, ReviewTags.LowEfficiency] }));
        Assert.Equal(ReviewTags.Impatient | ReviewTags.LowEfficiency, first.Event!.Tags);
        AssertRefused(Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 5, Ticket = "A010" })), "ticket", "one rating per visit", code: EventRefusal.TicketAlreadyRated);
    }

    [Fact]
    public void Leave_and_travel_wait_for_approval_and_other_whereabouts_do_not()
    {
        var staff = database.Reference.AllStaff.First(s => s.HallId == 1);

        var leave = Validate(At(new WhereaboutsChangedEvent { Staff = staff.Id, Whereabouts = Whereabouts.Leave, ExpectedBack = Now.AddDays(2) })).Event;
        var meeting = Validate(At(new WhereaboutsChangedEvent { Staff = staff.Id, Whereabouts = Whereabouts.Meeting, ExpectedBack = Now.AddHours(1) })).Event;

        Assert.Equal(ApprovalState.Pending, leave!.Approval);
        Assert.Equal(ApprovalState.NotRequired, meeting!.Approval);
        AssertRefused(Validate(At(new WhereaboutsChangedEvent { Staff = staff.Id, Whereabouts = Whereabouts.Out, ExpectedBack = Now.AddHours(-1) })), "expectedBack", "before the change");
    }

    [Fact]
    public void Batch_errors_name_the_event_by_its_index()
    {
        var result = Validate(At(new DoorCountedEvent { In = -1 }), field: "events[3].");

        AssertRefused(result, "events[3].in", "between 0");
    }

    [Fact]
    public void Control_characters_are_refused_in_every_text_field_naming_it()
    {
        var staff = database.Reference.AllStaff.First(s => s.HallId == 1);
        Validate(At(new TicketIssuedEvent { Ticket = "A020", Business = "A" }));

        // NUL in the id: what failed a whole write group on PostgreSQL (issue 17).
        AssertRefused(Validate(At(new DoorCountedEvent { In = 1 }) with { EventId = "door-\0-1" }), "eventId", "control characters", code: EventRefusal.NotText);
        AssertRefused(Validate(At(new DoorCountedEvent { In = 1 }, hall: "CT\u001bY")), "hall", "control characters", code: EventRefusal.NotText);
        AssertRefused(Validate(At(new TicketIssuedEvent { Ticket = "A\u0007021", Business = "A" })), "ticket", "control characters", code: EventRefusal.NotText);
        AssertRefused(Validate(At(new TicketIssuedEvent { Ticket = "A022", Business = "A\0" })), "business", "control characters", code: EventRefusal.NotText);
        AssertRefused(Validate(At(new TicketCalledEvent { Ticket = "A020\0", Window = 1 })), "ticket", "control characters", code: EventRefusal.NotText);
        AssertRefused(Validate(At(new WhereaboutsChangedEvent { Staff = staff.Id, Whereabouts = Whereabouts.Out, Note = "bank\nrun" })), "note", "control characters", code: EventRefusal.NotText);
        AssertRefused(Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 5, Comment = "fine\0" })), "comment", "control characters", code: EventRefusal.NotText);
        AssertRefused(Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 5, Comment = "half a pair \ud800" })), "comment", "control characters", code: EventRefusal.NotText);
        // A comment has lines; emoji (surrogate pairs) and Chinese are text.
        Assert.NotNull(Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 5, Comment = "很好\r\n谢谢 👍" })).Event);
    }

    [Fact]
    public void Each_text_field_has_its_one_limit()
    {
        var staff = database.Reference.AllStaff.First(s => s.HallId == 1);

        AssertRefused(Validate(At(new DoorCountedEvent { In = 1 }) with { EventId = new string('e', TextLimits.EventId + 1) }), "eventId", $"at most {TextLimits.EventId}", code: EventRefusal.TooLong);
        Assert.NotNull(Validate(At(new DoorCountedEvent { In = 1 }) with { EventId = new string('e', TextLimits.EventId) }).Event);
        AssertRefused(Validate(At(new DoorCountedEvent { In = 1 }, hall: new string('H', 10_000))), "hall", $"at most {TextLimits.Code}", code: EventRefusal.TooLong);
        AssertRefused(Validate(At(new TicketIssuedEvent { Ticket = new string('A', TextLimits.Ticket + 1), Business = "A" })), "ticket", $"at most {TextLimits.Ticket}");
        AssertRefused(Validate(At(new TicketCalledEvent { Ticket = new string('A', TextLimits.Ticket + 1), Window = 1 })), "ticket", $"at most {TextLimits.Ticket}");
        AssertRefused(Validate(At(new WhereaboutsChangedEvent { Staff = staff.Id, Whereabouts = Whereabouts.Out, Note = new string('n', TextLimits.WhereaboutsNote + 1) })), "note", $"at most {TextLimits.WhereaboutsNote}");
        Assert.NotNull(Validate(At(new WhereaboutsChangedEvent { Staff = staff.Id, Whereabouts = Whereabouts.Out, Note = new string('n', TextLimits.WhereaboutsNote) })).Event);
        AssertRefused(Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 5, Comment = new string('长', TextLimits.ReviewComment + 1) })), "comment", $"at most {TextLimits.ReviewComment}");
        AssertRefused(Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 5, Phone = new string('1', TextLimits.Phone + 1) })), "phone", "phone number");
    }

    [Fact]
    public void An_expected_return_must_be_within_a_year_of_the_change()
    {
        var staff = database.Reference.AllStaff.First(s => s.HallId == 1);

        AssertRefused(Validate(At(new WhereaboutsChangedEvent { Staff = staff.Id, Whereabouts = Whereabouts.Leave, ExpectedBack = new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero) })),
            "expectedBack", "at most 366 days", code: EventRefusal.TooFarAhead);
        Assert.NotNull(Validate(At(new WhereaboutsChangedEvent { Staff = staff.Id, Whereabouts = Whereabouts.Leave, ExpectedBack = Now.AddDays(180) })).Event);
    }

    [Fact]
    public void A_bad_rating_through_the_api_needs_an_issue_tag_as_on_the_review_page()
    {
        AssertRefused(Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 1 })), "tags", "at least one issue tag", code: EventRefusal.TagRequired);
        AssertRefused(Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 2, Tags = [] })), "tags", "at least one issue tag", code: EventRefusal.TagRequired);
        AssertRefused(Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 1, Tags = [ReviewTags.None] })), "tags", "one issue tag", code: EventRefusal.NotOneOfTheNames);
        AssertRefused(Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 1, Tags = [ReviewTags.Impatient | ReviewTags.Indifferent] })), "tags", "one issue tag");
        Assert.NotNull(Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 1, Tags = [ReviewTags.Impatient] })).Event);
        // A satisfied rating needs none.
        Assert.NotNull(Validate(At(new ReviewSubmittedEvent { Window = 3, Level = 3 })).Event);
    }
}
