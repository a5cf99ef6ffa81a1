namespace LiveBoard.Client.Alerts;

/// <summary>
/// Which years the working-day calendar holds. A deadline that runs through a year without one was
/// counted Monday to Friday only (public holidays unknown): the screens showing it say so.
/// </summary>
public interface ICalendarCoverage
{
    bool Covers(int year);
}

public static class CalendarNotes
{
    /// <summary>The first year between the alert's day and its deadline that has no calendar, or null when every one has.</summary>
    public static int? UncoveredYear(ICalendarCoverage coverage, DateTimeOffset raisedAt, DateTimeOffset dueAt, Live.ILiveFeed live)
    {
        // The deadline is the end (midnight) of its last working day: that day's year counts, not the next one's.
        var last = live.ToCounty(dueAt.AddMilliseconds(-1)).Year;
        for (var year = live.ToCounty(raisedAt).Year; year <= last; year++)
        {
            if (!coverage.Covers(year))
                return year;
        }
        return null;
    }
}
