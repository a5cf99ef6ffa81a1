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

    /// <summary>A list in running text: "城关镇、东坝镇" in Chinese, "Chengguan, Dongba" in English.</summary>
    public static string List(IEnumerable<string> items) => string.Join(IsChinese ? "、" : ", ", items);

    /// <summary>
    /// A hall's name where space is short (tiles, ticker, rankings): "城关镇便民服务中心" reads "城关镇",
    /// "清溪县政务服务中心" reads "清溪县中心"; in English the code's short form is given.
    /// </summary>
    public static string ShortHallName(string chinese, string english) => IsChinese
        ? chinese.Replace("便民服务中心", "", StringComparison.Ordinal).Replace("政务服务中心", "中心", StringComparison.Ordinal)
        : english;

    /// <summary>
    /// A hall's name where only a word fits (a wall tile, the ticker): the township's name alone
    /// in either language ("城关镇", "Chengguan"), the county centre as "中心" / "County centre".
    /// </summary>
    public static string BriefHallName(string chinese, string english) => IsChinese
        ? ShortHallName(chinese, english)
        : english.EndsWith(CentreEn, StringComparison.Ordinal) ? "County centre" : english.Replace(" Township Service Hall", "", StringComparison.Ordinal);

    /// <summary>
    /// The county's name, from its centre's (the hall of kind County): "清溪县政务服务中心" gives "清溪县",
    /// "Qingxi County Administrative Service Centre" gives "Qingxi County"; a centre named otherwise
    /// gives its whole name. The wall's title says it, so a county's wall names that county.
    /// </summary>
    public static string CountyName(string chinese, string english) => IsChinese
        ? (chinese.EndsWith(CentreZh, StringComparison.Ordinal) && chinese.Length > CentreZh.Length ? chinese[..^CentreZh.Length] : chinese)
        : (english.EndsWith(CentreEn, StringComparison.Ordinal) && english.Length > CentreEn.Length ? english[..^CentreEn.Length] : english);

    private const string CentreZh = "政务服务中心";
    private const string CentreEn = " Administrative Service Centre";
}
