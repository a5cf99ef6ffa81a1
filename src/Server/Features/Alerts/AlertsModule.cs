using LiveBoard.Client.Account;
using LiveBoard.Client.Alerts;
using LiveBoard.Server.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveBoard.Server.Features.Alerts;

/// <summary>
/// Alerts: the rules (AlertMonitor), the inbox (AlertBook) and the API. Who may use the API:
/// reading needs ReadAlerts (hall managers — their hall only —, the director, leaders); acting
/// needs HandleAlerts (hall managers, the director); deciding appeals, the director.
/// </summary>
public static class AlertsModule
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AlertOptions>(configuration.GetSection("LiveBoard:Alerts"));
        services.AddSingleton<AlertBook>();
        services.AddSingleton<IAlertInbox>(sp => sp.GetRequiredService<AlertBook>());
        services.AddSingleton<Leadership>();
        services.AddHostedService(sp => sp.GetRequiredService<Leadership>());
        services.AddSingleton<WorkingDayCalendar>();
        services.AddSingleton<ICalendarCoverage>(sp => sp.GetRequiredService<WorkingDayCalendar>());
        services.AddSingleton<Client.Admin.ICalendarAdmin, CalendarAdmin>();
        services.AddSingleton<ThresholdBook>();
        services.AddSingleton<Client.Admin.IThresholdAdmin>(sp => sp.GetRequiredService<ThresholdBook>());
        services.AddSingleton<AlertMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertMonitor>());
        return services;
    }

    /// <summary>A new database starts with the known national calendar (2026); see <see cref="CalendarAdmin.Known2026"/>.</summary>
    public static async Task EnsureCalendarAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var db = await services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.LiveBoardDb>>().CreateDbContextAsync(cancellationToken);
        await CalendarAdmin.SeedKnownAsync(db, services.GetRequiredService<Admin.AuditTrail>(), cancellationToken);
    }

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/alerts").WithTags("Alerts");
        api.MapGet("", async (HttpContext http, IAlertInbox inbox, bool? closed) => TypedResults.Ok(await inbox.ListAsync(http.User, closed ?? false, http.RequestAborted)))
            .RequireAuthorization(Policies.ReadAlerts);
        api.MapGet("/{id:long}", async Task<Results<Ok<AlertDetail>, ProblemHttpResult>> (long id, HttpContext http, IAlertInbox inbox) =>
                await inbox.GetAsync(http.User, id, http.RequestAborted) is { } detail
                    ? TypedResults.Ok(detail)
                    : Refused(AlertRefusal.NoSuchAlert))
            .RequireAuthorization(Policies.ReadAlerts);
        api.MapPost("/{id:long}/actions", async Task<Results<NoContent, ProblemHttpResult>> (long id, AlertRequest request, HttpContext http, IAlertInbox inbox) =>
                await inbox.ActAsync(http.User, id, request, http.RequestAborted) is { Refusal: { } refusal } ? Refused(refusal) : TypedResults.NoContent())
            .RequireAuthorization(Policies.HandleAlerts);
        return endpoints;
    }

    private static ProblemHttpResult Refused(AlertRefusal refusal) => Problems.Refused(refusal switch
    {
        AlertRefusal.NoSuchAlert => StatusCodes.Status404NotFound,
        AlertRefusal.ChangedMeanwhile => StatusCodes.Status409Conflict,
        AlertRefusal.MayNotAct or AlertRefusal.MayNotDecideAppeal => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status422UnprocessableEntity,
    }, refusal, "The alert workflow refused this.", detail: AlertText.Refusal(refusal));
}
