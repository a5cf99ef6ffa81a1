using LiveBoard.Client.Admin;
using LiveBoard.Client.Model;
using static LiveBoard.Client.Admin.OrganisationSheets;

namespace LiveBoard.Server.Features.Organisation;

/// <summary>A row proposed for the organisation: from a file (its row number) or from a dialog (no row).</summary>
public sealed record Proposed<T>(int? Row, T Value);

/// <summary>
/// What an import or an edit proposes, kind by kind: null where it says nothing about a kind (that
/// kind stays as it is). <see cref="HoursFor"/>: the halls whose week is replaced by <see cref="Hours"/>.
/// </summary>
public sealed record Proposal(
    IReadOnlyList<Proposed<HallRow>>? Halls = null,
    IReadOnlyList<Proposed<HoursRow>>? Hours = null,
    IReadOnlyList<Proposed<DepartmentRow>>? Departments = null,
    IReadOnlyList<Proposed<BusinessRow>>? Businesses = null,
    IReadOnlyList<Proposed<WindowRow>>? Windows = null,
    IReadOnlyList<Proposed<StaffRow>>? Staff = null,
    IReadOnlySet<string>? HoursFor = null,
    bool DeactivateMissing = false);

/// <summary>
/// Turns the cells of a sheet into typed rows: numbers, times, weekdays, county or township, yes or
/// no. A cell that cannot be read is a problem at its sheet, row and column, and its row is left out
/// of the later checks (nothing is applied while there is a problem anyway). Lengths,
/// characters and references are checked later on the typed rows (<see cref="OrganisationCheck"/>),
/// the same checks a dialog's edit meets.
/// </summary>
public static class OrganisationParse
{
    public static (Proposal Proposal, IReadOnlyList<ImportProblem> Problems) Parse(IReadOnlyList<RawSheet> sheets, bool deactivateMissing)
    {
        var problems = new List<ImportProblem>();
        List<Proposed<T>>? Rows<T>(OrganisationKind kind, Func<RawRow, Cells, T?> read) where T : class
        {
            if (sheets.FirstOrDefault(s => s.Kind == kind) is not { } sheet)
                return null;
            var rows = new List<Proposed<T>>();
            foreach (var raw in sheet.Rows)
            {
                var cells = new Cells(kind, raw, problems);
                if (read(raw, cells) is { } value && !cells.Failed)
                    rows.Add(new Proposed<T>(raw.Number, value));
            }
            return rows;
        }

        var halls = Rows(OrganisationKind.Halls, (r, c) => new HallRow(r[Code], r[Name], r[NameEn],
            c.Parse(Kind, OrganisationValues.ParseKind, ImportProblemCode.NotAHallKind) ?? HallKind.Township,
            c.Whole(Capacity) ?? 0, c.ActiveCell()));
        var hours = Rows(OrganisationKind.Hours, (r, c) => new HoursRow(r[Hall],
            c.Parse(Day, OrganisationValues.ParseDay, ImportProblemCode.NotAWeekday) ?? DayOfWeek.Monday,
            c.Time(Opens) ?? default, c.Time(Closes) ?? default, c.OptionalTime(LunchStarts), c.OptionalTime(LunchEnds)));
        var departments = Rows(OrganisationKind.Departments, (r, c) => new DepartmentRow(r[Code], r[Name], r[NameEn], c.ActiveCell()));
        var businesses = Rows(OrganisationKind.Businesses, (r, c) => new BusinessRow(r[Code], r[Name], r[NameEn], r[Department], c.Whole(Minutes) ?? 0, c.ActiveCell()));
        var windows = Rows(OrganisationKind.Windows, (r, c) => new WindowRow(r[Hall], c.Whole(Number) ?? 0, r[Business], r[Department], r[ReviewCode], c.ActiveCell()));
        var staff = Rows(OrganisationKind.Staff, (r, c) => new StaffRow(r[StaffNumber], r[Name], r[Pinyin], r[Position], r[Hall],
            c.StaffWindow(r[Hall]), r[Department], r[Phone], r[Account], c.ActiveCell()));

        // The halls whose week the hours sheet gives: those it lists (a full import: every hall).
        var hoursSheet = sheets.FirstOrDefault(s => s.Kind == OrganisationKind.Hours);
        IReadOnlySet<string>? hoursFor = hoursSheet is null ? null
            : hoursSheet.Rows.Select(r => r[Hall]).Where(h => h.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return (new Proposal(halls, hours, departments, businesses, windows, staff, hoursFor, deactivateMissing), problems);
    }

    /// <summary>Reads a row's cells, noting each one that cannot be read.</summary>
    private sealed class Cells(OrganisationKind kind, RawRow row, List<ImportProblem> problems)
    {
        public bool Failed { get; private set; }

        private void Problem(string column, ImportProblemCode code, params string[] args)
        {
            problems.Add(new ImportProblem(kind, row.Number, column, code, args));
            Failed = true;
        }

        public T? Parse<T>(string column, Func<string, T?> parse, ImportProblemCode code) where T : struct
        {
            var text = row[column];
            if (text.Length == 0)
            {
                Problem(column, ImportProblemCode.Required);
                return null;
            }
            var value = parse(text);
            if (value is null)
                Problem(column, code, text);
            return value;
        }

        public int? Whole(string column) => Parse(column, OrganisationValues.ParseWhole, ImportProblemCode.NotANumber);

        public TimeOnly? Time(string column) => Parse(column, OrganisationValues.ParseTime, ImportProblemCode.NotATime);

        public TimeOnly? OptionalTime(string column) => row[column].Length == 0 ? null : Time(column);

        public bool ActiveCell()
        {
            var value = OrganisationValues.ParseActive(row[Active]);
            if (value is null)
                Problem(Active, ImportProblemCode.NotYesOrNo, row[Active]);
            return value ?? true;
        }

        /// <summary>A staff member's window: its number in their hall ("3"), or written with the hall ("T05-3", "T05 3") — which must be theirs.</summary>
        public int? StaffWindow(string hall)
        {
            var text = row[Window];
            if (text.Length == 0)
                return null;
            var parts = text.Split(['-', ' ', '_', '/'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && OrganisationValues.ParseWhole(parts[1]) is { } qualified)
            {
                if (!string.Equals(parts[0], hall, StringComparison.OrdinalIgnoreCase))
                    Problem(Window, ImportProblemCode.WindowOfAnotherHall, text, parts[0], hall);
                return qualified;
            }
            var number = OrganisationValues.ParseWhole(text);
            if (number is null)
                Problem(Window, ImportProblemCode.NotANumber, text);
            return number;
        }
    }
}
