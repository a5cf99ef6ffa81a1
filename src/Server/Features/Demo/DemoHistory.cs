using LiveBoard.Client.Model;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Alerts;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Demo;

/// <summary>
/// The demo county's past: tickets and reviews for the working days before today, as if imported
/// from the halls' earlier queue system, so trends and "a typical day" have something to compare
/// with. They never went through the event log, so their ids are negative: they can never collide
/// with an event's sequence number. Deterministic for a given start day.
/// </summary>
public static class DemoHistory
{
    public static async Task SeedAsync(LiveBoardDb db, CountyClock clock, int days, CancellationToken cancellationToken = default)
    {
        if (await db.Tickets.AnyAsync(t => t.Id < 0, cancellationToken))
            return;
        var halls = await db.Halls.AsNoTracking().Where(h => h.Active).Include(h => h.Hours)
            .Include(h => h.Windows.Where(w => w.Active)).ThenInclude(w => w.Business).AsSplitQuery().ToListAsync(cancellationToken);
        var random = new Random(3);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        using var ticket = SqlCommands.Prepare(connection,
            "INSERT INTO \"Tickets\" (\"Id\", \"HallId\", \"BusinessId\", \"ServiceDate\", \"Number\", \"Status\", \"IssuedAt\", \"CalledAt\", \"WindowId\", \"FinishedAt\") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)", 10, transaction);
        using var review = SqlCommands.Prepare(connection,
            "INSERT INTO \"Reviews\" (\"Id\", \"HallId\", \"WindowId\", \"StaffId\", \"TicketId\", \"Level\", \"Tags\", \"Comment\", \"Channel\", \"ContactPhone\", \"SubmittedAt\", \"ExcludedByAppeal\") VALUES (@p0, @p1, @p2, NULL, @p3, @p4, @p5, NULL, 1, NULL, @p6, FALSE)", 7, transaction);
        long id = 0;
        var badReviews = new List<(long Id, int HallId, int WindowId, ReviewLevel Level, ReviewTags Tags, DateTimeOffset At)>();
        for (var back = days; back >= 1; back--)
        {
            var day = clock.Today.AddDays(-back);
            var dayFactor = 0.85 + (random.NextDouble() * 0.3);
            foreach (var hall in halls)
            {
                // The hall's hours that weekday: a day it does not open has no history.
                if (hall.Week().On(day.DayOfWeek) is not { } hours)
                    continue;
                var numbers = new Dictionary<string, int>();
                for (var minute = hours.Opens.ToTimeSpan(); minute < hours.Closes.ToTimeSpan(); minute += TimeSpan.FromMinutes(1))
                {
                    var time = TimeOnly.FromTimeSpan(minute);
                    if (!hours.IsOpenAt(time))
                        continue;
                    var arrivals = DemoRhythm.Poisson(random, DemoRhythm.ArrivalsPerMinute(hall.Windows.Count) * DemoRhythm.Shape(time) * dayFactor);
                    for (var a = 0; a < arrivals; a++)
                    {
                        var window = hall.Windows[random.Next(hall.Windows.Count)];
                        var business = window.Business!;
                        var number = numbers[business.Code] = numbers.GetValueOrDefault(business.Code) + 1;
                        var issued = clock.StartOf(day) + minute + TimeSpan.FromSeconds(random.Next(60));
                        var called = issued + TimeSpan.FromMinutes(2 + (random.NextDouble() * 25));
                        var finished = called + TimeSpan.FromMinutes(DemoRhythm.ServiceMinutes(random, business.TypicalServiceMinutes));
                        var roll = random.NextDouble();
                        var status = roll < 0.93 ? TicketStatus.Served : roll < 0.96 ? TicketStatus.NoShow : TicketStatus.Abandoned;
                        var ticketId = --id;
                        await ticket.ExecuteAsync(cancellationToken, ticketId, hall.Id, business.Id, day, $"{business.Code}{number:000}", (int)status,
                            Millis(issued), status == TicketStatus.Abandoned ? null : Millis(called), status == TicketStatus.Abandoned ? null : window.Id, Millis(finished));
                        if (status == TicketStatus.Served && random.NextDouble() < 0.4)
                        {
                            var (level, tags) = DemoRhythm.Review(random, DemoRhythm.Outcome(random));
                            await review.ExecuteAsync(cancellationToken, --id, hall.Id, window.Id, ticketId, (int)level, (int)tags, Millis(finished + TimeSpan.FromMinutes(1)));
                            if (level.IsBad())
                                badReviews.Add((id, hall.Id, window.Id, level, tags, finished + TimeSpan.FromMinutes(1)));
                        }
                    }
                }
            }
        }
        await transaction.CommitAsync(cancellationToken);
        await SeedRectificationsAsync(db, clock, badReviews, cancellationToken);
    }

    /// <summary>
    /// Every past bad review was followed up, as the hall managers would have: most rectified within
    /// the five working days with a return call, some late, a few without a call. Drawn from a
    /// random stream of their own, so the tickets and reviews stay as they were.
    /// </summary>
    private static async Task SeedRectificationsAsync(LiveBoardDb db, CountyClock clock,
        List<(long Id, int HallId, int WindowId, ReviewLevel Level, ReviewTags Tags, DateTimeOffset At)> badReviews, CancellationToken cancellationToken)
    {
        var random = new Random(5);
        var workingDays = new WorkingDays(clock, await db.Calendar.AsNoTracking().ToDictionaryAsync(d => d.Date, d => d.IsWorkingDay, cancellationToken));
        var alerts = new List<Alert>();
        foreach (var review in badReviews)
        {
            var due = workingDays.Deadline(review.At, 5);
            var onTime = random.NextDouble() < 0.88;
            var closed = onTime ? review.At + ((due - review.At) * (0.15 + (random.NextDouble() * 0.7))) : due + TimeSpan.FromDays(1 + random.Next(4));
            // All of the past is settled (the demo's open alerts are today's): nothing closes in the future.
            closed = closed < clock.UtcNow ? closed : clock.UtcNow - TimeSpan.FromMinutes(10 + random.Next(600));
            if (closed < review.At)
                closed = review.At + TimeSpan.FromHours(2);
            var called = random.NextDouble() < 0.92;
            alerts.Add(new Alert
            {
                HallId = review.HallId, Kind = AlertKind.BadReview, Status = AlertStatus.Resolved, RaisedAt = review.At, DueAt = due, ClosedAt = closed,
                EscalatedAt = closed > due ? due : null, ReviewId = review.Id, WindowId = review.WindowId, ConditionKey = $"review:{review.Id}",
                Level = review.Level, Tags = review.Tags,
                Resolution = "已约谈窗口人员，材料清单已一次性告知并张贴。", ReturnCallOutcome = called ? "已电话回访，群众表示认可。" : null,
                ReturnCallRating = called ? 3 + random.Next(3) : null, AssignedTo = "值班主任",
            });
        }
        db.Alerts.AddRange(alerts);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var alert in alerts)
        {
            db.AlertActions.Add(new AlertAction { AlertId = alert.Id, At = alert.RaisedAt, By = AlertMonitor.System, Action = AlertMonitor.Raised });
            db.AlertActions.Add(new AlertAction { AlertId = alert.Id, At = alert.ClosedAt!.Value, By = "值班主任", Action = "Resolve", Note = alert.Resolution });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static long Millis(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();
}
