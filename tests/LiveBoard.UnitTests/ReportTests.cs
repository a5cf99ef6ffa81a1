using System.Text.Json;
using LiveBoard.Client.Model;
using LiveBoard.Client.Reports;
using LiveBoard.Server.Common;
using LiveBoard.Server.Features.Alerts;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Features.Queue;
using LiveBoard.Server.Features.Reports;
using LiveBoard.Server.Features.Reviews;
using LiveBoard.Server.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveBoard.UnitTests;

/// <summary>Statistics and rankings on small data sets whose every figure is known.</summary>
public sealed class ReportTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan County = TimeSpan.FromHours(8);
    private static readonly ReportPeriod October = ReportPeriod.Containing(PeriodKind.Month, new DateOnly(2026, 10, 1));
    private static readonly ReportPeriod November = ReportPeriod.Containing(PeriodKind.Month, new DateOnly(2026, 11, 1));
    private readonly ManualTime time = new(TestDatabase.MondayMorning);
    private TestDatabase database = null!;
    private CountyClock clock = null!;
    private ReportBook reports = null!;
    private StatsRoller roller = null!;
    private long nextId = 1;
    private ReferenceData.WindowInfo w1 = null!, w2 = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        clock = TestDatabase.ClockAt(time);
        var options = Options.Create(new RankingOptions { MinimumReviewsPerMonth = 3, MinimumReviewsPerYear = 3, PriorWeight = 4 });
        reports = new ReportBook(database.Factory, clock, options);
        roller = new StatsRoller(database.Factory, reports, clock, Leadership.Always(), Options.Create(new IngestOptions()), NullLogger<StatsRoller>.Instance);
        var township = database.Reference.HallByCode("T01")!;
        var windows = database.Reference.AllWindows.Where(w => w.HallId == township.Id).OrderBy(w => w.Number).ToList();
        (w1, w2) = (windows[0], windows[1]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => database.Dispose();

    private Task ReviewAsync(ReferenceData.WindowInfo window, DateTimeOffset at, params int[] levels) => ReviewByAsync(7, window, at, levels);

    private async Task ReviewByAsync(int? staffId, ReferenceData.WindowInfo window, DateTimeOffset at, params int[] levels)
    {
        await using var db = database.Open();
        foreach (var level in levels)
            db.Reviews.Add(new Review { Id = nextId++, HallId = window.HallId, WindowId = window.Id, StaffId = staffId, Level = (ReviewLevel)level, SubmittedAt = at });
        await db.SaveChangesAsync();
    }

    /// <summary>A bad-review alert at the window, raised a week before its deadline; <paramref name="closed"/>: resolved then.</summary>
    private async Task AlertAsync(ReferenceData.WindowInfo window, int? staffId, DateTimeOffset due, DateTimeOffset? closed = null, AlertStatus? status = null, AppealState appeal = AppealState.None)
    {
        await using var db = database.Open();
        db.Alerts.Add(new Alert
        {
            HallId = window.HallId, WindowId = window.Id, StaffId = staffId, Kind = AlertKind.BadReview, Level = ReviewLevel.VeryDissatisfied,
            Status = status ?? (closed is null ? AlertStatus.Open : AlertStatus.Resolved), RaisedAt = due.AddDays(-7), DueAt = due, ClosedAt = closed,
            ReturnCallOutcome = closed is null ? null : "called", Appeal = appeal,
        });
        await db.SaveChangesAsync();
    }

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, County);

    [Fact]
    public async Task A_windows_figures_are_counted_exactly_and_add_up_to_its_hall_township_and_department()
    {
        await ReviewAsync(w1, At(10, 12, 10), 5, 5, 4, 3, 2, 1);
        await ReviewAsync(w2, At(10, 13, 11), 5, 4);
        await using (var db = database.Open())
        {
            // Waits of 4 and 6 minutes at w1; a ticket never called does not count.
            db.Tickets.Add(new QueueTicket { Id = nextId++, HallId = w1.HallId, BusinessId = w1.BusinessId, ServiceDate = new DateOnly(2026, 10, 12), Number = "A001", Status = TicketStatus.Served, IssuedAt = At(10, 12, 9), CalledAt = At(10, 12, 9, 4), WindowId = w1.Id });
            db.Tickets.Add(new QueueTicket { Id = nextId++, HallId = w1.HallId, BusinessId = w1.BusinessId, ServiceDate = new DateOnly(2026, 10, 12), Number = "A002", Status = TicketStatus.Served, IssuedAt = At(10, 12, 9), CalledAt = At(10, 12, 9, 6), WindowId = w1.Id });
            db.Tickets.Add(new QueueTicket { Id = nextId++, HallId = w1.HallId, BusinessId = w1.BusinessId, ServiceDate = new DateOnly(2026, 10, 12), Number = "A003", Status = TicketStatus.Abandoned, IssuedAt = At(10, 12, 9) });
            // Two bad-review alerts at w1: one rectified before its deadline with a return call, one still open.
            db.Alerts.Add(new Alert { HallId = w1.HallId, WindowId = w1.Id, StaffId = 7, Kind = AlertKind.BadReview, Status = AlertStatus.Resolved, RaisedAt = At(10, 12, 10), DueAt = At(10, 15, 17), ClosedAt = At(10, 13, 10), ReturnCallOutcome = "called" });
            db.Alerts.Add(new Alert { HallId = w1.HallId, WindowId = w1.Id, StaffId = 7, Kind = AlertKind.BadReview, Status = AlertStatus.Open, RaisedAt = At(10, 12, 10), DueAt = At(10, 15, 17) });
            await db.SaveChangesAsync();
        }

        var windows = await reports.StatsAsync(October, StatsUnit.Window);
        var row = windows.Rows.Single(r => r.Id == w1.Id);
        Assert.Equal((6, 2, 1, 1, 1, 1), (row.Reviews, row.Level(5), row.Level(4), row.Level(3), row.Level(2), row.Level(1)));
        Assert.Equal((4, 2), (row.Good, row.Bad));
        Assert.Equal(4.0 / 6, row.GoodRate!.Value, 12);
        Assert.Equal((2, 1, 1), (row.Rectification.Alerts, row.Rectification.OnTime, row.Rectification.ReturnCalls));
        Assert.Equal(0.5, row.Rectification.OnTimeRate);
        Assert.Equal((2, TimeSpan.FromMinutes(5)), (row.Called, row.AverageWait));

        var township = (await reports.StatsAsync(October, StatsUnit.Township)).Rows.Single(r => r.Id == w1.HallId);
        Assert.Equal((8, 6, 2, 2), (township.Reviews, township.Good, township.Bad, township.Rectification.Alerts));
        Assert.Equal(8, (await reports.StatsAsync(October, StatsUnit.Hall)).Total.Reviews);
        Assert.Equal(8, (await reports.StatsAsync(October, StatsUnit.Department)).Rows.Sum(r => r.Reviews));
        var staff = (await reports.StatsAsync(October, StatsUnit.Staff)).Rows.Single(r => r.Id == 7);
        Assert.Equal((8, 2, 1), (staff.Reviews, staff.Rectification.Alerts, staff.Rectification.OnTime));
        // Another month has none of it.
        Assert.Equal(0, (await reports.StatsAsync(November, StatsUnit.Window)).Total.Reviews);
    }

    [Fact]
    public async Task The_series_of_a_month_is_day_by_day_and_of_a_year_month_by_month_rolled_up_or_not()
    {
        await ReviewAsync(w1, At(10, 12, 10), 5, 1, 2, 4);
        await ReviewAsync(w2, At(10, 13, 10), 5);
        await ReviewAsync(w2, At(11, 2, 10), 1);
        foreach (var rolled in new[] { false, true })
        {
            if (rolled)
                await roller.RollAsync(default);
            var october = await reports.SeriesAsync(October);
            Assert.Equal(31, october.Count);
            Assert.Equal((4, 2, 50.0), (october[11].Reviews, october[11].Bad, october[11].BadPerHundred!.Value));
            Assert.Equal((1, 0), (october[12].Reviews, october[12].Bad));
            Assert.Null(october[13].BadPerHundred);
            var year = await reports.SeriesAsync(ReportPeriod.Containing(PeriodKind.Year, new DateOnly(2026, 1, 1)));
            Assert.Equal(12, year.Count);
            Assert.Equal(("2026-10", 5, 2), (year[9].Label, year[9].Reviews, year[9].Bad));
            Assert.Equal((1, 1), (year[10].Reviews, year[10].Bad));
        }
    }

    [Fact]
    public async Task A_hall_managers_statistics_hold_their_hall_only()
    {
        var county = database.Reference.HallByCode("CTY")!;
        var elsewhere = database.Reference.AllWindows.First(w => w.HallId == county.Id);
        await ReviewAsync(w1, At(10, 12, 10), 5, 1);
        await ReviewAsync(elsewhere, At(10, 12, 11), 5, 5, 5);

        var windows = await reports.StatsAsync(October, StatsUnit.Window, w1.HallId);
        Assert.All(windows.Rows, r => Assert.StartsWith("T01-", r.Code, StringComparison.Ordinal));
        Assert.Equal((2, 1), (windows.Total.Reviews, windows.Total.Bad));
        var departments = await reports.StatsAsync(October, StatsUnit.Department, w1.HallId);
        Assert.Equal(2, departments.Total.Reviews);
        Assert.Equal(2, departments.Rows.Sum(r => r.Reviews));
        Assert.Equal(5, (await reports.StatsAsync(October, StatsUnit.Window)).Total.Reviews);
        Assert.Equal(2, (await reports.SeriesAsync(October, w1.HallId))[11].Reviews);
        await roller.RollAsync(default);
        Assert.Equal(2, (await reports.SeriesAsync(October, w1.HallId))[11].Reviews);
        Assert.Equal(5, (await reports.SeriesAsync(October))[11].Reviews);
    }

    [Fact]
    public async Task Months_and_days_begin_at_county_midnight_not_UTC_midnight()
    {
        await ReviewAsync(w1, At(10, 31, 23, 30), 5);   // 15:30 UTC on 31 October: October
        await ReviewAsync(w1, At(11, 1, 0, 10), 1);     // 16:10 UTC on 31 October: November in the county
        Assert.Equal((1, 1, 0), Levels((await reports.StatsAsync(October, StatsUnit.Window)).Total));
        Assert.Equal((1, 0, 1), Levels((await reports.StatsAsync(November, StatsUnit.Window)).Total));
        var lastOfOctober = await reports.StatsAsync(ReportPeriod.Containing(PeriodKind.Day, new DateOnly(2026, 10, 31)), StatsUnit.Window);
        Assert.Equal(1, lastOfOctober.Total.Reviews);
        // Rolled up, the same.
        Assert.True(await roller.RollAsync(default) > 0);
        Assert.Equal((1, 1, 0), Levels((await reports.StatsAsync(October, StatsUnit.Window)).Total));
        Assert.Equal((1, 0, 1), Levels((await reports.StatsAsync(November, StatsUnit.Window)).Total));

        static (int, int, int) Levels(StatsRow r) => (r.Reviews, r.Good, r.Bad);
    }

    [Fact]
    public void Periods_are_weeks_from_Monday_quarters_and_years_and_parse_from_the_url()
    {
        var wednesday = new DateOnly(2026, 11, 25);
        Assert.Equal((new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30)), (ReportPeriod.Containing(PeriodKind.Week, wednesday).Start, ReportPeriod.Containing(PeriodKind.Week, wednesday).End));
        Assert.Equal("2026 Q4", ReportPeriod.Containing(PeriodKind.Quarter, wednesday).Label);
        Assert.Equal(new DateOnly(2026, 10, 1), ReportPeriod.Containing(PeriodKind.Quarter, wednesday).Start);
        Assert.Equal(new DateOnly(2027, 1, 1), ReportPeriod.Containing(PeriodKind.Year, wednesday).End);
        Assert.Equal(October, November.Previous);
        Assert.Equal(October, ReportPeriod.Parse("month", "2026-10", PeriodKind.Day, wednesday));
        Assert.Equal(ReportPeriod.Containing(PeriodKind.Month, wednesday), ReportPeriod.Parse("nonsense", "not a date", PeriodKind.Month, wednesday));
    }

    [Fact]
    public void Smoothing_keeps_a_window_with_two_reviews_from_topping_the_list_and_the_minimum_keeps_it_unranked()
    {
        var few = new RankingInput(1, "T01-01", new UnitName("a", "a"), null, Reviews: 2, Good: 2, Bad: 0, Excluded: 0);
        var many = new RankingInput(2, "T01-02", new UnitName("b", "b"), null, Reviews: 100, Good: 95, Bad: 5, Excluded: 0);
        var poor = new RankingInput(3, "T01-03", new UnitName("c", "c"), null, Reviews: 98, Good: 60, Bad: 38, Excluded: 0);
        // County rate p = 157/200; score = (good + 20p) / (reviews + 20).
        var (rate, units) = Ranking.Rank([few, many, poor], minimumReviews: 1, priorWeight: 20, previousWorst: null);
        Assert.Equal(157.0 / 200, rate!.Value, 12);
        Assert.Equal([2, 1, 3], units.Select(u => u.Id));
        Assert.Equal((2 + (20 * 0.785)) / 22, units.Single(u => u.Id == 1).Score, 12);
        Assert.Equal(1.0, units.Single(u => u.Id == 1).GoodRate); // the raw rate is still shown

        var (_, withMinimum) = Ranking.Rank([few, many, poor], minimumReviews: 20, priorWeight: 20, previousWorst: null);
        Assert.Equal([(1, 2), (2, 3), (0, 1)], withMinimum.Select(u => (u.Rank, u.Id)));
        Assert.Equal(2, withMinimum.Single(u => u.Id == 1).Reviews); // listed with its volume, not ranked
    }

    [Fact]
    public void Ties_go_to_the_larger_volume_then_the_code_and_a_unit_worst_two_months_running_is_flagged()
    {
        var inputs = new[]
        {
            new RankingInput(1, "B", new UnitName("b", "b"), null, 10, 8, 2, 0),
            new RankingInput(2, "A", new UnitName("a", "a"), null, 10, 8, 2, 0),
            new RankingInput(3, "C", new UnitName("c", "c"), null, 20, 16, 4, 0),
        };
        var (_, units) = Ranking.Rank(inputs, 1, 0, previousWorst: new HashSet<int> { 1, 99 });
        Assert.Equal(["C", "A", "B"], units.Select(u => u.Code));
        Assert.True(units.Single(u => u.Id == 1).BottomTwoMonthsRunning);
        Assert.False(units.Single(u => u.Id == 2).BottomTwoMonthsRunning);
    }

    [Fact]
    public async Task A_review_removed_by_an_upheld_appeal_leaves_every_figure_rolled_up_or_not()
    {
        await ReviewAsync(w1, At(10, 12, 10), 5, 5, 1);
        await roller.RollAsync(default);
        Assert.Equal(3, (await reports.StatsAsync(October, StatsUnit.Window)).Rows.Single(r => r.Id == w1.Id).Reviews);

        await using (var db = database.Open())
        {
            var bad = await db.Reviews.SingleAsync(r => r.Level == ReviewLevel.VeryDissatisfied);
            bad.ExcludedByAppeal = true;
            await db.SaveChangesAsync();
            await StatsRoller.Forget(db, new DateOnly(2026, 10, 12), default);
        }
        var row = (await reports.StatsAsync(October, StatsUnit.Window)).Rows.Single(r => r.Id == w1.Id);
        Assert.Equal((2, 0, 1, 1.0), (row.Reviews, row.Bad, row.Excluded, row.GoodRate!.Value));
        await roller.RollAsync(default);
        Assert.Equal(row, (await reports.StatsAsync(October, StatsUnit.Window)).Rows.Single(r => r.Id == w1.Id) with { Levels = row.Levels });
        var ranked = (await reports.RankingAsync(October, RankingScope.Windows)).Units.Single(u => u.Id == w1.Id);
        Assert.Equal((2, 0, 1), (ranked.Reviews, ranked.Bad, ranked.Excluded));
    }

    [Fact]
    public async Task A_published_ranking_never_changes_when_later_data_or_appeals_arrive()
    {
        await ReviewAsync(w1, At(10, 5, 10), 5, 5, 5, 4);
        await ReviewAsync(w2, At(10, 6, 10), 1, 2, 3, 5);
        await roller.RollAsync(default);
        Assert.True(await roller.PublishAsync(default) >= 2);
        var published = JsonSerializer.Serialize(await reports.RankingAsync(October, RankingScope.Windows), LiveJson.Options);
        var view = await reports.RankingAsync(October, RankingScope.Windows);
        Assert.True(view.Frozen);
        Assert.Equal([w1.Id, w2.Id], view.Units.Where(u => u.Ranked).Select(u => u.Id));
        Assert.Equal([w1.Id], view.Best.Select(u => u.Id));
        Assert.Equal([w2.Id], view.Worst.Select(u => u.Id));

        // Afterwards: w2's bad reviews are appealed away and more reviews land in October.
        await using (var db = database.Open())
        {
            await db.Reviews.Where(r => r.WindowId == w2.Id && r.Level <= ReviewLevel.Dissatisfied).ExecuteUpdateAsync(r => r.SetProperty(x => x.ExcludedByAppeal, true));
            await StatsRoller.Forget(db, new DateOnly(2026, 10, 6), default);
        }
        await ReviewAsync(w2, At(10, 7, 10), 5, 5, 5, 5, 5, 5);
        await ReviewAsync(w1, At(10, 8, 10), 1, 1, 1);
        await using (var db = database.Open())
        {
            // Those days were rolled up (empty) already; make the statistics read them again.
            await StatsRoller.Forget(db, new DateOnly(2026, 10, 7), default);
            await StatsRoller.Forget(db, new DateOnly(2026, 10, 8), default);
        }
        Assert.NotEqual(view.Units.Where(u => u.Ranked).Select(u => u.Id), (await reports.StatsAsync(October, StatsUnit.Window)).Rows
            .Where(r => r.Reviews > 0).OrderByDescending(r => r.GoodRate).Select(r => r.Id).Take(2));
        Assert.Equal(published, JsonSerializer.Serialize(await reports.RankingAsync(October, RankingScope.Windows), LiveJson.Options));
        // Publishing again does nothing.
        Assert.Equal(0, await roller.PublishAsync(default));
    }

    [Fact]
    public async Task The_totals_are_the_same_whichever_the_grouping_and_the_county_centre_and_reviews_without_staff_have_rows()
    {
        var county = database.Reference.HallByCode("CTY")!;
        var countyWindow = database.Reference.AllWindows.Where(w => w.HallId == county.Id).OrderBy(w => w.Number).First();
        var countyStaff = database.Reference.AllStaff.First(s => s.HallId == county.Id).Id;
        var townshipStaff = database.Reference.AllStaff.First(s => s.HallId == w1.HallId).Id;
        await ReviewByAsync(townshipStaff, w1, At(10, 12, 10), 5, 5, 4, 1);      // 4 at a township, with its staff member
        await ReviewByAsync(null, w2, At(10, 12, 11), 5, 2);                    // 2 at a township, no staff member on record
        await ReviewByAsync(countyStaff, countyWindow, At(10, 13, 10), 5, 5, 5, 3, 1); // 5 at the county centre
        await ReviewByAsync(null, countyWindow, At(10, 13, 11), 4, 4, 4);       // 3 at the county centre, no staff member
        await ReviewByAsync(townshipStaff, countyWindow, At(10, 14, 10), 1);    // 1 by the township's staff member, lent to the county centre
        await AlertAsync(countyWindow, null, due: At(10, 20, 17), closed: At(10, 15, 10));
        await AlertAsync(w1, townshipStaff, due: At(10, 20, 17), closed: At(10, 21, 10));

        foreach (var rolled in new[] { false, true })
        {
            if (rolled)
                Assert.True(await roller.RollAsync(default) > 0);
            foreach (var unit in Enum.GetValues<StatsUnit>())
            {
                var table = await reports.StatsAsync(October, unit);
                // 15 reviews, 4 bad, 2 bad-review alerts: in the total and in the sum of the rows, whatever the rows are.
                Assert.Equal((unit, 15, 4, 2), (unit, table.Total.Reviews, table.Total.Bad, table.Total.Rectification.Alerts));
                Assert.Equal((unit, 15, 4, 2), (unit, table.Rows.Sum(r => r.Reviews), table.Rows.Sum(r => r.Bad), table.Rows.Sum(r => r.Rectification.Alerts)));
            }
            // One row per department, not one per window.
            var departments = (await reports.StatsAsync(October, StatsUnit.Department)).Rows;
            Assert.Equal(departments.Count, departments.Select(r => r.Id).Distinct().Count());
            var townships = await reports.StatsAsync(October, StatsUnit.Township);
            var centre = townships.Rows.Single(r => r.Kind == StatsRowKind.CountyCentre);
            Assert.Equal(("CTY", 9, 1), (centre.Code, centre.Reviews, centre.Rectification.OnTime));
            Assert.Equal(20, townships.Rows.Count(r => r.Kind == StatsRowKind.Unit));
            var staff = await reports.StatsAsync(October, StatsUnit.Staff);
            var none = staff.Rows.Single(r => r.Kind == StatsRowKind.NoStaff);
            Assert.Equal((5, 1, 1), (none.Reviews, none.Bad, none.Rectification.Alerts));
            Assert.Equal((5, 1, 1), (staff.Rows.Single(r => r.Id == townshipStaff).Reviews, staff.Rows.Single(r => r.Id == townshipStaff).Rectification.Late, staff.Rows.Single(r => r.Id == townshipStaff).Rectification.Alerts));

            // A hall manager's view: only the hall's windows, and still the rows add up.
            foreach (var unit in new[] { StatsUnit.Window, StatsUnit.Staff, StatsUnit.Department })
            {
                var t01 = await reports.StatsAsync(October, unit, w1.HallId);
                Assert.Equal((unit, 6, 6), (unit, t01.Total.Reviews, t01.Rows.Sum(r => r.Reviews)));
                var cty = await reports.StatsAsync(October, unit, county.Id);
                Assert.Equal((unit, 9, 9), (unit, cty.Total.Reviews, cty.Rows.Sum(r => r.Reviews)));
            }
            // The lent staff member: 4 reviews at their own hall, 1 at the county centre, where they are listed too.
            Assert.Equal(4, (await reports.StatsAsync(October, StatsUnit.Staff, w1.HallId)).Rows.Single(r => r.Id == townshipStaff).Reviews);
            Assert.Equal(1, (await reports.StatsAsync(October, StatsUnit.Staff, county.Id)).Rows.Single(r => r.Id == townshipStaff).Reviews);
            Assert.Equal(3, (await reports.StatsAsync(October, StatsUnit.Staff, county.Id)).Rows.Single(r => r.Kind == StatsRowKind.NoStaff).Reviews);
        }

        // The county centre is in the township statistics, but not among the ranked townships.
        Assert.DoesNotContain((await reports.RankingAsync(October, RankingScope.Townships)).Units, u => u.Code == "CTY");
        var csv = ReportsModule.StatsCsv(await reports.StatsAsync(October, StatsUnit.Township)).Split('\n');
        Assert.Contains(csv, line => line.Contains(",CTY,", StringComparison.Ordinal) && line.TrimEnd().EndsWith(",county_centre", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rectified_on_time_counts_only_decided_bad_reviews_and_those_inside_their_deadline_are_in_progress()
    {
        // Now is 23 November 10:00. The hall: 20 rectified on time, 7 open and none overdue.
        for (var i = 0; i < 20; i++)
            await AlertAsync(w1, 7, due: At(11, 20, 17), closed: At(11, 18, 10));
        for (var i = 0; i < 7; i++)
            await AlertAsync(w1, 7, due: At(11, 25, 17));

        var row = (await reports.StatsAsync(November, StatsUnit.Window)).Rows.Single(r => r.Id == w1.Id);
        Assert.Equal((20, 0, 7, 27, 20), (row.Rectification.OnTime, row.Rectification.Late, row.Rectification.InProgress, row.Rectification.Alerts, row.Rectification.Decided));
        Assert.Equal(1.0, row.Rectification.OnTimeRate);

        // One resolved a day late, one open past its deadline, one under appeal and one acknowledged inside it,
        // and one whose appeal was upheld (counted nowhere).
        await AlertAsync(w1, 7, due: At(11, 20, 17), closed: At(11, 21, 9));
        await AlertAsync(w1, 7, due: At(11, 20, 17));
        await AlertAsync(w1, 7, due: At(11, 25, 17), status: AlertStatus.Appealed, appeal: AppealState.Pending);
        await AlertAsync(w1, 7, due: At(11, 25, 17), status: AlertStatus.Acknowledged);
        await AlertAsync(w1, 7, due: At(11, 20, 17), closed: At(11, 22, 9), status: AlertStatus.Closed, appeal: AppealState.Upheld);
        var table = await reports.StatsAsync(November, StatsUnit.Township);
        var township = table.Rows.Single(r => r.Id == w1.HallId);
        Assert.Equal((20, 2, 9, 22), (township.Rectification.OnTime, township.Rectification.Late, township.Rectification.InProgress, township.Rectification.Decided));
        Assert.Equal(20.0 / 22, township.Rectification.OnTimeRate!.Value, 12);
        Assert.Equal(table.Total.Rectification, township.Rectification);
        var csv = ReportsModule.StatsCsv(table).Split('\n');
        Assert.Contains(csv, line => line.Contains($",{township.Code},", StringComparison.Ordinal) && line.Contains(",31,20,2,9,0.9091,", StringComparison.Ordinal));

        // Two days later the nine open ones are past their deadline: late now.
        time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(8));
        var later = (await reports.StatsAsync(November, StatsUnit.Window)).Rows.Single(r => r.Id == w1.Id).Rectification;
        Assert.Equal((20, 11, 0), (later.OnTime, later.Late, later.InProgress));
    }

    /// <summary>Six of the county centre's windows, in number order.</summary>
    private List<ReferenceData.WindowInfo> SixWindows() =>
        [.. database.Reference.AllWindows.Where(w => w.HallId == database.Reference.HallByCode("CTY")!.Id).OrderBy(w => w.Number).Take(6)];

    private async Task FiveRankableWindowsAsync()
    {
        // Five windows with enough reviews (3 this month), from best to worst, and one with too few.
        var windows = SixWindows();
        int[][] levels = [[5, 5, 5, 5], [5, 5, 5, 1], [5, 5, 1, 1], [5, 1, 1, 1], [1, 1, 1, 1], [5]];
        for (var i = 0; i < windows.Count; i++)
            await ReviewAsync(windows[i], At(10, 5 + i, 10), levels[i]);
    }

    [Fact]
    public async Task With_five_rankable_windows_the_best_and_worst_lists_share_none_live_published_and_in_the_csv()
    {
        await FiveRankableWindowsAsync();
        var windows = SixWindows().Select(w => w.Id).ToList();

        var live = await reports.RankingAsync(October, RankingScope.Windows);
        Assert.Equal(5, live.RankedCount);
        Assert.True(live.ListsShortened);
        Assert.Equal([windows[0], windows[1]], live.Best.Select(u => u.Id));
        Assert.Equal([windows[4], windows[3]], live.Worst.Select(u => u.Id));
        Assert.Equal([windows[2]], live.Middle.Select(u => u.Id));

        await roller.RollAsync(default);
        await roller.PublishAsync(default);
        var published = await reports.RankingAsync(October, RankingScope.Windows);
        Assert.True(published.Frozen);
        Assert.Equal(live.Best.Select(u => u.Id), published.Best.Select(u => u.Id));
        Assert.Equal(live.Worst.Select(u => u.Id), published.Worst.Select(u => u.Id));
        Assert.Empty(published.Best.Intersect(published.Worst));

        var csv = ReportsModule.RankingCsv(published, clock).Split('\n');
        Assert.Contains("5 ranked, 2 in each list", csv[0], StringComparison.Ordinal);
        Assert.Equal(2, csv.Count(l => l.Contains(",best,", StringComparison.Ordinal)));
        Assert.Equal(2, csv.Count(l => l.Contains(",worst,", StringComparison.Ordinal)));
        Assert.StartsWith("3,,", csv.Single(l => l.Contains($",{published.Middle.Single().Code},", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_lists_split_fewer_than_twenty_ranked_units_and_only_the_worst_list_is_flagged()
    {
        static RankingView View(int ranked, IReadOnlySet<int>? previousWorst = null)
        {
            var inputs = Enumerable.Range(1, ranked).Select(i => new RankingInput(i, $"U{i:00}", new UnitName($"{i}", $"{i}"), null, Reviews: 100, Good: 100 - i, Bad: i, Excluded: 0));
            var (rate, units) = Ranking.Rank(inputs, minimumReviews: 20, priorWeight: 20, previousWorst);
            return new RankingView(October, RankingScope.Windows, false, null, 20, 20, rate, units);
        }

        foreach (var (ranked, listed, middle) in new[] { (0, 0, 0), (1, 0, 1), (2, 1, 0), (5, 2, 1), (19, 9, 1), (20, 10, 0), (25, 10, 5) })
        {
            var view = View(ranked);
            Assert.Equal((ranked, listed, listed, middle), (ranked, view.Best.Count(), view.Worst.Count(), view.Middle.Count()));
            Assert.Empty(view.Best.Intersect(view.Worst));
            Assert.Equal(ranked < 20, view.ListsShortened);
        }
        // Every unit was in last month's worst list: only this month's worst two (of five) are flagged.
        Assert.Equal([4, 5], View(5, new HashSet<int> { 1, 2, 3, 4, 5 }).Units.Where(u => u.BottomTwoMonthsRunning).Select(u => u.Id).Order());
    }

    [Fact]
    public async Task A_published_rankings_time_is_written_in_county_time()
    {
        await FiveRankableWindowsAsync();
        await roller.RollAsync(default);
        await roller.PublishAsync(default);
        var published = await reports.RankingAsync(October, RankingScope.Windows);
        Assert.Equal(TestDatabase.MondayMorning, published.FrozenAt); // 02:00 UTC, 10:00 in the county

        var header = ReportsModule.RankingCsv(published, clock).Split('\n')[0];
        Assert.Contains("published 2026-11-23 10:00 +08:00", header, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", header, StringComparison.Ordinal);
    }
}
