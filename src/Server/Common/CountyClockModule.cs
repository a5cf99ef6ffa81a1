using LiveBoard.Server.Features.Demo;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveBoard.Server.Common;

public sealed class CountyOptions
{
    /// <summary>IANA id of the county's time zone; day boundaries and opening hours use it.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// Tests and the benchmark only: the county time the clock reads at <see cref="ClockStartedAt"/>
    /// (or, without it, when the process starts), so that a server process runs on a chosen day
    /// and hour whatever the machine's clock says. Several processes given the same pair agree.
    /// </summary>
    public DateTimeOffset? ClockStart { get; set; }

    /// <summary>The real instant at which the county clock read <see cref="ClockStart"/>.</summary>
    public DateTimeOffset? ClockStartedAt { get; set; }
}

public static class CountyClockModule
{
    /// <summary>
    /// Registers the county clock. A <see cref="TimeProvider"/> already registered (tests) is used.
    /// In demo mode the clock may be shifted into opening hours and sped up (DemoOptions).
    /// </summary>
    public static IServiceCollection AddCountyClock(this IServiceCollection services, IConfiguration configuration)
    {
        var county = configuration.GetSection("LiveBoard:County").Get<CountyOptions>() ?? new CountyOptions();
        var demo = configuration.GetSection("LiveBoard:Demo").Get<DemoOptions>() ?? new DemoOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var zone = CountyClock.FindZone(county.TimeZone);
            if (county.ClockStart is { } start)
                return new CountyClock(time, zone, start - (county.ClockStartedAt ?? time.GetUtcNow()));
            if (!demo.Simulate)
                return new CountyClock(time, zone);
            var offset = demo.ShiftIntoOpeningHours ? DemoOptions.OffsetIntoOpeningHours(time.GetUtcNow(), zone) : TimeSpan.Zero;
            return new CountyClock(time, zone, offset, Math.Clamp(demo.Speed, 1, 60));
        });
        return services;
    }
}
