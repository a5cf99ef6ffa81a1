using System.Globalization;
using System.Text;
using LiveBoard.Client.Account;
using LiveBoard.Client.Reports;
using LiveBoard.Server.Common;

namespace LiveBoard.Server.Features.Reports;

/// <summary>
/// Statistics and rankings. Who may use them: county leaders, the centre director and admins
/// (policy County): /rankings, /rankings/print, the ranking CSV; the same and hall managers, for
/// their own hall only (policy Statistics): /reports and the statistics CSV.
/// </summary>
public static class ReportsModule
{
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RankingOptions>(configuration.GetSection("LiveBoard:Rankings"));
        services.AddSingleton<ReportBook>();
        services.AddSingleton<IReports>(sp => sp.GetRequiredService<ReportBook>());
        services.AddSingleton<StatsRoller>();
        services.AddHostedService(sp => sp.GetRequiredService<StatsRoller>());
        return services;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/reports").WithTags("Reports");
        // ?period=day|week|month|quarter|year&date=yyyy-MM-dd&by=window|staff|hall|township|department
        // A hall manager gets their own hall's rows only.
        api.MapGet("/stats.csv", async (string? period, string? date, string? by, HttpContext http, IReports reports, CancellationToken cancellationToken) =>
        {
            var p = ReportPeriod.Parse(period, date, PeriodKind.Month, reports.Today);
            var unit = Enum.TryParse<StatsUnit>(by, ignoreCase: true, out var u) ? u : StatsUnit.Window;
            var table = await reports.StatsAsync(p, unit, HallScope.HallOf(http.User), cancellationToken);
            return Csv($"liveboard-stats-{unit.ToString().ToLowerInvariant()}-{p.Label.Replace(' ', '_')}.csv", StatsCsv(table));
        }).RequireAuthorization(Policies.Statistics);
        // ?period=month|year&date=yyyy-MM&scope=windows|townships
        api.MapGet("/ranking.csv", async (string? period, string? date, string? scope, IReports reports, CountyClock clock, CancellationToken cancellationToken) =>
        {
            var p = ReportPeriod.Parse(period, date, PeriodKind.Month, reports.Today);
            var s = Enum.TryParse<RankingScope>(scope, ignoreCase: true, out var parsed) ? parsed : RankingScope.Windows;
            var ranking = await reports.RankingAsync(p, s, cancellationToken);
            return Csv($"liveboard-ranking-{s.ToString().ToLowerInvariant()}-{ranking.Period.Label}.csv", RankingCsv(ranking, clock));
        }).RequireAuthorization(Policies.County);
        return endpoints;
    }

    private static IResult Csv(string fileName, string content) => CsvFile.Result(fileName, content);

    public static string StatsCsv(StatsTable table)
    {
        var csv = new StringBuilder();
        // on_time_rate = rectified_on_time / (rectified_on_time + rectified_late): bad reviews in progress count in neither.
        csv.AppendLine("period,unit,code,name,name_en,parent,reviews,very_satisfied,satisfied,basically_satisfied,dissatisfied,very_dissatisfied,good_rate,bad,excluded_by_appeal,bad_review_alerts,rectified_on_time,rectified_late,rectification_in_progress,on_time_rate,return_calls,return_call_rate,called,average_wait_minutes,row_kind");
        foreach (var row in table.Rows.Append(table.Total))
        {
            csv.AppendJoin(',', Field(table.Period.Label), table.Unit.ToString().ToLowerInvariant(), Field(row.Code), Field(row.Name.Zh), Field(row.Name.En), Field(row.Parent?.Zh),
                row.Reviews, row.Level(5), row.Level(4), row.Level(3), row.Level(2), row.Level(1), Rate(row.GoodRate), row.Bad, row.Excluded,
                row.Rectification.Alerts, row.Rectification.OnTime, row.Rectification.Late, row.Rectification.InProgress, Rate(row.Rectification.OnTimeRate),
                row.Rectification.ReturnCalls, Rate(row.Rectification.ReturnCallRate),
                row.Called, row.AverageWait is { } wait ? wait.TotalMinutes.ToString("0.0", CultureInfo.InvariantCulture) : "", RowKind(row.Kind));
            csv.AppendLine();
        }
        return csv.ToString();
    }

    // "unit", "county_centre", "no_staff", "total": which rows are the grouping's units and which are there so the rows add up.
    private static string RowKind(StatsRowKind kind) => kind switch
    {
        StatsRowKind.CountyCentre => "county_centre",
        StatsRowKind.NoStaff => "no_staff",
        StatsRowKind.Total => "total",
        _ => "unit",
    };

    /// <summary>Every unit with its rank and list (best, worst, or none); the publication time in the county's time zone, with its offset.</summary>
    public static string RankingCsv(RankingView ranking, CountyClock clock)
    {
        var best = ranking.Best.Select(u => u.Id).ToHashSet();
        var worst = ranking.Worst.Select(u => u.Id).ToHashSet();
        var published = ranking.FrozenAt is { } at ? clock.ToCounty(at).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) : "";
        var csv = new StringBuilder();
        csv.AppendLine(CultureInfo.InvariantCulture, $"# {ranking.Scope} ranking {ranking.Period.Label}; {(ranking.Frozen ? $"published {published}" : "provisional")}; minimum {ranking.MinimumReviews} reviews; prior weight {ranking.PriorWeight}; county good rate {Rate(ranking.CountyGoodRate)}; {ranking.RankedCount} ranked, {RankingView.ListSize(ranking.RankedCount)} in each list");
        csv.AppendLine("rank,list,code,name,name_en,parent,reviews,good,bad,excluded_by_appeal,good_rate,smoothed_score,bottom_two_months_running");
        foreach (var unit in ranking.Units)
        {
            csv.AppendJoin(',', unit.Ranked ? unit.Rank.ToString(CultureInfo.InvariantCulture) : "", best.Contains(unit.Id) ? "best" : worst.Contains(unit.Id) ? "worst" : "", Field(unit.Code), Field(unit.Name.Zh), Field(unit.Name.En), Field(unit.Parent?.Zh),
                unit.Reviews, unit.Good, unit.Bad, unit.Excluded, Rate(unit.GoodRate), unit.Score.ToString("0.0000", CultureInfo.InvariantCulture), unit.BottomTwoMonthsRunning ? "yes" : "");
            csv.AppendLine();
        }
        return csv.ToString();
    }

    private static string Rate(double? rate) => rate is { } r ? r.ToString("0.0000", CultureInfo.InvariantCulture) : "";

    private static string Field(string? value) => CsvFile.Field(value);
}
