using LiveBoard.Client.Kit;
using Microsoft.Extensions.Localization;

namespace LiveBoard.Client.Trends;

/// <summary>The trend charts' series and labels, shared by the overview and the hall board.</summary>
public static class TrendCharts
{
    public static List<string> HourLabels(TrendView trend) => [.. trend.Hours.Select(h => h.ToString("00"))];

    public static List<string> DayLabels(TrendView trend) => [.. trend.Days.Select(d => d.Day.ToString("M/d"))];

    public static List<LineChart.ChartSeries> ArrivalSeries(TrendView trend, IStringLocalizer text) =>
    [
        new(text["Today"], trend.Today, "today"),
        new(text["Last 7 days"], trend.Last7Days, "week"),
        new(text["Last 30 days"], trend.Last30Days, "month"),
    ];

    public static List<LineChart.ChartSeries> ServedSeries(TrendView trend, IStringLocalizer text) =>
        [new(text["Served"], [.. trend.Days.Select(d => (double?)d.Served)], "today")];
}
