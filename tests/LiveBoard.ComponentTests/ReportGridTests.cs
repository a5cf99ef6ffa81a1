using LiveBoard.Client.Reports;
using Microsoft.AspNetCore.Components;

namespace LiveBoard.ComponentTests;

/// <summary>The statistics grid, the ranking lists and the period picker: what they show, sorting, filtering, paging, picking.</summary>
public sealed class ReportGridTests : LiveBoardContext
{
    private static readonly ReportPeriod November = ReportPeriod.Containing(PeriodKind.Month, new DateOnly(2026, 11, 1));
    private static readonly UnitName Chengguan = new("城关镇便民服务中心", "Chengguan Township Service Hall");

    private static StatsRow Row(int id, string code, string name, int reviews, int bad, Rectification? rectification = null, StatsRowKind kind = StatsRowKind.Unit) =>
        new(id, code, new(name, name), kind == StatsRowKind.Total ? null : Chengguan, reviews, [bad, 0, 0, 0, reviews - bad], 0, rectification ?? Rectification.None, reviews * 3, TimeSpan.FromMinutes(12.5), kind);

    private static StatsTable Staff(int members)
    {
        var rows = Enumerable.Range(1, members).Select(i => Row(i, $"S{i:000}", $"Staff {i:000}", 20 + i, i % 7)).ToList();
        return new StatsTable(November, StatsUnit.Staff, rows, Row(0, "", "Total", rows.Sum(r => r.Reviews), rows.Sum(r => r.Bad), kind: StatsRowKind.Total));
    }

    private IRenderedComponent<ContainerFragment> RenderGrid(StatsTable table) => RenderWithProviders(b =>
    {
        b.OpenComponent<StatsGrid>(0);
        b.AddComponentParameter(1, nameof(StatsGrid.Table), table);
        b.CloseComponent();
    });

    private static List<string> Codes(IRenderedComponent<ContainerFragment> cut) =>
        [.. cut.FindAll("tbody [data-testid^=stats-row-]").Select(e => e.GetAttribute("data-testid")!["stats-row-".Length..])];

    [Fact]
    public void The_statistics_count_open_bad_reviews_inside_their_deadline_as_in_progress_not_as_failing()
    {
        // The hall: 20 rectified on time, 7 open and none overdue.
        var rectification = new Rectification(OnTime: 20, Late: 0, InProgress: 7, ReturnCalls: 20);
        var table = new StatsTable(November, StatsUnit.Staff,
            [Row(1, "S001", "张三", 27, 27, rectification), Row(0, "", "未记录当班人员", 0, 0, kind: StatsRowKind.NoStaff)],
            Row(0, "", "Total", 27, 27, rectification, StatsRowKind.Total));

        var cut = RenderGrid(table);

        var row = cut.Find("[data-testid=stats-row-S001]").Closest("tr")!;
        Assert.Equal("20/20", row.QuerySelector("[data-testid=stats-on-time-cell]")!.TextContent);
        Assert.Equal("7", row.QuerySelector("[data-testid=stats-in-progress-cell]")!.TextContent);
        Assert.DoesNotContain("20/27", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(["S001", "nostaff"], Codes(cut));
        // A staff member's name is data: no translator may touch it.
        Assert.Equal("no", cut.Find("[data-testid=stats-row-S001]").GetAttribute("translate"));
        // The total is the footer, not a row: sorting never moves it.
        Assert.NotNull(cut.Find("tfoot [data-testid=stats-row-total]"));
        Assert.Equal("27", cut.Find("tfoot [data-testid=stats-total-reviews]").TextContent);
    }

    [Fact]
    public void Three_hundred_and_twenty_two_staff_members_come_fifty_to_a_page_with_the_total_under_each()
    {
        var cut = RenderGrid(Staff(322));

        Assert.Equal(StatsGrid.PageSize, Codes(cut).Count);
        Assert.Equal("322 rows", cut.Find("[data-testid=stats-count]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=stats-pager]"));
        Assert.Equal(Staff(322).Total.Reviews.ToString("N0", System.Globalization.CultureInfo.CurrentCulture), cut.Find("tfoot [data-testid=stats-total-reviews]").TextContent);

        cut.Find("[data-testid=stats-pager] button[aria-label='Next page']").Click();
        Assert.Equal("S051", Codes(cut)[0]);
    }

    [Fact]
    public void Sorting_by_reviews_puts_the_busiest_first_and_the_filter_finds_by_name_or_code()
    {
        var cut = RenderGrid(Staff(30));
        var header = cut.FindAll("th").First(th => th.TextContent.Contains("Reviews", StringComparison.Ordinal));

        header.QuerySelector(".sortable-column-header")!.Click();
        Assert.Equal("S001", Codes(cut)[0]);
        cut.FindAll("th").First(th => th.TextContent.Contains("Reviews", StringComparison.Ordinal)).QuerySelector(".sortable-column-header")!.Click();
        Assert.Equal("S030", Codes(cut)[0]);

        cut.InvokeAsync(() => cut.Find("input[data-testid=stats-filter]").Input("S017"));
        cut.WaitForAssertion(() => Assert.Equal(["S017"], Codes(cut)));
        cut.InvokeAsync(() => cut.Find("input[data-testid=stats-filter]").Input("nobody"));
        cut.WaitForAssertion(() => Assert.Equal("No row matches the filter.", cut.Find("[data-testid=no-stats-rows]").TextContent.Trim()));
    }

    [Fact]
    public void A_short_table_has_no_pager()
    {
        Assert.Empty(RenderGrid(Staff(21)).FindAll("[data-testid=stats-pager]"));
    }

    [Fact]
    public void A_ranking_list_on_the_screen_sorts_by_a_figure_and_flags_the_bottom_two_months_running()
    {
        var ranking = KitTests.Windows(ranked: 6);
        var units = ranking.Worst.Select((u, i) => i == 0 ? u with { BottomTwoMonthsRunning = true } : u).ToList();
        var cut = RenderWithProviders(b =>
        {
            b.OpenComponent<RankingTable>(0);
            b.AddComponentParameter(1, nameof(RankingTable.Units), units);
            b.AddComponentParameter(2, nameof(RankingTable.Scope), RankingScope.Windows);
            b.AddComponentParameter(3, nameof(RankingTable.TestId), "worst-windows");
            b.CloseComponent();
        });

        List<string> Ranked() => [.. cut.FindAll("[data-testid=worst-windows] tbody [data-testid^=ranked-]").Select(e => e.GetAttribute("data-testid")!)];
        Assert.Equal(["ranked-T01-06", "ranked-T01-05", "ranked-T01-04"], Ranked());
        Assert.Equal("Bottom two months running", cut.Find("[data-testid=flag-T01-06]").TextContent.Trim());
        Assert.Contains("flagged", cut.Find("[data-testid=ranked-T01-06]").Closest("tr")!.ClassList);

        cut.FindAll("th").First(th => th.TextContent.Contains("Reviews", StringComparison.Ordinal)).QuerySelector(".sortable-column-header")!.Click();
        cut.FindAll("th").First(th => th.TextContent.Contains("Bad reviews", StringComparison.Ordinal)).QuerySelector(".sortable-column-header")!.Click();
        Assert.Equal(["ranked-T01-04", "ranked-T01-05", "ranked-T01-06"], Ranked());
    }

    [Fact]
    public void The_printed_list_is_a_plain_table_with_the_same_columns()
    {
        var ranking = KitTests.Windows(ranked: 4);

        var cut = Render<RankingTable>(p => p.Add(t => t.Units, ranking.Best).Add(t => t.Scope, RankingScope.Windows).Add(t => t.TestId, "best-windows").Add(t => t.Print, true));

        Assert.Equal("table", cut.Find("[data-testid=best-windows]").TagName.ToLowerInvariant());
        Assert.Empty(cut.FindAll(".mud-table"));
        Assert.Equal(["Rank", "Window", "Score", "Good rate", "Reviews", "Bad reviews"], cut.FindAll("th").Select(th => th.TextContent));
        Assert.Equal(["ranked-T01-01", "ranked-T01-02"], cut.FindAll("tbody tr").Select(tr => tr.GetAttribute("data-testid")!));
    }

    private IRenderedComponent<ContainerFragment> RenderPicker(ReportPeriod period, List<ReportPeriod> picked, DateOnly today) => RenderWithProviders(b =>
    {
        b.OpenComponent<PeriodPicker>(0);
        b.AddComponentParameter(1, nameof(PeriodPicker.Period), period);
        b.AddComponentParameter(2, nameof(PeriodPicker.Kinds), (IReadOnlyList<PeriodKind>)Enum.GetValues<PeriodKind>());
        b.AddComponentParameter(3, nameof(PeriodPicker.Today), today);
        b.AddComponentParameter(4, nameof(PeriodPicker.Link), (Func<ReportPeriod, string>)(p => $"reports?period={p.Kind.ToString().ToLowerInvariant()}&date={p.Start:yyyy-MM-dd}"));
        b.AddComponentParameter(5, nameof(PeriodPicker.PeriodChanged), EventCallback.Factory.Create<ReportPeriod>(this, picked.Add));
        b.CloseComponent();
    });

    [Fact]
    public void The_period_picker_links_the_previous_period_and_offers_no_next_one_before_it_began()
    {
        var picked = new List<ReportPeriod>();
        var cut = RenderPicker(ReportPeriod.Containing(PeriodKind.Month, new DateOnly(2026, 12, 1)), picked, today: new DateOnly(2026, 12, 2));

        Assert.Equal("reports?period=month&date=2026-11-01", cut.Find("[data-testid=period-previous]").GetAttribute("href"));
        var next = cut.Find("[data-testid=period-next]");
        Assert.True(next.HasAttribute("disabled"));
        Assert.Null(next.GetAttribute("href"));
        Assert.Equal("2026-12", cut.Find(".period-day input").GetAttribute("value"));
    }

    [Fact]
    public void Choosing_another_kind_of_period_keeps_the_day_it_contains()
    {
        var picked = new List<ReportPeriod>();
        var cut = RenderPicker(ReportPeriod.Containing(PeriodKind.Week, new DateOnly(2026, 11, 18)), picked, today: new DateOnly(2026, 12, 2));
        Assert.Equal("2026-11-16", cut.Find(".period-day input").GetAttribute("value")); // a week starts on Monday

        cut.Find(".period-kind .mud-select-input").MouseDown();
        cut.WaitForAssertion(() => cut.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == "Quarter").Click());

        Assert.Equal([new ReportPeriod(PeriodKind.Quarter, new DateOnly(2026, 10, 1))], picked);
        Assert.Equal("reports?period=week&date=2026-11-23", cut.Find("[data-testid=period-next]").GetAttribute("href"));
    }
}
