using System.Threading.RateLimiting;
using LiveBoard.Client.Model;
using LiveBoard.Client.Reviews;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Reviews;

public sealed class ReviewOptions
{
    /// <summary>Ratings one client (address) may submit per ten minutes.</summary>
    public int PerClientPerTenMinutes { get; set; } = 5;

    /// <summary>Ratings one window may receive per ten minutes (a window serves a few people in that time).</summary>
    public int PerWindowPerTenMinutes { get; set; } = 30;
}

/// <summary>
/// The citizen review page: GET and POST /r/{code}. Who may use it: anyone (it is what the QR code
/// on the window opens), limited per client and per window. A rating enters the live pipeline as
/// the "citizen review page" device, through the same writer as every device's events.
/// </summary>
public static class ReviewsModule
{
    public const string ReviewPageDevice = "citizen review page";
    private static readonly TimeSpan LimitWindow = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddReviews(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReviewOptions>(configuration.GetSection("LiveBoard:Reviews"));
        services.AddSingleton<IReviewCards, ReviewCards>();
        services.AddSingleton<Client.Admin.IReviewCodeAdmin, ReviewCodes>();
        services.AddRateLimiter(limiter =>
        {
            // Only rating submissions are limited; everything else passes.
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsRating(http)
                    ? RateLimitPartition.GetFixedWindowLimiter("client:" + http.Connection.RemoteIpAddress, _ => Fixed(http, o => o.PerClientPerTenMinutes))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsRating(http)
                    ? RateLimitPartition.GetFixedWindowLimiter("window:" + http.Request.Path.Value, _ => Fixed(http, o => o.PerWindowPerTenMinutes))
                    : RateLimitPartition.GetNoLimiter("")));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                // In the citizen's language: request localization has run by now.
                var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Client.Localization.Text>>();
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    $"<!DOCTYPE html><html lang={System.Globalization.CultureInfo.CurrentUICulture.Name}><meta charset=utf-8><meta name=viewport content='width=device-width'><link rel=stylesheet href='/review.css'>"
                    + $"<main class=review><p class=form-error role=alert data-testid=review-too-many>{System.Net.WebUtility.HtmlEncode(text["Too many ratings from here just now; please try again in a few minutes."])}</p></main>",
                    cancellationToken);
            };
        });
        return services;
    }

    private static bool IsRating(HttpContext http) => HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/r");

    private static FixedWindowRateLimiterOptions Fixed(HttpContext http, Func<ReviewOptions, int> limit) => new()
    {
        PermitLimit = limit(http.RequestServices.GetRequiredService<IOptions<ReviewOptions>>().Value),
        Window = LimitWindow,
        QueueLimit = 0,
    };

    public static IEndpointRouteBuilder MapReviews(this IEndpointRouteBuilder endpoints, DeviceIdentity reviewPage)
    {
        endpoints.MapGet("/r/{code}", async Task<IResult> (string code, IDbContextFactory<LiveBoardDb> databases) =>
                await FindAsync(databases, code) is { } window
                    ? new RazorComponentResult<ReviewPage>(new { Window = window.Window })
                    : await NotFoundAsync(databases, code))
            .AllowAnonymous().ExcludeFromDescription();

        endpoints.MapGet("/r/{code}/thanks", async Task<IResult> (string code, IDbContextFactory<LiveBoardDb> databases) =>
                await FindAsync(databases, code) is { } window
                    ? new RazorComponentResult<ReviewPage>(new { Window = window.Window, Thanked = true })
                    : await NotFoundAsync(databases, code))
            .AllowAnonymous().ExcludeFromDescription();

        // The form is read as a collection: binding string[] from a form trips .NET 10's parameter binder.
        endpoints.MapPost("/r/{code}", async Task<IResult> (string code, IFormCollection posted, HttpContext http,
                IDbContextFactory<LiveBoardDb> databases, EventJournal journal, ReferenceData reference, IStringLocalizer<Client.Localization.Text> text, Common.CountyClock clock) =>
            {
                if (await FindAsync(databases, code) is not { } window)
                    return await NotFoundAsync(databases, code);
                string? eventId = posted["eventId"], comment = posted["comment"], phone = posted["phone"], ticket = posted["ticket"];
                int? level = int.TryParse(posted["level"], System.Globalization.CultureInfo.InvariantCulture, out var l) ? l : null;
                // Tags by their names only, as the form writes them (not numbers, not lists).
                var unknownTag = posted["tags"].Any(t => t is null || !TagNames.Contains(t));
                var parsedTags = posted["tags"].Where(t => t is not null && TagNames.Contains(t)).Select(t => Enum.Parse<ReviewTags>(t!)).Distinct().ToList();
                var form = new ReviewForm(string.IsNullOrWhiteSpace(eventId) ? Guid.NewGuid().ToString("N") : eventId, level, parsedTags,
                    Trim(comment), Trim(phone), Trim(ticket)?.ToUpperInvariant());
                var errors = new Dictionary<string, string>();
                var status = StatusCodes.Status422UnprocessableEntity;
                if (level is not (>= 1 and <= 5))
                    errors["level"] = text["Choose how satisfied you are."];
                else if (unknownTag)
                    errors["tags"] = text["Tick the boxes of this page only."];
                else if (((ReviewLevel)level).IsBad() && parsedTags.Count == 0)
                    errors["tags"] = text["Tell us what went wrong: tick at least one box."];
                if (errors.Count == 0)
                {
                    var result = await journal.SubmitAsync(reviewPage, [new ReviewSubmittedEvent
                    {
                        EventId = $"review-page:{form.EventId}", OccurredAt = clock.UtcNow, Hall = reference.Hall(window.HallId)?.Code,
                        Window = window.Window.WindowNumber, Level = level, Tags = [.. parsedTags], Comment = form.Comment,
                        Phone = form.Phone, Ticket = form.Ticket, Channel = ReviewChannel.OnSite,
                    }], isBatch: false, CancellationToken.None);
                    // A conflict is this form sent again with other answers (back, change, submit): one rating per
                    // visit, the first one stands, so the citizen is thanked as the first time.
                    if (result.Acks is not null || result.Rejection!.Status == StatusCodes.Status409Conflict)
                        return Results.Redirect($"/r/{code}/thanks", permanent: false, preserveMethod: false);
                    // The writer cannot commit just now: the page says "submit again", and the status says so too.
                    if (result.Rejection!.Status == StatusCodes.Status503ServiceUnavailable)
                    {
                        status = StatusCodes.Status503ServiceUnavailable;
                        Common.OutageProblems.SetRetryAfter(http.Response);
                    }
                    foreach (var (field, refusal) in result.Rejection.Errors)
                        errors[field] = Explain(field, refusal.Code, text);
                    if (errors.Count == 0)
                        errors["$"] = text["The rating could not be saved just now; please submit again."];
                }
                return new RazorComponentResult<ReviewPage>(new { Window = window.Window, Form = form, Errors = errors }) { StatusCode = status };
            })
            .AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The writer's refusals, said to a citizen (the fields the form has; anything else is the server's trouble).</summary>
    private static string Explain(string field, EventRefusal code, IStringLocalizer text) => (field, code) switch
    {
        ("ticket", EventRefusal.TicketAlreadyRated) => text["This ticket has already been rated: one rating per visit."],
        ("ticket", _) => text["We cannot find that ticket number today; check it, or leave it empty."],
        ("phone", _) => text["The phone number can only have digits, spaces, + and -."],
        ("comment", EventRefusal.TooLong) => text["The comment is too long: at most {0} characters.", TextLimits.ReviewComment],
        ("comment", _) => text["The comment has characters that cannot be kept (control characters); please remove them."],
        ("tags", _) => text["Tell us what went wrong: tick at least one box."],
        _ => text["The rating could not be saved just now; please submit again."],
    };

    private static readonly HashSet<string> TagNames = [.. Enum.GetNames<ReviewTags>().Where(n => n != nameof(ReviewTags.None))];

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// An unknown code: 404 with "not (or no longer) valid"; a code an admin replaced: 410 with "this
    /// code was replaced — ask at the window", so a citizen with an old card knows it is not their phone.
    /// </summary>
    private static async Task<RazorComponentResult<ReviewCodeNotFound>> NotFoundAsync(IDbContextFactory<LiveBoardDb> databases, string code)
    {
        var replaced = false;
        if (code.Length <= 16)
        {
            await using var db = await databases.CreateDbContextAsync();
            replaced = await ReviewCodes.WasReplacedAsync(db, code);
        }
        return replaced
            ? new RazorComponentResult<ReviewCodeNotFound>(new { Replaced = true }) { StatusCode = StatusCodes.Status410Gone }
            : new RazorComponentResult<ReviewCodeNotFound> { StatusCode = StatusCodes.Status404NotFound };
    }

    private static async Task<(ReviewWindow Window, int HallId)?> FindAsync(IDbContextFactory<LiveBoardDb> databases, string code)
    {
        if (code.Length > Client.Admin.OrganisationLimits.ReviewCode)
            return null;
        await using var db = await databases.CreateDbContextAsync();
        // A deactivated window takes no new reviews: its printed code opens "not found".
        var window = await db.Windows.AsNoTracking().Where(w => w.ReviewCode == code && w.Active && w.Hall!.Active)
            .Select(w => new { w.HallId, w.Hall!.Name, w.Hall.NameEn, w.Number, Business = w.Business!.Name, BusinessEn = w.Business.NameEn })
            .FirstOrDefaultAsync();
        return window is null ? null : (new ReviewWindow(code, window.Name, window.NameEn, window.Number, window.Business, window.BusinessEn), window.HallId);
    }
}
