using LiveBoard.Client.Model;
using LiveBoard.Server.Live;

namespace LiveBoard.Server.Features.Ingest;

public sealed class IngestOptions
{
    /// <summary>How far ahead of the server's clock a device's timestamp may be.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How old an event may be when it arrives (devices buffer while offline).</summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Events in one batch request.</summary>
    public int MaxBatchSize { get; set; } = 500;
}

/// <summary>Who is sending: a device key's id and the hall it is limited to (null: the county).</summary>
public sealed record DeviceIdentity(int DeviceId, string Name, int? HallId);

/// <summary>
/// Why an event was refused: the HTTP status, the request's code with its English title, and the
/// fields at fault (empty when the request as a whole was refused).
/// </summary>
public sealed record EventRejection(int Status, EventRefusal Code, string Title, IReadOnlyDictionary<string, FieldRefusal> Errors);

/// <summary>A field's refusal: the code the screens word, and the English detail the API sends devices.</summary>
public sealed record FieldRefusal(EventRefusal Code, string Detail);

/// <summary>
/// Turns a device's event into a <see cref="LiveEvent"/>: every field checked, codes resolved to
/// ids, the transition checked against today's tickets. Pure apart from the state it is given,
/// so the writer can run it for many events in a row without a query.
/// </summary>
public static class EventValidator
{
    /// <summary>An expected return further ahead than this is a typing error, not a plan (issue 17 saw one in 9999).</summary>
    public static readonly TimeSpan MaxAbsence = TimeSpan.FromDays(366);

    private const string NotTextDetail = "Control characters (NUL, line breaks, tabs, escape, …) are not allowed.";
    private const string NotMultiLineTextDetail = "Control characters other than line breaks and tabs are not allowed.";

    public static (LiveEvent? Event, EventRejection? Rejection) Validate(
        IngestEvent input, DeviceIdentity device, ReferenceData reference, TicketBook tickets,
        DateTimeOffset receivedAt, IngestOptions options, string field = "")
    {
        var errors = new Dictionary<string, FieldRefusal>();
        void Error(string name, EventRefusal code, string detail) => errors[field + name] = new FieldRefusal(code, detail);

        // Every text field: within its one limit (TextLimits) and text at all; checked before anything
        // echoes the value back in a message.
        bool IsText(string name, string? value, int limit, bool multiLine = false)
        {
            if (value is null)
                return true;
            if (value.Length > limit)
                Error(name, EventRefusal.TooLong, $"At most {limit} characters.");
            else if (!TextRules.IsText(value, multiLine))
                Error(name, EventRefusal.NotText, multiLine ? NotMultiLineTextDetail : NotTextDetail);
            else
                return true;
            return false;
        }

        if (string.IsNullOrWhiteSpace(input.EventId))
            Error("eventId", EventRefusal.Required, "Required: the device's unique id for this event.");
        else
            IsText("eventId", input.EventId, TextLimits.EventId);

        if (input.OccurredAt is not { } occurredAt)
            Error("occurredAt", EventRefusal.Required, "Required: when it happened, with a time-zone offset.");
        else if (occurredAt - receivedAt > options.MaxClockSkew)
            Error("occurredAt", EventRefusal.ClockAhead, $"{(occurredAt - receivedAt).TotalSeconds:0} s ahead of the server's clock (at most {options.MaxClockSkew.TotalSeconds:0} s); check the device's clock.");
        else if (receivedAt - occurredAt > options.MaxEventAge)
            Error("occurredAt", EventRefusal.TooOld, $"{(receivedAt - occurredAt).TotalHours:0.#} h old (at most {options.MaxEventAge.TotalHours:0.#} h); check the device's clock.");

        var hall = string.IsNullOrWhiteSpace(input.Hall) || input.Hall.Length > TextLimits.Code ? null : reference.HallByCode(input.Hall);
        if (string.IsNullOrWhiteSpace(input.Hall))
            Error("hall", EventRefusal.Required, "Required: the hall's code.");
        else if (IsText("hall", input.Hall, TextLimits.Code) && hall is null)
            Error("hall", EventRefusal.UnknownHall, $"Unknown hall '{input.Hall}'.");
        else if (hall is not null && device.HallId is { } scope && scope != hall.Id)
            return (null, new EventRejection(StatusCodes.Status403Forbidden, EventRefusal.HallNotAllowed, "This device may not send events for that hall.",
                new Dictionary<string, FieldRefusal> { [field + "hall"] = new(EventRefusal.HallNotAllowed, $"The key '{device.Name}' is limited to another hall.") }));

        if (errors.Count > 0 || hall is null)
            return (null, Rejected(errors));

        var accepted = new LiveEvent
        {
            HallId = hall.Id,
            DeviceId = device.DeviceId,
            ClientEventId = input.EventId!,
            OccurredAt = input.OccurredAt!.Value,
            ReceivedAt = receivedAt,
        };

        TicketState? Ticket(string? number)
        {
            if (string.IsNullOrWhiteSpace(number))
            {
                Error("ticket", EventRefusal.Required, "Required: the ticket number.");
                return null;
            }
            if (!IsText("ticket", number, TextLimits.Ticket))
                return null;
            var ticket = tickets.Find(hall.Id, number);
            if (ticket is null)
                Error("ticket", EventRefusal.UnknownTicket, $"Ticket '{number}' was not issued today at hall '{hall.Code}'.");
            return ticket;
        }

        switch (input)
        {
            case TicketIssuedEvent issued:
                var businessId = string.IsNullOrWhiteSpace(issued.Business) || issued.Business.Length > TextLimits.Code ? null : reference.BusinessId(issued.Business);
                if (string.IsNullOrWhiteSpace(issued.Business))
                    Error("business", EventRefusal.Required, "Required: the business code.");
                else if (IsText("business", issued.Business, TextLimits.Code) && businessId is null)
                    Error("business", EventRefusal.UnknownBusiness, $"Unknown business '{issued.Business}'.");
                else if (businessId is not null && !hall.BusinessIds.Contains(businessId.Value))
                    Error("business", EventRefusal.BusinessNotInHall, $"Hall '{hall.Code}' has no window for business '{issued.Business}'.");
                if (string.IsNullOrWhiteSpace(issued.Ticket))
                    Error("ticket", EventRefusal.Required, "Required: the ticket number.");
                else if (IsText("ticket", issued.Ticket, TextLimits.Ticket) && tickets.Find(hall.Id, issued.Ticket) is not null)
                    Error("ticket", EventRefusal.TicketAlreadyIssued, $"Ticket '{issued.Ticket}' was already issued today at hall '{hall.Code}'.");
                accepted = accepted with { Type = EventType.TicketIssued, Ticket = issued.Ticket, BusinessId = businessId };
                break;

            case TicketCalledEvent called:
                var window = WindowOf(called.Window);
                if (Ticket(called.Ticket) is { } calledTicket)
                {
                    // Any window may call any ticket: general-acceptance windows serve every business.
                    if (calledTicket.Status is not (TicketStatus.Waiting or TicketStatus.Called))
                        Error("ticket", EventRefusal.TicketNotInThatState, $"Ticket '{called.Ticket}' is {Describe(calledTicket.Status)} and cannot be called.");
                    accepted = accepted with { Type = EventType.TicketCalled, Ticket = called.Ticket, TicketId = calledTicket.Id, WindowId = window?.Id, BusinessId = calledTicket.BusinessId };
                }
                break;

            case TicketCompletedEvent completed:
                if (completed.Outcome is null)
                    Error("outcome", EventRefusal.Required, "Required: done, incomplete or referred.");
                if (Ticket(completed.Ticket) is { } completedTicket)
                {
                    if (completedTicket.Status != TicketStatus.Called)
                        Error("ticket", EventRefusal.TicketNotInThatState, $"Ticket '{completed.Ticket}' is {Describe(completedTicket.Status)}: only a called ticket can be served.");
                    accepted = accepted with
                    {
                        Type = EventType.TicketCompleted, Ticket = completed.Ticket, TicketId = completedTicket.Id,
                        WindowId = completedTicket.WindowId, BusinessId = completedTicket.BusinessId, Outcome = completed.Outcome,
                    };
                }
                break;

            case TicketAbandonedEvent abandoned:
                if (Ticket(abandoned.Ticket) is { } abandonedTicket)
                {
                    if (abandonedTicket.Status is not (TicketStatus.Waiting or TicketStatus.Called))
                        Error("ticket", EventRefusal.TicketNotInThatState, $"Ticket '{abandoned.Ticket}' is {Describe(abandonedTicket.Status)} and cannot be abandoned.");
                    accepted = accepted with
                    {
                        Type = EventType.TicketAbandoned, Ticket = abandoned.Ticket, TicketId = abandonedTicket.Id,
                        WindowId = abandonedTicket.WindowId, BusinessId = abandonedTicket.BusinessId, NoShow = abandoned.NoShow ?? false,
                    };
                }
                break;

            case DoorCountedEvent door:
                if (door.In is null && door.Out is null)
                    Error("in", EventRefusal.Required, "Required: people in and/or out since the last report.");
                if (door.In is < 0 or > 10_000)
                    Error("in", EventRefusal.OutOfRange, "Between 0 and 10000.");
                if (door.Out is < 0 or > 10_000)
                    Error("out", EventRefusal.OutOfRange, "Between 0 and 10000.");
                accepted = accepted with { Type = EventType.DoorCounted, In = door.In ?? 0, Out = door.Out ?? 0 };
                break;

            case WhereaboutsChangedEvent change:
                var staff = change.Staff is { } staffId ? reference.Staff(staffId) : null;
                if (change.Staff is null)
                    Error("staff", EventRefusal.Required, "Required: the staff member's id.");
                else if (staff is null || staff.HallId != hall.Id)
                    Error("staff", EventRefusal.UnknownStaff, $"No staff member {change.Staff} at hall '{hall.Code}'.");
                if (change.Whereabouts is null)
                    Error("whereabouts", EventRefusal.Required, "Required: in, out, meeting, travel or leave.");
                if (change.Whereabouts == Whereabouts.In && change.ExpectedBack is not null)
                    Error("expectedBack", EventRefusal.OnlyForAnAbsence, "Only for an absence.");
                if (change.ExpectedBack is { } back && back < change.OccurredAt)
                    Error("expectedBack", EventRefusal.BeforeTheChange, "Before the change itself.");
                else if (change.ExpectedBack is { } far && far - change.OccurredAt!.Value > MaxAbsence)
                    Error("expectedBack", EventRefusal.TooFarAhead, $"At most {MaxAbsence.TotalDays:0} days after the change (by {change.OccurredAt.Value + MaxAbsence:yyyy-MM-dd}).");
                IsText("note", change.Note, TextLimits.WhereaboutsNote);
                accepted = accepted with
                {
                    Type = EventType.WhereaboutsChanged, StaffId = change.Staff, Whereabouts = change.Whereabouts,
                    ExpectedBackAt = change.ExpectedBack, Note = change.Note,
                    // Leave and travel need the approver's decision; the rest need none.
                    Approval = change.Whereabouts is Whereabouts.Leave or Whereabouts.Travel ? ApprovalState.Pending : ApprovalState.NotRequired,
                };
                break;

            case ReviewSubmittedEvent review:
                var reviewed = WindowOf(review.Window);
                if (review.Level is null)
                    Error("level", EventRefusal.Required, "Required: 1 (very dissatisfied) to 5 (very satisfied).");
                else if (review.Level is < 1 or > 5)
                    Error("level", EventRefusal.OutOfRange, "Between 1 (very dissatisfied) and 5 (very satisfied).");
                IsText("comment", review.Comment, TextLimits.ReviewComment, multiLine: true);
                if (review.Phone is { Length: > 0 } phone && !PhoneNumbers.IsValid(phone))
                    Error("phone", EventRefusal.NotAPhoneNumber, $"A phone number: digits, spaces, +, - only, 5 to {TextLimits.Phone} characters.");
                long? ticketId = null;
                if (!string.IsNullOrWhiteSpace(review.Ticket) && Ticket(review.Ticket) is { } reviewedTicket)
                {
                    if (reviewedTicket.Reviewed)
                        Error("ticket", EventRefusal.TicketAlreadyRated, $"Ticket '{review.Ticket}' has already been rated: one rating per visit.");
                    ticketId = reviewedTicket.Id;
                }
                // One tag per entry, each a tag (not "none", not a combination).
                var tags = ReviewTags.None;
                var notTags = (review.Tags ?? []).Any(tag => tag == ReviewTags.None || !Enum.IsDefined(tag));
                foreach (var tag in review.Tags ?? [])
                    tags |= tag;
                if (notTags)
                    Error("tags", EventRefusal.NotOneOfTheNames, "Each entry one issue tag, e.g. [\"impatient\", \"low-efficiency\"].");
                // The review page's rule: a bad rating says what went wrong.
                else if (review.Level is >= 1 and <= 5 && ((ReviewLevel)review.Level.Value).IsBad() && tags == ReviewTags.None)
                    Error("tags", EventRefusal.TagRequired, "A dissatisfied or very dissatisfied rating needs at least one issue tag.");
                accepted = accepted with
                {
                    Type = EventType.ReviewSubmitted, WindowId = reviewed?.Id, Level = (ReviewLevel?)review.Level,
                    Tags = tags, Channel = review.Channel ?? ReviewChannel.OnSite, Ticket = string.IsNullOrWhiteSpace(review.Ticket) ? null : review.Ticket, TicketId = ticketId,
                };
                break;

            case WhereaboutsDecidedEvent decided:
                if (decided.Staff is not { } decidedStaff || reference.Staff(decidedStaff)?.HallId != hall.Id)
                    Error("staff", EventRefusal.UnknownStaff, $"No staff member {decided.Staff} at hall '{hall.Code}'.");
                if (decided.Record is null)
                    Error("record", EventRefusal.Required, "Required: the request decided.");
                if (decided.Decision is not (ApprovalState.Approved or ApprovalState.Rejected))
                    Error("decision", EventRefusal.OutOfRange, "Approved or rejected.");
                accepted = accepted with { Type = EventType.WhereaboutsDecided, StaffId = decided.Staff, RecordId = decided.Record, Approval = decided.Decision };
                break;

            default:
                Error("type", EventRefusal.UnknownType, "Unknown event type.");
                break;
        }

        return errors.Count > 0 ? (null, Rejected(errors)) : (accepted, null);

        ReferenceData.WindowInfo? WindowOf(int? number)
        {
            if (number is null)
            {
                Error("window", EventRefusal.Required, "Required: the window number.");
                return null;
            }
            var found = reference.Window(hall.Id, number.Value);
            if (found is null)
                Error("window", EventRefusal.UnknownWindow, $"Hall '{hall.Code}' has no window {number}.");
            return found;
        }
    }

    private static EventRejection Rejected(Dictionary<string, FieldRefusal> errors) =>
        new(StatusCodes.Status422UnprocessableEntity, EventRefusal.Invalid, "The event was refused; nothing of this request was stored.", errors);

    private static string Describe(TicketStatus status) => status switch
    {
        TicketStatus.Waiting => "still waiting",
        TicketStatus.Called => "at a window",
        TicketStatus.Served => "already served",
        TicketStatus.NoShow => "closed as a no-show",
        _ => "abandoned",
    };
}
