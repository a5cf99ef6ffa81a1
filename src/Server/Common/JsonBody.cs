using System.Text.Json;
using LiveBoard.Client.Model;
using LiveBoard.Server.Live;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace LiveBoard.Server.Common;

/// <summary>
/// Reads an API's JSON body itself rather than through parameter binding, so that a refused body's
/// problem details name the field (the JSON path) that broke it and say why: malformed JSON, a value of
/// the wrong kind, a time without offset, an enum's unknown name (<see cref="LiveJson"/>), a body too large.
/// The codes are the ingest API's (<see cref="EventRefusal"/>): one vocabulary for every JSON endpoint.
/// </summary>
public static class JsonBody
{
    /// <param name="http">The request.</param>
    /// <param name="maxBytes">The body's limit (also set on the endpoint with <see cref="SizeLimit"/>).</param>
    /// <param name="unknownType">For a body with a "type" discriminator: what to say when it is missing or unknown.</param>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpContext http, long maxBytes, string? unknownType = null) where T : class
    {
        if (http.Request.ContentLength > maxBytes)
            return (null, TooLarge(maxBytes));
        if (!http.Request.HasJsonContentType())
            return (null, Problems.Refused(StatusCodes.Status415UnsupportedMediaType, EventRefusal.NotJson, "Send the body as application/json."));
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, LiveJson.Options, http.RequestAborted);
            return body is null
                ? (null, Malformed("$", EventRefusal.Required, "A JSON object is required.", "The body is empty."))
                : (body, null);
        }
        catch (NotSupportedException) when (unknownType is not null)
        {
            // System.Text.Json's word for a body without the "type" discriminator.
            return (null, Malformed("type", EventRefusal.UnknownType, unknownType));
        }
        catch (JsonValueRefusedException ex)
        {
            return (null, Malformed(Field(ex.Path), ex.Code, ex.Message));
        }
        catch (JsonException ex)
        {
            // System.Text.Json says so only in its message: the one place an English text is read here.
            if (unknownType is not null && (ex.Message.Contains("type discriminator", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("'type'", StringComparison.Ordinal)))
                return (null, Malformed(Field(ex.Path), EventRefusal.UnknownType, unknownType));
            return (null, Malformed(Field(ex.Path), EventRefusal.Malformed,
                $"Malformed JSON or a value of the wrong kind (numbers as numbers, texts as strings, each property once; line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
        catch (BadHttpRequestException)
        {
            return (null, Malformed("$", EventRefusal.Malformed, "The body could not be read."));
        }
    }

    /// <summary>"$.events[2].in" as the validators name it: "events[2].in" ("$" for the body as a whole).</summary>
    public static string Field(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static ProblemHttpResult Malformed(string field, EventRefusal code, string message, string title = "The body was refused; nothing was stored.") =>
        Problems.Invalid(StatusCodes.Status400BadRequest, EventRefusal.Malformed, title, new Dictionary<string, (Enum, string)> { [field] = (code, message) });

    private static ProblemHttpResult TooLarge(long maxBytes) =>
        Problems.Refused(StatusCodes.Status413PayloadTooLarge, EventRefusal.BodyTooLarge, "The body is too large; nothing was stored.",
            detail: $"At most {maxBytes / 1024} KiB.");

    /// <summary>The endpoint's body limit, for Kestrel to enforce while reading (a chunked body has no length to check first).</summary>
    public sealed class SizeLimit(long maxBytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => maxBytes;
    }
}
