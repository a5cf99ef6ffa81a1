using System.Globalization;
using System.Text.Json.Serialization;

namespace LiveBoard.Client.Reports;

public enum PeriodKind
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// <summary>
/// A reporting period in county days: [Start, End). Weeks start on Monday. Every boundary is a
/// county midnight (the server turns days into instants with the county's time zone).
/// </summary>
public readonly record struct ReportPeriod(PeriodKind Kind, DateOnly Start)
{
    [JsonIgnore]
    public DateOnly End => Kind switch
    {
        PeriodKind.Day => Start.AddDays(1),
        PeriodKind.Week => Start.AddDays(7),
        PeriodKind.Month => Start.AddMonths(1),
        PeriodKind.Quarter => Start.AddMonths(3),
        _ => Start.AddYears(1),
    };

    public static ReportPeriod Containing(PeriodKind kind, DateOnly day) => kind switch
    {
        PeriodKind.Day => new(kind, day),
        PeriodKind.Week => new(kind, day.AddDays(-(((int)day.DayOfWeek + 6) % 7))),
        PeriodKind.Month => new(kind, new DateOnly(day.Year, day.Month, 1)),
        PeriodKind.Quarter => new(kind, new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1)),
        _ => new(kind, new DateOnly(day.Year, 1, 1)),
    };

    [JsonIgnore]
    public ReportPeriod Previous => Containing(Kind, Start.AddDays(-1));

    [JsonIgnore]
    public ReportPeriod Next => new(Kind, End);

    public bool Contains(DateOnly day) => day >= Start && day < End;

    /// <summary>How it is named in URLs and in the snapshot table: "month:2026-10-01".</summary>
    [JsonIgnore]
    public string Key => $"{Kind.ToString().ToLowerInvariant()}:{Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    [JsonIgnore]
    public string Label => Kind switch
    {
        PeriodKind.Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodKind.Week => $"{Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} – {End.AddDays(-1).ToString("MM-dd", CultureInfo.InvariantCulture)}",
        PeriodKind.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"{Start.Year} Q{((Start.Month - 1) / 3) + 1}",
        _ => Start.Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Reads ?period=month&amp;date=2026-10-05 (any day inside the period); falls back to the period containing <paramref name="today"/>.</summary>
    public static ReportPeriod Parse(string? kind, string? date, PeriodKind fallbackKind, DateOnly today)
    {
        var parsedKind = Enum.TryParse<PeriodKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : fallbackKind;
        var day = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : DateOnly.TryParseExact(date, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out d) ? d
            : today;
        return Containing(parsedKind, day);
    }
}

/// <summary>A unit's name in both languages (a published snapshot keeps the names as they were).</summary>
public sealed record UnitName(string Zh, string En)
{
    public override string ToString() => Localization.Cultures.Pick(Zh, En);

    /// <summary>A hall's name where space is short.</summary>
    public string Brief => Localization.Cultures.ShortHallName(Zh, En);
}

/// <summary>What statistics are grouped by.</summary>
public enum StatsUnit
{
    Window,
    Staff,
    Hall,
    Township,
    Department,
}

/// <summary>What a row of a statistics table stands for.</summary>
public enum StatsRowKind
{
    /// <summary>One unit of the grouping: a window, staff member, hall, township or department.</summary>
    Unit,

    /// <summary>
    /// In the township grouping, the county administrative service hall: not a township, but it
    /// has its own row so that the rows add up to the county (it is not ranked among townships).
    /// </summary>
    CountyCentre,

    /// <summary>In the staff grouping, the reviews and bad reviews with no staff member on record at the window.</summary>
    NoStaff,

    Total,
}

/// <summary>
/// What became of the bad reviews raised in a period (their alerts). Only a decided outcome
/// counts for or against a unit: resolved by the deadline is on time; resolved after it, or
/// still open past it, is late. A bad review still inside its deadline is in progress, in neither.
/// </summary>
public sealed record Rectification(int OnTime, int Late, int InProgress, int ReturnCalls)
{
    public static readonly Rectification None = new(0, 0, 0, 0);

    public int Alerts => OnTime + Late + InProgress;

    /// <summary>On time or late: the ones whose outcome is known.</summary>
    public int Decided => OnTime + Late;

    /// <summary>On time over decided; null while nothing is decided (a rate over open cases would count them as failures).</summary>
    public double? OnTimeRate => Decided == 0 ? null : (double)OnTime / Decided;

    public double? ReturnCallRate => Alerts == 0 ? null : (double)ReturnCalls / Alerts;

    public static Rectification operator +(Rectification a, Rectification b) =>
        new(a.OnTime + b.OnTime, a.Late + b.Late, a.InProgress + b.InProgress, a.ReturnCalls + b.ReturnCalls);
}

/// <summary>
/// One unit's figures for a period. Reviews removed by an upheld appeal are not in
/// <see cref="Reviews"/> or the levels; they are counted in <see cref="Excluded"/> only.
/// </summary>
public sealed record StatsRow(
    int Id,
    string Code,
    UnitName Name,
    UnitName? Parent,
    int Reviews,
    IReadOnlyList<int> Levels,
    int Excluded,
    Rectification Rectification,
    int Called,
    TimeSpan? AverageWait,
    StatsRowKind Kind = StatsRowKind.Unit)
{
    /// <summary>Count for a level, 1 (very dissatisfied) … 5 (very satisfied).</summary>
    public int Level(int level) => Levels[level - 1];

    /// <summary>Basically satisfied or better.</summary>
    public int Good => Levels[2] + Levels[3] + Levels[4];

    /// <summary>Dissatisfied or very dissatisfied.</summary>
    public int Bad => Levels[0] + Levels[1];

    public double? GoodRate => Reviews == 0 ? null : (double)Good / Reviews;
}

/// <summary>
/// A period's statistics. Whatever the grouping, the rows add up to <see cref="Total"/>: the
/// county centre has its row among the townships, reviews with no staff member on record theirs
/// among the staff, and every window belongs to one department.
/// </summary>
public sealed record StatsTable(ReportPeriod Period, StatsUnit Unit, IReadOnlyList<StatsRow> Rows, StatsRow Total);

/// <summary>The county's figures for one day (weeks, months) or one month (quarters, years) of a period.</summary>
public sealed record StatsPoint(DateOnly Start, string Label, int Reviews, int Bad, int Called, TimeSpan? AverageWait)
{
    /// <summary>Bad reviews per 100 reviews; null without reviews.</summary>
    public double? BadPerHundred => Reviews == 0 ? null : 100.0 * Bad / Reviews;
}

public enum RankingScope
{
    Windows,
    Townships,
}

/// <summary>
/// A unit in a ranking. <see cref="Score"/> is the smoothed good rate: (good + w·p) / (reviews + w),
/// with p the county's good rate in the period and w the prior weight, so few reviews pull a unit
/// towards the county average. Only units with at least the minimum sample get a <see cref="Rank"/>.
/// </summary>
public sealed record RankedUnit(
    int Rank,
    int Id,
    string Code,
    UnitName Name,
    UnitName? Parent,
    int Reviews,
    int Good,
    int Bad,
    int Excluded,
    double? GoodRate,
    double Score,
    bool BottomTwoMonthsRunning)
{
    [JsonIgnore]
    public bool Ranked => Rank > 0;

    /// <summary>Where space is short: a township's short name, or a window with its hall's.</summary>
    [JsonIgnore]
    public string Label => Parent is null ? Name.Brief : $"{Parent.Brief} {Name}";
}

/// <summary>
/// A ranking for a month or a year. <see cref="Frozen"/>: published at the period's end and never
/// recomputed (<see cref="FrozenAt"/>); otherwise provisional, from the figures so far.
/// </summary>
public sealed record RankingView(
    ReportPeriod Period,
    RankingScope Scope,
    bool Frozen,
    DateTimeOffset? FrozenAt,
    int MinimumReviews,
    int PriorWeight,
    double? CountyGoodRate,
    IReadOnlyList<RankedUnit> Units)
{
    public const int ListLength = 10;

    /// <summary>
    /// How many units each list holds: ten, or with fewer than twenty ranked units half of them
    /// (the middle one of an odd number in neither), so that no unit is ever among both the best
    /// and the worst. The one rule for the page, the print, the CSV, the wall and the flag.
    /// </summary>
    public static int ListSize(int rankedUnits) => Math.Min(ListLength, rankedUnits / 2);

    [JsonIgnore]
    public int RankedCount => Units.Count(u => u.Ranked);

    /// <summary>Fewer ranked units than two full lists: the lists are shorter than ten, and the page says so.</summary>
    [JsonIgnore]
    public bool ListsShortened => RankedCount < 2 * ListLength;

    [JsonIgnore]
    public IEnumerable<RankedUnit> Best => Units.Where(u => u.Ranked).Take(ListSize(RankedCount));

    [JsonIgnore]
    public IEnumerable<RankedUnit> Worst => Units.Where(u => u.Ranked).Reverse().Take(ListSize(RankedCount));

    /// <summary>Ranked, but in neither list.</summary>
    [JsonIgnore]
    public IEnumerable<RankedUnit> Middle => Units.Where(u => u.Ranked).Skip(ListSize(RankedCount)).SkipLast(ListSize(RankedCount));

    [JsonIgnore]
    public IEnumerable<RankedUnit> Unranked => Units.Where(u => !u.Ranked);
}

/// <summary>
/// Statistics and rankings. Who may use it: county leaders, the centre director and admins
/// (everything); hall managers (statistics of their own hall, through <c>hallId</c>).
/// </summary>
public interface IReports
{
    DateOnly Today { get; }

    /// <param name="period">The days.</param>
    /// <param name="unit">What the rows are.</param>
    /// <param name="hallId">A hall manager's hall: only its windows, staff and departments; null for the county.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    Task<StatsTable> StatsAsync(ReportPeriod period, StatsUnit unit, int? hallId = null, CancellationToken cancellationToken = default);

    /// <summary>The period day by day (a week, a month) or month by month (a quarter, a year); a day alone has one point.</summary>
    Task<IReadOnlyList<StatsPoint>> SeriesAsync(ReportPeriod period, int? hallId = null, CancellationToken cancellationToken = default);

    /// <summary>Months and years only (a quarter, week or day is taken as its month).</summary>
    Task<RankingView> RankingAsync(ReportPeriod period, RankingScope scope, CancellationToken cancellationToken = default);

    /// <summary>This month's provisional window ranking, refreshed at most once a minute: the wall's strip.</summary>
    RankingView? CurrentWindowRanking { get; }
}
