using System.Globalization;
using System.Security.Claims;
using LiveBoard.Client.Admin;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.DirectorDuty;

/// <summary>
/// The admin's director duty roster (/admin/roster): shifts edited one by one, or imported as lines
/// "date hall department director position" (codes for the hall and department, as the organisation
/// lists them). An import gives each date it names exactly its lines' shifts — importing the same list
/// twice changes nothing — in one save, with one audit row per date that changed.
/// </summary>
public sealed class RosterAdmin(IDbContextFactory<LiveBoardDb> databases, DirectorRoster roster, AuditTrail audit) : IRosterAdmin
{
    private static readonly HashSet<string> HeaderWords = new(["date", "日期"], StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<RosterShift>> MonthAsync(int year, int month, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        return await Shifts(db.DirectorDuty.AsNoTracking().Where(s => s.Date >= first && s.Date <= last)).ToListAsync(cancellationToken);
    }

    private static IQueryable<RosterShift> Shifts(IQueryable<DirectorDutyShift> shifts) =>
        shifts.OrderBy(s => s.Date).ThenBy(s => s.Id).Select(s => new RosterShift(s.Id, s.Date, s.Hall!.Code, s.Hall.Name, s.Hall.NameEn,
            s.Department!.Code, s.Department.Name, s.Department.NameEn, s.DirectorName, s.Position));

    public async Task<RosterOutcome> SaveAsync(ClaimsPrincipal by, int? id, RosterForm form, CancellationToken cancellationToken = default)
    {
        if (!AdminAccess.MayAdminister(by))
            return new RosterOutcome(RosterRefusal.MayNotAdminister);
        if (RosterRules.Check(form) is { Count: > 0 } problems)
            return new RosterOutcome(problems.First().Value, problems.First().Key);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var hall = await db.Halls.FirstOrDefaultAsync(h => h.Code == form.HallCode, cancellationToken);
        if (hall is null)
            return new RosterOutcome(RosterRefusal.NoSuchHall, "hall");
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Code == form.DepartmentCode, cancellationToken);
        if (department is null)
            return new RosterOutcome(RosterRefusal.NoSuchDepartment, "department");
        DirectorDutyShift shift;
        object? before = null;
        if (id is { } existing)
        {
            if (await db.DirectorDuty.Include(s => s.Hall).Include(s => s.Department).FirstOrDefaultAsync(s => s.Id == existing, cancellationToken) is not { } found)
                return new RosterOutcome(RosterRefusal.NoSuchShift);
            shift = found;
            before = Audited(shift.Date, shift.Hall!.Code, shift.Department!.Code, shift.DirectorName, shift.Position);
        }
        else
            db.DirectorDuty.Add(shift = new DirectorDutyShift { DirectorName = "", Position = "" });
        shift.Date = form.Date!.Value;
        shift.HallId = hall.Id;
        shift.DepartmentId = department.Id;
        shift.DirectorName = form.DirectorName.Trim();
        shift.Position = form.Position.Trim();
        audit.Record(db, AuditTrail.ActorOf(by), AuditAreas.DirectorRoster, Day(shift.Date), id is null ? AuditActions.Created : AuditActions.Changed,
            before, Audited(shift.Date, hall.Code, department.Code, shift.DirectorName, shift.Position));
        await db.SaveChangesAsync(cancellationToken);
        roster.Changed();
        return new RosterOutcome();
    }

    public async Task<RosterOutcome> DeleteAsync(ClaimsPrincipal by, int id, CancellationToken cancellationToken = default)
    {
        if (!AdminAccess.MayAdminister(by))
            return new RosterOutcome(RosterRefusal.MayNotAdminister);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.DirectorDuty.Include(s => s.Hall).Include(s => s.Department).FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } shift)
            return new RosterOutcome(RosterRefusal.NoSuchShift);
        db.DirectorDuty.Remove(shift);
        audit.Record(db, AuditTrail.ActorOf(by), AuditAreas.DirectorRoster, Day(shift.Date), AuditActions.Deleted,
            Audited(shift.Date, shift.Hall!.Code, shift.Department!.Code, shift.DirectorName, shift.Position), null);
        await db.SaveChangesAsync(cancellationToken);
        roster.Changed();
        return new RosterOutcome();
    }

    public async Task<RosterImportResult> ImportAsync(ClaimsPrincipal by, ImportSource source, bool apply, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var halls = await db.Halls.AsNoTracking().ToDictionaryAsync(h => h.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var problems = new List<ImportLineProblem>();
        var read = new List<RosterShift>();
        var lines = ImportLines.Read(source);
        if (lines is null)
            problems.Add(new ImportLineProblem(0, source.FileName ?? "", ImportRefusal.UnreadableFile));
        else if (lines.Count == 0)
            problems.Add(new ImportLineProblem(0, "", ImportRefusal.Empty));
        foreach (var line in lines ?? [])
        {
            ImportLineProblem Refused(ImportRefusal refusal, string? value = null) => new(line.Number, line.Text, refusal, value);
            var cells = line.Cells;
            if (cells.Count > 0 && HeaderWords.Contains(cells[0]))
                continue;
            ImportLineProblem? problem = null;
            if (cells.Count < 5)
                problem = Refused(ImportRefusal.MissingColumns);
            else if (ImportLines.Date(cells[0]) is not { } date)
                problem = Refused(ImportRefusal.UnreadableDate, cells[0]);
            else if (!halls.TryGetValue(cells[1], out var hall))
                problem = Refused(ImportRefusal.NoSuchHall, cells[1]);
            else if (!departments.TryGetValue(cells[2], out var department))
                problem = Refused(ImportRefusal.NoSuchDepartment, cells[2]);
            else if (cells[3].Length == 0)
                problem = Refused(ImportRefusal.NameMissing);
            else if (string.Join(' ', cells.Skip(4)).Trim() is not { Length: > 0 } position)
                problem = Refused(ImportRefusal.PositionMissing);
            else if (cells[3].Length > RosterRules.MaxName || position.Length > RosterRules.MaxPosition)
                problem = Refused(ImportRefusal.TooLong);
            else
                read.Add(new RosterShift(0, date, hall.Code, hall.Name, hall.NameEn, department.Code, department.Name, department.NameEn, cells[3], position));
            if (problem is not null)
                problems.Add(problem);
        }

        var dates = read.Select(s => s.Date).Distinct().Order().ToList();
        var stored = await db.DirectorDuty.Include(s => s.Hall).Include(s => s.Department).Where(s => dates.Contains(s.Date)).ToListAsync(cancellationToken);
        var changed = dates.Where(date => !Same(stored.Where(s => s.Date == date), read.Where(s => s.Date == date))).ToList();
        if (!apply || problems.Count > 0 || read.Count == 0 || !AdminAccess.MayAdminister(by))
            return new RosterImportResult(problems, read, changed.Count, Applied: false);

        var actor = AuditTrail.ActorOf(by);
        foreach (var date in changed)
        {
            var old = stored.Where(s => s.Date == date).ToList();
            var fresh = read.Where(s => s.Date == date).ToList();
            audit.Record(db, actor, AuditAreas.DirectorRoster, Day(date), AuditActions.Imported,
                Listed(old.Select(s => (s.Hall!.Code, s.Department!.Code, s.DirectorName, s.Position))),
                Listed(fresh.Select(s => (s.HallCode, s.DepartmentCode, s.DirectorName, s.Position))));
            db.DirectorDuty.RemoveRange(old);
            db.DirectorDuty.AddRange(fresh.Select(s => new DirectorDutyShift
            {
                Date = date, HallId = halls[s.HallCode].Id, DepartmentId = departments[s.DepartmentCode].Id, DirectorName = s.DirectorName, Position = s.Position,
            }));
        }
        await db.SaveChangesAsync(cancellationToken);
        roster.Changed();
        return new RosterImportResult(problems, read, changed.Count, Applied: true);
    }

    private static bool Same(IEnumerable<DirectorDutyShift> stored, IEnumerable<RosterShift> read) =>
        Key(stored.Select(s => (s.Hall!.Code, s.Department!.Code, s.DirectorName, s.Position))) == Key(read.Select(s => (s.HallCode, s.DepartmentCode, s.DirectorName, s.Position)));

    private static string Key(IEnumerable<(string Hall, string Department, string Name, string Position)> shifts) =>
        string.Join("\n", shifts.Select(s => $"{s.Hall.ToUpperInvariant()}|{s.Department.ToUpperInvariant()}|{s.Name}|{s.Position}").Order(StringComparer.Ordinal));

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Audited(DateOnly date, string hall, string department, string name, string position) =>
        new { date = Day(date), hall, department, director = name, position };

    /// <summary>A date's shifts for the audit, one field each ("1", "2", …) so the page shows which changed.</summary>
    private static SortedDictionary<string, string> Listed(IEnumerable<(string Hall, string Department, string Name, string Position)> shifts) =>
        new(shifts.Select((s, i) => (Key: (i + 1).ToString(CultureInfo.InvariantCulture), Value: $"{s.Hall} · {s.Department} · {s.Name} · {s.Position}"))
            .ToDictionary(x => x.Key, x => x.Value));

    /// <summary>The roster of a year as a CSV the import reads back unchanged.</summary>
    public async Task<string> CsvAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var shifts = await Shifts(db.DirectorDuty.AsNoTracking().Where(s => s.Date >= first && s.Date <= last)).ToListAsync(cancellationToken);
        return "date,hall,department,director,position\r\n" + string.Concat(shifts.Select(s =>
            $"{Day(s.Date)},{Common.CsvFile.Field(s.HallCode)},{Common.CsvFile.Field(s.DepartmentCode)},{Common.CsvFile.Field(s.DirectorName)},{Common.CsvFile.Field(s.Position)}\r\n"));
    }
}
