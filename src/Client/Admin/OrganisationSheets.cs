namespace LiveBoard.Client.Admin;

/// <summary>A column of an organisation sheet: its key (what problems name), and its header in both languages.</summary>
public sealed record SheetColumn(string Key, string Chinese, string English, bool Required = true, int? MaxLength = null)
{
    /// <summary>The template's header: both languages, so a Chinese or an English reader knows it ("大厅编码 Hall code").</summary>
    public string Header => $"{Chinese} {English}";

    /// <summary>A header as someone typed it matches in either language, or both (case, spaces and line breaks aside).</summary>
    public bool Matches(string header)
    {
        var typed = Normalise(header);
        return typed.Length > 0 && (typed == Normalise(Chinese) || typed == Normalise(English) || typed == Normalise(Header) || typed == Normalise(English + " " + Chinese));
    }

    internal static string Normalise(string text) =>
        string.Join(' ', text.Split([' ', '\t', '\r', '\n', '\u3000'], StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}

/// <summary>One kind's sheet: its name in both languages and its columns.</summary>
public sealed record OrganisationSheet(OrganisationKind Kind, string Chinese, string English, IReadOnlyList<SheetColumn> Columns)
{
    /// <summary>The workbook's sheet name: "大厅 Halls".</summary>
    public string Name => $"{Chinese} {English}";

    /// <summary>The CSV file's name when one sheet is exported alone.</summary>
    public string FileName => English.ToLowerInvariant() + ".csv";

    public SheetColumn Column(string key) => Columns.First(c => c.Key == key);

    /// <summary>A sheet name matches in either language or both; a CSV file's name matches its English name.</summary>
    public bool Matches(string sheetName)
    {
        var typed = SheetColumn.Normalise(sheetName);
        return typed == SheetColumn.Normalise(Chinese) || typed == SheetColumn.Normalise(English) || typed == SheetColumn.Normalise(Name);
    }
}

/// <summary>
/// The organisation's workbook: one sheet per kind, headers in Chinese and English (decision 0015).
/// The template, the export and the import all use these definitions; the screens word a problem's
/// column with them.
/// </summary>
public static class OrganisationSheets
{
    // Column keys, as the problems name them.
    public const string Code = "code";
    public const string Name = "name";
    public const string NameEn = "nameEn";
    public const string Kind = "kind";
    public const string Capacity = "capacity";
    public const string Active = "active";
    public const string Hall = "hall";
    public const string Day = "day";
    public const string Opens = "opens";
    public const string LunchStarts = "lunchStarts";
    public const string LunchEnds = "lunchEnds";
    public const string Closes = "closes";
    public const string Department = "department";
    public const string Minutes = "minutes";
    public const string Number = "number";
    public const string Business = "business";
    public const string ReviewCode = "reviewCode";
    public const string StaffNumber = "staffNumber";
    public const string Pinyin = "pinyin";
    public const string Position = "position";
    public const string Window = "window";
    public const string Phone = "phone";
    public const string Account = "account";

    private static SheetColumn ActiveColumn => new(Active, "启用", "Active", Required: false);

    public static readonly OrganisationSheet Halls = new(OrganisationKind.Halls, "大厅", "Halls",
    [
        new(Code, "大厅编码", "Hall code", MaxLength: OrganisationLimits.Code),
        new(Name, "大厅名称", "Name (Chinese)", MaxLength: OrganisationLimits.Name),
        new(NameEn, "英文名称", "Name (English)", MaxLength: OrganisationLimits.Name),
        new(Kind, "县级或乡镇", "County or township"),
        new(Capacity, "容纳人数", "Capacity"),
        ActiveColumn,
    ]);

    public static readonly OrganisationSheet Hours = new(OrganisationKind.Hours, "开放时间", "Hours",
    [
        new(Hall, "大厅编码", "Hall code", MaxLength: OrganisationLimits.Code),
        new(Day, "星期", "Weekday"),
        new(Opens, "开门", "Opens"),
        new(LunchStarts, "午休开始", "Lunch starts", Required: false),
        new(LunchEnds, "午休结束", "Lunch ends", Required: false),
        new(Closes, "关门", "Closes"),
    ]);

    public static readonly OrganisationSheet Departments = new(OrganisationKind.Departments, "部门", "Departments",
    [
        new(Code, "部门编码", "Department code", MaxLength: OrganisationLimits.Code),
        new(Name, "部门名称", "Name (Chinese)", MaxLength: OrganisationLimits.Name),
        new(NameEn, "英文名称", "Name (English)", MaxLength: OrganisationLimits.Name),
        ActiveColumn,
    ]);

    public static readonly OrganisationSheet Businesses = new(OrganisationKind.Businesses, "事项", "Businesses",
    [
        new(Code, "事项编码", "Business code", MaxLength: OrganisationLimits.Code),
        new(Name, "事项名称", "Name (Chinese)", MaxLength: OrganisationLimits.Name),
        new(NameEn, "英文名称", "Name (English)", MaxLength: OrganisationLimits.Name),
        new(Department, "部门编码", "Department code", MaxLength: OrganisationLimits.Code),
        new(Minutes, "平均办理分钟", "Typical minutes"),
        ActiveColumn,
    ]);

    public static readonly OrganisationSheet Windows = new(OrganisationKind.Windows, "窗口", "Windows",
    [
        new(Hall, "大厅编码", "Hall code", MaxLength: OrganisationLimits.Code),
        new(Number, "窗口号", "Window number"),
        new(Business, "事项编码", "Business code", MaxLength: OrganisationLimits.Code),
        new(Department, "部门编码", "Department code", Required: false, MaxLength: OrganisationLimits.Code),
        new(ReviewCode, "评价码", "Review code", Required: false, MaxLength: OrganisationLimits.ReviewCode),
        ActiveColumn,
    ]);

    public static readonly OrganisationSheet Staff = new(OrganisationKind.Staff, "人员", "Staff",
    [
        new(StaffNumber, "工号", "Staff number", MaxLength: OrganisationLimits.StaffNumber),
        new(Name, "姓名", "Name", MaxLength: OrganisationLimits.StaffName),
        new(Pinyin, "拼音", "Pinyin", Required: false, MaxLength: OrganisationLimits.Pinyin),
        new(Position, "职务", "Position", MaxLength: OrganisationLimits.Position),
        new(Hall, "大厅编码", "Hall code", MaxLength: OrganisationLimits.Code),
        new(Window, "窗口号（空为后台）", "Window (empty: back office)", Required: false),
        new(Department, "部门编码", "Department code", Required: false, MaxLength: OrganisationLimits.Code),
        new(Phone, "工作电话", "Work phone", Required: false, MaxLength: OrganisationLimits.WorkPhone),
        new(Account, "关联账号", "Linked account", Required: false, MaxLength: OrganisationLimits.UserName),
        ActiveColumn,
    ]);

    /// <summary>In the order a workbook lists them and an import applies them.</summary>
    public static readonly IReadOnlyList<OrganisationSheet> All = [Halls, Hours, Departments, Businesses, Windows, Staff];

    public static OrganisationSheet Of(OrganisationKind kind) => All.First(s => s.Kind == kind);
}
