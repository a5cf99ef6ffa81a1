using MudBlazor;
using Microsoft.Extensions.Localization;

namespace LiveBoard.Client.Trends;

/// <summary>The trend charts' series and labels, shared by the overview and the hall board.</summary>
public static class TrendCharts
{
    public static List<string> HourLabels(TrendView trend) => [.. trend.Hours.Select(h => h.ToString("00"))];

    public static List<string> DayLabels(TrendView trend) => [.. trend.Days.Select(d => d.Day.ToString("M/d"))];

    /// <summary>Today against the average day of the last 7 and 30 days; an hour still to come is a gap, not a zero.</summary>
    public static List<ChartSeries<double>> ArrivalSeries(TrendView trend, IStringLocalizer text) =>
    [
        Line(text["Today"], trend.Today),
        Line(text["Last 7 days"], trend.Last7Days),
        Line(text["Last 30 days"], trend.Last30Days),
    ];

    public static List<ChartSeries<double>> ServedSeries(TrendView trend, IStringLocalizer text) =>
        [Line(text["Served"], [.. trend.Days.Select(d => (double?)d.Served)])];

    public static ChartSeries<double> Line(string name, IReadOnlyList<double?> values) => new() { Name = name, Data = new ChartData<double>(values) };
}
