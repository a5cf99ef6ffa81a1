using System.Globalization;

namespace LiveBoard.Client.Localization;

/// <summary>The UI's languages, and the domain's names in the current one.</summary>
public static class Cultures
{
    public const string English = "en";
    public const string Chinese = "zh-CN";

    public static readonly string[] Supported = [Chinese, English];

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>Halls, businesses and departments have a Chinese and an English name.</summary>
    public static string Pick(string chinese, string english) => IsChinese ? chinese : english;
}
