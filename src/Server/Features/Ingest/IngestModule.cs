using System.Globalization;
using System.Security.Claims;
using LiveBoard.Client.Model;
using LiveBoard.Server.Common;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Live;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Ingest;

/// <summary>
/// POST /api/v1/events and /api/v1/events/batch: devices report what happens in the halls.
/// Who may call: a device key with the Sender role, limited to its hall unless county-wide.
/// </summary>
public static class IngestModule
{
    private const long MaxSingleBytes = 16 * 1024;
    private const long MaxBatchBytes = 1024 * 1024;
    private const string UnknownType = "Unknown or missing \"type\": one of ticket.issued, ticket.called, ticket.completed, ticket.abandoned, door.counted, whereabouts.changed, review.submitted.";

    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IngestOptions>(configuration.GetSection("LiveBoard:Ingest"));
        services.AddSingleton<ReferenceData>();
        return services;
    }

    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/events")
            .WithTags("Ingest")
            .RequireAuthorization(DevicesModule.SenderPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("", async (HttpContext http, EventJournal journal) =>
            {
                var (body, problem) = await JsonBody.ReadAsync<IngestEvent>(http, MaxSingleBytes, UnknownType);
                if (problem is not null)
                    return problem;
                var result = await journal.SubmitAsync(DeviceOf(http.User), [body!], isBatch: false, CancellationToken.None);
                return result.Rejection is { } rejection ? Problem(http, rejection) : TypedResults.Ok(result.Acks![0]);
            })
            .WithName("PostEvent")
            .WithSummary("Report one event; acknowledged once it is committed.")
            .Accepts<IngestEvent>("application/json")
            .Produces<IngestAck>()
            .WithMetadata(new JsonBody.SizeLimit(MaxSingleBytes));

        api.MapPost("/batch", async (HttpContext http, EventJournal journal, IOptions<IngestOptions> options) =>
            {
                var (body, problem) = await JsonBody.ReadAsync<IngestBatch>(http, MaxBatchBytes, UnknownType);
                if (problem is not null)
                    return problem;
                var errors = new Dictionary<string, (Enum, string)>();
                if (body!.Events is null || body.Events.Count == 0)
                    errors["events"] = (EventRefusal.Required, "Required: one event or more.");
                else if (body.Events.Count > options.Value.MaxBatchSize)
                    errors["events"] = (EventRefusal.TooLong, $"At most {options.Value.MaxBatchSize} events in one batch.");
                else if (body.Events.ToList().IndexOf(null!) is >= 0 and var nullAt)
                    errors[$"events[{nullAt}]"] = (EventRefusal.Required, "An event, not null.");
                if (errors.Count > 0)
                    return Problems.Invalid(StatusCodes.Status400BadRequest, EventRefusal.Invalid, "The batch was refused; nothing of it was stored.", errors);
                var result = await journal.SubmitAsync(DeviceOf(http.User), body.Events!, isBatch: true, CancellationToken.None);
                return result.Rejection is { } rejection ? Problem(http, rejection) : TypedResults.Ok(new IngestBatchAck(result.Acks!));
            })
            .WithName("PostEventBatch")
            .WithSummary("Report up to 500 events at once: all are stored, or none (the errors name each field as events[i].field).")
            .Accepts<IngestBatch>("application/json")
            .Produces<IngestBatchAck>()
            .WithMetadata(new JsonBody.SizeLimit(MaxBatchBytes));

        return endpoints;
    }

    private static DeviceIdentity DeviceOf(ClaimsPrincipal user) => new(
        int.Parse(user.FindFirstValue(DeviceKeyAuthentication.DeviceIdClaim)!, CultureInfo.InvariantCulture),
        user.Identity?.Name ?? "device",
        user.FindFirstValue(DeviceKeyAuthentication.HallClaim) is { } hall ? int.Parse(hall, CultureInfo.InvariantCulture) : null);

    private static ProblemHttpResult Problem(HttpContext http, EventRejection rejection)
    {
        // The writer cannot commit just now: the device retries (same ids) after this many seconds.
        if (rejection.Status == StatusCodes.Status503ServiceUnavailable)
            OutageProblems.SetRetryAfter(http.Response);
        return rejection.Errors.Count > 0
            ? Problems.Invalid(rejection.Status, rejection.Code, rejection.Title, rejection.Errors.ToDictionary(e => e.Key, e => ((Enum)e.Value.Code, e.Value.Detail)))
            : Problems.Refused(rejection.Status, rejection.Code, rejection.Title);
    }
}
