using LiveBoard.Client.Reports;
using LiveBoard.Server.Features.Reports;
using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests;

/// <summary>
/// The reports on the real app and its 30 days of demo history, read as a leader reads them: the
/// CSV exports and the ranking page over HTTP.
/// </summary>
public sealed class ReportsTests : IDisposable
{
    private static readonly TimeZoneInfo County = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly LiveBoardApp app = new(countyTime: new TimeOnly(10, 0));

    public void Dispose()
    {
        app.Dispose();
        app.DeleteData();
    }

    private static List<string[]> Rows(string csv) =>
        [.. csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).Skip(1).Select(l => Fields(l.TrimEnd('\r')))];

    // RFC 4180 fields: "Water, electricity and gas" is one, quoted.
    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                field.Append(line[++i]);
            else if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }

    [Fact]
    public async Task Every_grouping_has_the_same_total_and_its_rows_add_up_to_it_county_centre_included()
    {
        var leader = await SignInClient.ForAsync(app.BaseAddress, "leader");
        var period = ReportPeriod.Containing(PeriodKind.Month, app.Services.GetRequiredService<IReports>().Today).Previous;
        var totals = new Dictionary<string, (int Reviews, int Bad, int Alerts)>();
        foreach (var by in new[] { "window", "staff", "hall", "township", "department" })
        {
            var csv = await leader.GetStringAsync($"api/v1/reports/stats.csv?period=month&date={period.Start:yyyy-MM-dd}&by={by}");
            var header = csv.TrimStart('\uFEFF').Split('\n')[0].TrimEnd('\r').Split(',');
            int Column(string name) => Array.IndexOf(header, name);
            var rows = Rows(csv);
            Assert.All(rows, r => Assert.Equal(header.Length, r.Length));
            // One row per unit: no unit code twice (departments once came out a row per window).
            Assert.Equal(rows.Count, rows.Select(r => $"{r[Column("row_kind")]}:{r[Column("code")]}").Distinct().Count());
            var total = rows.Single(r => r[Column("row_kind")] == "total");
            var parts = rows.Where(r => r[Column("row_kind")] != "total").ToList();
            foreach (var column in new[] { "reviews", "bad", "bad_review_alerts", "rectified_on_time", "rectified_late", "rectification_in_progress" })
                Assert.Equal((by, column, int.Parse(total[Column(column)], System.Globalization.CultureInfo.InvariantCulture)), (by, column, parts.Sum(r => int.Parse(r[Column(column)], System.Globalization.CultureInfo.InvariantCulture))));
            totals[by] = (int.Parse(total[Column("reviews")], System.Globalization.CultureInfo.InvariantCulture), int.Parse(total[Column("bad")], System.Globalization.CultureInfo.InvariantCulture), int.Parse(total[Column("bad_review_alerts")], System.Globalization.CultureInfo.InvariantCulture));
            if (by == "township")
                Assert.Equal("CTY", Assert.Single(rows, r => r[Column("row_kind")] == "county_centre")[Column("code")]);
            if (by == "staff")
                Assert.Single(rows, r => r[Column("row_kind")] == "no_staff");
        }
        Assert.True(totals["hall"].Reviews > 0);
        Assert.Single(totals.Values.Distinct());
    }

    [Fact]
    public async Task Last_months_published_ranking_says_its_time_in_county_time_and_no_unit_is_best_and_worst()
    {
        var roller = app.Services.GetRequiredService<StatsRoller>();
        await roller.RollAsync(default);
        await roller.PublishAsync(default);
        var reports = app.Services.GetRequiredService<IReports>();
        var lastMonth = ReportPeriod.Containing(PeriodKind.Month, reports.Today).Previous;
        var published = await reports.RankingAsync(lastMonth, RankingScope.Windows);
        Assert.True(published.Frozen);
        var countyTime = TimeZoneInfo.ConvertTime(published.FrozenAt!.Value, County);
        var leader = await SignInClient.ForAsync(app.BaseAddress, "leader");

        foreach (var scope in new[] { "windows", "townships" })
        {
            var csv = await leader.GetStringAsync($"api/v1/reports/ranking.csv?period=month&date={lastMonth.Start:yyyy-MM}&scope={scope}");
            var header = csv.TrimStart('\uFEFF').Split('\n')[0];
            Assert.Contains($"published {countyTime:yyyy-MM-dd HH:mm} +08:00", header, StringComparison.Ordinal);
            Assert.DoesNotContain("UTC", header, StringComparison.Ordinal);
            var rows = Rows(csv);
            var best = rows.Where(r => r[1] == "best").Select(r => r[2]).ToList();
            var worst = rows.Where(r => r[1] == "worst").Select(r => r[2]).ToList();
            Assert.Empty(best.Intersect(worst));
            Assert.Equal(best.Count, worst.Count);
            Assert.Equal(Math.Min(10, rows.Count(r => r[0].Length > 0) / 2), best.Count);
            if (scope == "townships")
                Assert.DoesNotContain("CTY", rows.Select(r => r[2]));
        }
        foreach (var page in new[] { "rankings", "rankings/print" })
        {
            var html = System.Net.WebUtility.HtmlDecode(await leader.GetStringAsync($"{page}?period=month&date={lastMonth.Start:yyyy-MM}&culture=en"));
            Assert.Contains($"Published {countyTime:yyyy-MM-dd HH:mm}", html, StringComparison.Ordinal);
            Assert.DoesNotContain("UTC", html, StringComparison.Ordinal);
        }
    }
}
