namespace LiveBoard.Testing;

/// <summary>
/// Real time moved so that the county's clock reads a chosen time of day now (e.g. 10:00 on a
/// weekday, halls open), whatever time the tests run. Real seconds still pass.
/// </summary>
public sealed class ShiftedTime(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;

    /// <summary>The offset that puts the Asia/Shanghai clock at <paramref name="countyTime"/> today (or on the next weekday).</summary>
    public static ShiftedTime At(TimeOnly countyTime)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var target = now.Date + countyTime.ToTimeSpan();
        while (target.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            target = target.AddDays(1);
        return new ShiftedTime(target - now.DateTime);
    }
}
