using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Demo;

public static class DemoModule
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DemoOptions>(configuration.GetSection("LiveBoard:Demo"));
        if (configuration.GetValue<bool>("LiveBoard:Demo:Simulate"))
            services.AddHostedService<Simulator>();
        return services;
    }

    /// <summary>
    /// A restarted demo continues its county day where the event log ends. The demo clock jumps into
    /// opening hours at each start; without this, a restart within the hour would rewind it behind
    /// events already accepted (tickets "issued" in the future, waits of 0 min, every hall "updated
    /// 0 s ago", and the simulator's events refused as out of order). Tests fix the clock instead.
    /// </summary>
    public static async Task ContinueDemoDayAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (!services.GetRequiredService<IOptions<DemoOptions>>().Value.Simulate || configuration["LiveBoard:County:ClockStart"] is { Length: > 0 })
            return;
        var factory = services.GetRequiredService<IDbContextFactory<LiveBoardDb>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var lastReceived = await db.Journal.AsNoTracking().OrderByDescending(j => j.Sequence)
            .Select(j => (DateTimeOffset?)j.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
        if (lastReceived is { } last)
            services.GetRequiredService<CountyClock>().RunAheadTo(last + TimeSpan.FromSeconds(1));
    }

    public static async Task SeedDemoCountyAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (!services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed)
            return;
        var factory = services.GetRequiredService<IDbContextFactory<LiveBoardDb>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var clock = services.GetRequiredService<CountyClock>();
        await DemoCounty.SeedIfEmptyAsync(db, clock, cancellationToken);
        await DemoHistory.SeedAsync(db, clock, days: 30, cancellationToken);
    }
}
