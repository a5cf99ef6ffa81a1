using LiveBoard.Client.Reports;

namespace LiveBoard.Server.Features.Reports;

/// <summary>How rankings are made fair (decision 0009); <c>LiveBoard:Rankings</c>.</summary>
public sealed class RankingOptions
{
    /// <summary>A window or township with fewer reviews in the month is listed, with its volume, but not ranked.</summary>
    public int MinimumReviewsPerMonth { get; set; } = 20;

    public int MinimumReviewsPerYear { get; set; } = 100;

    /// <summary>How many reviews' worth of the county average every unit starts with (the smoothing).</summary>
    public int PriorWeight { get; set; } = 20;

    public int MinimumFor(PeriodKind kind) => kind == PeriodKind.Year ? MinimumReviewsPerYear : MinimumReviewsPerMonth;
}

/// <summary>A unit's review counts before ranking.</summary>
public sealed record RankingInput(int Id, string Code, UnitName Name, UnitName? Parent, int Reviews, int Good, int Bad, int Excluded);

public static class Ranking
{
    /// <summary>
    /// Ranks by the smoothed good rate (good + w·p) / (reviews + w), p the good rate of all units
    /// together: a unit with few reviews sits near the average instead of at either end. Only units
    /// with at least <paramref name="minimumReviews"/> are ranked; ties go to the larger volume,
    /// then the code, so the order is reproducible. <paramref name="previousWorst"/>: the previous
    /// month's worst list; a unit in it and in this month's (both cut by <see cref="RankingView.ListSize"/>)
    /// is flagged (bottom two months running).
    /// </summary>
    public static (double? CountyRate, List<RankedUnit> Units) Rank(IEnumerable<RankingInput> inputs, int minimumReviews, int priorWeight, IReadOnlySet<int>? previousWorst)
    {
        var all = inputs.ToList();
        var reviews = all.Sum(u => u.Reviews);
        double? countyRate = reviews == 0 ? null : (double)all.Sum(u => u.Good) / reviews;
        var prior = countyRate ?? 0;
        double Score(RankingInput u) => (u.Good + (priorWeight * prior)) / (u.Reviews + priorWeight);
        var ranked = all.Where(u => u.Reviews >= minimumReviews && u.Reviews > 0)
            .OrderByDescending(Score).ThenByDescending(u => u.Reviews).ThenBy(u => u.Code, StringComparer.Ordinal).ToList();
        var worst = ranked.AsEnumerable().Reverse().Take(RankingView.ListSize(ranked.Count)).Select(u => u.Id).ToHashSet();
        var units = ranked.Select((u, i) => Unit(u, i + 1, Score(u), previousWorst is not null && worst.Contains(u.Id) && previousWorst.Contains(u.Id))).ToList();
        units.AddRange(all.Where(u => !(u.Reviews >= minimumReviews && u.Reviews > 0))
            .OrderByDescending(u => u.Reviews).ThenBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => Unit(u, 0, Score(u), false)));
        return (countyRate, units);
    }

    private static RankedUnit Unit(RankingInput u, int rank, double score, bool flagged) =>
        new(rank, u.Id, u.Code, u.Name, u.Parent, u.Reviews, u.Good, u.Bad, u.Excluded, u.Reviews == 0 ? null : (double)u.Good / u.Reviews, score, flagged);
}
