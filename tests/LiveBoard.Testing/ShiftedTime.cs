namespace LiveBoard.Testing;

/// <summary>
/// Real time moved so that the county's clock reads a chosen day and hour now, whatever the machine's
/// clock says (night, a weekend, a public holiday, across midnight). Real seconds still pass. Every
/// test runs on a fixed county day: nothing in the suite depends on the hour or the date it runs at.
/// </summary>
public sealed class ShiftedTime(TimeSpan offset) : TimeProvider
{
    private static readonly TimeSpan CountyOffset = TimeSpan.FromHours(8); // Asia/Shanghai has no daylight saving

    /// <summary>The county day the tests run on: a Wednesday, a working day on the demo calendar (2026).</summary>
    public static readonly DateOnly WorkingDay = new(2026, 12, 2);

    public TimeSpan Offset => offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;

    /// <summary>The clock that reads <paramref name="countyTime"/> on <see cref="WorkingDay"/> now (halls open at 10:00).</summary>
    public static ShiftedTime At(TimeOnly countyTime) => At(WorkingDay, countyTime);

    public static ShiftedTime At(DateOnly countyDay, TimeOnly countyTime) =>
        new(new DateTimeOffset(countyDay.ToDateTime(countyTime), CountyOffset) - DateTimeOffset.UtcNow);

    /// <summary>
    /// The settings that start a server process on this clock: the county time it reads at a real
    /// instant, so that processes started one after the other agree to the millisecond.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ServerSettings()
    {
        var real = DateTimeOffset.UtcNow;
        return new Dictionary<string, string?>
        {
            ["LiveBoard:County:ClockStart"] = (real + offset).ToString("O"),
            ["LiveBoard:County:ClockStartedAt"] = real.ToString("O"),
        };
    }
}
