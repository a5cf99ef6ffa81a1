using System.Security.Claims;
using LiveBoard.Client.Model;

namespace LiveBoard.Client.Admin;

/// <summary>
/// The organisation's text limits, once: the database columns (LiveBoardDb), the import's row checks
/// and the edit forms all use these.
/// </summary>
public static class OrganisationLimits
{
    /// <summary>A hall's, department's or business's code: as wide as every code (<see cref="TextLimits.Code"/>).</summary>
    public const int Code = TextLimits.Code;
    public const int Name = 100;
    public const int StaffName = 50;
    public const int Pinyin = 100;
    public const int Position = 100;

    /// <summary>The column; a valid number is at most <see cref="PhoneNumbers.MaxLength"/> characters.</summary>
    public const int WorkPhone = 30;
    public const int StaffNumber = 32;
    public const int ReviewCode = TextLimits.Code;
    public const int ReviewCodeMinimum = 6;

    /// <summary>A linked account's user name (the Users table's column).</summary>
    public const int UserName = TextLimits.UserName;

    public const int MaxWindowNumber = 999;
    public const int MaxCapacity = 100_000;
    public const int MaxTypicalMinutes = 480;

    /// <summary>An uploaded workbook or CSV file: 322 staff take about 30 KB.</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;
}

/// <summary>The kinds of thing the organisation holds, one sheet each, in the order an import applies them.</summary>
public enum OrganisationKind
{
    Halls = 1,
    Hours = 2,
    Departments = 3,
    Businesses = 4,
    Windows = 5,
    Staff = 6,
}

// The organisation as rows, by natural key (codes, hall + number, staff number), never by database id:
// what the grids show, what a dialog edits, what a workbook holds. The same shape in and out, so that
// an export imported again is unchanged.

public sealed record HallRow(string Code, string Name, string NameEn, HallKind Kind, int Capacity, bool Active = true);

/// <summary>One weekday's hours of a hall; a weekday without a row is closed.</summary>
public sealed record HoursRow(string Hall, DayOfWeek Day, TimeOnly Opens, TimeOnly Closes, TimeOnly? LunchStarts = null, TimeOnly? LunchEnds = null)
{
    public DayHours ToDayHours() => new(Day, Opens, Closes, LunchStarts, LunchEnds);
}

public sealed record DepartmentRow(string Code, string Name, string NameEn, bool Active = true);

public sealed record BusinessRow(string Code, string Name, string NameEn, string Department, int TypicalMinutes, bool Active = true);

/// <summary>A window; <see cref="Department"/> empty means the business's; <see cref="ReviewCode"/> empty on a new window means "make one".</summary>
public sealed record WindowRow(string Hall, int Number, string Business, string Department, string ReviewCode, bool Active = true);

/// <summary>A staff member; <see cref="Window"/> null is the back office; <see cref="Account"/> the linked user's name, if any.</summary>
public sealed record StaffRow(string Number, string Name, string Pinyin, string Position, string Hall, int? Window, string Department, string WorkPhone, string Account = "", bool Active = true);

/// <summary>The whole organisation, inactive things included (marked).</summary>
public sealed record OrganisationRows(
    IReadOnlyList<HallRow> Halls,
    IReadOnlyList<HoursRow> Hours,
    IReadOnlyList<DepartmentRow> Departments,
    IReadOnlyList<BusinessRow> Businesses,
    IReadOnlyList<WindowRow> Windows,
    IReadOnlyList<StaffRow> Staff)
{
    public static readonly OrganisationRows Empty = new([], [], [], [], [], []);
}

/// <summary>Why a row (or the file) cannot be imported; the screens word it in the reader's language (ImportText).</summary>
public enum ImportProblemCode
{
    // The file as a whole.
    UnreadableFile = 1,
    NotASpreadsheet = 2,
    FileTooLarge = 3,
    NoKnownSheet = 4,
    MissingColumn = 5,
    SheetTwice = 6,
    // A cell.
    Required = 10,
    TooLong = 11,
    NotANumber = 12,
    OutOfRange = 13,
    BadCharacters = 14,
    NotATime = 15,
    NotAWeekday = 16,
    NotAHallKind = 17,
    NotYesOrNo = 18,
    NotAPhoneNumber = 19,
    TooShort = 20,
    // A row against the others.
    Duplicate = 30,
    UnknownHall = 31,
    UnknownDepartment = 32,
    UnknownBusiness = 33,
    UnknownWindow = 34,
    WindowOfAnotherHall = 35,
    UnknownAccount = 36,
    AccountLinkedTwice = 37,
    ReviewCodeTaken = 38,
    Deactivated = 39,
    ClosesBeforeOpens = 40,
    LunchIncomplete = 41,
    LunchOutsideHours = 42,
    HoursOverlap = 43,
    NoOpeningHours = 44,
    StillInUse = 45,
    // Applying.
    DatabaseRefused = 50,
}

/// <summary>
/// One problem: where (sheet, row as the spreadsheet numbers it — the header is row 1 — and column key
/// of <see cref="OrganisationSheets"/>; row and column null when it is about the file or the sheet) and
/// what, with its arguments (codes, numbers) for the wording.
/// </summary>
public sealed record ImportProblem(OrganisationKind? Sheet, int? Row, string? Column, ImportProblemCode Code, IReadOnlyList<string> Args)
{
    public ImportProblem(OrganisationKind? sheet, int? row, string? column, ImportProblemCode code, params string[] args)
        : this(sheet, row, column, code, (IReadOnlyList<string>)args)
    {
    }
}

/// <summary>What an import did (or, in a dry run, would do) to one kind of thing. For hours, "deactivated" is a day no longer open.</summary>
public sealed record KindCounts(OrganisationKind Kind, int Created, int Changed, int Deactivated, int Unchanged)
{
    public int Changes => Created + Changed + Deactivated;
}

/// <summary>
/// A dry run's or an import's answer: the problems (nothing is applied while there is one), and the
/// counts per kind. <see cref="Applied"/> is true only when the changes were committed.
/// </summary>
public sealed record ImportReport(IReadOnlyList<ImportProblem> Problems, IReadOnlyList<KindCounts> Counts, bool Applied)
{
    public bool HasProblems => Problems.Count > 0;

    public int Changes => Counts.Sum(c => c.Changes);
}

/// <summary>An uploaded file: its name (the extension says .xlsx or .csv) and its bytes.</summary>
public sealed record ImportFile(string Name, byte[] Content);

/// <summary>
/// The organisation's administration: the rows for the grids, one thing saved from a dialog,
/// deactivation, and the import (dry run, then apply). Every change goes through the same row checks
/// and, when applied, writes one audit row per thing changed and reaches every instance's live
/// screens. Who may use it: admins (checked here too).
/// </summary>
public interface IOrganisationAdmin
{
    Task<OrganisationRows> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or changes one hall with its week of hours (replacing the week).</summary>
    Task<ImportReport> SaveHallAsync(ClaimsPrincipal admin, HallRow hall, IReadOnlyList<HoursRow> hours, CancellationToken cancellationToken = default);

    Task<ImportReport> SaveDepartmentAsync(ClaimsPrincipal admin, DepartmentRow department, CancellationToken cancellationToken = default);

    Task<ImportReport> SaveBusinessAsync(ClaimsPrincipal admin, BusinessRow business, CancellationToken cancellationToken = default);

    Task<ImportReport> SaveWindowAsync(ClaimsPrincipal admin, WindowRow window, CancellationToken cancellationToken = default);

    Task<ImportReport> SaveStaffAsync(ClaimsPrincipal admin, StaffRow staff, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deactivates (or reactivates) one thing by its key (a code; "T05 3" for a window; a staff number).
    /// A hall deactivated takes its windows and staff with it; reactivating a hall brings back only the hall.
    /// </summary>
    Task<ImportReport> SetActiveAsync(ClaimsPrincipal admin, OrganisationKind kind, string key, bool active, CancellationToken cancellationToken = default);

    /// <summary>Reads the files and lists every problem and the changes it would make; changes nothing.</summary>
    Task<ImportReport> DryRunAsync(IReadOnlyList<ImportFile> files, bool deactivateMissing, CancellationToken cancellationToken = default);

    /// <summary>Checks again and, with no problem, applies everything in one transaction.</summary>
    Task<ImportReport> ImportAsync(ClaimsPrincipal admin, IReadOnlyList<ImportFile> files, bool deactivateMissing, CancellationToken cancellationToken = default);
}
