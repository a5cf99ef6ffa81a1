namespace LiveBoard.Server.Common;

/// <summary>
/// The county's clock: every "now", "today" and opening-hours decision goes through it, in the
/// county's configured time zone and never the machine's. In demo mode it can run ahead of real
/// time (an offset, so the demo county is open whenever someone starts it) and faster (a speed
/// factor, so a day passes in minutes); everything, including event timestamps, uses the same clock.
/// </summary>
public sealed class CountyClock
{
    private readonly TimeProvider time;
    private readonly DateTimeOffset origin;
    private readonly TimeSpan offset;
    private readonly double speed;

    public CountyClock(TimeProvider time, TimeZoneInfo zone, TimeSpan offset = default, double speed = 1)
    {
        this.time = time;
        Zone = zone;
        this.offset = offset;
        this.speed = speed;
        origin = time.GetUtcNow();
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>How much faster than real time this clock runs (1 outside demo mode).</summary>
    public double Speed => speed;

    public DateTimeOffset UtcNow
    {
        get
        {
            var real = time.GetUtcNow();
            var elapsed = speed == 1 ? real - origin : TimeSpan.FromTicks((long)((real - origin).Ticks * speed));
            return origin + offset + elapsed;
        }
    }

    /// <summary>Now in the county's time zone.</summary>
    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(UtcNow, Zone);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public DateTimeOffset ToCounty(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToCounty(instant).DateTime);

    /// <summary>The instant the given county day starts (midnight in the county's zone).</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    public static TimeZoneInfo FindZone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
