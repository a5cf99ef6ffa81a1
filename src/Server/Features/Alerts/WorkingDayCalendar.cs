using LiveBoard.Client.Alerts;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Alerts;

/// <summary>
/// The working-day calendar as the server uses it: the monitor reads it afresh from the table each
/// time it sets a bad review's deadline (a few dozen rows, a few bad reviews an hour), so a calendar
/// just imported on any instance counts at once; the screens' note "counted Monday to Friday only"
/// asks <see cref="Covers"/>, which is kept in memory and re-read at most every 30 seconds.
/// </summary>
public sealed class WorkingDayCalendar(IDbContextFactory<LiveBoardDb> databases, Common.CountyClock clock, TimeProvider time) : ICalendarCoverage
{
    private static readonly TimeSpan ReadAgainAfter = TimeSpan.FromSeconds(30);
    private volatile Snapshot current = new(new HashSet<int>(), DateTimeOffset.MinValue);

    private sealed record Snapshot(IReadOnlySet<int> Years, DateTimeOffset ReadAt);

    public bool Covers(int year) => current.Years.Contains(year);

    /// <summary>The calendar as the table holds it now.</summary>
    public async Task<WorkingDays> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var days = await db.Calendar.AsNoTracking().ToDictionaryAsync(d => d.Date, d => d.IsWorkingDay, cancellationToken);
        current = new Snapshot(days.Keys.Select(d => d.Year).ToHashSet(), time.GetUtcNow());
        return new WorkingDays(clock, days);
    }

    /// <summary>Re-reads the covered years when the last read is older than 30 s (another instance may have imported a year).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (time.GetUtcNow() - current.ReadAt > ReadAgainAfter)
            await LoadAsync(cancellationToken);
    }
}
