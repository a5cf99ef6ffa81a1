using System.Security.Claims;
using LiveBoard.Client.Model;

namespace LiveBoard.Client.Alerts;

public sealed record AlertView(
    long Id, int HallId, string HallName, AlertKind Kind, AlertStatus Status, string Summary,
    DateTimeOffset RaisedAt, DateTimeOffset? DueAt, DateTimeOffset? EscalatedAt, string? AssignedTo, AppealState Appeal, int Version);

/// <summary>
/// An alert with the joined picture a manager needs: the review (comment, and the phone only for
/// the person it is assigned to — masked for everyone else), the ticket's actual wait, the window,
/// the staff member on duty and whether they were marked in, and the audit trail.
/// </summary>
public sealed record AlertDetail(
    AlertView Alert,
    ReviewLevel? Level, ReviewTags Tags, string? Comment, string? Phone,
    string? Ticket, TimeSpan? TicketWait, int? WindowNumber, string? Business,
    string? StaffName, bool? StaffWasIn,
    string? Resolution, string? AppealReason, string? ReturnCallOutcome, int? ReturnCallRating,
    IReadOnlyList<AlertTrailEntry> Trail);

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

/// <summary>What became of an action: done, refused (with a reason a person can read), or lost a race.</summary>
public sealed record AlertOutcome(bool Done, string? Problem = null, bool Conflict = false);

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
