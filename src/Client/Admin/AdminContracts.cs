namespace LiveBoard.Client.Admin;

/// <summary>
/// How far the county's set-up has come: what /admin shows as its steps, and what tells the other
/// screens to say "nothing set up yet" instead of showing empty panels.
/// </summary>
/// <param name="Halls">Halls in the organisation.</param>
/// <param name="Windows">Service windows in those halls.</param>
/// <param name="Staff">Staff members.</param>
/// <param name="Users">Accounts, the first admin's included.</param>
/// <param name="Displays">Display keys not revoked.</param>
/// <param name="CalendarYears">Years whose public holidays and make-up days are in the calendar.</param>
/// <param name="ThisYear">The county's current year.</param>
/// <param name="NextYearDue">From 1 December the next year's calendar is due: deadlines soon cross into it.</param>
public sealed record SetupStatus(int Halls, int Windows, int Staff, int Users, int Displays, IReadOnlyList<int> CalendarYears, int ThisYear, bool NextYearDue)
{
    public bool HasOrganisation => Halls > 0 && Windows > 0;

    /// <summary>This year's calendar is missing, or the next year's once it is due.</summary>
    public bool CalendarMissing => !CalendarYears.Contains(ThisYear) || (NextYearDue && !CalendarYears.Contains(ThisYear + 1));
}

/// <summary>The set-up's state, for the admin's start page and the overview's warnings.</summary>
public interface IAdminSetup
{
    Task<SetupStatus> StatusAsync(CancellationToken cancellationToken = default);
}

/// <summary>One administrative change as the audit page shows it; before and after as JSON.</summary>
public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string Area, string Subject, string Action, string? Before, string? After);

/// <summary>A filter on the audit: each part optional; Words matches the actor or the subject.</summary>
public sealed record AuditQuery(string? Area = null, string? Words = null, DateOnly? From = null, DateOnly? To = null, int Skip = 0, int Take = 50);

public sealed record AuditResults(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>The audit of administrative changes, newest first. Who may read it: admins and the director.</summary>
public interface IAuditLog
{
    /// <summary>The areas that have entries, for the filter.</summary>
    Task<IReadOnlyList<string>> AreasAsync(CancellationToken cancellationToken = default);

    Task<AuditResults> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
