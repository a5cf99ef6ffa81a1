namespace LiveBoard.Client.Live;

/// <summary>How the screens write figures: one place, so every page says it the same way.</summary>
public static class Format
{
    public static string Minutes(TimeSpan? span) => span is { } s ? $"{Math.Max(0, s.TotalMinutes):0} min" : "–";

    public static string Percent(double? rate) => rate is { } r ? $"{r * 100:0.0} %" : "–";

    public static string Age(DateTimeOffset? since, DateTimeOffset now)
    {
        if (since is not { } s)
            return "no events yet";
        var age = now - s;
        return age.TotalSeconds < 60 ? $"{Math.Max(0, age.TotalSeconds):0} s ago"
            : age.TotalMinutes < 60 ? $"{age.TotalMinutes:0} min ago"
            : $"{age.TotalHours:0.#} h ago";
    }
}
