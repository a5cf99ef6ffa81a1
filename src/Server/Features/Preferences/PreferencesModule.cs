using System.Globalization;
using LiveBoard.Client.Localization;
using LiveBoard.Server.Common;
using Microsoft.AspNetCore.Localization;

namespace LiveBoard.Server.Features.Preferences;

/// <summary>
/// Language and theme. The language comes from the URL (?culture=zh-CN, for wall displays), else
/// the remembered cookie, else LiveBoard:DefaultCulture — never the browser's language, so a kiosk
/// shows what it was set up to show. Who may use it: anyone; it only sets the caller's cookies.
/// </summary>
public static class PreferencesModule
{
    public const string ThemeCookie = "liveboard-theme";
    private static readonly string[] Themes = ["light", "dark"];

    public static IServiceCollection AddPreferences(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLocalization();
        var fallback = configuration["LiveBoard:DefaultCulture"] ?? Cultures.Chinese;
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(fallback).AddSupportedCultures(Cultures.Supported).AddSupportedUICultures(Cultures.Supported);
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static IApplicationBuilder UsePreferences(this IApplicationBuilder app)
    {
        app.UseRequestLocalization();
        // A culture given in the URL is remembered, so the circuit (whose requests carry no query
        // string) renders in the same language as the page that opened it.
        app.Use(async (context, next) =>
        {
            if (context.Request.Query["culture"].FirstOrDefault() is { } culture && Cultures.Supported.Contains(culture))
                RememberCulture(context, culture);
            await next();
        });
        return app;
    }

    public static IEndpointRouteBuilder MapPreferences(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/preferences/culture", (HttpContext context, string value, string? redirect) =>
        {
            if (Cultures.Supported.Contains(value))
                RememberCulture(context, value);
            return Results.LocalRedirect(LocalUrl.OrRoot(redirect));
        }).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/preferences/theme", (HttpContext context, string value, string? redirect) =>
        {
            if (Themes.Contains(value))
                context.Response.Cookies.Append(ThemeCookie, value, new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(LocalUrl.OrRoot(redirect));
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static void RememberCulture(HttpContext context, string culture) =>
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
}
