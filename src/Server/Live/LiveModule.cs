using LiveBoard.Client.Live;
using LiveBoard.Server.Features.Devices;
using Microsoft.Extensions.Options;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live.Redis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Live;

/// <summary>The live path: journal writer → bus → live state → Blazor subscribers and the hub.</summary>
public static class LiveModule
{
    public static IServiceCollection AddLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetValue<TimeSpan?>("LiveBoard:Live:MinRenderInterval") is { } interval
            ? new LiveRendering(interval) : LiveRendering.Default);
        services.AddSingleton<JournalReader>();
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<LiveMetrics>();
        // One setting chooses the bus: LiveBoard:Redis set → across instances; unset → in-process.
        if (configuration["LiveBoard:Redis"] is { Length: > 0 } redis)
        {
            var endpoint = RedisEndpoint.Parse(redis);
            services.AddSingleton(sp => new RedisBus(endpoint, sp.GetRequiredService<JournalReader>(), sp.GetRequiredService<LiveMetrics>(), sp.GetRequiredService<ILogger<RedisBus>>()));
            services.AddSingleton<ILiveBus>(sp => sp.GetRequiredService<RedisBus>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisBus>());
        }
        else
        {
            services.AddSingleton<ILiveBus, InProcessBus>();
        }
        services.AddSingleton<LiveState>();
        services.AddSingleton<ILiveFeed>(sp => sp.GetRequiredService<LiveState>());
        services.AddSingleton(sp => new EventJournal(
            sp.GetRequiredService<IDbContextFactory<LiveBoardDb>>(),
            sp.GetRequiredService<JournalReader>(),
            sp.GetRequiredService<ReferenceData>(),
            sp.GetRequiredService<ILiveBus>(),
            sp.GetRequiredService<CountyClock>(),
            sp.GetRequiredService<IOptions<IngestOptions>>(),
            sp.GetRequiredService<IDataProtectionProvider>(),
            sp.GetRequiredService<LiveState>().StaffOnDutyAt,
            sp.GetRequiredService<IngestMetrics>(),
            sp.GetRequiredService<ILogger<EventJournal>>()));
        services.AddHostedService(sp => sp.GetRequiredService<EventJournal>());
        services.AddHostedService<HubRelay>();
        services.AddSignalR().AddJsonProtocol(json => LiveJson.Configure(json.PayloadSerializerOptions));
        // The hub: a display key, or anyone signed in (hall-limited keys and users stay in their hall).
        services.AddAuthorizationBuilder()
            .AddPolicy(LiveHub.ViewerPolicy, policy => policy
                .AddAuthenticationSchemes(DeviceKeyAuthentication.SchemeName, Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
                .RequireRole([nameof(DeviceRole.Display), .. Enum.GetNames<LiveBoard.Client.Account.UserRole>()]));
        return services;
    }

    /// <summary>Loads reference data and today's state before the first request is served.</summary>
    public static async Task StartLiveAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<LiveBoardDb>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            await services.GetRequiredService<ReferenceData>().LoadAsync(db, cancellationToken);
        var state = services.GetRequiredService<LiveState>();
        await state.RebuildAsync(cancellationToken);
        services.GetRequiredService<ILiveBus>().Subscribe(state.Apply);
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<LiveHub>("/hubs/live");
        return endpoints;
    }
}
