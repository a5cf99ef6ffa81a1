using LiveBoard.Client.Account;
using LiveBoard.Client.Admin;
using LiveBoard.Server.Features.Alerts;
using LiveBoard.Server.Features.DirectorDuty;

namespace LiveBoard.Server.Features.Admin;

/// <summary>
/// The administration's settings besides the organisation — users, displays and devices, the
/// working-day calendar, alert thresholds, review codes, the director duty roster. Their services
/// live with their features (Accounts, Devices, Alerts, Reviews, DirectorDuty); here are the forms'
/// choices and the downloads. Who may use them: admins.
/// </summary>
public static class AdminSettingsModule
{
    public static IServiceCollection AddAdminSettings(this IServiceCollection services) =>
        services.AddSingleton<IAdminChoices, AdminChoices>();

    public static IEndpointRouteBuilder MapAdminSettings(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/admin").WithTags("Administration").RequireAuthorization(Policies.Admin);
        // What is stored, in the import's own format: export, edit, import again.
        api.MapGet("/calendar/{year:int}.csv", async Task<IResult> (int year, ICalendarAdmin calendar, HttpContext http) =>
            year is < MinYear or > MaxYear
                ? NoSuchYear()
                : Common.CsvFile.Result($"calendar-{year}.csv", CalendarAdmin.Csv(await calendar.YearAsync(year, http.RequestAborted))));
        api.MapGet("/roster/{year:int}.csv", async Task<IResult> (int year, RosterAdmin roster, HttpContext http) =>
            year is < MinYear or > MaxYear
                ? NoSuchYear()
                : Common.CsvFile.Result($"director-roster-{year}.csv", await roster.CsvAsync(year, http.RequestAborted)));
        return endpoints;
    }

    private const int MinYear = 2000, MaxYear = 2100;

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NoSuchYear() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such year.");
}
