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
