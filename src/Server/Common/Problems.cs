using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveBoard.Server.Common;

/// <summary>
/// RFC 7807 problem details that carry a refusal's code as the extension member "code" (kebab-case,
/// as every enum in the API), beside a readable English title or detail. Clients branch on the code,
/// never on the English.
/// </summary>
public static class Problems
{
    public const string CodeMember = "code";

    /// <summary>Per field, beside the validation errors' messages.</summary>
    public const string FieldCodesMember = "codes";

    public static string Code(Enum code) => JsonNamingPolicy.KebabCaseLower.ConvertName(code.ToString());

    public static ProblemHttpResult Refused(int status, Enum code, string title, string? detail = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { [CodeMember] = Code(code) });

    /// <summary>Fields at fault: their messages under "errors" (as ASP.NET Core's validation problems), their codes under "codes".</summary>
    public static ProblemHttpResult Invalid(int status, Enum code, string title, IReadOnlyDictionary<string, (Enum Code, string Message)> fields)
    {
        var problem = new HttpValidationProblemDetails(fields.ToDictionary(f => f.Key, f => new[] { f.Value.Message })) { Title = title, Status = status };
        problem.Extensions[CodeMember] = Code(code);
        problem.Extensions[FieldCodesMember] = fields.ToDictionary(f => f.Key, f => Code(f.Value.Code));
        return TypedResults.Problem(problem);
    }
}
