using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveBoard.Client.Model;

namespace LiveBoard.Server.Live;

/// <summary>
/// One JSON shape for the API, the journal's payloads and the hub: camelCase, kebab-case enums. Strict
/// on input (issue 17): numbers as numbers ("3", not "\"3\""), each property once, enums by their names
/// only, times with their offset from UTC. What LiveBoard writes always meets these rules, so the
/// journal's payloads read back unchanged.
/// </summary>
public static class LiveJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // The web defaults read numbers from strings; a device that sends "in":"3" has a bug worth hearing about.
        options.NumberHandling = JsonNumberHandling.Strict;
        // {"eventId":"a","eventId":"b"} is one body with two meanings: refused, not "the last one wins".
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new StrictEnumConverterFactory());
        options.Converters.Add(new OffsetTimeConverter());
        // Devices need not put "type" first.
        options.AllowOutOfOrderMetadataProperties = true;
        return options;
    }
}

/// <summary>A JSON value refused for a reason worth saying: the field's code and an English detail for the device's maker.</summary>
public sealed class JsonValueRefusedException(EventRefusal code, string message) : JsonException(message)
{
    public EventRefusal Code => code;
}

/// <summary>
/// Enums by their kebab-case names only, exactly as LiveBoard writes them: no numbers, no other case
/// or spacing, no comma lists for an enum that is not a set of flags (System.Text.Json's own converter
/// read "in,out" as "meeting", and "IN" and " in" as "in"). A flags enum (review tags) is written as
/// its names joined by ", " and read the same way.
/// </summary>
internal sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;
}

internal sealed class StrictEnumConverter<T> : JsonConverter<T> where T : struct, Enum
{
    private static readonly bool IsFlags = typeof(T).IsDefined(typeof(FlagsAttribute), inherit: false);
    private static readonly Dictionary<T, string> Names = Enum.GetValues<T>().Distinct().ToDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));
    private static readonly Dictionary<string, T> Values = Names.ToDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal);
    private static readonly string Expected = $"One of: {string.Join(", ", Names.Values)}{(IsFlags ? " (several joined by \", \")" : "")}.";

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonValueRefusedException(EventRefusal.NotOneOfTheNames, $"A name, as a string (not a number). {Expected}");
        return Parse(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Format(value));

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(Format(value));

    private static T Parse(string text)
    {
        if (Values.TryGetValue(text, out var value))
            return value;
        if (IsFlags && text.Contains(',', StringComparison.Ordinal))
        {
            ulong combined = 0;
            foreach (var part in text.Split(", "))
            {
                if (!Values.TryGetValue(part, out var one))
                    throw Refused(text);
                combined |= Convert.ToUInt64(one, CultureInfo.InvariantCulture);
            }
            return (T)Enum.ToObject(typeof(T), combined);
        }
        throw Refused(text);
    }

    private static JsonValueRefusedException Refused(string text) =>
        new(EventRefusal.NotOneOfTheNames, $"'{Shown(text)}' is not a name of this field. {Expected}");

    /// <summary>What was sent, short and printable, for the error message.</summary>
    private static string Shown(string text) =>
        new([.. (text.Length > 40 ? text[..40] + "…" : text).Select(c => char.IsControl(c) ? '?' : c)]);

    private static string Format(T value)
    {
        if (Names.TryGetValue(value, out var name))
            return name;
        if (IsFlags)
        {
            var bits = Convert.ToUInt64(value, CultureInfo.InvariantCulture);
            var parts = Names.Where(n => Convert.ToUInt64(n.Key, CultureInfo.InvariantCulture) is var flag && flag != 0 && (bits & flag) == flag).Select(n => n.Value).ToList();
            if (parts.Count > 0 && parts.Aggregate(0UL, (all, n) => all | Convert.ToUInt64(Values[n], CultureInfo.InvariantCulture)) == bits)
                return string.Join(", ", parts);
        }
        throw new JsonException($"{typeof(T).Name} has no name for {value}.");
    }
}

/// <summary>
/// Times must say their offset from UTC ("2026-11-23T09:14:03+08:00" or "…Z"): without one, System.Text.Json
/// takes the server machine's zone, and a device's local time silently becomes another instant.
/// </summary>
internal sealed class OffsetTimeConverter : JsonConverter<DateTimeOffset>
{
    private const string Expected = "A time in ISO 8601 with its offset from UTC, e.g. 2026-11-23T09:14:03+08:00 or 2026-11-23T01:14:03Z.";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonValueRefusedException(EventRefusal.Malformed, Expected);
        var text = reader.GetString()!;
        if (!HasOffset(text))
            throw new JsonValueRefusedException(EventRefusal.TimeWithoutOffset, $"No offset from UTC. {Expected}");
        if (!reader.TryGetDateTimeOffset(out var value))
            throw new JsonValueRefusedException(EventRefusal.Malformed, $"Not a time. {Expected}");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>Ends in "Z" or in "+hh:mm" / "-hh:mm" after the time of day.</summary>
    private static bool HasOffset(string text)
    {
        if (text.Length < 17 || text.IndexOf('T', StringComparison.Ordinal) is var t && t < 0)
            return false;
        if (text[^1] is 'Z' or 'z')
            return true;
        return text.Length - t > 6 && text[^6] is '+' or '-' && text[^3] == ':' && char.IsAsciiDigit(text[^5]) && char.IsAsciiDigit(text[^4])
            && char.IsAsciiDigit(text[^2]) && char.IsAsciiDigit(text[^1]);
    }
}
