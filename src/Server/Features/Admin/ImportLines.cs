using System.Globalization;
using System.Text;
using LiveBoard.Client.Admin;
using MiniExcelLibs;

namespace LiveBoard.Server.Features.Admin;

/// <summary>One line of an import: its number as the admin sees it (line or row), its text, and its cells.</summary>
public sealed record ImportLine(int Number, string Text, IReadOnlyList<string> Cells);

/// <summary>
/// Reads what an admin imports — a pasted list, a CSV or text file, or an .xlsx workbook's first
/// sheet — into numbered lines of cells, so each import checks lines the same way whatever came in.
/// A text line's cells are split by tabs (pasted from a spreadsheet), else by commas (CSV, quotes
/// allowed), else by spaces ("2027-02-06 春节 holiday"). Blank lines and lines starting with # are skipped,
/// but counted, so a problem's line number is the one the admin sees.
/// </summary>
public static class ImportLines
{
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>The lines, or null when the file cannot be read (not UTF-8/GB18030 text, not an .xlsx workbook).</summary>
    public static IReadOnlyList<ImportLine>? Read(ImportSource source)
    {
        if (source.File is { } bytes)
        {
            if (bytes.Length > MaxBytes)
                return null;
            return IsWorkbook(bytes) ? ReadWorkbook(bytes) : Decode(bytes) is { } text ? ReadText(text) : null;
        }
        return ReadText(source.Text ?? "");
    }

    /// <summary>An .xlsx file is a zip archive: it starts with "PK".</summary>
    private static bool IsWorkbook(byte[] bytes) => bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K';

    private static List<ImportLine>? ReadWorkbook(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes);
            var lines = new List<ImportLine>();
            var number = 0;
            foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                number++;
                var cells = row.Values.Select(Cell).ToList();
                while (cells.Count > 0 && cells[^1].Length == 0)
                    cells.RemoveAt(cells.Count - 1);
                if (cells.Count == 0 || cells[0].StartsWith('#'))
                    continue;
                lines.Add(new ImportLine(number, string.Join(" | ", cells), cells));
            }
            return lines;
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or IOException or FormatException or System.Xml.XmlException)
        {
            return null;
        }
    }

    /// <summary>A workbook cell as text: dates as yyyy-MM-dd whatever the sheet's format, numbers without a thousands separator.</summary>
    private static string Cell(object? value) => value switch
    {
        null => "",
        DateTime date => date.TimeOfDay == TimeSpan.Zero ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        double number => number.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()?.Trim() ?? "",
    };

    /// <summary>UTF-8 (with or without its byte order mark), else GB18030 — what Excel in Chinese saves "CSV" as.</summary>
    private static string? Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
        }
        try
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    public static List<ImportLine> ReadText(string text)
    {
        var lines = new List<ImportLine>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            lines.Add(new ImportLine(number, line, Split(line)));
        }
        return lines;
    }

    public static List<string> Split(string line)
    {
        if (line.Contains('\t', StringComparison.Ordinal))
            return [.. line.Split('\t').Select(c => c.Trim())];
        if (line.Contains(',', StringComparison.Ordinal) || line.Contains('，', StringComparison.Ordinal))
            return Csv(line.Replace('，', ','));
        return [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    /// <summary>One CSV line: fields split by commas, a quoted field may hold commas and doubled quotes.</summary>
    private static List<string> Csv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                    cell.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
                cell.Append(c);
        }
        cells.Add(cell.ToString().Trim());
        return cells;
    }

    /// <summary>A date as counties write it: 2027-02-06, 2027/2/6, 2027.2.6, 20270206 or 2027年2月6日.</summary>
    public static DateOnly? Date(string text)
    {
        var t = text.Trim().Replace('年', '-').Replace('月', '-').Replace("日", "", StringComparison.Ordinal).Replace('/', '-').Replace('.', '-');
        if (t.Length > 10 && t[10] == ' ')
            t = t[..10]; // a workbook's date with a time of day
        string[] formats = ["yyyy-M-d", "yyyyMMdd"];
        return DateOnly.TryParseExact(t, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }
}
