using System.Text.RegularExpressions;
using System.Xml.Linq;
using LiveBoard.Client.Alerts;
using LiveBoard.Client.Kit;
using LiveBoard.Client.Model;
using LiveBoard.Client.Presence;

namespace LiveBoard.ComponentTests;

/// <summary>Every text in both languages, and alerts worded from their facts in the reader's language.</summary>
public sealed partial class TextsTests
{
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
            .Concat(Enum.GetValues<Whereabouts>().Select(w => WhereaboutsText.Label(w)).Append(WhereaboutsText.Label(null)))
            .Concat(Enum.GetValues<AlertKind>().Select(AlertText.Kind))
            .Concat(Enum.GetValues<AlertStatus>().Select(AlertText.Status))
            .Concat(Enum.GetValues<AppealState>().Select(AlertText.Appeal))
            .Concat(Enum.GetValues<AlertRefusal>().Select(AlertText.Refusal))
            .Concat(Enum.GetNames<AlertCommand>().Concat(["Raised", "Cleared", "Escalated"]).Select(AlertText.Action))
            .Concat(Enum.GetValues<EventRefusal>().Select(WhereaboutsText.Refusal))
            .Concat(Enum.GetValues<LiveBoard.Client.Reports.PeriodKind>().Select(LiveBoard.Client.Reports.StatsPage.KindText))
            .Concat(Enum.GetValues<LiveBoard.Client.Reports.StatsUnit>().Select(LiveBoard.Client.Reports.StatsPage.UnitText))
            .Concat(["Ten best windows", "Ten best townships", "Ten worst windows", "Ten worst townships", "Windows", "Townships", "Window", "Township", "Containing the day", "Year", "Month"])
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

    [GeneratedRegex("T\\[\"([^\"]+)\"")]
    private static partial Regex LocalizedKey();
}

/// <summary>An alert's summary in English.</summary>
public sealed class AlertSummaryTests : LiveBoardContext
{
    internal static AlertView Alert(AlertKind kind, AlertFacts facts) =>
        new(1, 7, "柳林镇便民服务中心", "Liulin Township Service Hall", kind, AlertStatus.Open, facts, StillFeed.TenOClock, null, null, null, AppealState.None, 0);

    [Theory]
    [InlineData(AlertKind.BadReview, "Window 2 · Very dissatisfied · Impatient")]
    [InlineData(AlertKind.NegativeRate, "2 bad reviews of 4 in 15 min")]
    [InlineData(AlertKind.OverCapacity, "2 in the hall, capacity 4")]
    [InlineData(AlertKind.LongWait, "Longest wait 15 min")]
    [InlineData(AlertKind.UnstaffedWindow, "Window 3 · 2 waiting")]
    public void Every_alert_kind_words_its_figures(AlertKind kind, string expected)
    {
        var facts = kind == AlertKind.BadReview
            ? new AlertFacts(WindowNumber: 2, Level: ReviewLevel.VeryDissatisfied, Tags: ReviewTags.Impatient)
            : new AlertFacts(WindowNumber: 3, Count: 2, OutOf: 4, Minutes: 15);

        Render<AlertSummary>(p => p.Add(s => s.Alert, Alert(kind, facts))).MarkupMatches($"<span>{expected}</span>");
    }

    [Fact]
    public void An_alert_raised_before_facts_were_kept_shows_what_it_has()
    {
        Render<AlertSummary>(p => p.Add(s => s.Alert, Alert(AlertKind.LongWait, new()))).MarkupMatches("<span></span>");
    }
}

/// <summary>An alert's summary in Chinese; a name stays data.</summary>
public sealed class ChineseAlertSummaryTests() : LiveBoardContext("zh-CN")
{
    [Theory]
    [InlineData(AlertKind.BadReview, "<span>2号窗口 · 非常不满意 · 态度不耐烦</span>")]
    [InlineData(AlertKind.NegativeRate, "<span>15 分钟内差评 2 条 / 共 4 条</span>")]
    [InlineData(AlertKind.SilentHall, "<span>超过 15 分钟无数据</span>")]
    [InlineData(AlertKind.OverdueReturn, "<span><span translate=\"no\">李伟</span> · 3号窗口 · 已逾期 15 分钟</span>")]
    public void Every_alert_kind_words_its_figures_in_chinese(AlertKind kind, string expected)
    {
        var facts = kind == AlertKind.BadReview
            ? new AlertFacts(WindowNumber: 2, Level: ReviewLevel.VeryDissatisfied, Tags: ReviewTags.Impatient)
            : new AlertFacts(WindowNumber: 3, StaffName: kind == AlertKind.OverdueReturn ? "李伟" : null, Count: 2, OutOf: 4, Minutes: 15);

        Render<AlertSummary>(p => p.Add(s => s.Alert, AlertSummaryTests.Alert(kind, facts))).MarkupMatches(expected);
    }
}
