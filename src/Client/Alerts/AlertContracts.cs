using System.Security.Claims;
using LiveBoard.Client.Model;

namespace LiveBoard.Client.Alerts;

/// <summary>An alert as the inbox lists it: what happened is <see cref="Facts"/>, worded by the screen (AlertText).</summary>
public sealed record AlertView(
    long Id, int HallId, string HallName, string HallNameEn, AlertKind Kind, AlertStatus Status, AlertFacts Facts,
    DateTimeOffset RaisedAt, DateTimeOffset? DueAt, DateTimeOffset? EscalatedAt, string? AssignedTo, AppealState Appeal, int Version);

/// <summary>
/// What the alert was raised on, as facts rather than a sentence. Which are set depends on the kind:
/// a bad review has the window, the staff member on duty, the level and the tags; many bad reviews
/// <see cref="Count"/> bad of <see cref="OutOf"/> in <see cref="Minutes"/>; over capacity
/// <see cref="Count"/> in the hall of a capacity <see cref="OutOf"/>; a long wait its
/// <see cref="Minutes"/>; a silent hall the <see cref="Minutes"/> without data; an unstaffed window
/// the window and the <see cref="Count"/> waiting; an overdue return the staff member, the window
/// and the <see cref="Minutes"/> overdue. Alerts raised before facts were kept have only the
/// window and staff member.
/// </summary>
public sealed record AlertFacts(
    int? WindowNumber = null, string? StaffName = null, ReviewLevel? Level = null, ReviewTags Tags = ReviewTags.None,
    int? Count = null, int? OutOf = null, int? Minutes = null);

/// <summary>
/// An alert with the joined picture a manager needs: the review (comment, and the phone only for
/// the person it is assigned to — masked for everyone else), the ticket's actual wait, the window's
/// business, whether the staff member on duty was marked in, and the audit trail.
/// </summary>
public sealed record AlertDetail(
    AlertView Alert,
    string? Comment, string? Phone,
    string? Ticket, TimeSpan? TicketWait, string? Business, string? BusinessEn,
    bool? StaffWasIn,
    string? Resolution, string? AppealReason, string? ReturnCallOutcome, int? ReturnCallRating,
    IReadOnlyList<AlertTrailEntry> Trail);

/// <summary>
/// One step: <see cref="By"/> is the person's display name (or LiveBoard for the monitor), <see cref="Action"/>
/// an <see cref="AlertCommand"/>'s name or one of the monitor's (Raised, Cleared, Escalated).
/// </summary>
public sealed record AlertTrailEntry(DateTimeOffset At, string By, string Action, string? Note);

public enum AlertCommand
{
    Acknowledge,
    Assign,
    Comment,
    RecordReturnCall,
    Resolve,
    Reopen,
    Appeal,
    UpholdAppeal,
    RejectAppeal,
}

public sealed record AlertRequest(AlertCommand Command, int ExpectedVersion, string? Note = null, string? AssignTo = null, int? Rating = null);

/// <summary>What became of an action: done, or refused with a code that the screen words.</summary>
public sealed record AlertOutcome(AlertRefusal? Refusal = null)
{
    public static readonly AlertOutcome Succeeded = new();

    public bool Done => Refusal is null;
}

/// <summary>Why the alert workflow refused an action. Sent as kebab-case in problem details ("resolution-required"): never rename.</summary>
public enum AlertRefusal
{
    NoSuchAlert,
    /// <summary>Only hall managers and the centre director act on alerts.</summary>
    MayNotAct,
    /// <summary>Someone else changed the alert a moment ago: reload, check, try again.</summary>
    ChangedMeanwhile,
    NotOpen,
    AssigneeRequired,
    CommentRequired,
    ReturnCallRequired,
    AlreadyClosed,
    ResolutionRequired,
    /// <summary>Every bad review gets a return call before it is resolved.</summary>
    ReturnCallFirst,
    NotClosed,
    /// <summary>Only a bad review can be appealed, and only once.</summary>
    NotAppealable,
    AppealReasonRequired,
    /// <summary>Only the centre director decides appeals.</summary>
    MayNotDecideAppeal,
    NoAppealPending,
    /// <summary>A note longer than <see cref="TextLimits.AlertNote"/>.</summary>
    NoteTooLong,
    /// <summary>A note with control characters (other than line breaks and tabs).</summary>
    NoteNotText,
    /// <summary>The assignee is no active user who may handle this hall's alerts (its manager, or the centre director).</summary>
    NoSuchAssignee,
}

public sealed record AlertCounts(int Open, int Escalated);

/// <summary>The alert inbox. Every call states who asks; a hall manager only ever reaches their hall.</summary>
public interface IAlertInbox
{
    Task<IReadOnlyList<AlertView>> ListAsync(ClaimsPrincipal user, bool includeClosed = false, CancellationToken cancellationToken = default);

    Task<AlertDetail?> GetAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken = default);

    Task<AlertOutcome> ActAsync(ClaimsPrincipal user, long id, AlertRequest request, CancellationToken cancellationToken = default);

    /// <summary>Open and escalated alerts, county-wide (for the wall and the overview).</summary>
    AlertCounts Counts();

    /// <summary>Told when any alert is raised, changed or closed. Dispose to stop.</summary>
    IDisposable Subscribe(Action changed);
}
