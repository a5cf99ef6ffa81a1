using LiveBoard.Client.Kit;
using LiveBoard.Client.Live;
using LiveBoard.Client.Model;
using LiveBoard.Client.Reports;
using MudBlazor;

namespace LiveBoard.ComponentTests;

/// <summary>
/// The wall's and the boards' own parts, each in its states: a hall tile, a staff card, the review
/// ticker, the ranking strip, the bars. (They replace the HtmlRenderer harness of the unit tests.)
/// </summary>
public sealed class KitTests : LiveBoardContext
{
    private static readonly DateTimeOffset Now = StillFeed.TenOClock;

    /// <summary>The shapes an icon draws: its paths' outlines, however the markup is written.</summary>
    internal static List<string> Paths(string icon) => [.. System.Text.RegularExpressions.Regex.Matches(icon, "<path[^>]* d=\"([^\"]+)\"").Select(m => m.Groups[1].Value)];

    internal static List<string> Paths(AngleSharp.Dom.IElement svg) => [.. svg.QuerySelectorAll("path").Select(p => p.GetAttribute("d")!)];

    private static HallLiveView Hall(int inHall = 10, int capacity = 100, bool open = true, TimeSpan? lastEventAgo = null, TimeSpan? oldestWait = null, string nameEn = "Liulin Township Service Hall") =>
        StillFeed.Hall(7, "T07", "柳林镇便民服务中心", nameEn, inHall: inHall, capacity: capacity, open: open, lastEventAgo: lastEventAgo ?? TimeSpan.FromSeconds(20))
            with { OldestWaitingSince = oldestWait is { } w ? Now - w : null, Waiting = 3 };

    public static TheoryData<string, HallCondition, string, string> Conditions => new()
    {
        { "normal", HallCondition.Normal, Icons.Material.Filled.CheckCircle, "Normal" },
        { "busy", HallCondition.Busy, Icons.Material.Filled.Warning, "Busy" },
        { "over", HallCondition.OverCapacity, Icons.Material.Filled.Error, "Over capacity" },
        { "stale", HallCondition.Stale, Icons.Material.Filled.HelpOutline, "No data" },
        { "closed", HallCondition.Closed, Icons.Material.Filled.Bedtime, "Closed" },
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public void A_hall_tile_shows_its_state_as_a_shape_and_a_word_never_by_colour_alone(string state, HallCondition condition, string icon, string word)
    {
        var hall = state switch
        {
            "busy" => Hall(inHall: 85),
            "over" => Hall(inHall: 130),
            "stale" => Hall(lastEventAgo: TimeSpan.FromMinutes(11)),
            "closed" => Hall(open: false, lastEventAgo: TimeSpan.FromHours(3)),
            _ => Hall(),
        };

        var tile = Render<HallTile>(p => p.Add(t => t.Hall, hall).Add(t => t.Now, Now).Add(t => t.StaleAfter, TimeSpan.FromMinutes(10))).Find("article");

        Assert.Equal(condition.ToString(), tile.GetAttribute("data-condition"));
        Assert.Contains($"tile-{state}", tile.ClassList);
        Assert.Equal(word, tile.QuerySelector(".tile-state")!.TextContent);
        // The shape is MudBlazor's Material icon for the state, drawn as an SVG path (no font can lack it).
        Assert.Equal(Paths(icon), Paths(tile.QuerySelector("svg.tile-icon")!));
    }

    [Fact]
    public void A_tile_gives_the_whole_line_to_the_halls_name_and_measures_waits_on_the_county_clock()
    {
        var cut = Render<HallTile>(p => p.Add(t => t.Hall, Hall(inHall: 25, capacity: 62, oldestWait: TimeSpan.FromMinutes(49), nameEn: "Chengguan Township Service Hall"))
            .Add(t => t.Now, Now));

        Assert.Equal("Chengguan", cut.Find(".tile-name").TextContent);
        Assert.Equal("25 / 62", cut.Find(".tile-figure").TextContent);
        Assert.Equal("width:40.3%", cut.Find(".tile-fill").GetAttribute("style"));
        Assert.Equal(["3 waiting", "49 min"], cut.FindAll(".tile-facts > span").Select(s => s.TextContent));
        Assert.Equal("updated 20 s ago", cut.Find(".tile-age").TextContent);
    }

    [Fact]
    public void A_tile_renders_again_only_when_its_picture_or_its_age_changed()
    {
        var hall = Hall();
        var cut = Render<HallTile>(p => p.Add(t => t.Hall, hall).Add(t => t.Now, Now));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(t => t.Hall, hall).Add(t => t.Now, Now)); // the wall's next second, nothing new
        Assert.Equal(renders, cut.RenderCount);

        cut.Render(p => p.Add(t => t.Hall, hall).Add(t => t.Now, Now.AddSeconds(5)));
        Assert.Equal("updated 25 s ago", cut.Find(".tile-age").TextContent);
        Assert.True(cut.RenderCount > renders);
    }

    [Fact]
    public void The_county_centre_has_its_short_name_and_a_heavier_frame()
    {
        var county = StillFeed.Hall(1, "CTY", "清溪县政务服务中心", "Qingxi County Administrative Service Centre");

        var tile = Render<HallTile>(p => p.Add(t => t.Hall, county).Add(t => t.Now, Now)).Find("article");

        Assert.Equal("County centre", tile.QuerySelector(".tile-name")!.TextContent);
        Assert.Contains("tile-county", tile.ClassList);
    }

    [Fact]
    public void A_staff_card_flags_an_overdue_return_and_counts_down_otherwise()
    {
        var late = new StaffPresenceView(1, "李伟", "窗口受理员", "0739-8123456", Whereabouts.Meeting, Now.AddHours(-1), Now.AddMinutes(-7), "局务会", ApprovalState.NotRequired);

        var overdue = Render<StaffCard>(p => p.Add(c => c.Staff, late).Add(c => c.Now, Now)).Find(".staff-card");
        var counting = Render<StaffCard>(p => p.Add(c => c.Staff, late with { ExpectedBackAt = Now.AddMinutes(25) }).Add(c => c.Now, Now)).Find(".staff-card");

        Assert.Equal("true", overdue.GetAttribute("data-overdue"));
        Assert.Contains("overdue", overdue.ClassList);
        Assert.Equal("Overdue by 7 min", overdue.QuerySelector("[data-testid=staff-back] .badge")!.TextContent.Trim());
        Assert.Equal(Paths(Icons.Material.Filled.AlarmOn), Paths(overdue.QuerySelector("[data-testid=staff-back] svg")!));
        Assert.Equal("false", counting.GetAttribute("data-overdue"));
        Assert.Equal("Back at 10:25 · in 25 min", counting.QuerySelector("[data-testid=staff-back]")!.TextContent.Trim()); // county time
        Assert.Equal("0739-8123456", counting.QuerySelector(".staff-phone [translate=no]")!.TextContent);
        Assert.Equal(Paths(Icons.Material.Filled.Groups), Paths(counting.QuerySelector(".staff-where svg.wa-icon")!));
    }

    [Fact]
    public void The_hall_manager_decides_a_pending_leave_on_its_card()
    {
        var leave = new StaffPresenceView(2, "王芳", "窗口受理员", "0739-8000000", Whereabouts.Leave, Now, Now.AddDays(2), null, ApprovalState.Pending);
        var decisions = new List<bool>();

        var cut = RenderWithProviders(b =>
        {
            b.OpenComponent<StaffCard>(0);
            b.AddComponentParameter(1, nameof(StaffCard.Staff), leave);
            b.AddComponentParameter(2, nameof(StaffCard.Now), Now);
            b.AddComponentParameter(3, nameof(StaffCard.OnDecide), Microsoft.AspNetCore.Components.EventCallback.Factory.Create<bool>(this, decisions.Add));
            b.AddComponentParameter(4, nameof(StaffCard.CanSet), true);
            b.CloseComponent();
        });

        Assert.Equal("Awaiting approval", cut.Find("[data-testid=pending-2]").TextContent.Trim());
        cut.Find("[data-testid=reject-2]").Click();
        cut.Find("[data-testid=approve-2]").Click();
        Assert.Equal([false, true], decisions);
        Assert.Equal("me?staff=2", cut.Find("[data-testid=set-2]").GetAttribute("href"));
    }

    [Fact]
    public void Without_the_decision_a_pending_leave_offers_no_buttons()
    {
        var leave = new StaffPresenceView(2, "王芳", "窗口受理员", "0739-8000000", Whereabouts.Leave, Now, Now.AddDays(2), null, ApprovalState.Pending);

        var cut = Render<StaffCard>(p => p.Add(c => c.Staff, leave).Add(c => c.Now, Now));

        Assert.Empty(cut.FindAll("[data-testid^=approve-], [data-testid^=reject-], [data-testid^=set-]"));
    }

    [Fact]
    public void The_review_ticker_shows_where_and_how_but_nothing_about_the_citizen()
    {
        ReviewTickerItem[] reviews =
        [
            new(9, Now, "T07", "柳林镇便民服务中心", "Liulin Township Service Hall", 2, ReviewLevel.VeryDissatisfied, ReviewTags.Impatient | ReviewTags.MadeMeComeBack),
            new(8, Now.AddMinutes(-3), "CTY", "清溪县政务服务中心", "Qingxi County Administrative Service Centre", 12, ReviewLevel.VerySatisfied, ReviewTags.None),
        ];

        var rows = Render<ReviewTicker>(p => p.Add(t => t.Reviews, reviews)).FindAll(".ticker-row");

        Assert.Equal(["bad", "good"], rows.Select(r => r.ClassList.Single(c => c is "bad" or "good" or "fair")));
        Assert.Equal("10:00", rows[0].QuerySelector(".ticker-time")!.TextContent); // county time
        Assert.Equal("Liulin · Window 2", rows[0].QuerySelector(".ticker-where")!.TextContent);
        Assert.Equal("County centre · Window 12", rows[1].QuerySelector(".ticker-where")!.TextContent);
        Assert.Equal("Made me come back · Impatient", rows[0].QuerySelector(".ticker-tags")!.TextContent);
        Assert.Equal(Paths(Icons.Material.Filled.SentimentVeryDissatisfied), Paths(rows[0].QuerySelector("svg.ticker-icon")!));
        // The view record has no name, phone or comment field at all: the markup cannot leak one.
        Assert.DoesNotContain(typeof(ReviewTickerItem).GetProperties(), p => p.Name.Contains("Phone", StringComparison.Ordinal)
            || p.Name.Contains("Comment", StringComparison.Ordinal) || (p.Name.Contains("Name", StringComparison.Ordinal) && !p.Name.StartsWith("Hall", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_empty_ticker_says_so()
    {
        Assert.Equal("No reviews yet today", Render<ReviewTicker>(p => p.Add(t => t.Reviews, [])).Find(".muted").TextContent);
    }

    /// <summary>A ranking of windows W01… from best to worst; the first <paramref name="unranked"/> have too few reviews.</summary>
    internal static RankingView Windows(int ranked, int unranked = 0)
    {
        var hall = new UnitName("城关镇便民服务中心", "Chengguan Township Service Hall");
        var units = Enumerable.Range(1, ranked).Select(i => new RankedUnit(i, i, $"T01-{i:00}", new($"{i}号窗口", $"Window {i}"), hall, 90, 90 - i, i, 0, (90.0 - i) / 90, 0.99 - (i / 100.0), false))
            .Concat(Enumerable.Range(ranked + 1, unranked).Select(i => new RankedUnit(0, i, $"T01-{i:00}", new($"{i}号窗口", $"Window {i}"), hall, 2, 2, 0, 0, 1, 0.95, false)));
        return new RankingView(ReportPeriod.Containing(PeriodKind.Month, new DateOnly(2026, 12, 1)), RankingScope.Windows, false, null, 20, 20, 0.93, [.. units]);
    }

    [Fact]
    public void The_wall_strip_shows_the_months_ranking_and_never_a_window_with_too_few_reviews()
    {
        var ranking = Windows(ranked: 3, unranked: 1);

        var best = Render<WindowRanking>(p => p.Add(r => r.Ranking, ranking).Add(r => r.Best, true)).FindAll("li");
        var worst = Render<WindowRanking>(p => p.Add(r => r.Ranking, ranking).Add(r => r.Best, false)).FindAll("li");

        // Three ranked windows: one in each list (the middle one in neither), the unranked fourth nowhere.
        Assert.Equal(["Chengguan · Window 1"], best.Select(l => l.QuerySelector(".rank-where")!.TextContent));
        Assert.Equal(["Chengguan · Window 3"], worst.Select(l => l.QuerySelector(".rank-where")!.TextContent));
        Assert.Equal("Score 98.0", best[0].QuerySelector(".rank-rate")!.TextContent);
        Assert.Equal("90 reviews", best[0].QuerySelector(".rank-volume")!.TextContent);
    }

    [Fact]
    public void Equal_values_are_drawn_as_equal_bars_on_one_track_whatever_their_labels_say()
    {
        BarList.BarItem[] items = [new("Meixi", 7, "7 · a long sentence of figures"), new("Dongba", 7, "7"), new("Xihe", 3.5, "3.5")];

        var cut = Render<BarList>(p => p.Add(b => b.Items, items));

        Assert.Equal(["width:100%", "width:100%", "width:50%"], cut.FindAll(".bar-fill").Select(f => f.GetAttribute("style")));
        // One grid for every row: the tracks share a column, so the same width is the same length.
        Assert.Equal(3, cut.FindAll(".bar-list > .bar-row > .bar-track").Count);
    }

    [Fact]
    public void A_stated_scale_and_a_reference_line_are_drawn_where_they_belong()
    {
        BarList.BarItem[] items = [new("1. Meixi", 98, "98.0"), new("2. Dongba", 94, "94.0")];

        var cut = Render<BarList>(p => p.Add(b => b.Items, items).Add(b => b.Min, 90).Add(b => b.Max, 100).Add(b => b.Marker, 95).Add(b => b.MarkerLabel, "The county: 95.0 %"));

        Assert.Equal(["width:80%", "width:40%"], cut.FindAll(".bar-fill").Select(f => f.GetAttribute("style")));
        Assert.All(cut.FindAll(".bar-marker"), m => Assert.Equal("left:50%", m.GetAttribute("style")));
        Assert.Equal("The county: 95.0 %", cut.Find(".bar-marker").GetAttribute("title"));
    }

    [Theory]
    [InlineData(590, 200, 600)]
    [InlineData(197, 50, 200)]
    [InlineData(6.6, 2, 8)]
    [InlineData(14.6, 5, 15)]
    [InlineData(1166, 500, 1500)]
    [InlineData(0, 1, 4)]
    public void A_chart_axis_steps_by_one_two_or_five_and_tops_out_just_above_the_data(double largest, double step, double max)
    {
        Assert.Equal(new ChartScale(step, max), ChartScale.For(largest));
    }

    [Fact]
    public void A_trend_chart_tells_mudchart_its_nice_scale_and_thins_the_day_labels()
    {
        var cut = RenderWithProviders(b =>
        {
            b.OpenComponent<TrendChart>(0);
            b.AddComponentParameter(1, nameof(TrendChart.Series), new List<ChartSeries<double>> { LiveBoard.Client.Trends.TrendCharts.Line("Served", [.. Enumerable.Range(0, 30).Select(i => (double?)(300 + (i * 10)))]) });
            b.AddComponentParameter(2, nameof(TrendChart.Labels), Enumerable.Range(1, 30).Select(d => $"11/{d}").ToList());
            b.AddComponentParameter(3, nameof(TrendChart.LabelEvery), 5);
            b.AddComponentParameter(4, nameof(TrendChart.Title), "Served per day");
            b.CloseComponent();
        });

        var chart = cut.FindComponent<TrendChart>().Instance;
        Assert.Equal(new ChartScale(200, 600), chart.Scale);
        Assert.Equal("Served per day", cut.Find(".trend-chart").GetAttribute("aria-label"));
        var axis = cut.FindAll("svg text").Select(t => t.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        Assert.Contains("600", axis);
        Assert.DoesNotContain("590", axis);
        Assert.Contains("11/1", axis);
        Assert.Contains("11/6", axis);
        Assert.DoesNotContain("11/2", axis);
    }
}

/// <summary>The same parts in Chinese: the words, and names that fit.</summary>
public sealed class ChineseKitTests() : LiveBoardContext("zh-CN")
{
    [Fact]
    public void A_tile_says_how_old_its_data_is_and_its_state_in_chinese()
    {
        var hall = StillFeed.Hall(7, "T07", "柳林镇便民服务中心", "Liulin Township Service Hall", lastEventAgo: TimeSpan.FromMinutes(12));

        var cut = Render<HallTile>(p => p.Add(t => t.Hall, hall).Add(t => t.Now, StillFeed.TenOClock));

        Assert.Equal("柳林镇", cut.Find(".tile-name").TextContent);
        Assert.Equal("12 分钟前更新", cut.Find(".tile-age").TextContent);
        Assert.Equal("无数据", cut.Find(".tile-state").TextContent);
    }

    [Fact]
    public void Leave_waiting_for_approval_says_so()
    {
        var leave = new StaffPresenceView(2, "王芳", "窗口受理员", "0739-8000000", Whereabouts.Leave, StillFeed.TenOClock, StillFeed.TenOClock.AddDays(2), null, ApprovalState.Pending);

        var card = Render<StaffCard>(p => p.Add(c => c.Staff, leave).Add(c => c.Now, StillFeed.TenOClock)).Find(".staff-card");

        Assert.Equal("请假", card.QuerySelector(".staff-where strong")!.TextContent);
        Assert.Equal("待审批", card.QuerySelector("[data-testid=pending-2]")!.TextContent.Trim());
    }

    [Fact]
    public void The_ticker_speaks_chinese_and_names_the_township()
    {
        ReviewTickerItem[] reviews = [new(9, StillFeed.TenOClock, "T07", "柳林镇便民服务中心", "Liulin Township Service Hall", 2, ReviewLevel.VeryDissatisfied, ReviewTags.Impatient | ReviewTags.MadeMeComeBack)];

        var row = Render<ReviewTicker>(p => p.Add(t => t.Reviews, reviews)).Find(".ticker-row");

        Assert.Equal("柳林镇 · 2号窗口", row.QuerySelector(".ticker-where")!.TextContent);
        Assert.Equal("非常不满意", row.QuerySelector(".ticker-level")!.TextContent);
        Assert.Equal("多次跑腿 · 态度不耐烦", row.QuerySelector(".ticker-tags")!.TextContent);
    }
}
