using System.Security.Claims;
using LiveBoard.Client.Live;
using LiveBoard.Client.Model;

namespace LiveBoard.Client.Presence;

public sealed record WhereaboutsHistoryEntry(
    DateTimeOffset At, string StaffName, Whereabouts Whereabouts, DateTimeOffset? ExpectedBackAt, string? Note,
    ChangeAuthor ChangedBy, ApprovalState Approval, ChangeAuthor? DecidedBy);

/// <summary>Who made a change, for the screen to say: a person by their display name, a device by the name its operator gave it.</summary>
public sealed record ChangeAuthor(AuthorKind Kind, string Name);

public enum AuthorKind
{
    Person,
    Device,
    /// <summary>The demo's own simulator (its key's name carries a run id nobody needs to read).</summary>
    DemoSimulator,
}

/// <summary>A staff member's month: absences, those without approval, returns later than announced.</summary>
public sealed record AttendanceRow(int StaffId, string StaffName, string Position, int Absences, int UnapprovedAbsences, int LateReturns);

/// <summary>
/// The whereabouts board's desk. Staff change only themselves; hall managers anyone in their hall;
/// the director and admins anyone. Leave and travel wait for the hall manager's (or the
/// director's) decision. Every change goes through the event log like a device's.
/// </summary>
public interface IWhereaboutsDesk
{
    /// <summary>The signed-in staff member's own card; null for users who are not staff.</summary>
    StaffPresenceView? Me(ClaimsPrincipal user);

    /// <summary>Someone's card, if the user may set their whereabouts (managers: their hall).</summary>
    StaffPresenceView? Card(ClaimsPrincipal user, int staffId);

    /// <summary>Null when done, else why not (the screen words it).</summary>
    Task<EventRefusal?> SetAsync(ClaimsPrincipal user, int staffId, Whereabouts whereabouts, DateTimeOffset? expectedBack, string? note, CancellationToken cancellationToken = default);

    Task<EventRefusal?> DecideAsync(ClaimsPrincipal user, int staffId, long recordId, bool approve, CancellationToken cancellationToken = default);

    /// <summary>The hall's attendance for a county month (empty when the user may not see the hall).</summary>
    Task<IReadOnlyList<AttendanceRow>> AttendanceAsync(ClaimsPrincipal user, string hallCode, int year, int month, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<WhereaboutsHistoryEntry>> HistoryAsync(ClaimsPrincipal user, string hallCode, int? staffId = null, CancellationToken cancellationToken = default);
}
