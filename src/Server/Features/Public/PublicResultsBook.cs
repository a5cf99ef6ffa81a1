using LiveBoard.Client.Public;
using LiveBoard.Client.Reports;
using LiveBoard.Server.Common;
using LiveBoard.Server.Features.Reports;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Public;

public sealed class PublicResultsOptions
{
    /// <summary>How long one computation of the figures serves every visitor.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Sites that may show the page in a frame (the county's website), as CSP frame-ancestors sources,
    /// e.g. "https://www.example.gov.cn". Empty: no site may.
    /// </summary>
    public List<string> FrameAncestors { get; set; } = [];
}

/// <summary>
/// The public results, computed at most once per <see cref="PublicResultsOptions.CacheFor"/> however
/// many citizens ask: one visitor's request computes, the others wait for that one result.
/// </summary>
public sealed class PublicResultsBook(ReportBook reports, CountyClock clock, IOptions<PublicResultsOptions> options) : IDisposable
{
    private readonly SemaphoreSlim computing = new(1, 1);
    private PublicResults? current;

    public async Task<PublicResults> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (Fresh(current) is { } fresh)
            return fresh;
        await computing.WaitAsync(cancellationToken);
        try
        {
            return Fresh(current) ?? (current = await ComputeAsync(cancellationToken));
        }
        finally
        {
            computing.Release();
        }
    }

    public void Dispose() => computing.Dispose();

    private PublicResults? Fresh(PublicResults? results) =>
        results is not null && clock.UtcNow - results.UpdatedAt < options.Value.CacheFor ? results : null;

    private async Task<PublicResults> ComputeAsync(CancellationToken cancellationToken)
    {
        var month = ReportPeriod.Containing(PeriodKind.Month, clock.Today);
        var thisMonth = await reports.StatsAsync(month, StatsUnit.Hall, null, cancellationToken);
        var lastMonth = await reports.StatsAsync(month.Previous, StatsUnit.Hall, null, cancellationToken);
        var before = lastMonth.Rows.ToDictionary(r => r.Id);
        PublicHall Hall(StatsRow row, StatsRow? last) =>
            new(row.Code, row.Name, row.Reviews, row.GoodRate, last?.Reviews ?? 0, last?.GoodRate, row.Bad, row.Rectification);
        // Only a published ranking is public: a provisional one moves until the month is over.
        var published = await reports.RankingAsync(month.Previous, RankingScope.Windows, cancellationToken);
        return new PublicResults(month, month.Previous,
            [.. thisMonth.Rows.Select(r => Hall(r, before.GetValueOrDefault(r.Id)))],
            Hall(thisMonth.Total, lastMonth.Total),
            published.Frozen ? published : null,
            clock.UtcNow);
    }
}
