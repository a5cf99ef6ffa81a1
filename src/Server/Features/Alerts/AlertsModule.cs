using LiveBoard.Client.Account;
using LiveBoard.Client.Alerts;
using LiveBoard.Client.Model;
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
    /// <summary>A step's body: the longest note (TextLimits.AlertNote) escaped character by character fits with room to spare.</summary>
    private const long MaxActionBytes = 32 * 1024;

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
        api.MapPost("/{id:long}/actions", async Task<IResult> (long id, HttpContext http, IAlertInbox inbox) =>
            {
                var (body, problem) = await JsonBody.ReadAsync<AlertActionBody>(http, MaxActionBytes);
                if (problem is not null)
                    return problem;
                var missing = new Dictionary<string, (Enum, string)>();
                if (body!.Command is null)
                    missing["command"] = (EventRefusal.Required, $"Required: one of {string.Join(", ", Enum.GetValues<AlertCommand>().Select(c => Problems.Code(c)))}.");
                if (body.ExpectedVersion is null)
                    missing["expectedVersion"] = (EventRefusal.Required, "Required: the alert's version you acted on (409 when someone else acted first).");
                if (missing.Count > 0)
                    return Problems.Invalid(StatusCodes.Status422UnprocessableEntity, EventRefusal.Invalid, "The action was refused; nothing was changed.", missing);
                var request = new AlertRequest(body.Command!.Value, body.ExpectedVersion!.Value, body.Note, body.AssignTo, body.Rating);
                return await inbox.ActAsync(http.User, id, request, http.RequestAborted) is { Refusal: { } refusal } ? Refused(refusal, request) : TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.HandleAlerts)
            .Accepts<AlertActionBody>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithMetadata(new JsonBody.SizeLimit(MaxActionBytes));
        return endpoints;
    }

    private static ProblemHttpResult Refused(AlertRefusal refusal, AlertRequest? request = null)
    {
        var status = refusal switch
        {
            AlertRefusal.NoSuchAlert => StatusCodes.Status404NotFound,
            AlertRefusal.ChangedMeanwhile => StatusCodes.Status409Conflict,
            AlertRefusal.MayNotAct or AlertRefusal.MayNotDecideAppeal => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        var detail = string.Format(System.Globalization.CultureInfo.InvariantCulture, AlertText.Refusal(refusal), TextLimits.AlertNote);
        return FieldOf(refusal, request) is { } field
            ? Problems.Invalid(status, refusal, "The alert workflow refused this.", new Dictionary<string, (Enum, string)> { [field] = (refusal, detail) })
            : Problems.Refused(status, refusal, "The alert workflow refused this.", detail);
    }

    /// <summary>The body's field a refusal is about; none when it is about the alert's state or the caller.</summary>
    private static string? FieldOf(AlertRefusal refusal, AlertRequest? request) => refusal switch
    {
        AlertRefusal.AssigneeRequired or AlertRefusal.NoSuchAssignee => "assignTo",
        AlertRefusal.CommentRequired or AlertRefusal.ResolutionRequired or AlertRefusal.AppealReasonRequired
            or AlertRefusal.NoteTooLong or AlertRefusal.NoteNotText => "note",
        AlertRefusal.ReturnCallRequired => string.IsNullOrWhiteSpace(request?.Note) ? "note" : "rating",
        AlertRefusal.ChangedMeanwhile => "expectedVersion",
        _ => null,
    };
}

/// <summary>
/// The body of POST /api/v1/alerts/{id}/actions, e.g. {"command":"resolve","expectedVersion":3,"note":"…"}.
/// Every field nullable, so that a missing one is refused by name instead of taking a default.
/// </summary>
public sealed record AlertActionBody(AlertCommand? Command, int? ExpectedVersion, string? Note = null, string? AssignTo = null, int? Rating = null);
