using System.Security.Claims;
using LiveBoard.Client.Account;

namespace LiveBoard.Client.Admin;

// The administration's day-to-day settings: users, displays and devices, the working-day calendar,
// alert thresholds, review codes and the director duty roster. Each service states who asks (every
// change is audited under that name, and refused unless it is an admin); the pages word the refusals.

/// <summary>A hall to choose in a form: the code is what is stored and shown in the audit.</summary>
public sealed record HallChoice(string Code, string Name, string NameEn);

public sealed record StaffChoice(int Id, string Name, string Position, string HallCode);

public sealed record DepartmentChoice(string Code, string Name, string NameEn);

/// <summary>The lists the admin's forms choose from.</summary>
public interface IAdminChoices
{
    Task<IReadOnlyList<HallChoice>> HallsAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StaffChoice>> StaffAsync(string hallCode, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DepartmentChoice>> DepartmentsAsync(CancellationToken cancellationToken = default);
}

/// <summary>What an import reads: a pasted list, or a file (.csv, .txt or .xlsx) with its name.</summary>
public sealed record ImportSource(string? Text, byte[]? File = null, string? FileName = null);

/// <summary>One line of an import that cannot be applied: its number (1 = the first line or row), what it said, and why.</summary>
public sealed record ImportLineProblem(int Line, string Text, ImportRefusal Refusal, string? Value = null);

/// <summary>Why an import line was refused. The pages word them (AdminText.Import).</summary>
public enum ImportRefusal
{
    UnreadableFile,
    Empty,
    UnreadableDate,
    UnknownKind,
    NameMissing,
    TooLong,
    DateTwice,
    MakeUpDayOnWeekday,
    RangeBackwards,
    RangeTooLong,
    NoSuchHall,
    NoSuchDepartment,
    PositionMissing,
    MissingColumns,
}

// ---- Users -------------------------------------------------------------------------------------

/// <summary>An account as the users' grid lists it (never a password or its hash).</summary>
public sealed record UserRow(int Id, string UserName, string DisplayName, UserRole Role, string? HallCode, string? HallName, string? HallNameEn,
    int? StaffId, string? StaffName, DateTimeOffset CreatedAt, bool Disabled, bool Locked);

/// <summary>What the user dialog sends: the user name is only read when the account is created.</summary>
public sealed record UserForm(string UserName, string DisplayName, UserRole Role, string? HallCode = null, int? StaffId = null);

public enum UserRefusal
{
    MayNotAdminister,
    NoSuchUser,
    UserNameRequired,
    UserNameInvalid,
    UserNameTaken,
    DisplayNameRequired,
    HallRequired,
    NoSuchHall,
    StaffRequired,
    NoSuchStaff,
    /// <summary>The last active admin cannot be disabled or given another role: nobody could administer the county then.</summary>
    LastAdmin,
}

/// <summary>Done (with the new password when one was made: shown once, never stored in clear), or refused with a reason.</summary>
public sealed record UserOutcome(UserRefusal? Refusal = null, string? Password = null)
{
    public bool Done => Refusal is null;
}

/// <summary>Users: search, create, change role/hall, reset the password, unlock, disable. Who may use it: admins.</summary>
public interface IUserAdmin
{
    Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default);

    Task<UserOutcome> CreateAsync(ClaimsPrincipal by, UserForm form, CancellationToken cancellationToken = default);

    /// <summary>Display name, role, hall and staff member; ends the user's open sessions (their role travels in the session).</summary>
    Task<UserOutcome> ChangeAsync(ClaimsPrincipal by, string userName, UserForm form, CancellationToken cancellationToken = default);

    Task<UserOutcome> ResetPasswordAsync(ClaimsPrincipal by, string userName, CancellationToken cancellationToken = default);

    Task<UserOutcome> UnlockAsync(ClaimsPrincipal by, string userName, CancellationToken cancellationToken = default);

    /// <summary>Disabling ends the user's open sessions within seconds (security stamp).</summary>
    Task<UserOutcome> SetDisabledAsync(ClaimsPrincipal by, string userName, bool disabled, CancellationToken cancellationToken = default);
}

/// <summary>The form's rules, one definition for the dialog and the server.</summary>
public static class UserRules
{
    public const int MaxUserName = LiveBoard.Client.Model.TextLimits.UserName;
    public const int MaxDisplayName = 100;

    /// <summary>What Identity accepts in a user name, in lower case (names are stored so).</summary>
    private const string Allowed = "abcdefghijklmnopqrstuvwxyz0123456789-._@+";

    public static string NormalizeUserName(string? userName) => (userName ?? "").Trim().ToLowerInvariant();

    public static bool NeedsHall(UserRole role) => role is UserRole.HallManager or UserRole.Staff;

    /// <summary>The form's first problem per field ("userName", "displayName", "hall", "staff"); empty when it may be sent.</summary>
    public static IReadOnlyDictionary<string, UserRefusal> Check(UserForm form, bool creating)
    {
        var problems = new Dictionary<string, UserRefusal>();
        if (creating)
        {
            var name = NormalizeUserName(form.UserName);
            if (name.Length == 0)
                problems["userName"] = UserRefusal.UserNameRequired;
            else if (name.Length > MaxUserName || name.Any(c => !Allowed.Contains(c)))
                problems["userName"] = UserRefusal.UserNameInvalid;
        }
        if (string.IsNullOrWhiteSpace(form.DisplayName) || form.DisplayName.Trim().Length > MaxDisplayName)
            problems["displayName"] = UserRefusal.DisplayNameRequired;
        if (NeedsHall(form.Role) && string.IsNullOrWhiteSpace(form.HallCode))
            problems["hall"] = UserRefusal.HallRequired;
        if (form.Role == UserRole.Staff && form.StaffId is null)
            problems["staff"] = UserRefusal.StaffRequired;
        return problems;
    }
}

// ---- Displays and devices ----------------------------------------------------------------------

/// <summary>What a device key may do: send events (queue machines, door counters), or show the live picture (walls, hall screens).</summary>
public enum DeviceKind
{
    Sender = 1,
    Display = 2,
}

/// <summary>
/// A key as the displays' grid lists it: <see cref="LastSeenAt"/> is the last time it was presented (a
/// request, a hub connection, a wall checking its key); <see cref="EventsToday"/> the events accepted from
/// it today (county day), null for displays, which only read; <see cref="BuiltIn"/> the server's own
/// (the review page, the app's forms), never revoked from here.
/// </summary>
public sealed record DeviceRow(int Id, string Name, DeviceKind Kind, string? HallCode, string? HallName, string? HallNameEn, DateTimeOffset CreatedAt,
    DateTimeOffset? LastSeenAt, int? EventsToday, DateTimeOffset? RevokedAt, bool BuiltIn);

public sealed record DeviceForm(string Name, DeviceKind Kind, string? HallCode = null);

/// <summary>A key just made, shown once; a display's comes with the address to open on the kiosk and that address as a QR code (SVG).</summary>
public sealed record NewDeviceKey(int Id, string Name, DeviceKind Kind, string Key, string? ScreenUrl, string? ScreenQrSvg);

public enum DeviceRefusal
{
    MayNotAdminister,
    NameRequired,
    NoSuchHall,
    NoSuchDevice,
    AlreadyRevoked,
    BuiltIn,
}

public sealed record DeviceOutcome(DeviceRefusal? Refusal = null, NewDeviceKey? Key = null)
{
    public bool Done => Refusal is null;
}

/// <summary>Display and device keys: list, create, revoke, rotate. Who may use it: admins.</summary>
public interface IDeviceAdmin
{
    Task<IReadOnlyList<DeviceRow>> ListAsync(bool includeRevoked, CancellationToken cancellationToken = default);

    /// <summary>A new key; a display's screen address starts with <paramref name="baseUrl"/>, the address the admin's page was opened on.</summary>
    Task<DeviceOutcome> CreateAsync(ClaimsPrincipal by, DeviceForm form, string baseUrl, CancellationToken cancellationToken = default);

    Task<DeviceOutcome> RevokeAsync(ClaimsPrincipal by, int id, CancellationToken cancellationToken = default);

    /// <summary>A new key for the same device; the old one is revoked.</summary>
    Task<DeviceOutcome> RotateAsync(ClaimsPrincipal by, int id, string baseUrl, CancellationToken cancellationToken = default);
}

// ---- Working-day calendar ----------------------------------------------------------------------

/// <summary>A day off the usual Monday–Friday week: a public holiday, or a make-up working day (a weekend day worked).</summary>
public sealed record CalendarEntry(DateOnly Date, string Name, bool IsWorkingDay);

/// <summary>One year an import touches: what it holds now and what it will hold (the import replaces the year).</summary>
public sealed record CalendarYearChange(int Year, int HolidaysBefore, int MakeUpDaysBefore, int Holidays, int MakeUpDays, bool Changes);

/// <summary>A dry run's or an import's result: nothing is applied while any line has a problem.</summary>
public sealed record CalendarImportResult(IReadOnlyList<ImportLineProblem> Problems, IReadOnlyList<CalendarYearChange> Years, IReadOnlyList<CalendarEntry> Days, bool Applied);

/// <summary>The working-day calendar: a year's public holidays and make-up working days. Who may use it: admins.</summary>
public interface ICalendarAdmin
{
    Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CalendarEntry>> YearAsync(int year, CancellationToken cancellationToken = default);

    /// <summary>Reads the list; with <paramref name="apply"/> and no problem, replaces each year it covers, in one transaction.</summary>
    Task<CalendarImportResult> ImportAsync(ClaimsPrincipal by, ImportSource source, bool apply, CancellationToken cancellationToken = default);
}

// ---- Alert thresholds --------------------------------------------------------------------------

/// <summary>A hall's alert thresholds, in the units a reader thinks in; a null field means "the default".</summary>
public sealed record ThresholdValues(int? NegativePercent = null, int? NegativeWindowMinutes = null, int? NegativeMinimum = null,
    int? LongWaitMinutes = null, int? SilentAfterMinutes = null, int? OverdueAfterMinutes = null);

/// <summary>
/// A hall's thresholds: <see cref="Own"/> what the admin set (blank fields follow the defaults),
/// <see cref="Defaults"/> the configured ones for the hall (LiveBoard:Alerts) — what a blank field means.
/// </summary>
public sealed record HallThresholdRow(string HallCode, string HallName, string HallNameEn, ThresholdValues Own, ThresholdValues Defaults);

public enum ThresholdRefusal
{
    MayNotAdminister,
    NoSuchHall,
    OutOfRange,
}

public sealed record ThresholdOutcome(ThresholdRefusal? Refusal = null, string? Field = null)
{
    public bool Done => Refusal is null;
}

/// <summary>Each hall's alert thresholds; a change applies to the alert rules at once. Who may use it: admins.</summary>
public interface IThresholdAdmin
{
    Task<IReadOnlyList<HallThresholdRow>> ListAsync(CancellationToken cancellationToken = default);

    Task<ThresholdOutcome> SaveAsync(ClaimsPrincipal by, string hallCode, ThresholdValues values, CancellationToken cancellationToken = default);
}

/// <summary>The thresholds' allowed ranges: one definition for the grid and the server.</summary>
public static class ThresholdRules
{
    public static readonly IReadOnlyList<(string Field, int Min, int Max)> Ranges =
    [
        (nameof(ThresholdValues.NegativePercent), 1, 100),
        (nameof(ThresholdValues.NegativeWindowMinutes), 1, 240),
        (nameof(ThresholdValues.NegativeMinimum), 1, 100),
        (nameof(ThresholdValues.LongWaitMinutes), 1, 480),
        (nameof(ThresholdValues.SilentAfterMinutes), 1, 480),
        (nameof(ThresholdValues.OverdueAfterMinutes), 1, 240),
    ];

    public static int? Get(ThresholdValues values, string field) => field switch
    {
        nameof(ThresholdValues.NegativePercent) => values.NegativePercent,
        nameof(ThresholdValues.NegativeWindowMinutes) => values.NegativeWindowMinutes,
        nameof(ThresholdValues.NegativeMinimum) => values.NegativeMinimum,
        nameof(ThresholdValues.LongWaitMinutes) => values.LongWaitMinutes,
        nameof(ThresholdValues.SilentAfterMinutes) => values.SilentAfterMinutes,
        nameof(ThresholdValues.OverdueAfterMinutes) => values.OverdueAfterMinutes,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>The first field outside its range, or null.</summary>
    public static string? OutOfRange(ThresholdValues values) =>
        Ranges.FirstOrDefault(r => Get(values, r.Field) is { } v && (v < r.Min || v > r.Max)).Field;
}

// ---- Review codes ------------------------------------------------------------------------------

/// <summary>A window's review code; <see cref="Retired"/> counts its earlier codes, replaced (their QR codes now open "this code was replaced").</summary>
public sealed record ReviewCodeRow(int WindowId, int Number, string Business, string BusinessEn, string Code, int Retired, DateTimeOffset? ReplacedAt);

public enum ReviewCodeRefusal
{
    MayNotAdminister,
    NoSuchWindow,
}

public sealed record ReviewCodeOutcome(ReviewCodeRefusal? Refusal = null, string? NewCode = null)
{
    public bool Done => Refusal is null;
}

/// <summary>The windows' review codes: regenerate one (a leaked QR card), then reprint. Who may use it: admins.</summary>
public interface IReviewCodeAdmin
{
    Task<IReadOnlyList<ReviewCodeRow>> WindowsAsync(string hallCode, CancellationToken cancellationToken = default);

    Task<ReviewCodeOutcome> RegenerateAsync(ClaimsPrincipal by, int windowId, CancellationToken cancellationToken = default);
}

// ---- Director duty roster ----------------------------------------------------------------------

public sealed record RosterShift(int Id, DateOnly Date, string HallCode, string HallName, string HallNameEn, string DepartmentCode,
    string Department, string DepartmentEn, string DirectorName, string Position);

public sealed record RosterForm(DateOnly? Date, string? HallCode, string? DepartmentCode, string DirectorName, string Position);

public enum RosterRefusal
{
    MayNotAdminister,
    NoSuchShift,
    DateRequired,
    NoSuchHall,
    NoSuchDepartment,
    NameRequired,
    PositionRequired,
}

public sealed record RosterOutcome(RosterRefusal? Refusal = null, string? Field = null)
{
    public bool Done => Refusal is null;
}

/// <summary>An import's result: the shifts it read, the dates it replaces, and whether it was applied.</summary>
public sealed record RosterImportResult(IReadOnlyList<ImportLineProblem> Problems, IReadOnlyList<RosterShift> Shifts, int DatesReplaced, bool Applied);

/// <summary>The director duty roster ("director service day", the 1st, 11th and 21st by custom). Who may use it: admins.</summary>
public interface IRosterAdmin
{
    Task<IReadOnlyList<RosterShift>> MonthAsync(int year, int month, CancellationToken cancellationToken = default);

    /// <summary>A new shift (<paramref name="id"/> null) or a change to one.</summary>
    Task<RosterOutcome> SaveAsync(ClaimsPrincipal by, int? id, RosterForm form, CancellationToken cancellationToken = default);

    Task<RosterOutcome> DeleteAsync(ClaimsPrincipal by, int id, CancellationToken cancellationToken = default);

    /// <summary>Each date in the list gets exactly the list's shifts (so importing the same list twice changes nothing).</summary>
    Task<RosterImportResult> ImportAsync(ClaimsPrincipal by, ImportSource source, bool apply, CancellationToken cancellationToken = default);
}

public static class RosterRules
{
    public const int MaxName = 50;
    public const int MaxPosition = 100;

    /// <summary>The custom's service days of a month: the 1st, 11th and 21st.</summary>
    public static IEnumerable<DateOnly> ServiceDays(int year, int month) => [new(year, month, 1), new(year, month, 11), new(year, month, 21)];

    public static IReadOnlyDictionary<string, RosterRefusal> Check(RosterForm form)
    {
        var problems = new Dictionary<string, RosterRefusal>();
        if (form.Date is null)
            problems["date"] = RosterRefusal.DateRequired;
        if (string.IsNullOrWhiteSpace(form.HallCode))
            problems["hall"] = RosterRefusal.NoSuchHall;
        if (string.IsNullOrWhiteSpace(form.DepartmentCode))
            problems["department"] = RosterRefusal.NoSuchDepartment;
        if (string.IsNullOrWhiteSpace(form.DirectorName) || form.DirectorName.Trim().Length > MaxName)
            problems["name"] = RosterRefusal.NameRequired;
        if (string.IsNullOrWhiteSpace(form.Position) || form.Position.Trim().Length > MaxPosition)
            problems["position"] = RosterRefusal.PositionRequired;
        return problems;
    }
}
