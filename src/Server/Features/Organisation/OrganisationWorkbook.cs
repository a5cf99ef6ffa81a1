using System.Text;
using LiveBoard.Client.Admin;
using LiveBoard.Server.Common;
using MiniExcelLibs;

namespace LiveBoard.Server.Features.Organisation;

/// <summary>A row of a sheet as read: its number as the spreadsheet shows it (the header is usually row 1) and its cells by column key.</summary>
public sealed record RawRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    public string this[string key] => Cells.GetValueOrDefault(key, "");
}

/// <summary>One kind's rows as read from a workbook's sheet or a CSV file; <see cref="Columns"/> are the keys whose header was found.</summary>
public sealed record RawSheet(OrganisationKind Kind, IReadOnlySet<string> Columns, IReadOnlyList<RawRow> Rows);

/// <summary>
/// The organisation as files: an .xlsx workbook with one sheet per kind (MiniExcel), or one CSV file
/// per kind; headers in Chinese and English (<see cref="OrganisationSheets"/>). Reading finds each
/// sheet by its name (or a CSV file by its headers) and each column by its header in either language;
/// sheets and columns it does not know are ignored.
/// </summary>
public static class OrganisationWorkbook
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The template's own sheet, ignored when read back.</summary>
    private const string ReadMeSheet = "说明 Read me";

    // ---- Reading ----

    public static (IReadOnlyList<RawSheet> Sheets, IReadOnlyList<ImportProblem> Problems) Read(IReadOnlyList<ImportFile> files)
    {
        var sheets = new List<RawSheet>();
        var problems = new List<ImportProblem>();
        foreach (var file in files)
        {
            if (file.Content.Length > OrganisationLimits.MaxFileBytes)
            {
                problems.Add(new(null, null, null, ImportProblemCode.FileTooLarge, file.Name, (OrganisationLimits.MaxFileBytes / 1024 / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                continue;
            }
            var extension = Path.GetExtension(file.Name).ToLowerInvariant();
            try
            {
                var read = extension switch
                {
                    ".xlsx" => ReadWorkbook(file.Content),
                    ".csv" => [.. ReadCsv(file.Name, file.Content, problems)],
                    _ => null,
                };
                if (read is null)
                {
                    problems.Add(new(null, null, null, ImportProblemCode.NotASpreadsheet, file.Name));
                    continue;
                }
                if (read.Count == 0 && !problems.Any(p => p.Code == ImportProblemCode.NoKnownSheet))
                    problems.Add(new(null, null, null, ImportProblemCode.NoKnownSheet, file.Name));
                foreach (var sheet in read)
                {
                    if (sheets.Any(s => s.Kind == sheet.Kind))
                        problems.Add(new(sheet.Kind, null, null, ImportProblemCode.SheetTwice, file.Name));
                    else
                        sheets.Add(sheet);
                }
            }
            // Not a workbook after all (a renamed file, a damaged download), or one MiniExcel cannot read.
            catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or FormatException or NotSupportedException or System.Xml.XmlException or ArgumentException or KeyNotFoundException or IndexOutOfRangeException or NullReferenceException)
            {
                problems.Add(new(null, null, null, ImportProblemCode.UnreadableFile, file.Name));
            }
        }
        foreach (var sheet in sheets)
        {
            var definition = OrganisationSheets.Of(sheet.Kind);
            foreach (var missing in definition.Columns.Where(c => c.Required && !sheet.Columns.Contains(c.Key)))
                problems.Add(new(sheet.Kind, null, missing.Key, ImportProblemCode.MissingColumn, missing.Header));
        }
        return (sheets, problems);
    }

    private static List<RawSheet> ReadWorkbook(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        var names = stream.GetSheetNames();
        var sheets = new List<RawSheet>();
        foreach (var name in names)
        {
            if (OrganisationSheets.All.FirstOrDefault(s => s.Matches(name)) is not { } definition)
                continue;
            stream.Position = 0;
            // Without a header row MiniExcel names the cells by column letter and yields the empty
            // rows too, so a row's position is its number in the spreadsheet.
            var rows = stream.Query(useHeaderRow: false, sheetName: name, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>()
                .Select(r => r.ToDictionary(c => c.Key, c => OrganisationValues.CellText(c.Value)))
                .ToList();
            sheets.Add(ToSheet(definition, rows));
        }
        return sheets;
    }

    /// <summary>A CSV file holds one kind: the one its file name says (halls.csv, 人员.csv), else the one whose headers it has.</summary>
    private static IEnumerable<RawSheet> ReadCsv(string fileName, byte[] content, List<ImportProblem> problems)
    {
        var records = CsvRecords(Encoding.UTF8.GetString(content).TrimStart('\uFEFF'));
        var header = records.FirstOrDefault(r => r.Any(c => c.Length > 0)) ?? [];
        var byName = OrganisationSheets.All.FirstOrDefault(s => s.Matches(Path.GetFileNameWithoutExtension(fileName)));
        var definition = byName ?? OrganisationSheets.All
            .Select(s => (Sheet: s, Found: s.Columns.Count(c => header.Any(h => c.Matches(h))), Required: s.Columns.Where(c => c.Required).All(c => header.Any(h => c.Matches(h)))))
            .Where(s => s.Required).OrderByDescending(s => s.Found).Select(s => s.Sheet).FirstOrDefault();
        if (definition is null)
        {
            problems.Add(new(null, null, null, ImportProblemCode.NoKnownSheet, fileName));
            yield break;
        }
        // Column letters as MiniExcel names them, so both readers hand the same shape on.
        yield return ToSheet(definition, [.. records.Select(r => r.Select((cell, i) => (Letter(i), Unguard(cell.Trim()))).ToDictionary(c => c.Item1, c => c.Item2))]);
    }

    private static RawSheet ToSheet(OrganisationSheet definition, List<Dictionary<string, string>> rows)
    {
        var headerIndex = rows.FindIndex(r => r.Values.Any(v => v.Length > 0));
        if (headerIndex < 0)
            return new RawSheet(definition.Kind, new HashSet<string>(), []);
        var letters = new Dictionary<string, string>();
        foreach (var (letter, text) in rows[headerIndex])
        {
            if (definition.Columns.FirstOrDefault(c => c.Matches(text)) is { } column && !letters.ContainsValue(column.Key))
                letters[letter] = column.Key;
        }
        var raw = new List<RawRow>();
        for (var i = headerIndex + 1; i < rows.Count; i++)
        {
            var cells = letters.ToDictionary(l => l.Value, l => rows[i].GetValueOrDefault(l.Key, ""));
            if (cells.Values.All(v => v.Length == 0))
                continue;
            raw.Add(new RawRow(i + 1, cells));
        }
        return new RawSheet(definition.Kind, letters.Values.ToHashSet(), raw);
    }

    /// <summary>RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks; every record counts as a row, empty ones too.</summary>
    internal static List<List<string>> CsvRecords(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }
        return records;
    }

    /// <summary>The export's formula guard (<see cref="CsvFile"/>) undone: "'=x" read back is "=x", so the round trip holds.</summary>
    private static string Unguard(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' ? cell[1..] : cell;

    private static string Letter(int index) => index < 26 ? ((char)('A' + index)).ToString() : Letter((index / 26) - 1) + (char)('A' + (index % 26));

    // ---- Writing ----

    /// <summary>The organisation as a workbook, one sheet per kind (every kind unless <paramref name="kinds"/> says); an empty organisation gives the template's headers.</summary>
    public static byte[] Workbook(OrganisationRows organisation, bool withReadMe = false, IReadOnlyCollection<OrganisationKind>? kinds = null)
    {
        var sheets = new Dictionary<string, object>();
        if (withReadMe)
            sheets[ReadMeSheet] = ReadMe();
        foreach (var definition in OrganisationSheets.All.Where(s => kinds is null || kinds.Contains(s.Kind)))
        {
            // The header is written as the first row (printHeader off), so a sheet with no rows still has it.
            List<Dictionary<string, object?>> rows = [definition.Columns.ToDictionary(c => c.Key, c => (object?)c.Header)];
            rows.AddRange(Rows(definition.Kind, organisation).Select(r => definition.Columns.ToDictionary(c => c.Key, c => Cell(c.Key, r.GetValueOrDefault(c.Key, "")))));
            sheets[definition.Name] = rows;
        }
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static readonly HashSet<string> NumberColumns = [OrganisationSheets.Capacity, OrganisationSheets.Number, OrganisationSheets.Minutes, OrganisationSheets.Window];

    /// <summary>Numbers as number cells (no "number stored as text" in Excel), everything else as text — never a formula.</summary>
    private static object? Cell(string key, string text) =>
        NumberColumns.Contains(key) && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : text;

    /// <summary>One kind as CSV (UTF-8 with BOM, the formula guard): the same headers and cells as its sheet.</summary>
    public static string Csv(OrganisationKind kind, OrganisationRows organisation)
    {
        var definition = OrganisationSheets.Of(kind);
        var csv = new StringBuilder();
        csv.AppendJoin(',', definition.Columns.Select(c => CsvFile.Field(c.Header))).Append("\r\n");
        foreach (var row in Rows(kind, organisation))
            csv.AppendJoin(',', definition.Columns.Select(c => CsvFile.Field(row.GetValueOrDefault(c.Key, "")))).Append("\r\n");
        return csv.ToString();
    }

    /// <summary>The cells of every row of a kind, by column key, as the export writes them.</summary>
    internal static IEnumerable<Dictionary<string, string>> Rows(OrganisationKind kind, OrganisationRows o) => kind switch
    {
        OrganisationKind.Halls => o.Halls.Select(h => new Dictionary<string, string>
        {
            [OrganisationSheets.Code] = h.Code, [OrganisationSheets.Name] = h.Name, [OrganisationSheets.NameEn] = h.NameEn,
            [OrganisationSheets.Kind] = OrganisationValues.Kind(h.Kind), [OrganisationSheets.Capacity] = OrganisationValues.Whole(h.Capacity),
            [OrganisationSheets.Active] = OrganisationValues.Active(h.Active),
        }),
        OrganisationKind.Hours => o.Hours.Select(h => new Dictionary<string, string>
        {
            [OrganisationSheets.Hall] = h.Hall, [OrganisationSheets.Day] = OrganisationValues.Day(h.Day),
            [OrganisationSheets.Opens] = OrganisationValues.Time(h.Opens), [OrganisationSheets.LunchStarts] = OrganisationValues.Time(h.LunchStarts),
            [OrganisationSheets.LunchEnds] = OrganisationValues.Time(h.LunchEnds), [OrganisationSheets.Closes] = OrganisationValues.Time(h.Closes),
        }),
        OrganisationKind.Departments => o.Departments.Select(d => new Dictionary<string, string>
        {
            [OrganisationSheets.Code] = d.Code, [OrganisationSheets.Name] = d.Name, [OrganisationSheets.NameEn] = d.NameEn,
            [OrganisationSheets.Active] = OrganisationValues.Active(d.Active),
        }),
        OrganisationKind.Businesses => o.Businesses.Select(b => new Dictionary<string, string>
        {
            [OrganisationSheets.Code] = b.Code, [OrganisationSheets.Name] = b.Name, [OrganisationSheets.NameEn] = b.NameEn,
            [OrganisationSheets.Department] = b.Department, [OrganisationSheets.Minutes] = OrganisationValues.Whole(b.TypicalMinutes),
            [OrganisationSheets.Active] = OrganisationValues.Active(b.Active),
        }),
        OrganisationKind.Windows => o.Windows.Select(w => new Dictionary<string, string>
        {
            [OrganisationSheets.Hall] = w.Hall, [OrganisationSheets.Number] = OrganisationValues.Whole(w.Number), [OrganisationSheets.Business] = w.Business,
            [OrganisationSheets.Department] = w.Department, [OrganisationSheets.ReviewCode] = w.ReviewCode,
            [OrganisationSheets.Active] = OrganisationValues.Active(w.Active),
        }),
        _ => o.Staff.Select(s => new Dictionary<string, string>
        {
            [OrganisationSheets.StaffNumber] = s.Number, [OrganisationSheets.Name] = s.Name, [OrganisationSheets.Pinyin] = s.Pinyin,
            [OrganisationSheets.Position] = s.Position, [OrganisationSheets.Hall] = s.Hall, [OrganisationSheets.Window] = OrganisationValues.Whole(s.Window),
            [OrganisationSheets.Department] = s.Department, [OrganisationSheets.Phone] = s.WorkPhone, [OrganisationSheets.Account] = s.Account,
            [OrganisationSheets.Active] = OrganisationValues.Active(s.Active),
        }),
    };

    /// <summary>The template's first sheet: what each sheet is for and how its cells are written, in both languages.</summary>
    private static List<Dictionary<string, object?>> ReadMe()
    {
        string[][] lines =
        [
            ["LiveBoard 组织机构导入模板", "LiveBoard organisation import template"],
            ["每类一个工作表；表头中文或英文均可；多余的列和工作表会被忽略。", "One sheet per kind; headers in Chinese or English; other columns and sheets are ignored."],
            ["先试导入（不做任何更改）列出每行的问题，确认后才一次性导入。", "A dry run lists each row's problems and changes nothing; the import applies everything at once after you confirm."],
            ["大厅：县级或乡镇写“县级”或“乡镇”；启用写“是”或“否”（空为是）。", "Halls: county or township; Active is yes or no (empty: yes)."],
            ["开放时间：每个大厅每个开放的星期一行（周一…周日或 1–7）；时间写 08:30；午休可空；未列的星期不开放。", "Hours: one row per hall and weekday it opens (Mon…Sun or 1–7); times as 08:30; lunch may be empty; a weekday not listed is closed."],
            ["窗口：大厅编码加窗口号唯一；部门空为事项所属部门；评价码空则自动生成。", "Windows: hall code and number are unique; an empty department is the business's; an empty review code is made for you."],
            ["人员：工号唯一；窗口号空为后台人员；关联账号填用户名（可空）。", "Staff: the staff number is unique; an empty window is the back office; the linked account is a user name (may be empty)."],
            ["停用：有历史的大厅、窗口、人员只停用，不删除，统计保留。", "Deactivating: a hall, window or staff member with history is deactivated, never deleted; its statistics stay."],
        ];
        return [.. lines.Select(l => new Dictionary<string, object?> { ["zh"] = l[0], ["en"] = l[1] })];
    }
}
