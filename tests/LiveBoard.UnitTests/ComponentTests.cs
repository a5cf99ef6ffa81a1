using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LiveBoard.Client.Kit;
using LiveBoard.Client.Live;
using LiveBoard.Client.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveBoard.UnitTests;

/// <summary>The UI kit's components rendered with Blazor's own HtmlRenderer, in both languages.</summary>
public sealed partial class ComponentTests
{
    private static readonly DateTimeOffset Now = TestDatabase.MondayMorning;

    private sealed class StillFeed : ILiveFeed
    {
        public DateTimeOffset Now => ComponentTests.Now;
        public DateTimeOffset ToCounty(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(8));
        public CountyLiveView County() => throw new NotSupportedException();
        public HallLiveView? Hall(int hallId) => null;
        public IDisposable Subscribe(int? hallId, Action changed) => throw new NotSupportedException();
    }

    private static async Task<string> RenderAsync<T>(Dictionary<string, object?> parameters, string culture = "en", Action<IServiceCollection>? services = null) where T : IComponent
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var collection = new ServiceCollection().AddLogging().AddLocalization().AddSingleton<ILiveFeed, StillFeed>();
            services?.Invoke(collection);
            await using var provider = collection.BuildServiceProvider();
            await using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);
            var html = await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters))).ToHtmlString());
            return System.Net.WebUtility.HtmlDecode(html);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    private static HallLiveView Hall(int inHall = 10, int capacity = 100, bool open = true, TimeSpan? lastEventAgo = null, TimeSpan? oldestWait = null) => new(
        7, "T07", "柳林镇便民服务中心", "Liulin Township Service Hall", HallKind.Township, capacity, open, Now.AddHours(-2), Now.AddHours(7), inHall, 3, 2,
        oldestWait is { } w ? Now - w : null, null, null, 12, 1, 3, 3, 4, 5, 0, 1.0,
        lastEventAgo is { } ago ? Now - ago : null, new WhereaboutsSummary(6, 1, 0, 0, 1, 0, 0), [], [], []);

    public static TheoryData<string, string, string, string> Conditions => new()
    {
        { "normal", "Normal", "●", "Normal" },
        { "busy", "Busy", "▲", "Busy" },
        { "over", "OverCapacity", "◆", "Over capacity" },
        { "stale", "Stale", "◌", "No data" },
        { "closed", "Closed", "☾", "Closed" },
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public async Task A_hall_tile_shows_its_state_as_a_shape_and_a_word(string state, string condition, string icon, string word)
    {
        var hall = state switch
        {
            "busy" => Hall(inHall: 85),
            "over" => Hall(inHall: 130),
            "stale" => Hall(lastEventAgo: TimeSpan.FromMinutes(11)),
            "closed" => Hall(open: false, lastEventAgo: TimeSpan.FromHours(3)),
            _ => Hall(lastEventAgo: TimeSpan.FromSeconds(20)),
        };
        if (state is "busy" or "over")
            hall = hall with { LastEventAt = Now.AddSeconds(-5) };

        var html = await RenderAsync<HallTile>(new() { ["Hall"] = hall, ["Now"] = Now, ["StaleAfter"] = TimeSpan.FromMinutes(10) });

        Assert.Contains($"data-condition=\"{condition}\"", html, StringComparison.Ordinal);
        Assert.Contains($"tile-{state}", html, StringComparison.Ordinal);
        Assert.Contains(icon, html, StringComparison.Ordinal);
        Assert.Contains(word, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tile_says_how_old_its_data_is_in_chinese_too()
    {
        var english = await RenderAsync<HallTile>(new() { ["Hall"] = Hall(lastEventAgo: TimeSpan.FromMinutes(12)), ["Now"] = Now });
        var chinese = await RenderAsync<HallTile>(new() { ["Hall"] = Hall(lastEventAgo: TimeSpan.FromMinutes(12)), ["Now"] = Now }, "zh-CN");

        Assert.Contains("updated 12 min ago", english, StringComparison.Ordinal);
        Assert.Contains("12 分钟前更新", chinese, StringComparison.Ordinal);
        Assert.Contains("柳林镇", chinese, StringComparison.Ordinal);
        Assert.Contains("无数据", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_card_flags_an_overdue_return_and_counts_down_otherwise()
    {
        var late = new StaffPresenceView(1, "李伟", "窗口受理员", "0739-8123456", Whereabouts.Meeting, Now.AddHours(-1), Now.AddMinutes(-7), "局务会", ApprovalState.NotRequired);
        var onTime = late with { ExpectedBackAt = Now.AddMinutes(25) };

        var overdue = await RenderAsync<StaffCard>(new() { ["Staff"] = late, ["Now"] = Now });
        var counting = await RenderAsync<StaffCard>(new() { ["Staff"] = onTime, ["Now"] = Now });

        Assert.Contains("data-overdue=\"true\"", overdue, StringComparison.Ordinal);
        Assert.Contains("Overdue by 7 min", overdue, StringComparison.Ordinal);
        Assert.Contains("data-overdue=\"false\"", counting, StringComparison.Ordinal);
        Assert.Contains("Back at 10:25", counting, StringComparison.Ordinal); // county time (UTC+8)
        Assert.Contains("in 25 min", counting, StringComparison.Ordinal);
        Assert.Contains("0739-8123456", counting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leave_waiting_for_approval_says_so()
    {
        var leave = new StaffPresenceView(2, "王芳", "窗口受理员", "0739-8000000", Whereabouts.Leave, Now, Now.AddDays(2), null, ApprovalState.Pending);

        var html = await RenderAsync<StaffCard>(new() { ["Staff"] = leave, ["Now"] = Now }, "zh-CN");

        Assert.Contains("请假", html, StringComparison.Ordinal);
        Assert.Contains("待审批", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_review_ticker_shows_where_and_how_but_nothing_about_the_citizen()
    {
        ReviewTickerItem[] reviews =
        [
            new(9, Now, "T07", "柳林镇便民服务中心", "Liulin", 2, ReviewLevel.VeryDissatisfied, ReviewTags.Impatient | ReviewTags.MadeMeComeBack),
            new(8, Now.AddMinutes(-3), "CTY", "清溪县政务服务中心", "County", 12, ReviewLevel.VerySatisfied, ReviewTags.None),
        ];

        var html = await RenderAsync<ReviewTicker>(new() { ["Reviews"] = reviews }, "zh-CN");

        Assert.Contains("2号窗口", html, StringComparison.Ordinal);
        Assert.Contains("非常不满意", html, StringComparison.Ordinal);
        Assert.Contains("多次跑腿 · 态度不耐烦", html, StringComparison.Ordinal);
        Assert.Contains("✖✖", html, StringComparison.Ordinal);
        // The view record has no name, phone or comment field at all; the markup cannot leak one.
        Assert.DoesNotContain(typeof(ReviewTickerItem).GetProperties(), p => p.Name.Contains("Phone", StringComparison.Ordinal) || p.Name.Contains("Comment", StringComparison.Ordinal) || p.Name.Contains("Name", StringComparison.Ordinal) && !p.Name.StartsWith("Hall", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_wall_strip_shows_the_months_ranking_and_never_a_window_with_too_few_reviews()
    {
        var hall = new LiveBoard.Client.Reports.UnitName("城关镇便民服务中心", "Chengguan");
        var (rate, units) = LiveBoard.Server.Features.Reports.Ranking.Rank(
        [
            new(1, "T01-01", new("1号窗口", "Window 1"), hall, Reviews: 2, Good: 2, Bad: 0, Excluded: 0),
            new(2, "T01-02", new("2号窗口", "Window 2"), hall, Reviews: 90, Good: 88, Bad: 2, Excluded: 0),
            new(3, "T01-03", new("3号窗口", "Window 3"), hall, Reviews: 60, Good: 30, Bad: 30, Excluded: 0),
        ], minimumReviews: 20, priorWeight: 20, previousWorst: null);
        var ranking = new LiveBoard.Client.Reports.RankingView(LiveBoard.Client.Reports.ReportPeriod.Containing(LiveBoard.Client.Reports.PeriodKind.Month, new DateOnly(2026, 11, 1)),
            LiveBoard.Client.Reports.RankingScope.Windows, false, null, 20, 20, rate, units);

        var best = await RenderAsync<WindowRanking>(new() { ["Ranking"] = ranking, ["Best"] = true });
        var worst = await RenderAsync<WindowRanking>(new() { ["Ranking"] = ranking, ["Best"] = false });

        Assert.DoesNotContain("Window 1", best + worst, StringComparison.Ordinal);
        // Two ranked windows: one in each list, never the same one in both.
        Assert.Contains("Window 2", best, StringComparison.Ordinal);
        Assert.DoesNotContain("Window 3", best, StringComparison.Ordinal);
        Assert.Contains("Window 3", worst, StringComparison.Ordinal);
        Assert.DoesNotContain("Window 2", worst, StringComparison.Ordinal);
        Assert.Contains("90 reviews", best, StringComparison.Ordinal);
        Assert.Contains("Chengguan", best, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_text_the_screens_show_has_a_chinese_translation()
    {
        var client = Path.Combine(SolutionFolder(), "src", "Client");
        var chinese = XDocument.Load(Path.Combine(client, "Localization", "Text.zh-CN.resx")).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        var used = Directory.EnumerateFiles(client, "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => LocalizedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Concat(Enum.GetValues<ReviewLevel>().Select(ReviewText.Level))
            .Concat(Enum.GetValues<ReviewTags>().Where(t => t != ReviewTags.None).Select(ReviewText.Tag))
            .Concat(Enum.GetValues<HallCondition>().Select(c => c.Label()))
            .Concat(Enum.GetValues<Whereabouts>().Select(w => StaffCard.Label(w)).Append(StaffCard.Label(null)))
            .Concat(Enum.GetValues<AlertKind>().Select(LiveBoard.Client.Alerts.AlertText.Kind))
            .Concat(Enum.GetValues<AlertStatus>().Select(LiveBoard.Client.Alerts.AlertText.Status))
            .Concat(Enum.GetValues<AppealState>().Select(LiveBoard.Client.Alerts.AlertText.Appeal))
            .Concat(Enum.GetValues<LiveBoard.Client.Alerts.AlertRefusal>().Select(LiveBoard.Client.Alerts.AlertText.Refusal))
            .Concat(Enum.GetNames<LiveBoard.Client.Alerts.AlertCommand>().Concat(["Raised", "Cleared", "Escalated"]).Select(LiveBoard.Client.Alerts.AlertText.Action))
            .Concat(Enum.GetValues<EventRefusal>().Select(LiveBoard.Client.Presence.WhereaboutsText.Refusal))
            .Concat(Enum.GetValues<LiveBoard.Client.Reports.PeriodKind>().Select(LiveBoard.Client.Reports.StatsPage.KindText))
            .Concat(Enum.GetValues<LiveBoard.Client.Reports.StatsUnit>().Select(LiveBoard.Client.Reports.StatsPage.UnitText))
            .Concat(["Ten best windows", "Ten best townships", "Ten worst windows", "Ten worst townships", "Windows", "Townships", "Window", "Township"])
            .Concat(Enum.GetValues<LiveBoard.Client.Account.UserRole>().Select(LiveBoard.Client.Admin.AdminText.Role))
            .Concat(Enum.GetValues<LiveBoard.Client.Admin.UserRefusal>().Select(LiveBoard.Client.Admin.AdminText.User))
            .Concat(Enum.GetValues<LiveBoard.Client.Admin.DeviceRefusal>().Select(LiveBoard.Client.Admin.AdminText.Device))
            .Concat(Enum.GetValues<LiveBoard.Client.Admin.DeviceKind>().Select(LiveBoard.Client.Admin.AdminText.Kind))
            .Concat(Enum.GetValues<LiveBoard.Client.Admin.ImportRefusal>().Select(LiveBoard.Client.Admin.AdminText.Import))
            .Concat(Enum.GetValues<LiveBoard.Client.Admin.RosterRefusal>().Select(LiveBoard.Client.Admin.AdminText.Roster))
            .Concat(Enum.GetValues<LiveBoard.Client.Admin.ReviewCodeRefusal>().Select(LiveBoard.Client.Admin.AdminText.ReviewCode))
            .Concat(LiveBoard.Client.Admin.ThresholdRules.Ranges.Select(r => LiveBoard.Client.Admin.AdminText.Threshold(r.Field)))
            .ToHashSet();

        Assert.Empty(used.Where(key => !chinese.Contains(key)).Order());
    }

    private static string SolutionFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LiveBoard.sln")))
                return folder.FullName;
        }
        throw new DirectoryNotFoundException("LiveBoard.sln");
    }

    private static LiveBoard.Client.Alerts.AlertView Alert(AlertKind kind, LiveBoard.Client.Alerts.AlertFacts facts) =>
        new(1, 7, "柳林镇便民服务中心", "Liulin Township Service Hall", kind, AlertStatus.Open, facts, Now, null, null, null, AppealState.None, 0);

    [Theory]
    [InlineData("en", "Window 2 · Very dissatisfied · Impatient")]
    [InlineData("zh-CN", "2号窗口 · 非常不满意 · 态度不耐烦")]
    public async Task A_bad_review_alert_is_worded_from_its_facts_in_the_readers_language(string culture, string expected)
    {
        var alert = Alert(AlertKind.BadReview, new(WindowNumber: 2, Level: ReviewLevel.VeryDissatisfied, Tags: ReviewTags.Impatient));

        Assert.Equal($"<span>{expected}</span>", await RenderAsync<LiveBoard.Client.Alerts.AlertSummary>(new() { ["Alert"] = alert }, culture));
    }

    [Theory]
    [InlineData("en", AlertKind.NegativeRate, "2 bad reviews of 4 in 15 min")]
    [InlineData("zh-CN", AlertKind.NegativeRate, "15 分钟内差评 2 条 / 共 4 条")]
    [InlineData("en", AlertKind.OverCapacity, "2 in the hall, capacity 4")]
    [InlineData("en", AlertKind.LongWait, "Longest wait 15 min")]
    [InlineData("zh-CN", AlertKind.SilentHall, "超过 15 分钟无数据")]
    [InlineData("en", AlertKind.UnstaffedWindow, "Window 3 · 2 waiting")]
    [InlineData("zh-CN", AlertKind.OverdueReturn, "<span translate=\"no\">李伟</span> · 3号窗口 · 已逾期 15 分钟")]
    public async Task Every_alert_kind_words_its_figures_and_a_name_stays_data(string culture, AlertKind kind, string expected)
    {
        var alert = Alert(kind, new(WindowNumber: 3, StaffName: kind == AlertKind.OverdueReturn ? "李伟" : null, Count: 2, OutOf: 4, Minutes: 15));
        var html = await RenderAsync<LiveBoard.Client.Alerts.AlertSummary>(new() { ["Alert"] = alert }, culture);

        Assert.Equal($"<span>{expected}</span>", html);
    }

    [Fact]
    public async Task An_alert_raised_before_facts_were_kept_shows_what_it_has()
    {
        var html = await RenderAsync<LiveBoard.Client.Alerts.AlertSummary>(new() { ["Alert"] = Alert(AlertKind.LongWait, new()) });

        Assert.Equal("<span></span>", html);
    }

    [GeneratedRegex("T\\[\"([^\"]+)\"")]
    private static partial Regex LocalizedKey();
}
