using System.Text;
using LiveBoard.Client.Account;
using LiveBoard.Client.Admin;
using LiveBoard.Server.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace LiveBoard.Server.Features.Organisation;

/// <summary>
/// The organisation: halls with their weekly hours, departments, businesses, windows and staff;
/// their import, export and template; their reload on every instance. Who may use it: admins
/// (policy Admin) — the page /admin/organisation and every /api/v1/admin/organisation endpoint.
/// </summary>
public static class OrganisationModule
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddSingleton<OrganisationChanges>();
        services.AddHostedService(sp => sp.GetRequiredService<OrganisationChanges>());
        services.AddSingleton<OrganisationAdmin>();
        services.AddSingleton<IOrganisationAdmin>(sp => sp.GetRequiredService<OrganisationAdmin>());
        return services;
    }

    /// <summary>A problem as the API answers it: where, the code, its arguments, and the message in the request's language.</summary>
    public sealed record ProblemView(string? Sheet, int? Row, string? Column, string Code, IReadOnlyList<string> Args, string Message);

    public sealed record ReportView(bool Applied, IReadOnlyList<ProblemView> Problems, IReadOnlyList<KindCounts> Counts);

    public static IEndpointRouteBuilder MapOrganisation(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/admin/organisation").WithTags("Administration").RequireAuthorization(Policies.Admin);

        api.MapGet("/template.xlsx", () =>
            Results.File(OrganisationWorkbook.Workbook(OrganisationRows.Empty, withReadMe: true), OrganisationWorkbook.XlsxContentType, "liveboard-organisation-template.xlsx"));
        api.MapGet("/template/{sheet}.csv", (string sheet) => Kind(sheet) is { } kind
            ? CsvFile.Result(OrganisationSheets.Of(kind).FileName, OrganisationWorkbook.Csv(kind, OrganisationRows.Empty))
            : UnknownSheet(sheet));
        api.MapGet("/export.xlsx", async (IOrganisationAdmin admin, CountyClock clock, CancellationToken cancellationToken) =>
            Results.File(OrganisationWorkbook.Workbook(await admin.LoadAsync(cancellationToken)), OrganisationWorkbook.XlsxContentType,
                $"liveboard-organisation-{clock.Today:yyyy-MM-dd}.xlsx"));
        api.MapGet("/export/{sheet}.csv", async (string sheet, IOrganisationAdmin admin, CancellationToken cancellationToken) => Kind(sheet) is { } kind
            ? CsvFile.Result(OrganisationSheets.Of(kind).FileName, OrganisationWorkbook.Csv(kind, await admin.LoadAsync(cancellationToken)))
            : UnknownSheet(sheet));

        // multipart/form-data with one .xlsx or one or more .csv files (antiforgery-checked, like every form).
        // ?apply=false (default): the dry run, which changes nothing. ?apply=true: import, all or nothing.
        // ?deactivateMissing=true: what a sheet of the file lacks is deactivated.
        api.MapPost("/import", async (HttpRequest request, [FromQuery] bool? apply, [FromQuery] bool? deactivateMissing,
            IOrganisationAdmin admin, IStringLocalizer<Client.Localization.Text> text, CancellationToken cancellationToken) =>
        {
            if (!request.HasFormContentType)
                return Problems.Refused(StatusCodes.Status415UnsupportedMediaType, ImportProblemCode.NotASpreadsheet, "Send the files as multipart/form-data.");
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.Count == 0)
                return Problems.Refused(StatusCodes.Status400BadRequest, ImportProblemCode.NotASpreadsheet, "No file was sent.");
            var files = new List<ImportFile>();
            foreach (var file in form.Files)
            {
                if (file.Length > OrganisationLimits.MaxFileBytes)
                    return Problems.Refused(StatusCodes.Status413PayloadTooLarge, ImportProblemCode.FileTooLarge, $"'{file.FileName}' is larger than {OrganisationLimits.MaxFileBytes / 1024 / 1024} MB.");
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, cancellationToken);
                files.Add(new ImportFile(file.FileName, buffer.ToArray()));
            }
            var report = apply == true
                ? await admin.ImportAsync(request.HttpContext.User, files, deactivateMissing == true, cancellationToken)
                : await admin.DryRunAsync(files, deactivateMissing == true, cancellationToken);
            var view = View(report, text);
            // A file that could not be read at all is a bad request; row problems are the dry run's answer,
            // and refuse an import (422) with the same list.
            if (report.Problems.Count > 0 && report.Problems.All(p => p.Sheet is null && p.Code is not ImportProblemCode.DatabaseRefused))
                return Refused(StatusCodes.Status400BadRequest, "The file could not be read; nothing was changed.", view);
            if (apply == true && !report.Applied && report.Problems.Count > 0)
                return Refused(report.Problems.Any(p => p.Code == ImportProblemCode.DatabaseRefused) ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity,
                    "The import was refused; nothing was changed.", view);
            return Results.Ok(view);
        }).WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute())
          .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
          .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxRequestBytes });
        return endpoints;
    }

    /// <summary>An import's request: six files of the largest size and the form around them; more is refused (413) before it is read.</summary>
    private const long MaxRequestBytes = (OrganisationLimits.MaxFileBytes * 6) + (64 * 1024);

    private static OrganisationKind? Kind(string sheet) => OrganisationSheets.All.FirstOrDefault(s => s.Matches(sheet))?.Kind;

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult UnknownSheet(string sheet) =>
        Problems.Refused(StatusCodes.Status404NotFound, ImportProblemCode.NoKnownSheet, $"No sheet '{sheet}': halls, hours, departments, businesses, windows or staff.");

    private static ReportView View(ImportReport report, IStringLocalizer text) => new(report.Applied,
        [.. report.Problems.Select(p => new ProblemView(p.Sheet is { } s ? OrganisationSheets.Of(s).English.ToLowerInvariant() : null, p.Row, p.Column,
            Problems.Code(p.Code), p.Args, Location(p, text) + ImportText.Message(p, text)))],
        report.Counts);

    private static string Location(ImportProblem p, IStringLocalizer text)
    {
        if (p.Sheet is null)
            return "";
        var where = new StringBuilder(ImportText.Sheet(p.Sheet, text));
        if (p.Row is { } row)
            where.Append(' ').Append(text["row {0}", row]);
        if (ImportText.Column(p.Sheet, p.Column) is { Length: > 0 } column)
            where.Append(" · ").Append(column);
        return where.Append(": ").ToString();
    }

    private static IResult Refused(int status, string title, ReportView view) => Results.Problem(statusCode: status, title: title,
        extensions: new Dictionary<string, object?> { [Problems.CodeMember] = "import-refused", ["report"] = view });
}
