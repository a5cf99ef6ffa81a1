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

    /// <summary>The offset that puts the county's clock at 09:30 when the halls are closed now.</summary>
    public static TimeSpan OffsetIntoOpeningHours(DateTimeOffset utcNow, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(utcNow, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var open = (time >= new TimeOnly(8, 45) && time < new TimeOnly(11, 45)) || (time >= new TimeOnly(13, 45) && time < new TimeOnly(17, 0));
        if (open)
            return TimeSpan.Zero;
        var target = local.Date.AddHours(9.5);
        if (target < local.DateTime)
            target = target.AddDays(1);
        return target - local.DateTime;
    }
}
