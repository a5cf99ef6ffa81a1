using System.Reflection;
using LiveBoard.Server.Live;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LiveBoard.Server.Features.Telemetry;

/// <summary>
/// Metrics and traces through OpenTelemetry (decision 0012). What is measured: ASP.NET Core's own
/// meters (requests, Kestrel, SignalR), the .NET runtime, the event writer (<see cref="IngestMetrics"/>)
/// and the live side (<see cref="LiveMetrics"/>: bus lag, hub connections, circuits). Where it goes:
/// <list type="bullet">
/// <item><c>GET /metrics</c>, Prometheus text, on unless <c>LiveBoard:Telemetry:Prometheus:Enabled</c>
/// is false. Who may use it: this machine (loopback) and <c>LiveBoard:Telemetry:Prometheus:AllowedNetworks</c>,
/// never through a proxy (<see cref="ScrapeAccess"/>); everyone else gets 403.</item>
/// <item>OTLP (metrics and traces) only when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set;
/// the exporter reads the other <c>OTEL_EXPORTER_OTLP_*</c> variables itself.</item>
/// </list>
/// With both off nothing listens to the instruments, and recording costs a branch.
/// </summary>
public static class TelemetryModule
{
    public const string PrometheusSection = "LiveBoard:Telemetry:Prometheus";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The name <c>WithMetrics</c> gives OpenTelemetry's <see cref="Microsoft.Extensions.Diagnostics.Metrics.IMetricsListener"/>.</summary>
    private const string OpenTelemetryListener = "OpenTelemetry";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitCounter>());

        var prometheus = configuration.GetValue($"{PrometheusSection}:Enabled", true);
        var otlp = configuration[OtlpEndpointSetting] is { Length: > 0 };
        if (prometheus)
            services.AddSingleton(ScrapeAccess.Parse(configuration[$"{PrometheusSection}:AllowedNetworks"], $"{PrometheusSection}:AllowedNetworks"));
        if (!prometheus && !otlp)
            return services;

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                configuration["OTEL_SERVICE_NAME"] ?? "liveboard",
                serviceVersion: typeof(TelemetryModule).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion));

        telemetry.WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
            if (prometheus)
            {
                // No cached answer: scrapers are few (they are allowed by address), and a cached
                // count could be older than the acknowledgement a device has just received.
                metrics.AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
            }
            if (otlp)
                metrics.AddOtlpExporter();
        });

        // LiveBoard's own meters are enabled for this host's meter factory only (MeterScope.Local),
        // not by name process-wide (AddMeter): two hosts in one process, as the tests and the
        // benchmark run them, each export their own events and never the other's.
        services.AddMetrics(metrics => metrics
            .EnableMetrics(IngestMetrics.MeterName, instrumentName: null, listenerName: OpenTelemetryListener, scopes: MeterScope.Local)
            .EnableMetrics(LiveMetrics.MeterName, instrumentName: null, listenerName: OpenTelemetryListener, scopes: MeterScope.Local));

        // Traces go to OTLP only (Prometheus has none); without it no request pays for spans.
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !IsScrapeOrProbe(http.Request.Path))
                .AddSource(IngestMetrics.Traces.Name)
                .AddOtlpExporter());
        }
        return services;
    }

    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<ScrapeAccess>() is not { } access)
            return endpoints;
        endpoints.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (http, next) =>
            {
                if (access.Allows(http.Connection.RemoteIpAddress, http.Request.Headers))
                {
                    await next(http);
                    return;
                }
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Metrics are for the monitoring system",
                    detail: $"Allowed from this machine and from {PrometheusSection}:AllowedNetworks, never through a proxy.").ExecuteAsync(http);
            }), optionsName: null)
            // Anonymous by design: the address decides (above), a scraper has no account.
            .AllowAnonymous()
            // The scrape itself is not traffic worth counting.
            .DisableHttpMetrics();
        return endpoints;
    }

    private static bool IsScrapeOrProbe(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health");
}
