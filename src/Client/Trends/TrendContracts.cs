namespace LiveBoard.Client.Trends;

/// <summary>
/// Arrivals per hour of the day: today against the average day of the last 7 and 30 days
/// (working days with any arrivals), and the daily totals of the last 30 days.
/// </summary>
public sealed record TrendView(
    IReadOnlyList<int> Hours,
    IReadOnlyList<double?> Today,
    IReadOnlyList<double?> Last7Days,
    IReadOnlyList<double?> Last30Days,
    IReadOnlyList<DailyFigure> Days);

public sealed record DailyFigure(DateOnly Day, int Issued, int Served, int Reviews, int BadReviews);

public interface ITrends
{
    /// <summary>For one hall, or the county with <paramref name="hallId"/> null.</summary>
    Task<TrendView> GetAsync(int? hallId, CancellationToken cancellationToken = default);
}
