using LiveBoard.Client.Reports;

namespace LiveBoard.Server.Features.Reports;

/// <summary>One closed county day's review counts for a window or a staff member (columns of both rollup tables).</summary>
public abstract class DailyReviewCounts
{
    public DateOnly Day { get; set; }
    public int Level1 { get; set; }
    public int Level2 { get; set; }
    public int Level3 { get; set; }
    public int Level4 { get; set; }
    public int Level5 { get; set; }

    /// <summary>Reviews removed by an upheld appeal: in no level.</summary>
    public int Excluded { get; set; }

    /// <summary>Copies a day's totals in; returns itself.</summary>
    public T From<T>(DateOnly day, Totals totals)
        where T : DailyReviewCounts
    {
        Day = day;
        (Level1, Level2, Level3, Level4, Level5) = (totals.Levels[0], totals.Levels[1], totals.Levels[2], totals.Levels[3], totals.Levels[4]);
        Excluded = totals.Excluded;
        return (T)this;
    }
}

/// <summary>
/// One window's figures for one closed county day, rolled up from the reviews and tickets so that
/// a year's statistics read a few hundred thousand small rows instead of millions.
/// </summary>
public sealed class DailyWindowStats : DailyReviewCounts
{
    public int WindowId { get; set; }

    /// <summary>Tickets called at this window that day, and their waits (issue to call) summed.</summary>
    public int Called { get; set; }
    public long WaitMilliseconds { get; set; }
}

/// <summary>
/// One staff member's review figures at one window for one closed county day (tickets do not name
/// staff). By window, so that a hall's staff figures hold only what happened at its windows; staff
/// id <see cref="DayFigures.NoStaff"/> holds the reviews with no staff member on record.
/// </summary>
public sealed class DailyStaffStats : DailyReviewCounts
{
    public int StaffId { get; set; }
    public int WindowId { get; set; }
}

/// <summary>
/// A day whose rollup rows are complete. A day without this row is read from the reviews and
/// tickets themselves; an upheld appeal removes the row (and the day's rollups) so the day is
/// recomputed.
/// </summary>
public sealed class RolledDay
{
    public DateOnly Day { get; set; }
    public DateTimeOffset RolledAt { get; set; }
}

/// <summary>A ranking as published at the end of its month or year: stored whole, never recomputed.</summary>
public sealed class RankingSnapshot
{
    public long Id { get; set; }

    /// <summary><see cref="ReportPeriod.Key"/>, e.g. "month:2026-10-01".</summary>
    public required string Period { get; set; }
    public RankingScope Scope { get; set; }
    public DateTimeOffset FrozenAt { get; set; }

    /// <summary>The <see cref="RankingView"/> as JSON: names and figures as they were.</summary>
    public required string Ranking { get; set; }
}
