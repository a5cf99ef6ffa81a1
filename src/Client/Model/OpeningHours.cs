namespace LiveBoard.Client.Model;

/// <summary>
/// A hall's hours on one weekday, in the county's time zone: open from <see cref="Opens"/> to
/// <see cref="Closes"/>, closed over the lunch break when it has one. A weekday without its
/// <see cref="DayHours"/> is a day the hall is closed.
/// </summary>
public sealed record DayHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes, TimeOnly? LunchStarts = null, TimeOnly? LunchEnds = null)
{
    public bool HasLunchBreak => LunchStarts is not null && LunchEnds is not null;

    public bool IsOpenAt(TimeOnly time) =>
        time >= Opens && time < Closes && !(LunchStarts is { } lunch && LunchEnds is { } back && time >= lunch && time < back);
}

/// <summary>A hall's week: the days it opens, each with its own hours.</summary>
public sealed record WeekHours(IReadOnlyList<DayHours> Days)
{
    public static readonly WeekHours Closed = new([]);

    /// <summary>Monday first, as the county's timetables list them.</summary>
    public static readonly IReadOnlyList<DayOfWeek> WorkWeekOrder =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public DayHours? On(DayOfWeek day) => Days.FirstOrDefault(d => d.Day == day);

    /// <summary>Whether the hall is open at a county-local date and time.</summary>
    public bool IsOpenAt(DateTime countyLocal) => On(countyLocal.DayOfWeek)?.IsOpenAt(TimeOnly.FromDateTime(countyLocal)) == true;
}
