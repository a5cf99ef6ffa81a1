namespace LiveBoard.Server.Features.Demo;

public sealed class DemoOptions
{
    /// <summary>Create the demo county when the database is empty.</summary>
    public bool Seed { get; set; }

    /// <summary>Feed simulated events through the ingest API. Never in production.</summary>
    public bool Simulate { get; set; }

    /// <summary>How many county seconds pass per real second, 1 to 60.</summary>
    public double Speed { get; set; } = 1;

    /// <summary>
    /// If the demo starts while the halls are closed, run the county clock ahead to 09:30 so the
    /// wall moves on first start. The clock says so (the wall shows county time).
    /// </summary>
    public bool ShiftIntoOpeningHours { get; set; } = true;

    /// <summary>
    /// The offset that moves the county's clock to the next 09:30 or 14:30 (both busy hours) when
    /// the halls are closed now; zero while they are open.
    /// </summary>
    public static TimeSpan OffsetIntoOpeningHours(DateTimeOffset utcNow, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(utcNow, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        var open = (time >= new TimeOnly(8, 45) && time < new TimeOnly(11, 45)) || (time >= new TimeOnly(13, 45) && time < new TimeOnly(17, 0));
        if (open)
            return TimeSpan.Zero;
        var target = new[] { local.Date.AddHours(9.5), local.Date.AddHours(14.5), local.Date.AddDays(1).AddHours(9.5) }.First(t => t > local);
        return target - local;
    }
}
