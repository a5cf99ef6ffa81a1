using System.Diagnostics;
using System.Net;
using LiveBoard.Client.Reports;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Reports;
using LiveBoard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.Bench;

/// <summary>
/// Statistics over a year of a county (about 3 million tickets and 1 million reviews, generated
/// into SQLite): how long the first start takes to roll the year up, and how long each statistics
/// page takes to render for a signed-in leader (the whole HTTP request, server-rendered HTML).
/// The baseline is the same year's figures computed straight from the records, without rollups.
/// </summary>
public static class ReportsBenchmark
{
    public sealed record PageTiming(string Path, int Bytes, Latencies Latency);

    public sealed record Result(long Tickets, long Reviews, double GenerateSeconds, double RollSeconds, int RolledDays, double BaselineYearMs, IReadOnlyList<PageTiming> Pages, long DatabaseBytes);

    public static async Task<Result> RunAsync(int ticketsPerYear, int repetitions)
    {
        string folder;
        // First start: the schema and the demo county (its 30-day history is replaced below).
        // One county clock for the generator and both starts: 10:00 on the tests' working day.
        var time = ShiftedTime.At(new TimeOnly(10, 0));
        using (var first = new LiveBoardApp(time: time))
            folder = first.DataFolder;
        SqliteConnection.ClearAllPools();
        var path = Path.Combine(folder, "liveboard.db");
        var clock = new CountyClock(time, CountyClock.FindZone("Asia/Shanghai"));
        var generate = Stopwatch.StartNew();
        var (tickets, reviews) = await GenerateAsync(path, clock, ticketsPerYear);
        generate.Stop();
        SqliteConnection.ClearAllPools();

        using var app = new LiveBoardApp(folder, time: time);
        try
        {
            // The app's own roller starts at once; these calls wait for it (one roll at a time) and
            // finish whatever is left, so the time is that of the first start's rollup.
            var roller = app.Services.GetRequiredService<StatsRoller>();
            var roll = Stopwatch.StartNew();
            await roller.RollAsync(default);
            await roller.PublishAsync(default);
            roll.Stop();
            var databases = app.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>();
            int rolled;
            await using (var db = await databases.CreateDbContextAsync())
                rolled = await db.RolledDays.CountAsync();

            // Baseline: the whole year from the records, no rollups.
            var baseline = new Latencies(repetitions);
            var year = ReportPeriod.Containing(PeriodKind.Year, clock.Today.AddDays(-1));
            for (var i = 0; i < Math.Min(3, repetitions); i++)
            {
                await using var db = await databases.CreateDbContextAsync();
                var started = Stopwatch.GetTimestamp();
                await Figures.FromRecordsAsync(db, clock, clock.Today.AddDays(-365), clock.Today.AddDays(1), default);
                baseline.Add(Stopwatch.GetTimestamp() - started);
            }

            using var leader = await SignInClient.ForAsync(app.BaseAddress, "leader");
            var month = clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var lastMonth = clock.Today.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            string[] pages =
            [
                $"reports?period=year&date={month}&by=window",
                $"reports?period=year&date={month}&by=staff",
                $"reports?period=year&date={month}&by=township",
                $"reports?period=year&date={month}&by=department",
                $"reports?period=quarter&date={month}&by=hall",
                $"reports?period=month&date={month}&by=window",
                $"reports?period=week&date={month}&by=window",
                $"reports?period=day&date={month}&by=staff",
                $"rankings?period=year&date={month}",
                $"rankings?period=month&date={month}",
                $"rankings?period=month&date={lastMonth}",
                $"rankings/print?period=month&date={lastMonth}",
                $"api/v1/reports/stats.csv?period=year&date={month}&by=window",
            ];
            var timings = new List<PageTiming>();
            foreach (var page in pages)
            {
                var latency = new Latencies(repetitions);
                var bytes = 0;
                for (var i = 0; i <= repetitions; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    var response = await leader.GetAsync(page);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    var elapsed = Stopwatch.GetTimestamp() - started;
                    if (response.StatusCode != HttpStatusCode.OK)
                        throw new InvalidOperationException($"{page}: {response.StatusCode}");
                    bytes = body.Length;
                    if (i > 0) // the first is the warm-up (compiles the queries)
                        latency.Add(elapsed);
                }
                timings.Add(new PageTiming(page, bytes, latency));
            }
            return new Result(tickets, reviews, generate.Elapsed.TotalSeconds, roll.Elapsed.TotalSeconds, rolled, baseline.Percentile(50), timings, new FileInfo(path).Length);
        }
        finally
        {
            app.DeleteData();
        }
    }

    /// <summary>A year of working days ending yesterday, written straight into the SQLite file.</summary>
    private static async Task<(long Tickets, long Reviews)> GenerateAsync(string path, CountyClock clock, int ticketsPerYear)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
        await connection.OpenAsync();
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA synchronous=OFF;
                DELETE FROM "AlertActions"; DELETE FROM "Alerts"; DELETE FROM "Reviews"; DELETE FROM "Tickets"; DELETE FROM "DailyWindowStats"; DELETE FROM "DailyStaffStats"; DELETE FROM "RolledDays"; DELETE FROM "RankingSnapshots";
                """;
            await setup.ExecuteNonQueryAsync();
        }
        var windows = new List<(int Id, int HallId, int BusinessId, string Business, int? Staff, double Quality)>();
        var random = new Random(11);
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = """
                SELECT w."Id", w."HallId", w."BusinessId", b."Code", (SELECT MIN(s."Id") FROM "Staff" s WHERE s."WindowId" = w."Id")
                FROM "Windows" w JOIN "Businesses" b ON b."Id" = w."BusinessId" ORDER BY w."Id"
                """;
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                windows.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt32(4), 0.82 + (random.NextDouble() * 0.16)));
        }
        var days = Enumerable.Range(1, 365).Select(back => clock.Today.AddDays(-back)).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Order().ToList();
        var perWindowPerDay = ticketsPerYear / (double)days.Count / windows.Count;
        long ticketCount = 0, reviewCount = 0, id = 0;
        var transaction = connection.BeginTransaction();
        using var ticket = SqlCommands.Prepare(connection,
            """INSERT INTO "Tickets" ("Id", "HallId", "BusinessId", "ServiceDate", "Number", "Status", "IssuedAt", "CalledAt", "WindowId", "FinishedAt") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)""", 10, transaction);
        using var review = SqlCommands.Prepare(connection,
            """INSERT INTO "Reviews" ("Id", "HallId", "WindowId", "StaffId", "TicketId", "Level", "Tags", "Comment", "Channel", "ContactPhone", "SubmittedAt", "ExcludedByAppeal") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, 0, NULL, 1, NULL, @p6, FALSE)""", 7, transaction);
        // Every bad review gets its follow-up, so the rectification figures are part of the measurement.
        using var alert = SqlCommands.Prepare(connection,
            """INSERT INTO "Alerts" ("HallId", "Kind", "Status", "RaisedAt", "DueAt", "ClosedAt", "ReviewId", "WindowId", "StaffId", "Tags", "Version", "Appeal", "ReturnCallOutcome") VALUES (@p0, 1, 3, @p1, @p2, @p3, @p4, @p5, @p6, 0, 1, 0, @p7)""", 8, transaction);
        long alerts = 0;
        foreach (var day in days)
        {
            var opens = clock.StartOf(day) + TimeSpan.FromHours(8.5);
            var numbers = new Dictionary<(int, string), int>();
            foreach (var window in windows)
            {
                var count = (int)Math.Round(perWindowPerDay * (0.7 + (random.NextDouble() * 0.6)));
                for (var n = 0; n < count; n++)
                {
                    var key = (window.HallId, window.Business);
                    var number = numbers[key] = numbers.GetValueOrDefault(key) + 1;
                    var issued = opens + TimeSpan.FromMinutes(random.NextDouble() * 480);
                    var called = issued + TimeSpan.FromMinutes(1 + (random.NextDouble() * 30));
                    var finished = called + TimeSpan.FromMinutes(3 + (random.NextDouble() * 15));
                    var ticketId = --id;
                    await ticket.ExecuteAsync(default, ticketId, window.HallId, window.BusinessId, day, $"{window.Business}{number:0000}", 3,
                        issued.ToUnixTimeMilliseconds(), called.ToUnixTimeMilliseconds(), window.Id, finished.ToUnixTimeMilliseconds());
                    ticketCount++;
                    if (random.NextDouble() < 1.0 / 3)
                    {
                        var roll = random.NextDouble();
                        var level = roll < window.Quality * 0.6 ? 5 : roll < window.Quality * 0.85 ? 4 : roll < window.Quality ? 3 : roll < (1 + window.Quality) / 2 ? 2 : 1;
                        var reviewedAt = finished + TimeSpan.FromMinutes(1);
                        await review.ExecuteAsync(default, --id, window.HallId, window.Id, window.Staff, ticketId, level, reviewedAt.ToUnixTimeMilliseconds());
                        reviewCount++;
                        if (level <= 2)
                        {
                            await alert.ExecuteAsync(default, window.HallId, reviewedAt.ToUnixTimeMilliseconds(), (reviewedAt + TimeSpan.FromDays(7)).ToUnixTimeMilliseconds(),
                                (reviewedAt + TimeSpan.FromDays(random.NextDouble() * 9)).ToUnixTimeMilliseconds(), id, window.Id, window.Staff, random.NextDouble() < 0.9 ? "called" : null);
                            alerts++;
                        }
                    }
                }
            }
            if (day.Day % 10 == 0)
            {
                await transaction.CommitAsync();
                transaction = connection.BeginTransaction();
                ticket.Transaction = review.Transaction = alert.Transaction = transaction;
            }
        }
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        await using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;";
            await checkpoint.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"  ({alerts:N0} bad reviews, each with a resolved alert)");
        return (ticketCount, reviewCount);
    }
}
