using Microsoft.AspNetCore.Components;
using LiveBoard.Client.Reports;

namespace LiveBoard.ComponentTests;

/// <summary>The statistics and rankings pages on fixed figures, and the printed report, in both languages.</summary>
public abstract class ReportPageContext(string culture) : LiveBoardContext(culture)
{
    protected static readonly ReportPeriod November2026 = ReportPeriod.Containing(PeriodKind.Month, new DateOnly(2026, 11, 1));

    // 01:30 UTC on 1 December is 09:30 in the county.
    protected static readonly DateTimeOffset PublishedAt = new(2026, 12, 1, 1, 30, 0, TimeSpan.Zero);

    protected sealed class FixedReports : IReports
    {
        public StatsTable? Table { get; set; }
        public RankingView? Windows { get; set; }
        public RankingView? Townships { get; set; }
        public DateOnly Today => new(2026, 12, 2);
        public RankingView? CurrentWindowRanking => Windows;
        public Task<StatsTable> StatsAsync(ReportPeriod period, StatsUnit unit, int? hallId = null, CancellationToken cancellationToken = default) => Task.FromResult(Table!);
        public Task<IReadOnlyList<StatsPoint>> SeriesAsync(ReportPeriod period, int? hallId = null, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<StatsPoint>>([]);
        public Task<RankingView> RankingAsync(ReportPeriod period, RankingScope scope, CancellationToken cancellationToken = default) =>
            Task.FromResult(scope == RankingScope.Windows ? Windows! : Townships!);
    }

    protected FixedReports Reports { get; } = new();

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<IReports>(Reports);

    /// <summary>A published ranking of <paramref name="ranked"/> units coded U01… from best to worst.</summary>
    protected static RankingView Published(RankingScope scope, int ranked) =>
        new(November2026, scope, Frozen: true, PublishedAt, 20, 20, 0.95,
            [.. Enumerable.Range(1, ranked).Select(i => new RankedUnit(i, i, $"U{i:00}", new UnitName($"单位{i}", $"Unit {i}"), null, 100, 100 - i, i, 0, (100.0 - i) / 100, 1 - (i / 100.0), false))]);

    protected static string Ids(AngleSharp.Dom.IElement table) =>
        string.Join(' ', table.QuerySelectorAll("[data-testid^=ranked-]").Select(e => e.GetAttribute("data-testid")));

    protected void RankingPagesShowCountyTimeAndShortListsThatShareNoUnit(string published, string heading, string note)
    {
        SignIn(LiveBoard.Client.Account.UserRole.Leader);
        (Reports.Windows, Reports.Townships) = (Published(RankingScope.Windows, 5), Published(RankingScope.Townships, 24));
        var page = RenderWithProviders(b => { b.OpenComponent<RankingsPage>(0); b.CloseComponent(); });
        var print = Render<RankingPrint>();
        foreach (var (markup, find, count) in new (string, Func<string, AngleSharp.Dom.IElement>, Func<string, int>)[]
        {
            (page.Markup, page.Find, s => page.FindAll(s).Count),
            (print.Markup, print.Find, s => print.FindAll(s).Count),
        })
        {
            Assert.Contains(published, markup, StringComparison.Ordinal);
            Assert.DoesNotContain("01:30", markup, StringComparison.Ordinal);
            Assert.Contains(heading, markup, StringComparison.Ordinal);
            Assert.Contains(note, markup, StringComparison.Ordinal);

            // Five windows: the best two, the worst two, and the third in neither list.
            Assert.Equal("ranked-U01 ranked-U02", Ids(find("[data-testid=best-windows]")));
            Assert.Equal("ranked-U05 ranked-U04", Ids(find("[data-testid=worst-windows]")));
            Assert.Contains("3. ", find("[data-testid=middle-windows]").TextContent, StringComparison.Ordinal);

            // Twenty-four townships: two full lists of ten, no note.
            Assert.Equal(10, find("[data-testid=best-townships]").QuerySelectorAll("[data-testid^=ranked-]").Length);
            Assert.Equal(10, find("[data-testid=worst-townships]").QuerySelectorAll("[data-testid^=ranked-]").Length);
            Assert.Equal(0, count("[data-testid=short-lists-townships]"));
        }
    }
}

public sealed class ReportPageTests() : ReportPageContext("en")
{
    [Fact]
    public void The_rankings_page_and_its_print_show_county_time_and_short_lists_that_share_no_unit() =>
        RankingPagesShowCountyTimeAndShortListsThatShareNoUnit("Published 2026-12-01 09:30", "The 2 best windows", "Only 5 units have enough reviews to be ranked: the 2 best and the 2 worst are listed");

    [Fact]
    public void The_statistics_page_shows_the_rate_of_the_decided_ones_and_the_rule_for_the_staff_grouping()
    {
        SignIn(LiveBoard.Client.Account.UserRole.Leader);
        var rectification = new Rectification(OnTime: 20, Late: 0, InProgress: 7, ReturnCalls: 20);
        var hall = new UnitName("城关镇便民服务中心", "Chengguan Township Service Hall");
        StatsRow Row(int id, string code, UnitName name, Rectification r, StatsRowKind kind) => new(id, code, name, hall, 27, [27, 0, 0, 0, 0], 0, r, 0, null, kind);
        var table = new StatsTable(November2026, StatsUnit.Staff,
            [Row(1, "S001", new("张三", "Zhang San"), rectification, StatsRowKind.Unit), Row(0, "", new("未记录当班人员", "No staff member on record"), Rectification.None, StatsRowKind.NoStaff)],
            Row(0, "", new("合计", "Total"), rectification, StatsRowKind.Total));
        Reports.Table = table;

        Services.GetRequiredService<NavigationManager>().NavigateTo("reports?by=staff");
        var cut = RenderWithProviders(b => { b.OpenComponent<StatsPage>(0); b.CloseComponent(); });

        Assert.Equal("100.0 %", cut.Find("[data-testid=stats-on-time] .kpi-value").TextContent);
        Assert.Equal("20 of 20 on time · 7 in progress", cut.Find("[data-testid=stats-on-time] .kpi-note").TextContent);
        Assert.Contains("Reviews with no staff member on record at the window have a row of their own.", cut.Find("[data-testid=stats-rules]").TextContent, StringComparison.Ordinal);
        Assert.Equal("api/v1/reports/stats.csv?period=month&date=2026-12-01&by=staff", cut.Find("[data-testid=stats-csv]").GetAttribute("href"));
        Assert.Equal("Zhang San", cut.Find("[data-testid=stats-row-S001]").TextContent);
    }
}

public sealed class ChineseReportPageTests() : ReportPageContext("zh-CN")
{
    [Fact]
    public void The_rankings_page_and_its_print_speak_chinese() =>
        RankingPagesShowCountyTimeAndShortListsThatShareNoUnit("已发布 2026-12-01 09:30", "最佳 2 个窗口", "仅 5 个单位的评价数达到排名要求：列出最佳 2 个和最差 2 个");
}
