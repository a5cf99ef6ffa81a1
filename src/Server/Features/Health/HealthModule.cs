using System.Text.Json;
using LiveBoard.Server.Data;
using LiveBoard.Server.Live;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveBoard.Server.Features.Health;

/// <summary>
/// For the load balancer and the operator; open to anyone (they say only whether parts work).
/// <c>/health/live</c>: the process answers (restart it if not). <c>/health/ready</c>: the database
/// answers, the event writer has loaded its state, and the Redis bus (when configured) is connected —
/// send it traffic only then.
/// </summary>
public static class HealthModule
{
    private const string Ready = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [Ready])
            .AddCheck<EventWriterCheck>("event-writer", tags: [Ready])
            .AddCheck<LiveBusCheck>("live-bus", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync }).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        }));
    }

    private sealed class DatabaseCheck(IDbContextFactory<LiveBoardDb> databases) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await databases.CreateDbContextAsync(cancellationToken);
                return await db.Database.CanConnectAsync(cancellationToken)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("The database does not answer.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("The database does not answer.", ex);
            }
        }
    }

    private sealed class EventWriterCheck(EventJournal journal) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(journal.Ready.IsCompletedSuccessfully ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The event writer is still loading."));
    }

    private sealed class LiveBusCheck(ILiveBus bus) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(bus.IsConnected ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Redis is unreachable: this instance serves its own events; the others' arrive from the database."));
    }
}
