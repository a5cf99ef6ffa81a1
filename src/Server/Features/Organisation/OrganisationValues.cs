using System.Globalization;
using LiveBoard.Client.Model;

namespace LiveBoard.Server.Features.Organisation;

/// <summary>
/// How the organisation's cells are written and read: what the export writes, the import reads
/// back unchanged, and what else a county's own spreadsheet may say (either language, Excel's
/// time cells). One place, so the round trip holds.
/// </summary>
public static class OrganisationValues
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public const string Yes = "是 yes";
    public const string No = "否 no";

    public static string Active(bool active) => active ? Yes : No;

    /// <summary>Empty is yes: a county's list names the halls it has.</summary>
    public static bool? ParseActive(string text) => Words(text) switch
    {
        "" => true,
        var t when t.Contains('否') || t.Contains("停用", StringComparison.Ordinal) || t is "no" or "n" or "false" or "0" or "inactive" => false,
        var t when t.Contains('是') || t.Contains("启用", StringComparison.Ordinal) || t is "yes" or "y" or "true" or "1" or "active" => true,
        _ => null,
    };

    public static string Kind(HallKind kind) => kind == HallKind.County ? "县级 county" : "乡镇 township";

    public static HallKind? ParseKind(string text) => Words(text) switch
    {
        var t when t.Contains("county", StringComparison.Ordinal) || t.Contains('县') => HallKind.County,
        var t when t.Contains("township", StringComparison.Ordinal) || t.Contains('乡') || t.Contains('镇') || t.Contains('街') => HallKind.Township,
        _ => null,
    };

    private static readonly string[] ChineseDays = ["日", "一", "二", "三", "四", "五", "六"];

    /// <summary>"周一 Mon".</summary>
    public static string Day(DayOfWeek day) => $"周{ChineseDays[(int)day]} {Invariant.DateTimeFormat.GetAbbreviatedDayName(day)}";

    /// <summary>1–7 (Monday is 1), 周一 / 星期一 / 礼拜一 / 一, Mon / Monday, or the export's "周一 Mon".</summary>
    public static DayOfWeek? ParseDay(string text)
    {
        var t = Words(text);
        if (int.TryParse(t, NumberStyles.None, Invariant, out var number) || (double.TryParse(t, NumberStyles.Float, Invariant, out var d) && d == Math.Floor(d) && (number = (int)d) == d))
            return number is >= 1 and <= 7 ? (DayOfWeek)(number % 7) : null;
        foreach (var part in t.Split(' '))
        {
            var chinese = part.TrimStart('周', '星', '期', '礼', '拜');
            if (chinese.Length == 1 && Array.IndexOf(ChineseDays, chinese == "天" ? "日" : chinese) is >= 0 and var index)
                return (DayOfWeek)index;
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                if (string.Equals(part, day.ToString(), StringComparison.OrdinalIgnoreCase) || string.Equals(part, Invariant.DateTimeFormat.GetAbbreviatedDayName(day), StringComparison.OrdinalIgnoreCase))
                    return day;
            }
        }
        return null;
    }

    public static string Time(TimeOnly? time) => time?.ToString("HH:mm", Invariant) ?? "";

    /// <summary>"8:30", "08:30", "08:30:00", "8.30", "0830", or Excel's fraction of a day (a time cell).</summary>
    public static TimeOnly? ParseTime(string text)
    {
        var t = Words(text).Replace('：', ':').Replace('.', ':');
        if (TimeOnly.TryParseExact(t, ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], Invariant, DateTimeStyles.None, out var time))
            return time;
        if (t.Length == 4 && t.All(char.IsAsciiDigit) && int.Parse(t[..2], Invariant) is var h and < 24 && int.Parse(t[2..], Invariant) is var m and < 60)
            return new TimeOnly(h, m);
        // A time cell that came through as its number: "0:354166…" after the '.' replacement.
        if (double.TryParse(Words(text), NumberStyles.Float, Invariant, out var fraction) && fraction is > 0 and < 1)
            return TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(Math.Round(fraction * 24 * 60)));
        return null;
    }

    /// <summary>A whole number: "12", or Excel's 12.0.</summary>
    public static int? ParseWhole(string text)
    {
        var t = Words(text);
        if (int.TryParse(t, NumberStyles.AllowLeadingSign, Invariant, out var whole))
            return whole;
        return double.TryParse(t, NumberStyles.Float, Invariant, out var number) && number == Math.Floor(number) && Math.Abs(number) < int.MaxValue ? (int)number : null;
    }

    public static string Whole(int? number) => number?.ToString(Invariant) ?? "";

    /// <summary>A cell as text: what the reader saw in the spreadsheet, whatever type Excel stored it as.</summary>
    public static string CellText(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        double d => d.ToString("R", Invariant),
        DateTime dt when dt.Year < 1901 => dt.ToString("HH:mm", Invariant),
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm", Invariant),
        TimeSpan span => span.ToString(@"hh\:mm", Invariant),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, Invariant).Trim(),
        _ => value.ToString()?.Trim() ?? "",
    };

    private static string Words(string text) => string.Join(' ', text.Split([' ', '\t', '\u3000'], StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
