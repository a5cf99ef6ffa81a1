using LiveBoard.Client.Reports;
using LiveBoard.Server.Features.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.UnitTests;

/// <summary>The statistics and ranking pages rendered on fixed figures, in both languages.</summary>
public sealed partial class ComponentTests
{
    private static readonly ReportPeriod November2026 = ReportPeriod.Containing(PeriodKind.Month, new DateOnly(2026, 11, 1));

    // 01:30 UTC on 1 December is 09:30 in the county.
    private static readonly DateTimeOffset PublishedAt = new(2026, 12, 1, 1, 30, 0, TimeSpan.Zero);

    private sealed class FixedReports(StatsTable? table = null, RankingView? windows = null, RankingView? townships = null) : IReports
    {
        public DateOnly Today => new(2026, 12, 2);

        public RankingView? CurrentWindowRanking => windows;

        public Task<StatsTable> StatsAsync(ReportPeriod period, StatsUnit unit, int? hallId = null, CancellationToken cancellationToken = default) => Task.FromResult(table!);

        public Task<IReadOnlyList<StatsPoint>> SeriesAsync(ReportPeriod period, int? hallId = null, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<StatsPoint>>([]);

        public Task<RankingView> RankingAsync(ReportPeriod period, RankingScope scope, CancellationToken cancellationToken = default) =>
            Task.FromResult(scope == RankingScope.Windows ? windows! : townships!);
    }

    /// <summary>A published ranking of <paramref name="ranked"/> units coded U01… from best to worst.</summary>
    private static RankingView Published(RankingScope scope, int ranked)
    {
        var inputs = Enumerable.Range(1, ranked).Select(i => new RankingInput(i, $"U{i:00}", new UnitName($"单位{i}", $"Unit {i}"), null, Reviews: 100, Good: 100 - i, Bad: i, Excluded: 0));
        var (rate, units) = Ranking.Rank(inputs, minimumReviews: 20, priorWeight: 20, previousWorst: null);
        return new RankingView(November2026, scope, Frozen: true, PublishedAt, 20, 20, rate, units);
    }

    /// <summary>The markup of the element whose data-testid is <paramref name="testId"/>, up to the end of its table.</summary>
    private static string Table(string html, string testId)
    {
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, testId);
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    public static TheoryData<string, string, string, string> RankingCultures => new()
    {
        { "en", "Published 2026-12-01 09:30", "The 2 best windows", "Only 5 units have enough reviews to be ranked: the 2 best and the 2 worst are listed" },
        { "zh-CN", "已发布 2026-12-01 09:30", "最佳 2 个窗口", "仅 5 个单位的评价数达到排名要求：列出最佳 2 个和最差 2 个" },
    };

    [Theory]
    [MemberData(nameof(RankingCultures))]
    public async Task The_rankings_page_and_its_print_show_county_time_and_short_lists_that_share_no_unit(string culture, string published, string heading, string note)
    {
        var reports = new FixedReports(windows: Published(RankingScope.Windows, 5), townships: Published(RankingScope.Townships, 24));
        foreach (var html in new[]
        {
            await RenderAsync<RankingsPage>([], culture, s => s.AddSingleton<IReports>(reports)),
            await RenderAsync<RankingPrint>([], culture, s => s.AddSingleton<IReports>(reports)),
        })
        {
            Assert.Contains(published, html, StringComparison.Ordinal);
            Assert.DoesNotContain("01:30", html, StringComparison.Ordinal);
            Assert.DoesNotContain("UTC", html, StringComparison.Ordinal);
            Assert.Contains(heading, html, StringComparison.Ordinal);
            Assert.Contains(note, html, StringComparison.Ordinal);

            // Five windows: the best two, the worst two, and the third in neither list.
            var best = Table(html, "best-windows");
            var worst = Table(html, "worst-windows");
            Assert.Equal([true, true, false, false, false], Enumerable.Range(1, 5).Select(i => best.Contains($"ranked-U{i:00}", StringComparison.Ordinal)));
            Assert.Equal([false, false, false, true, true], Enumerable.Range(1, 5).Select(i => worst.Contains($"ranked-U{i:00}", StringComparison.Ordinal)));
            Assert.Contains("3. ", html[html.IndexOf("data-testid=\"middle-windows\"", StringComparison.Ordinal)..], StringComparison.Ordinal);

            // Twenty-four townships: two full lists of ten, no note.
            Assert.Equal(10, Table(html, "best-townships").Split("ranked-U").Length - 1);
            Assert.Equal(10, Table(html, "worst-townships").Split("ranked-U").Length - 1);
            Assert.DoesNotContain("short-lists-townships", html, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string, string> StatsCultures => new()
    {
        { "en", "20 of 20 on time · 7 in progress", "Reviews with no staff member on record at the window have a row of their own." },
        { "zh-CN", "按时 20 / 20 件 · 整改中 7 件", "评价时窗口未记录当班人员的评价单列一行。" },
    };

    [Theory]
    [MemberData(nameof(StatsCultures))]
    public async Task The_statistics_page_counts_open_bad_reviews_inside_their_deadline_as_in_progress_not_as_failing(string culture, string note, string staffRule)
    {
        // The hall: 20 rectified on time, 7 open and none overdue.
        var rectification = new Rectification(OnTime: 20, Late: 0, InProgress: 7, ReturnCalls: 20);
        var hall = new UnitName("城关镇便民服务中心", "Chengguan Township Service Hall");
        StatsRow Row(int id, string code, UnitName name, Rectification r, StatsRowKind kind) => new(id, code, name, hall, 27, [27, 0, 0, 0, 0], 0, r, 0, null, kind);
        var table = new StatsTable(November2026, StatsUnit.Staff,
            [Row(1, "S001", new("张三", "Zhang San"), rectification, StatsRowKind.Unit), Row(0, "", new("未记录当班人员", "No staff member on record"), Rectification.None, StatsRowKind.NoStaff)],
            Row(0, "", new("合计", "Total"), rectification, StatsRowKind.Total));

        var html = await RenderAsync<StatsPage>([], culture, s => s.AddSingleton<IReports>(new FixedReports(table)));

        Assert.Contains("100.0 %", html[html.IndexOf("data-testid=\"stats-on-time\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains(note, html, StringComparison.Ordinal);
        Assert.Contains(staffRule, html, StringComparison.Ordinal);
        var row = html[html.IndexOf("data-testid=\"stats-row-S001\"", StringComparison.Ordinal)..html.IndexOf("data-testid=\"stats-row-nostaff\"", StringComparison.Ordinal)];
        Assert.Contains(">20/20<", row, StringComparison.Ordinal);
        Assert.Contains(">7<", row, StringComparison.Ordinal);
        Assert.DoesNotContain("20/27", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"stats-row-total\"", html, StringComparison.Ordinal);
    }
}
