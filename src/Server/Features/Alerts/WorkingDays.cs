using LiveBoard.Server.Common;

namespace LiveBoard.Server.Features.Alerts;

/// <summary>
/// Deadlines in working days: Monday to Friday, less public holidays, plus make-up working days,
/// both from the calendar table. A bad review raised on a day has until the end of the Nth
/// working day after it (the day itself does not count), in the county's time zone.
/// </summary>
public sealed class WorkingDays(CountyClock clock, IReadOnlyDictionary<DateOnly, bool> exceptions)
{
    public bool IsWorkingDay(DateOnly day) =>
        exceptions.TryGetValue(day, out var working) ? working : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        var day = from;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
                counted++;
        }
        return day;
    }

    /// <summary>The end (midnight) of the Nth working day after the day of <paramref name="raisedAt"/>.</summary>
    public DateTimeOffset Deadline(DateTimeOffset raisedAt, int workingDays) =>
        clock.StartOf(AddWorkingDays(clock.DayOf(raisedAt), workingDays).AddDays(1));
}
