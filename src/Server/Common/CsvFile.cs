using System.Text;

namespace LiveBoard.Server.Common;

/// <summary>
/// The one CSV writer of every export (statistics, rankings, attendance): fields quoted when needed,
/// a leading = + - @ (or tab, carriage return) neutralised so a spreadsheet never runs a cell as a
/// formula (a staff name "=HYPERLINK(…)" stays text), and UTF-8 with a byte order mark, which Excel
/// — what leaders open these with — needs to read Chinese.
/// </summary>
public static class CsvFile
{
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    public static IResult Result(string fileName, string content) =>
        Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(content)], "text/csv; charset=utf-8", fileName);
}
