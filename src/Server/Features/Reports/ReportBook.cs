using System.Globalization;
using System.Text.Json;
using LiveBoard.Client.Model;
using LiveBoard.Client.Reports;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Halls;
using LiveBoard.Server.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Reports;

/// <summary>
/// Statistics for any period by window, staff member, hall, township or department, and the
/// monthly and yearly rankings: a frozen snapshot when the period has been published, otherwise
/// computed from the same figures.
/// </summary>
public sealed class ReportBook(IDbContextFactory<LiveBoardDb> databases, CountyClock clock, IOptions<RankingOptions> options) : IReports
{
    // Rows that are no unit of the grouping: named here in both languages, as units are, for the page and the CSV.
    private static readonly UnitName TotalName = new("合计", "Total");
    private static readonly UnitName NoStaffName = new("未记录当班人员", "No staff member on record");

    private volatile RankingView? currentWindowRanking;

    public DateOnly Today => clock.Today;

    public RankingView? CurrentWindowRanking => currentWindowRanking;

    /// <summary>Recomputes this month's provisional window ranking (the wall's strip); the roller calls it every minute.</summary>
    public async Task RefreshCurrentAsync(CancellationToken cancellationToken) =>
        currentWindowRanking = await RankingAsync(ReportPeriod.Containing(PeriodKind.Month, clock.Today), RankingScope.Windows, cancellationToken);

    public async Task<StatsTable> StatsAsync(ReportPeriod period, StatsUnit unit, int? hallId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // One snapshot for every read below: the roller commits a day's window and staff rollups
        // together, and a table read across two of its commits (the first roll-up after a start)
        // gave staff rows that did not add up to the total.
        await using var snapshot = await db.Database.BeginTransactionAsync(
            db.Database.IsNpgsql() ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.Serializable, cancellationToken);
        var figures = await Figures.ForAsync(db, clock, period.Start, period.End, cancellationToken);
        await CountRectificationAsync(db, figures, period, cancellationToken);
        var halls = await db.Halls.AsNoTracking().Where(h => hallId == null || h.Id == hallId).OrderBy(h => h.Kind).ThenBy(h => h.Code).ToListAsync(cancellationToken);
        // Deactivated halls and windows too: their statistics stay (decision 0015).
        var windows = await db.Windows.AsNoTracking().Include(w => w.Business).ThenInclude(b => b!.Department).Include(w => w.Department)
            .Where(w => hallId == null || w.HallId == hallId).ToListAsync(cancellationToken);
        var hallById = halls.ToDictionary(h => h.Id);
        UnitName HallName(int id) => new(hallById[id].Name, hallById[id].NameEn);
        Totals Of(IEnumerable<ServiceWindow> some) => Totals.Sum(some.Select(w => figures.Windows.GetValueOrDefault(w.Id)).OfType<Totals>());

        // Every grouping splits exactly the windows in scope (the county centre is a row among the
        // townships, every window has one department, the staff rows end with "no staff member on
        // record"), so whichever is chosen its rows add up to this one total.
        List<StatsRow> rows = unit switch
        {
            StatsUnit.Window => [.. windows.OrderBy(w => hallById[w.HallId].Kind).ThenBy(w => hallById[w.HallId].Code, StringComparer.Ordinal).ThenBy(w => w.Number)
                .Select(w => Row(w.Id, $"{hallById[w.HallId].Code}-{w.Number:00}", new UnitName($"{w.Number}号窗口 · {w.Business!.Name}", $"Window {w.Number} · {w.Business.NameEn}"),
                    HallName(w.HallId), Of([w])))],
            StatsUnit.Staff => await StaffRowsAsync(db, figures, windows, HallName, hallId, cancellationToken),
            // By id: a no-tracking query gives every window its own Department object, so grouping by the object gave a row per window.
            // A window counts for its own department when it has one (a general-acceptance window), else its business's.
            StatsUnit.Department => [.. windows.GroupBy(w => w.DepartmentId ?? w.Business!.DepartmentId).Select(g => (Department: g.First().Department ?? g.First().Business!.Department!, Windows: g))
                .OrderBy(d => d.Department.Code, StringComparer.Ordinal)
                .Select(d => Row(d.Department.Id, d.Department.Code, new UnitName(d.Department.Name, d.Department.NameEn), null, Of(d.Windows)))],
            _ => [.. halls.Select(h => Row(h.Id, h.Code, new UnitName(h.Name, h.NameEn), null, Of(windows.Where(w => w.HallId == h.Id)),
                unit == StatsUnit.Township && h.Kind == HallKind.County ? StatsRowKind.CountyCentre : StatsRowKind.Unit))],
        };
        return new StatsTable(period, unit, rows, Row(0, "", TotalName, null, Of(windows), StatsRowKind.Total));
    }

    /// <summary>
    /// The staff in scope, each with their figures at the windows in scope only, and anyone else
    /// reviewed at those windows (moved to another hall since); then one row for what no listed
    /// staff member accounts for: reviews with no staff member on record (or one since removed).
    /// </summary>
    private static async Task<List<StatsRow>> StaffRowsAsync(LiveBoardDb db, DayFigures figures, List<ServiceWindow> windows, Func<int, UnitName> hallName, int? hallId, CancellationToken cancellationToken)
    {
        var inScope = windows.Select(w => w.Id).ToHashSet();
        var byStaff = figures.Staff.Where(s => inScope.Contains(s.Key.Window)).GroupBy(s => s.Key.Staff).ToDictionary(g => g.Key, g => Totals.Sum(g.Select(s => s.Value)));
        var reviewed = byStaff.Keys.ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => hallId == null || s.HallId == hallId || reviewed.Contains(s.Id))
            .OrderBy(s => s.HallId).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        List<StatsRow> rows = [.. staff.Select(s => Row(s.Id, $"S{s.Id:000}", new UnitName(s.Name, $"{s.Name} ({s.Pinyin})"), HallNameOrNone(s.HallId), byStaff.GetValueOrDefault(s.Id) ?? new Totals()))];
        var listed = staff.Select(s => s.Id).ToHashSet();
        rows.Add(Row(DayFigures.NoStaff, "", NoStaffName, null, Totals.Sum(byStaff.Where(s => !listed.Contains(s.Key)).Select(s => s.Value)), StatsRowKind.NoStaff));
        return rows;

        // A hall manager's list can hold someone now at another hall: named without their hall.
        UnitName? HallNameOrNone(int id) => hallId == null || id == hallId ? hallName(id) : null;
    }

    /// <summary>
    /// Counts the bad reviews raised in the period, not removed by appeal, into their window's and
    /// staff member's figures: on time, late or in progress as of now (decision 0009). Summed in
    /// the database: a year can hold a hundred thousand of them.
    /// </summary>
    private async Task CountRectificationAsync(LiveBoardDb db, DayFigures figures, ReportPeriod period, CancellationToken cancellationToken)
    {
        var start = clock.StartOf(period.Start);
        var end = clock.StartOf(period.End);
        var now = clock.UtcNow;
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.Kind == AlertKind.BadReview && a.RaisedAt >= start && a.RaisedAt < end && a.Appeal != AppealState.Upheld && a.WindowId != null)
            .GroupBy(a => new { a.WindowId, a.StaffId })
            .Select(g => new
            {
                g.Key.WindowId, g.Key.StaffId, Count = g.Count(),
                // Resolved by the deadline (or with none set).
                OnTime = g.Sum(a => (a.Status == AlertStatus.Resolved || a.Status == AlertStatus.Closed) && a.ClosedAt != null && (a.DueAt == null || a.ClosedAt <= a.DueAt) ? 1 : 0),
                // Resolved after the deadline, or not resolved and past it; the rest is in progress.
                Late = g.Sum(a => (a.Status == AlertStatus.Resolved || a.Status == AlertStatus.Closed) && a.ClosedAt != null ? (a.ClosedAt > a.DueAt ? 1 : 0) : (a.DueAt < now ? 1 : 0)),
                ReturnCalled = g.Sum(a => a.ReturnCallOutcome != null ? 1 : 0),
            })
            .ToListAsync(cancellationToken);
        foreach (var a in alerts)
        {
            var rectification = new Rectification(a.OnTime, a.Late, a.Count - a.OnTime - a.Late, a.ReturnCalled);
            figures.Window(a.WindowId!.Value).Rectification += rectification;
            figures.StaffAt(a.StaffId, a.WindowId.Value).Rectification += rectification;
        }
    }

    public async Task<IReadOnlyList<StatsPoint>> SeriesAsync(ReportPeriod period, int? hallId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var days = await Figures.ByDayAsync(db, clock, period.Start, period.End, hallId, cancellationToken);
        var byMonth = period.Kind is PeriodKind.Quarter or PeriodKind.Year;
        var points = new List<StatsPoint>();
        for (var start = period.Start; start < period.End; start = byMonth ? start.AddMonths(1) : start.AddDays(1))
        {
            var end = byMonth ? start.AddMonths(1) : start.AddDays(1);
            var totals = new Totals();
            foreach (var (_, day) in days.Where(d => d.Key >= start && d.Key < end))
                totals.Add(day);
            points.Add(new StatsPoint(start, start.ToString(byMonth ? "yyyy-MM" : "MM-dd", CultureInfo.InvariantCulture), totals.Levels.Sum(), totals.Levels[0] + totals.Levels[1],
                totals.Called, totals.Called == 0 ? null : TimeSpan.FromMilliseconds((double)totals.WaitMilliseconds / totals.Called)));
        }
        return points;
    }

    public async Task<RankingView> RankingAsync(ReportPeriod period, RankingScope scope, CancellationToken cancellationToken = default)
    {
        period = ReportPeriod.Containing(period.Kind == PeriodKind.Year ? PeriodKind.Year : PeriodKind.Month, period.Start);
        if (await SnapshotAsync(period, scope, cancellationToken) is { } published)
            return published;
        // The previous month's ten worst (as published, when it was), for the "bottom two months running" flag.
        IReadOnlySet<int>? previousWorst = null;
        if (period.Kind == PeriodKind.Month)
        {
            var previous = await SnapshotAsync(period.Previous, scope, cancellationToken) ?? await ComputeAsync(period.Previous, scope, null, cancellationToken);
            previousWorst = previous.Worst.Select(u => u.Id).ToHashSet();
        }
        return await ComputeAsync(period, scope, previousWorst, cancellationToken);
    }

    private async Task<RankingView?> SnapshotAsync(ReportPeriod period, RankingScope scope, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var snapshot = await db.RankingSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Period == period.Key && s.Scope == scope, cancellationToken);
        return snapshot is null ? null : JsonSerializer.Deserialize<RankingView>(snapshot.Ranking, LiveJson.Options);
    }

    /// <summary>Publishes a period's ranking: computed once more from the final figures, stored, never recomputed.</summary>
    public async Task<RankingView> FreezeAsync(ReportPeriod period, RankingScope scope, CancellationToken cancellationToken = default)
    {
        var live = await RankingAsync(period, scope, cancellationToken);
        if (live.Frozen)
            return live;
        var frozen = live with { Frozen = true, FrozenAt = clock.UtcNow };
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.RankingSnapshots.Add(new RankingSnapshot { Period = live.Period.Key, Scope = scope, FrozenAt = clock.UtcNow, Ranking = JsonSerializer.Serialize(frozen, LiveJson.Options) });
        await db.SaveChangesAsync(cancellationToken);
        return frozen;
    }

    private async Task<RankingView> ComputeAsync(ReportPeriod period, RankingScope scope, IReadOnlySet<int>? previousWorst, CancellationToken cancellationToken)
    {
        var stats = await StatsAsync(period, scope == RankingScope.Windows ? StatsUnit.Window : StatsUnit.Township, null, cancellationToken);
        var minimum = options.Value.MinimumFor(period.Kind);
        var weight = options.Value.PriorWeight;
        // Townships only: the county centre's row in that grouping is there for the totals, not to be ranked.
        var (countyRate, units) = Ranking.Rank(
            stats.Rows.Where(r => r.Kind == StatsRowKind.Unit).Select(r => new RankingInput(r.Id, r.Code, r.Name, r.Parent, r.Reviews, r.Good, r.Bad, r.Excluded)), minimum, weight, previousWorst);
        return new RankingView(period, scope, Frozen: false, FrozenAt: null, minimum, weight, countyRate, units);
    }

    private static StatsRow Row(int id, string code, UnitName name, UnitName? parent, Totals totals, StatsRowKind kind = StatsRowKind.Unit) =>
        new(id, code, name, parent, totals.Levels.Sum(), [.. totals.Levels], totals.Excluded, totals.Rectification,
            totals.Called, totals.Called == 0 ? null : TimeSpan.FromMilliseconds((double)totals.WaitMilliseconds / totals.Called), kind);
}
