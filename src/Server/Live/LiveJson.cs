using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveBoard.Server.Live;

/// <summary>One JSON shape for the API, the journal's payloads and the hub: camelCase, kebab-case enums.</summary>
public static class LiveJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        // Devices need not put "type" first.
        options.AllowOutOfOrderMetadataProperties = true;
        return options;
    }
}
