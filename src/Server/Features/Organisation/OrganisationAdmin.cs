using System.Security.Claims;
using LiveBoard.Client.Account;
using LiveBoard.Client.Admin;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Organisation;

/// <summary>
/// The organisation's administration (<see cref="IOrganisationAdmin"/>): every change — an import,
/// a dialog's save, a deactivation — is a <see cref="Proposal"/> planned by the same rules
/// (<see cref="OrganisationCheck"/>), applied in one transaction with its audit rows, then made
/// live on every instance (<see cref="OrganisationChanges"/>). Changes on one instance take turns.
/// </summary>
public sealed partial class OrganisationAdmin(
    IDbContextFactory<LiveBoardDb> databases, AuditTrail audit, OrganisationChanges changes, ILogger<OrganisationAdmin> logger) : IOrganisationAdmin, IDisposable
{
    private readonly SemaphoreSlim turn = new(1, 1);

    public void Dispose() => turn.Dispose();

    public async Task<OrganisationRows> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return (await OrganisationStore.LoadAsync(db, cancellationToken)).Rows;
    }

    public Task<ImportReport> SaveHallAsync(ClaimsPrincipal admin, HallRow hall, IReadOnlyList<HoursRow> hours, CancellationToken cancellationToken = default) =>
        ChangeAsync(admin, _ => new Proposal(Halls: [new(null, hall)], Hours: [.. hours.Select(h => new Proposed<HoursRow>(null, h with { Hall = hall.Code }))],
            HoursFor: new HashSet<string>([hall.Code], StringComparer.OrdinalIgnoreCase)), cancellationToken);

    public Task<ImportReport> SaveDepartmentAsync(ClaimsPrincipal admin, DepartmentRow department, CancellationToken cancellationToken = default) =>
        ChangeAsync(admin, _ => new Proposal(Departments: [new(null, department)]), cancellationToken);

    public Task<ImportReport> SaveBusinessAsync(ClaimsPrincipal admin, BusinessRow business, CancellationToken cancellationToken = default) =>
        ChangeAsync(admin, _ => new Proposal(Businesses: [new(null, business)]), cancellationToken);

    public Task<ImportReport> SaveWindowAsync(ClaimsPrincipal admin, WindowRow window, CancellationToken cancellationToken = default) =>
        ChangeAsync(admin, _ => new Proposal(Windows: [new(null, window)]), cancellationToken);

    public Task<ImportReport> SaveStaffAsync(ClaimsPrincipal admin, StaffRow staff, CancellationToken cancellationToken = default) =>
        ChangeAsync(admin, _ => new Proposal(Staff: [new(null, staff)]), cancellationToken);

    public Task<ImportReport> SetActiveAsync(ClaimsPrincipal admin, OrganisationKind kind, string key, bool active, CancellationToken cancellationToken = default) =>
        ChangeAsync(admin, current => ActiveProposal(current, kind, key, active), cancellationToken);

    public async Task<ImportReport> DryRunAsync(IReadOnlyList<ImportFile> files, bool deactivateMissing, CancellationToken cancellationToken = default)
    {
        var (proposal, problems) = Read(files, deactivateMissing);
        if (proposal is null)
            return new ImportReport(problems, [], Applied: false);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var (current, accounts) = await OrganisationStore.LoadAsync(db, cancellationToken);
        var plan = OrganisationCheck.Plan(current, proposal, accounts, OrganisationStore.NewReviewCode);
        return new ImportReport([.. problems, .. plan.Problems], plan.Counts, Applied: false);
    }

    public async Task<ImportReport> ImportAsync(ClaimsPrincipal admin, IReadOnlyList<ImportFile> files, bool deactivateMissing, CancellationToken cancellationToken = default)
    {
        var (proposal, problems) = Read(files, deactivateMissing);
        if (proposal is null || problems.Count > 0)
            return new ImportReport(problems, [], Applied: false);
        return await ChangeAsync(admin, _ => proposal, cancellationToken);
    }

    /// <summary>Reads the files into a proposal; none when no file could be read at all.</summary>
    public static (Proposal? Proposal, List<ImportProblem> Problems) Read(IReadOnlyList<ImportFile> files, bool deactivateMissing)
    {
        var (sheets, fileProblems) = OrganisationWorkbook.Read(files);
        if (sheets.Count == 0)
            return (null, [.. fileProblems]);
        var (proposal, cellProblems) = OrganisationParse.Parse(sheets, deactivateMissing);
        return (proposal, [.. fileProblems, .. cellProblems]);
    }

    /// <summary>
    /// Plans the proposal against the organisation as it is now and, with no problem, applies it;
    /// the database refusing (a concurrent change on another instance) applies nothing and says so.
    /// </summary>
    private async Task<ImportReport> ChangeAsync(ClaimsPrincipal admin, Func<OrganisationRows, Proposal> propose, CancellationToken cancellationToken)
    {
        // The page is for admins only; the service says so too, whoever calls it.
        if (!admin.IsInRole(nameof(UserRole.Admin)))
            throw new UnauthorizedAccessException("Only an administrator changes the organisation.");
        await turn.WaitAsync(cancellationToken);
        ImportReport report;
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var (current, accounts) = await OrganisationStore.LoadAsync(db, cancellationToken);
            var plan = OrganisationCheck.Plan(current, propose(current), accounts, OrganisationStore.NewReviewCode);
            if (plan.Problems.Count > 0)
                return plan.Report(applied: false);
            try
            {
                await OrganisationStore.ApplyAsync(db, audit, AuditTrail.ActorOf(admin), plan, cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                LogRefused(ex);
                return new ImportReport([new ImportProblem(null, null, null, ImportProblemCode.DatabaseRefused)], plan.Counts, Applied: false);
            }
            report = plan.Report(applied: true);
        }
        finally
        {
            turn.Release();
        }
        if (report.Changes > 0)
            await changes.ChangedAsync(cancellationToken);
        return report;
    }

    /// <summary>The one row with its Active flag changed; an unknown key is a problem, not an exception.</summary>
    private static Proposal ActiveProposal(OrganisationRows current, OrganisationKind kind, string key, bool active)
    {
        bool Is(string a) => string.Equals(a, key, StringComparison.OrdinalIgnoreCase);
        return kind switch
        {
            OrganisationKind.Halls => new Proposal(Halls: [.. current.Halls.Where(h => Is(h.Code)).Select(h => new Proposed<HallRow>(null, h with { Active = active }))]),
            OrganisationKind.Departments => new Proposal(Departments: [.. current.Departments.Where(d => Is(d.Code)).Select(d => new Proposed<DepartmentRow>(null, d with { Active = active }))]),
            OrganisationKind.Businesses => new Proposal(Businesses: [.. current.Businesses.Where(b => Is(b.Code)).Select(b => new Proposed<BusinessRow>(null, b with { Active = active }))]),
            OrganisationKind.Windows => new Proposal(Windows: [.. current.Windows.Where(w => Is(OrganisationCheck.WindowKey(w.Hall, w.Number))).Select(w => new Proposed<WindowRow>(null, w with { Active = active }))]),
            OrganisationKind.Staff => new Proposal(Staff: [.. current.Staff.Where(s => Is(s.Number)).Select(s => new Proposed<StaffRow>(null, s with { Active = active }))]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Hours are changed with their hall."),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused an organisation change (another change at the same time?); nothing was applied.")]
    private partial void LogRefused(Exception exception);
}
