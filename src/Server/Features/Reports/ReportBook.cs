using System.Globalization;
using System.Text.Json;
using LiveBoard.Client.Model;
using LiveBoard.Client.Reports;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
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
    private volatile RankingView? currentWindowRanking;

    public DateOnly Today => clock.Today;

    public RankingView? CurrentWindowRanking => currentWindowRanking;

    /// <summary>Recomputes this month's provisional window ranking (the wall's strip); the roller calls it every minute.</summary>
    public async Task RefreshCurrentAsync(CancellationToken cancellationToken) =>
        currentWindowRanking = await RankingAsync(ReportPeriod.Containing(PeriodKind.Month, clock.Today), RankingScope.Windows, cancellationToken);

    public async Task<StatsTable> StatsAsync(ReportPeriod period, StatsUnit unit, int? hallId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var figures = await Figures.ForAsync(db, clock, period.Start, period.End, cancellationToken);
        var (units, windowsInScope) = await UnitsAsync(db, unit, hallId, cancellationToken);
        var start = clock.StartOf(period.Start);
        var end = clock.StartOf(period.End);
        // Bad reviews raised in the period, not removed by appeal: their rectification and return
        // call, counted once into their window's and staff member's figures.
        // Summed in the database: a year can hold a hundred thousand of them.
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.Kind == AlertKind.BadReview && a.RaisedAt >= start && a.RaisedAt < end && a.Appeal != AppealState.Upheld)
            .GroupBy(a => new { a.WindowId, a.StaffId })
            .Select(g => new
            {
                g.Key.WindowId, g.Key.StaffId, Count = g.Count(),
                OnTime = g.Sum(a => (a.Status == AlertStatus.Resolved || a.Status == AlertStatus.Closed) && a.ClosedAt != null && a.DueAt != null && a.ClosedAt <= a.DueAt ? 1 : 0),
                ReturnCalled = g.Sum(a => a.ReturnCallOutcome != null ? 1 : 0),
            })
            .ToListAsync(cancellationToken);
        foreach (var a in alerts)
        {
            if (a.WindowId is { } windowId)
                figures.Window(windowId).CountAlerts(a.Count, a.OnTime, a.ReturnCalled);
            if (a.StaffId is { } staffId)
                figures.StaffMember(staffId).CountAlerts(a.Count, a.OnTime, a.ReturnCalled);
        }

        var rows = units.Select(u => Row(u, figures)).ToList();
        // The total is that of the rows' windows (every review has a window); for staff, of every
        // window in scope: staff move between windows, so summing their rows would not give it.
        var totalName = unit == StatsUnit.Staff ? new UnitName("合计（全部窗口，含未记录当班人员的评价）", "Total (all windows, including reviews with no staff member on record)") : new UnitName("合计", "Total");
        var total = Row(new Unit(0, "", totalName, null, windowsInScope, null), figures);
        return new StatsTable(period, unit, rows, total);
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
        var (countyRate, units) = Ranking.Rank(
            stats.Rows.Select(r => new RankingInput(r.Id, r.Code, r.Name, r.Parent, r.Reviews, r.Good, r.Bad, r.Excluded)), minimum, weight, previousWorst);
        return new RankingView(period, scope, Frozen: false, FrozenAt: null, minimum, weight, countyRate, units);
    }

    /// <summary>A unit of a statistics table: which windows' figures (or which staff member's) make it up.</summary>
    private sealed record Unit(int Id, string Code, UnitName Name, UnitName? Parent, IReadOnlyList<int> WindowIds, int? StaffId);

    private static StatsRow Row(Unit unit, DayFigures figures)
    {
        var totals = new Totals();
        if (unit.StaffId is { } staffId)
        {
            if (figures.Staff.TryGetValue(staffId, out var t))
                totals.Add(t);
        }
        else
        {
            foreach (var windowId in unit.WindowIds)
            {
                if (figures.Windows.TryGetValue(windowId, out var t))
                    totals.Add(t);
            }
        }
        return new StatsRow(unit.Id, unit.Code, unit.Name, unit.Parent, totals.Levels.Sum(), [.. totals.Levels], totals.Excluded,
            totals.BadReviewAlerts, totals.RectifiedOnTime, totals.ReturnCalls,
            totals.Called, totals.Called == 0 ? null : TimeSpan.FromMilliseconds((double)totals.WaitMilliseconds / totals.Called));
    }

    /// <summary>The rows' units, and the windows the total covers: the rows' windows, or for staff every window in scope.</summary>
    private static async Task<(List<Unit> Units, List<int> Windows)> UnitsAsync(LiveBoardDb db, StatsUnit unit, int? hallId, CancellationToken cancellationToken)
    {
        var halls = await db.Halls.AsNoTracking().OrderBy(h => h.Kind).ThenBy(h => h.Code).ToListAsync(cancellationToken);
        var windows = await db.Windows.AsNoTracking().Include(w => w.Business).ThenInclude(b => b!.Department)
            .Where(w => hallId == null || w.HallId == hallId).ToListAsync(cancellationToken);
        var staff = unit != StatsUnit.Staff ? []
            : await db.Staff.AsNoTracking().Where(s => hallId == null || s.HallId == hallId).OrderBy(s => s.HallId).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var hallById = halls.ToDictionary(h => h.Id);
        UnitName HallName(int id) => new(hallById[id].Name, hallById[id].NameEn);
        List<Unit> units = unit switch
        {
            StatsUnit.Window => [.. windows.OrderBy(w => hallById[w.HallId].Kind).ThenBy(w => hallById[w.HallId].Code, StringComparer.Ordinal).ThenBy(w => w.Number)
                .Select(w => new Unit(w.Id, $"{hallById[w.HallId].Code}-{w.Number:00}", new UnitName($"{w.Number}号窗口 · {w.Business!.Name}", $"Window {w.Number} · {w.Business.NameEn}"),
                    HallName(w.HallId), [w.Id], null))],
            StatsUnit.Staff => [.. staff.Select(s => new Unit(s.Id, $"S{s.Id:000}", new UnitName(s.Name, $"{s.Name} ({s.Pinyin})"), HallName(s.HallId), [], s.Id))],
            StatsUnit.Department => [.. windows.GroupBy(w => w.Business!.Department!).OrderBy(g => g.Key.Code, StringComparer.Ordinal)
                .Select(g => new Unit(g.Key.Id, g.Key.Code, new UnitName(g.Key.Name, g.Key.NameEn), null, [.. g.Select(w => w.Id)], null))],
            _ => [.. halls.Where(h => (hallId == null || h.Id == hallId) && (unit == StatsUnit.Hall || h.Kind == HallKind.Township))
                .Select(h => new Unit(h.Id, h.Code, new UnitName(h.Name, h.NameEn), null, [.. windows.Where(w => w.HallId == h.Id).Select(w => w.Id)], null))],
        };
        return (units, unit == StatsUnit.Staff ? [.. windows.Select(w => w.Id)] : [.. units.SelectMany(u => u.WindowIds).Distinct()]);
    }
}
