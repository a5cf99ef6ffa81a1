using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace LiveBoard.Server.Common;

/// <summary>Why a request as a whole was refused before any feature saw it (problem details' "code").</summary>
public enum RequestRefusal
{
    /// <summary>A state-changing request sent by a browser from another site's page.</summary>
    CrossSite,
}

/// <summary>The reverse proxies (nginx in docs/deploy) whose X-Forwarded-For and -Proto are believed.</summary>
public sealed class ProxyOptions
{
    /// <summary>Addresses of the proxies, e.g. ["127.0.0.1", "10.0.0.5"]. Empty: no forwarded header is believed.</summary>
    public List<string> KnownProxies { get; set; } = [];
}

/// <summary>
/// What every answer carries and every request must meet, in one place: forwarded headers from the
/// configured proxies only (so cookies are Secure behind TLS and the review rate limit counts the
/// citizen's address, not the proxy's), security headers on every answer, state-changing requests
/// from this site only, and bad input answered 400 in every environment.
/// </summary>
public static class WebSecurity
{
    /// <summary>
    /// Blazor Server needs its own scripts and a WebSocket to this host; styles may be inline (Blazor
    /// and component libraries set style attributes); QR codes are data: images. Nothing may frame
    /// LiveBoard, and forms post only here.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddWebSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("LiveBoard:Proxies").Get<ProxyOptions>() ?? new ProxyOptions();
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: the defaults (loopback) are cleared so that nothing else is believed.
            // Each proxy appends to X-Forwarded-For; the address just before the known proxy is the citizen's.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.KnownProxies)
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        // In Development too, a malformed form or JSON body is the client's 400, not a 500 page.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = false);
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    public static WebApplication UseWebSecurity(this WebApplication app)
    {
        // With no proxy configured the middleware would believe anyone (it only checks the lists when
        // they are not empty), so it runs only when some are.
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value.KnownProxies.Count > 0)
            app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseHsts(); // only on HTTPS answers, which behind the proxy is X-Forwarded-Proto: https
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // No page tells another site where it came from. The wall's address carries its key, so it
            // sends no referrer at all; elsewhere "same-origin", because under "no-referrer" a browser
            // also sends "Origin: null" with its own forms, which the check below must refuse.
            headers["Referrer-Policy"] = http.Request.Path.StartsWithSegments("/wall") ? "no-referrer" : "same-origin";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            if (IsCrossSiteWrite(http.Request))
            {
                await Problems.Refused(StatusCodes.Status403Forbidden, RequestRefusal.CrossSite,
                    "A change to LiveBoard must come from LiveBoard's own pages.").ExecuteAsync(http);
                return;
            }
            await next(http);
        });
        return app;
    }

    /// <summary>
    /// A state-changing request that a browser sent from another site. Devices (a bearer key) carry no
    /// ambient credential and are not asked; a browser names the page's origin in Origin (and says
    /// cross-site in Sec-Fetch-Site) on every POST.
    /// </summary>
    public static bool IsCrossSiteWrite(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            return false;
        if (request.Headers.Authorization.Count > 0)
            return false;
        if (request.Headers.Origin is [{ } origin])
            return !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
        return request.Headers["Sec-Fetch-Site"] is ["cross-site"];
    }
}
