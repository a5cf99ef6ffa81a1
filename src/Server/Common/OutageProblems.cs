using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace LiveBoard.Server.Common;

/// <summary>The code of a request that failed because the database or Redis is away.</summary>
public enum OutageRefusal
{
    /// <summary>The database (or Redis) is unavailable just now; nothing was stored; retry after Retry-After seconds.</summary>
    StoreUnavailable,
}

/// <summary>
/// Any request that fails because the database or Redis is away (<see cref="Outage.IsOutage"/>)
/// is answered 503 problem details with Retry-After, never 500: a device or load balancer retries
/// a 503, and a 500 says the software is broken. Not logged per request: the background loops log
/// the outage once (and .NET 10 does not log exceptions a handler handled). Other exceptions stay 500.
/// </summary>
public sealed partial class OutageProblems(IProblemDetailsService problems, ILogger<OutageProblems> logger) : IExceptionHandler
{
    /// <summary>What a 503 asks a client to wait: the writer retries its database about this often.</summary>
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!Outage.IsOutage(exception) || httpContext.Response.HasStarted)
            return false;
        LogAnswered(httpContext.Request.Path, exception.GetType().Name);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        SetRetryAfter(httpContext.Response);
        // A client that takes no JSON still gets the 503 and its Retry-After, with an empty body.
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable just now; nothing was changed. Retry after a few seconds.",
                Extensions = { [Problems.CodeMember] = Problems.Code(OutageRefusal.StoreUnavailable) },
            },
        });
        return true;
    }

    public static void SetRetryAfter(HttpResponse response) =>
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path} answered 503: {Exception} (the database or Redis is away).")]
    private partial void LogAnswered(PathString path, string exception);
}
