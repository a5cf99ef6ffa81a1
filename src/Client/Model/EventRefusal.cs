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
    /// <summary>Control characters (NUL, escape, …) or broken UTF-16: not text LiveBoard stores.</summary>
    NotText,
    /// <summary>A time without its offset from UTC ("2026-11-23T09:14:03" instead of "…+08:00").</summary>
    TimeWithoutOffset,
    /// <summary>An enum value that is not one of its names (a number, a list, another spelling).</summary>
    NotOneOfTheNames,
    /// <summary>A time further ahead than the field allows (an expected return in 9999).</summary>
    TooFarAhead,
    /// <summary>A bad rating (dissatisfied, very dissatisfied) without an issue tag, as the review page requires.</summary>
    TagRequired,
    /// <summary>The event id was used before for an event with a different body (409).</summary>
    EventIdReused,
    /// <summary>The database refused the value although the validator let it through; the rest of its group was stored.</summary>
    RefusedByDatabase,

    // The app's whereabouts forms.
    /// <summary>Staff change only themselves, managers only their hall.</summary>
    MayNotSet,
    ReturnAlreadyPast,
    /// <summary>Only the hall's manager or the centre director decides leave and travel.</summary>
    MayNotDecide,
    NotAwaitingDecision,
}
