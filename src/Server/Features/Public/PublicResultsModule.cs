using System.Globalization;
using LiveBoard.Client.Public;
using LiveBoard.Server.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Public;

/// <summary>
/// The county's results for the public: /public (each hall this month and last, bad reviews and
/// their rectification, the latest published window ranking) and /public/poster (its QR code for
/// the lobbies). Who may use them: anyone, without signing in.
/// </summary>
public static class PublicResultsModule
{
    public const string CachePolicy = "public-results";

    public static IServiceCollection AddPublicResults(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PublicResultsOptions>(configuration.GetSection("LiveBoard:PublicResults"));
        services.AddSingleton<PublicResultsBook>();
        // The rendered page, per language, for a few seconds: a thousand visitors a second cost one
        // render each few seconds and one computation of the figures a minute (PublicResultsBook).
        services.AddOutputCache(cache => cache.AddPolicy(CachePolicy, policy => policy
            .Expire(TimeSpan.FromSeconds(10))
            .SetVaryByQuery("culture")
            .VaryByValue(_ => new KeyValuePair<string, string>("language", CultureInfo.CurrentUICulture.Name))));
        return services;
    }

    public static IEndpointRouteBuilder MapPublicResults(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/public", async (HttpContext http, PublicResultsBook book, CountyClock clock, IOptions<PublicResultsOptions> options, CancellationToken cancellationToken) =>
            {
                var results = await book.CurrentAsync(cancellationToken);
                AllowFraming(http, options.Value);
                return new RazorComponentResult<PublicResultsPage>(new { Results = results, Offset = clock.Zone.GetUtcOffset(results.UpdatedAt) });
            })
            .CacheOutput(CachePolicy).AllowAnonymous().ExcludeFromDescription();

        endpoints.MapGet("/public/poster", (HttpContext http, IConfiguration configuration) =>
            {
                var url = QrSvg.PublicRoot(configuration, $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}") + "/public";
                return new RazorComponentResult<PublicPoster>(new { Url = url, Svg = QrSvg.Of(url) });
            })
            .AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The county's website may show the results in a frame; nothing else of LiveBoard may be framed.</summary>
    private static void AllowFraming(HttpContext http, PublicResultsOptions options)
    {
        if (options.FrameAncestors.Count == 0)
            return;
        http.Response.Headers.ContentSecurityPolicy = WebSecurity.ContentSecurityPolicy.Replace(
            "frame-ancestors 'none'", "frame-ancestors " + string.Join(' ', options.FrameAncestors), StringComparison.Ordinal);
    }
}
