using System.Text.Json;
using LiveBoard.Server.Data;
using LiveBoard.Server.Live;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveBoard.Server.Features.Health;

/// <summary>
/// For the load balancer and the operator; open to anyone (they say only whether parts work).
/// <c>/health/live</c>: the process answers (restart it if not). <c>/health/ready</c>: this instance
/// can accept and commit events now — the event writer's session is up and a commit or a probe on
/// its own connection succeeded within seconds, and the database answers a new connection. Send
/// it traffic only then (503 otherwise). Redis down alone is "Degraded" (200): every instance keeps
/// serving, and reads the others' events from the journal, so a load balancer must not pull them all.
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
            Task.FromResult(journal.CanCommit ? HealthCheckResult.Healthy()
                : !journal.Ready.IsCompleted ? HealthCheckResult.Unhealthy("The event writer is still loading.")
                : HealthCheckResult.Unhealthy("The event writer cannot commit just now; it reconnects by itself."));
    }

    private sealed class LiveBusCheck(ILiveBus bus) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(bus.IsConnected ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded("Redis is unreachable: this instance serves its own events; the others' arrive from the database."));
    }
}
