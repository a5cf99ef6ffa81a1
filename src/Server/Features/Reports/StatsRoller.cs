using LiveBoard.Client.Reports;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Reports;

/// <summary>
/// Every minute: rolls up each county day that can no longer change (its end is further back than
/// the oldest event the ingest accepts), publishes the ranking of each month and year that has
/// ended, and refreshes this month's provisional window ranking for the wall. Rolling and
/// publishing run on the leading instance only; the refresh on every instance.
/// </summary>
public sealed partial class StatsRoller(
    IDbContextFactory<LiveBoardDb> databases,
    ReportBook reports,
    CountyClock clock,
    Leadership leadership,
    IOptions<IngestOptions> ingest,
    ILogger<StatsRoller> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    // One roll or publication at a time in this process (the minute loop, a command, a benchmark).
    private readonly SemaphoreSlim turn = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The minute between turns is back-off enough; the outage is logged once, and its end.
        var outage = new Outage(logger, "Rolling up statistics", ceiling: Every);
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                if (leadership.IsLeader)
                {
                    await RollAsync(stoppingToken);
                    await PublishAsync(stoppingToken);
                }
                await reports.RefreshCurrentAsync(stoppingToken);
                outage.Ended();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                outage.Failed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>The last county day no event can still arrive for.</summary>
    public DateOnly LastClosedDay
    {
        get
        {
            var horizon = clock.UtcNow - ingest.Value.MaxEventAge - ingest.Value.MaxClockSkew;
            return clock.DayOf(horizon).AddDays(-1);
        }
    }

    /// <summary>Rolls every closed day that has records and no rollup yet (all of them at the first start).</summary>
    public async Task<int> RollAsync(CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            return await RollClosedDaysAsync(cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<int> RollClosedDaysAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var last = LastClosedDay;
        var firstReview = await db.Reviews.MinAsync(r => (DateTimeOffset?)r.SubmittedAt, cancellationToken);
        var firstTicket = await db.Tickets.MinAsync(t => (DateOnly?)t.ServiceDate, cancellationToken);
        if (firstReview is null && firstTicket is null)
            return 0;
        var first = new[] { firstReview is { } r ? clock.DayOf(r) : DateOnly.MaxValue, firstTicket ?? DateOnly.MaxValue }.Min();
        var rolled = (await db.RolledDays.AsNoTracking().Where(d => d.Day >= first && d.Day <= last).Select(d => d.Day).ToListAsync(cancellationToken)).ToHashSet();
        var count = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (rolled.Contains(day))
                continue;
            await RollDayAsync(day, cancellationToken);
            count++;
        }
        if (count > 0)
            LogRolled(count, last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return count;
    }

    /// <summary>Replaces one day's rollup with what the records say, in one transaction.</summary>
    public async Task RollDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await Forget(db, day, cancellationToken);
        var figures = await Figures.FromRecordsAsync(db, clock, day, day.AddDays(1), cancellationToken);
        db.DailyWindowStats.AddRange(figures.Windows.Select(w =>
            new DailyWindowStats { WindowId = w.Key, Called = w.Value.Called, WaitMilliseconds = w.Value.WaitMilliseconds }.From<DailyWindowStats>(day, w.Value)));
        db.DailyStaffStats.AddRange(figures.Staff.Select(s => new DailyStaffStats { StaffId = s.Key.Staff, WindowId = s.Key.Window }.From<DailyStaffStats>(day, s.Value)));
        db.RolledDays.Add(new RolledDay { Day = day, RolledAt = clock.UtcNow });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Drops a day's rollup, so its figures are read from the records again (and rolled again
    /// within a minute): after an appeal is upheld on one of its reviews.
    /// </summary>
    public static async Task Forget(LiveBoardDb db, DateOnly day, CancellationToken cancellationToken)
    {
        await db.DailyWindowStats.Where(s => s.Day == day).ExecuteDeleteAsync(cancellationToken);
        await db.DailyStaffStats.Where(s => s.Day == day).ExecuteDeleteAsync(cancellationToken);
        await db.RolledDays.Where(d => d.Day == day).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Publishes (freezes) the ranking of every month and year that ended on a closed day, oldest first.</summary>
    public async Task<int> PublishAsync(CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            return await PublishEndedPeriodsAsync(cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<int> PublishEndedPeriodsAsync(CancellationToken cancellationToken)
    {
        DateOnly? firstDay;
        HashSet<(string, RankingScope)> published;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            firstDay = await db.RolledDays.MinAsync(d => (DateOnly?)d.Day, cancellationToken);
            published = [.. (await db.RankingSnapshots.Select(s => new { s.Period, s.Scope }).ToListAsync(cancellationToken)).Select(s => (s.Period, s.Scope))];
        }
        if (firstDay is not { } first)
            return 0;
        var last = LastClosedDay;
        var count = 0;
        foreach (var kind in new[] { PeriodKind.Month, PeriodKind.Year })
        {
            for (var period = ReportPeriod.Containing(kind, first); period.End.AddDays(-1) <= last; period = period.Next)
            {
                foreach (var scope in Enum.GetValues<RankingScope>())
                {
                    if (published.Contains((period.Key, scope)))
                        continue;
                    await reports.FreezeAsync(period, scope, cancellationToken);
                    count++;
                }
            }
        }
        if (count > 0)
            LogPublished(count);
        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rolled up {Count} county days, up to {Last}.")]
    private partial void LogRolled(int count, string last);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Count} rankings.")]
    private partial void LogPublished(int count);
}
