using System.Globalization;
using LiveBoard.Client.Model;

namespace LiveBoard.Client.Admin;

/// <summary>
/// The edit dialog's fields for one thing of the organisation (a hall with its week, a department, a
/// business, a window, a staff member): filled from its row, turned back into a row for the server,
/// which checks it with the same row checks as an import (OrganisationCheck). Only the hours are read
/// here, because a time typed as text must become a time before it can be sent.
/// </summary>
public sealed class OrganisationForm
{
    public OrganisationForm(OrganisationKind kind, bool creating)
    {
        Kind = kind;
        Creating = creating;
    }

    public OrganisationKind Kind { get; }

    /// <summary>A new thing; an existing one keeps its key (code, hall and number, staff number).</summary>
    public bool Creating { get; }

    /// <summary>A hall's, department's or business's code; a staff member's staff number.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";
    public string NameEn { get; set; } = "";
    public HallKind HallKind { get; set; } = HallKind.Township;
    public int Capacity { get; set; } = 100;
    public List<DayForm> Week { get; set; } = DayForm.Weekdays();

    /// <summary>A business's department; a window's own department (empty: the business's); a staff member's.</summary>
    public string Department { get; set; } = "";

    public int TypicalMinutes { get; set; } = 15;
    public string Hall { get; set; } = "";
    public int Number { get; set; } = 1;
    public string Business { get; set; } = "";

    /// <summary>Empty on a new window: the server makes one.</summary>
    public string ReviewCode { get; set; } = "";

    public string Pinyin { get; set; } = "";
    public string Position { get; set; } = "";

    /// <summary>A staff member's window; null is the back office.</summary>
    public int? Window { get; set; }

    public string WorkPhone { get; set; } = "";
    public string Account { get; set; } = "";
    public bool Active { get; set; } = true;

    public static OrganisationForm Of(HallRow hall, IEnumerable<HoursRow> hours) => new(OrganisationKind.Halls, creating: false)
    {
        Code = hall.Code, Name = hall.Name, NameEn = hall.NameEn, HallKind = hall.Kind, Capacity = hall.Capacity, Active = hall.Active,
        Week = DayForm.Week(hours.Where(h => string.Equals(h.Hall, hall.Code, StringComparison.OrdinalIgnoreCase))),
    };

    public static OrganisationForm Of(DepartmentRow department) => new(OrganisationKind.Departments, creating: false)
    {
        Code = department.Code, Name = department.Name, NameEn = department.NameEn, Active = department.Active,
    };

    public static OrganisationForm Of(BusinessRow business) => new(OrganisationKind.Businesses, creating: false)
    {
        Code = business.Code, Name = business.Name, NameEn = business.NameEn, Department = business.Department,
        TypicalMinutes = business.TypicalMinutes, Active = business.Active,
    };

    public static OrganisationForm Of(WindowRow window) => new(OrganisationKind.Windows, creating: false)
    {
        Hall = window.Hall, Number = window.Number, Business = window.Business, Department = window.Department,
        ReviewCode = window.ReviewCode, Active = window.Active,
    };

    public static OrganisationForm Of(StaffRow staff) => new(OrganisationKind.Staff, creating: false)
    {
        Code = staff.Number, Name = staff.Name, Pinyin = staff.Pinyin, Position = staff.Position, Hall = staff.Hall, Window = staff.Window,
        Department = staff.Department, WorkPhone = staff.WorkPhone, Account = staff.Account, Active = staff.Active,
    };

    public HallRow ToHall() => new(Code.Trim(), Name.Trim(), NameEn.Trim(), HallKind, Capacity, Active);

    public DepartmentRow ToDepartment() => new(Code.Trim(), Name.Trim(), NameEn.Trim(), Active);

    public BusinessRow ToBusiness() => new(Code.Trim(), Name.Trim(), NameEn.Trim(), Department, TypicalMinutes, Active);

    public WindowRow ToWindow() => new(Hall, Number, Business, Department, ReviewCode.Trim(), Active);

    public StaffRow ToStaff() => new(Code.Trim(), Name.Trim(), Pinyin.Trim(), Position.Trim(), Hall, Window, Department, WorkPhone.Trim(), Account.Trim(), Active);

    /// <summary>The open days as hours rows, or the times that are not times (as the import words them).</summary>
    public (IReadOnlyList<HoursRow> Hours, IReadOnlyList<ImportProblem> Problems) ToHours()
    {
        var hours = new List<HoursRow>();
        var problems = new List<ImportProblem>();
        var row = 1;
        foreach (var day in Week)
        {
            row++;
            if (!day.Open)
                continue;
            TimeOnly? Read(string text, string column, bool required)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    if (required)
                        problems.Add(new ImportProblem(OrganisationKind.Hours, row, column, ImportProblemCode.Required));
                    return null;
                }
                if (TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                    return time;
                problems.Add(new ImportProblem(OrganisationKind.Hours, row, column, ImportProblemCode.NotATime, text.Trim()));
                return null;
            }
            var opens = Read(day.Opens, OrganisationSheets.Opens, required: true);
            var closes = Read(day.Closes, OrganisationSheets.Closes, required: true);
            var lunchStarts = Read(day.LunchStarts, OrganisationSheets.LunchStarts, required: false);
            var lunchEnds = Read(day.LunchEnds, OrganisationSheets.LunchEnds, required: false);
            if (opens is { } o && closes is { } c)
                hours.Add(new HoursRow(Code.Trim(), day.Day, o, c, lunchStarts, lunchEnds));
        }
        return (hours, problems);
    }

    /// <summary>
    /// A hall's week in a line: days with the same hours together ("Mon–Fri 08:30–17:30, lunch
    /// 12:00–14:00 · Sat 09:00–12:00"), weekday names in the reader's language.
    /// </summary>
    public static string Summary(IEnumerable<HoursRow> hours, string lunch)
    {
        var names = CultureInfo.CurrentUICulture.DateTimeFormat.AbbreviatedDayNames;
        var parts = new List<string>();
        var days = DayForm.Order.Select(d => hours.FirstOrDefault(h => h.Day == d)).ToList();
        for (var i = 0; i < days.Count; i++)
        {
            if (days[i] is not { } first)
                continue;
            var j = i;
            while (j + 1 < days.Count && days[j + 1] is { } next && SameHours(next, first))
                j++;
            var span = i == j ? names[(int)first.Day] : $"{names[(int)first.Day]}–{names[(int)days[j]!.Day]}";
            var text = $"{span} {first.Opens:HH\\:mm}–{first.Closes:HH\\:mm}";
            if (first.LunchStarts is { } ls && first.LunchEnds is { } le)
                text += $" ({lunch} {ls:HH\\:mm}–{le:HH\\:mm})";
            parts.Add(text);
            i = j;
        }
        return string.Join(" · ", parts);
    }

    private static bool SameHours(HoursRow a, HoursRow b) =>
        a.Opens == b.Opens && a.Closes == b.Closes && a.LunchStarts == b.LunchStarts && a.LunchEnds == b.LunchEnds;
}

/// <summary>One weekday in the hall dialog: open or not, and its times as typed.</summary>
public sealed class DayForm
{
    /// <summary>Monday first, as a Chinese (and most European) week is read.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Order =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public DayOfWeek Day { get; init; }
    public bool Open { get; set; }
    public string Opens { get; set; } = "";
    public string Closes { get; set; } = "";
    public string LunchStarts { get; set; } = "";
    public string LunchEnds { get; set; } = "";

    public string Name => CultureInfo.CurrentUICulture.DateTimeFormat.GetDayName(Day);

    /// <summary>A new hall: Monday to Friday 09:00–17:00 with lunch 12:00–13:30, the weekend closed.</summary>
    public static List<DayForm> Weekdays() =>
        [.. Order.Select(d => d is DayOfWeek.Saturday or DayOfWeek.Sunday
            ? new DayForm { Day = d }
            : new DayForm { Day = d, Open = true, Opens = "09:00", Closes = "17:00", LunchStarts = "12:00", LunchEnds = "13:30" })];

    public static List<DayForm> Week(IEnumerable<HoursRow> hours)
    {
        var byDay = hours.ToDictionary(h => h.Day);
        return [.. Order.Select(d => byDay.TryGetValue(d, out var h)
            ? new DayForm { Day = d, Open = true, Opens = $"{h.Opens:HH\\:mm}", Closes = $"{h.Closes:HH\\:mm}", LunchStarts = h.LunchStarts is { } ls ? $"{ls:HH\\:mm}" : "", LunchEnds = h.LunchEnds is { } le ? $"{le:HH\\:mm}" : "" }
            : new DayForm { Day = d })];
    }
}
