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
    private readonly double speed;
    private long offsetTicks;

    public CountyClock(TimeProvider time, TimeZoneInfo zone, TimeSpan offset = default, double speed = 1)
    {
        this.time = time;
        Zone = zone;
        offsetTicks = offset.Ticks;
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
            return origin + TimeSpan.FromTicks(Volatile.Read(ref offsetTicks)) + elapsed;
        }
    }

    /// <summary>
    /// Moves the clock forward to <paramref name="instant"/> if it reads earlier; never back. The demo
    /// uses it at start so that a restarted demo continues its day where the event log ends instead
    /// of rewinding to the busy hour it first jumped to.
    /// </summary>
    public void RunAheadTo(DateTimeOffset instant)
    {
        var behind = instant - UtcNow;
        if (behind > TimeSpan.Zero)
            Interlocked.Add(ref offsetTicks, behind.Ticks);
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
