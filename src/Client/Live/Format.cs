using Microsoft.Extensions.Localization;

namespace LiveBoard.Client.Live;

/// <summary>How the screens write figures: one place, so every page says it the same way.</summary>
public static class Format
{
    public static string Minutes(TimeSpan? span, IStringLocalizer text) =>
        span is { } s ? text["{0} min", (int)Math.Max(0, s.TotalMinutes)] : "–";

    /// <summary>
    /// An instant as a date and minute in the county's time zone, never UTC or the display
    /// machine's zone; empty for none. For reports (a publication time) that name the day too.
    /// </summary>
    public static string CountyMinute(DateTimeOffset? instant, ILiveFeed live) =>
        instant is { } at ? live.ToCounty(at).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";

    public static string Percent(double? rate) => rate is { } r ? $"{r * 100:0.0} %" : "–";

    /// <summary>How long ago a hall was last heard from: shown on every hall, so staleness is visible.</summary>
    public static string Age(DateTimeOffset? since, DateTimeOffset now, IStringLocalizer text)
    {
        if (since is not { } s)
            return text["no data today"];
        var age = now - s;
        return age.TotalSeconds < 60 ? text["updated {0} s ago", Math.Max(0, (int)age.TotalSeconds)]
            : age.TotalMinutes < 120 ? text["updated {0} min ago", (int)age.TotalMinutes]
            : text["updated {0} h ago", (int)age.TotalHours];
    }

    /// <summary>A day's hours: "08:30–12:00, 13:30–17:30" with a lunch break, "09:00–12:00" without.</summary>
    public static string Hours(Model.DayHours day)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        return day.LunchStarts is { } lunch && day.LunchEnds is { } back
            ? $"{day.Opens.ToString("HH:mm", c)}–{lunch.ToString("HH:mm", c)}, {back.ToString("HH:mm", c)}–{day.Closes.ToString("HH:mm", c)}"
            : $"{day.Opens.ToString("HH:mm", c)}–{day.Closes.ToString("HH:mm", c)}";
    }
}
