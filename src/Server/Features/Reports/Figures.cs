using LiveBoard.Client.Reports;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Reports;

/// <summary>Review levels (index 0 = level 1), appeal exclusions, waits and bad-review follow-up, summed for one unit.</summary>
public sealed class Totals
{
    public int[] Levels { get; } = new int[5];
    public int Excluded { get; set; }
    public int Called { get; set; }
    public long WaitMilliseconds { get; set; }
    public Rectification Rectification { get; set; } = Rectification.None;

    public static Totals Of(int level1, int level2, int level3, int level4, int level5, int excluded, int called = 0, long waitMilliseconds = 0)
    {
        var totals = new Totals { Excluded = excluded, Called = called, WaitMilliseconds = waitMilliseconds };
        (totals.Levels[0], totals.Levels[1], totals.Levels[2], totals.Levels[3], totals.Levels[4]) = (level1, level2, level3, level4, level5);
        return totals;
    }

    public static Totals Sum(IEnumerable<Totals> parts)
    {
        var sum = new Totals();
        foreach (var part in parts)
            sum.Add(part);
        return sum;
    }

    public void Add(Totals other)
    {
        for (var i = 0; i < 5; i++)
            Levels[i] += other.Levels[i];
        Excluded += other.Excluded;
        Called += other.Called;
        WaitMilliseconds += other.WaitMilliseconds;
        Rectification += other.Rectification;
    }
}

/// <summary>
/// Per window, and per staff member at each window, for a span of county days. Every review is
/// counted once in its window and once in its (staff member, window) pair, the staff member being
/// <see cref="NoStaff"/> when none was on record: so a hall's staff rows add up to its windows.
/// </summary>
public sealed record DayFigures(Dictionary<int, Totals> Windows, Dictionary<(int Staff, int Window), Totals> Staff)
{
    /// <summary>The staff id of reviews with no staff member on record at the window (real ids start at 1).</summary>
    public const int NoStaff = 0;

    public static DayFigures Empty() => new([], []);

    public void Add(DayFigures other)
    {
        foreach (var (id, totals) in other.Windows)
            Window(id).Add(totals);
        foreach (var ((staffId, windowId), totals) in other.Staff)
            StaffAt(staffId, windowId).Add(totals);
    }

    public Totals Window(int id) => Windows.TryGetValue(id, out var t) ? t : Windows[id] = new Totals();

    public Totals StaffAt(int? staffId, int windowId)
    {
        var key = (staffId ?? NoStaff, windowId);
        return Staff.TryGetValue(key, out var t) ? t : Staff[key] = new Totals();
    }
}

/// <summary>
/// The one place figures are computed: from the reviews and tickets for days not rolled up yet
/// (today, yesterday, a day an appeal reopened), from the daily rollups for the rest. The roller
/// stores exactly what <see cref="FromRecordsAsync"/> computes, so both ways agree.
/// </summary>
public static class Figures
{
    public static async Task<DayFigures> ForAsync(LiveBoardDb db, CountyClock clock, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rolled = (await db.RolledDays.AsNoTracking().Where(d => d.Day >= from && d.Day < to).Select(d => d.Day).ToListAsync(cancellationToken)).ToHashSet();
        var figures = rolled.Count == 0 ? DayFigures.Empty() : await FromRollupsAsync(db, from, to, cancellationToken);
        // Days with no rollup, in contiguous spans, up to today.
        var last = Min(to, clock.Today.AddDays(1));
        for (var day = from; day < last;)
        {
            if (rolled.Contains(day))
            {
                day = day.AddDays(1);
                continue;
            }
            var end = day;
            while (end < last && !rolled.Contains(end))
                end = end.AddDays(1);
            figures.Add(await FromRecordsAsync(db, clock, day, end, cancellationToken));
            day = end;
        }
        return figures;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>The county's totals day by day, for the days of [from, to) up to today (charts).</summary>
    public static async Task<SortedDictionary<DateOnly, Totals>> ByDayAsync(LiveBoardDb db, CountyClock clock, DateOnly from, DateOnly to, int? hallId, CancellationToken cancellationToken)
    {
        var days = new SortedDictionary<DateOnly, Totals>();
        var stats = db.DailyWindowStats.AsNoTracking().Where(s => s.Day >= from && s.Day < to);
        if (hallId is { } hall)
            stats = stats.Where(s => db.Windows.Any(w => w.Id == s.WindowId && w.HallId == hall));
        var rolled = await stats.GroupBy(s => s.Day)
            .Select(g => new
            {
                Day = g.Key,
                L1 = g.Sum(s => s.Level1), L2 = g.Sum(s => s.Level2), L3 = g.Sum(s => s.Level3), L4 = g.Sum(s => s.Level4), L5 = g.Sum(s => s.Level5),
                Excluded = g.Sum(s => s.Excluded), Called = g.Sum(s => s.Called), Wait = g.Sum(s => s.WaitMilliseconds),
            }).ToListAsync(cancellationToken);
        var rolledDays = (await db.RolledDays.AsNoTracking().Where(d => d.Day >= from && d.Day < to).Select(d => d.Day).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var d in rolled.Where(d => rolledDays.Contains(d.Day)))
            days[d.Day] = Totals.Of(d.L1, d.L2, d.L3, d.L4, d.L5, d.Excluded, d.Called, d.Wait);
        for (var day = from; day < Min(to, clock.Today.AddDays(1)); day = day.AddDays(1))
        {
            if (rolledDays.Contains(day))
                continue;
            days[day] = Totals.Sum((await FromRecordsAsync(db, clock, day, day.AddDays(1), cancellationToken, hallId)).Windows.Values);
        }
        return days;
    }

    private static async Task<DayFigures> FromRollupsAsync(LiveBoardDb db, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var figures = DayFigures.Empty();
        var windows = await db.DailyWindowStats.AsNoTracking().Where(s => s.Day >= from && s.Day < to).GroupBy(s => s.WindowId)
            .Select(g => new
            {
                Id = g.Key,
                L1 = g.Sum(s => s.Level1), L2 = g.Sum(s => s.Level2), L3 = g.Sum(s => s.Level3), L4 = g.Sum(s => s.Level4), L5 = g.Sum(s => s.Level5),
                Excluded = g.Sum(s => s.Excluded), Called = g.Sum(s => s.Called), Wait = g.Sum(s => s.WaitMilliseconds),
            }).ToListAsync(cancellationToken);
        foreach (var w in windows)
            figures.Windows[w.Id] = Totals.Of(w.L1, w.L2, w.L3, w.L4, w.L5, w.Excluded, w.Called, w.Wait);
        var staff = await db.DailyStaffStats.AsNoTracking().Where(s => s.Day >= from && s.Day < to).GroupBy(s => new { s.StaffId, s.WindowId })
            .Select(g => new
            {
                g.Key.StaffId, g.Key.WindowId,
                L1 = g.Sum(s => s.Level1), L2 = g.Sum(s => s.Level2), L3 = g.Sum(s => s.Level3), L4 = g.Sum(s => s.Level4), L5 = g.Sum(s => s.Level5),
                Excluded = g.Sum(s => s.Excluded),
            }).ToListAsync(cancellationToken);
        foreach (var s in staff)
            figures.Staff[(s.StaffId, s.WindowId)] = Totals.Of(s.L1, s.L2, s.L3, s.L4, s.L5, s.Excluded);
        return figures;
    }

    /// <summary>From the reviews and tickets themselves, for county days [from, to).</summary>
    public static async Task<DayFigures> FromRecordsAsync(LiveBoardDb db, CountyClock clock, DateOnly from, DateOnly to, CancellationToken cancellationToken, int? hallId = null)
    {
        var figures = DayFigures.Empty();
        var start = clock.StartOf(from);
        var end = clock.StartOf(to);
        var hall = hallId ?? 0;
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.SubmittedAt >= start && r.SubmittedAt < end && (hall == 0 || r.HallId == hall))
            .GroupBy(r => new { r.WindowId, r.StaffId, r.Level, r.ExcludedByAppeal })
            .Select(g => new { g.Key.WindowId, g.Key.StaffId, g.Key.Level, g.Key.ExcludedByAppeal, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var r in reviews)
        {
            Count(figures.Window(r.WindowId), (int)r.Level, r.ExcludedByAppeal, r.Count);
            Count(figures.StaffAt(r.StaffId, r.WindowId), (int)r.Level, r.ExcludedByAppeal, r.Count);
        }
        // Wait = called minus issued (both Unix milliseconds); EF cannot subtract converted instants.
        var waits = await db.Database.SqlQuery<WindowWaits>($"""
            SELECT "WindowId", CAST(COUNT(*) AS INTEGER) AS "Called", CAST(SUM("CalledAt" - "IssuedAt") AS BIGINT) AS "WaitMilliseconds"
            FROM "Tickets" WHERE "ServiceDate" >= {from} AND "ServiceDate" < {to} AND "CalledAt" IS NOT NULL AND "WindowId" IS NOT NULL AND ({hall} = 0 OR "HallId" = {hall})
            GROUP BY "WindowId"
            """).ToListAsync(cancellationToken);
        foreach (var w in waits)
        {
            var t = figures.Window(w.WindowId);
            t.Called += w.Called;
            t.WaitMilliseconds += w.WaitMilliseconds;
        }
        return figures;
    }

    private static void Count(Totals totals, int level, bool excluded, int count)
    {
        if (excluded)
            totals.Excluded += count;
        else
            totals.Levels[level - 1] += count;
    }

    private sealed record WindowWaits(int WindowId, int Called, long WaitMilliseconds);
}
