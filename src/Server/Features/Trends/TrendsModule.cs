using System.Collections.Concurrent;
using LiveBoard.Client.Trends;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Trends;

/// <summary>
/// Today against the average day of the last 7 and 30 days, from the tickets and reviews tables.
/// A day counts when it had arrivals (closed days would drag the average down). Computed at most
/// once a minute per hall, however many screens ask.
/// </summary>
public sealed class TrendReader(IDbContextFactory<LiveBoardDb> databases, CountyClock clock) : ITrends
{
    private const int FirstHour = 8, LastHour = 18;
    private readonly ConcurrentDictionary<int, (long Minute, TrendView View)> cache = new();

    public async Task<TrendView> GetAsync(int? hallId, CancellationToken cancellationToken = default)
    {
        var minute = clock.UtcNow.ToUnixTimeSeconds() / 60;
        var key = hallId ?? 0;
        if (cache.TryGetValue(key, out var cached) && cached.Minute == minute)
            return cached.View;

        var today = clock.Today;
        var from = clock.StartOf(today.AddDays(-30));
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var tickets = db.Tickets.AsNoTracking().Where(t => t.IssuedAt >= from);
        var reviews = db.Reviews.AsNoTracking().Where(r => r.SubmittedAt >= from && !r.ExcludedByAppeal);
        if (hallId is { } id)
        {
            tickets = tickets.Where(t => t.HallId == id);
            reviews = reviews.Where(r => r.HallId == id);
        }
        var issued = await tickets.Select(t => new { t.IssuedAt, t.Status }).ToListAsync(cancellationToken);
        var levels = await reviews.Select(r => new { r.SubmittedAt, r.Level }).ToListAsync(cancellationToken);

        var byDay = issued.GroupBy(t => clock.DayOf(t.IssuedAt)).ToDictionary(g => g.Key, g => g.ToList());
        var hours = Enumerable.Range(FirstHour, LastHour - FirstHour).ToList();
        double?[] PerHour(IEnumerable<DateOnly> days)
        {
            var counted = days.Where(byDay.ContainsKey).ToList();
            return [.. hours.Select(h => counted.Count == 0 ? (double?)null
                : counted.Average(d => byDay[d].Count(t => clock.ToCounty(t.IssuedAt).Hour == h)))];
        }
        var currentHour = clock.Now.Hour;
        var todayPerHour = hours.Select(h => h > currentHour ? null
            : (double?)(byDay.TryGetValue(today, out var t) ? t.Count(x => clock.ToCounty(x.IssuedAt).Hour == h) : 0)).ToList();
        var previous = Enumerable.Range(1, 30).Select(i => today.AddDays(-i)).ToList();
        var reviewsByDay = levels.GroupBy(r => clock.DayOf(r.SubmittedAt)).ToDictionary(g => g.Key, g => (All: g.Count(), Bad: g.Count(r => r.Level <= Client.Model.ReviewLevel.Dissatisfied)));
        var days = previous.AsEnumerable().Reverse().Append(today).Select(d => new DailyFigure(d,
            byDay.TryGetValue(d, out var list) ? list.Count : 0,
            byDay.TryGetValue(d, out var served) ? served.Count(t => t.Status == Client.Model.TicketStatus.Served) : 0,
            reviewsByDay.TryGetValue(d, out var r) ? r.All : 0,
            reviewsByDay.TryGetValue(d, out var b) ? b.Bad : 0)).ToList();

        var view = new TrendView(hours, todayPerHour, PerHour(previous.Take(7)), PerHour(previous), days);
        cache[key] = (minute, view);
        return view;
    }
}

public static class TrendsModule
{
    public static IServiceCollection AddTrends(this IServiceCollection services) =>
        services.AddSingleton<ITrends, TrendReader>();
}
