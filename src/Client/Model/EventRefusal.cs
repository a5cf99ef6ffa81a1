namespace LiveBoard.Client.Model;

/// <summary>
/// Why an event was refused: by the ingest API (a device), the event validator (a field), or the
/// app's own whereabouts forms. The code travels with the refusal; the API adds a readable English
/// detail for device makers, the screens word the code in the reader's language. Sent as
/// kebab-case in problem details ("ticket-already-rated"): never rename.
/// </summary>
public enum EventRefusal
{
    // The request as a whole.
    /// <summary>One or more fields are refused: see each field's code.</summary>
    Invalid,
    /// <summary>The device's key is limited to another hall.</summary>
    HallNotAllowed,
    /// <summary>The event log could not be written: nothing was stored; retry with the same event ids.</summary>
    JournalUnavailable,
    BodyTooLarge,
    NotJson,
    Malformed,
    UnknownType,

    // A field.
    Required,
    TooLong,
    OutOfRange,
    ClockAhead,
    TooOld,
    UnknownHall,
    UnknownBusiness,
    BusinessNotInHall,
    UnknownWindow,
    UnknownStaff,
    UnknownTicket,
    TicketAlreadyIssued,
    /// <summary>The ticket's state does not allow this step (already served, not yet called, ...).</summary>
    TicketNotInThatState,
    /// <summary>One rating per visit.</summary>
    TicketAlreadyRated,
    /// <summary>An expected return on a change to "in".</summary>
    OnlyForAnAbsence,
    BeforeTheChange,
    NotAPhoneNumber,

    // The app's whereabouts forms.
    /// <summary>Staff change only themselves, managers only their hall.</summary>
    MayNotSet,
    ReturnAlreadyPast,
    /// <summary>Only the hall's manager or the centre director decides leave and travel.</summary>
    MayNotDecide,
    NotAwaitingDecision,
}
