using System.Globalization;
using System.Security.Claims;
using LiveBoard.Client.Admin;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Alerts;

/// <summary>
/// The admin's working-day calendar (/admin/calendar). An import is a list of lines "date name kind"
/// — a date or a range (2027-02-15..2027-02-21), the day's name, and "holiday" or "workday" (a make-up
/// working day; 休/班 in Chinese) — pasted, or a CSV, text or .xlsx file with those three columns
/// (decision 0017). A dry run lists each line's problems and applies nothing; applying replaces each
/// year the list covers with the list's days, in one save with one audit row per year that changed,
/// so importing the same list twice changes nothing. The deadlines set afterwards use it at once.
/// </summary>
public sealed class CalendarAdmin(IDbContextFactory<LiveBoardDb> databases, WorkingDayCalendar calendar, AuditTrail audit) : ICalendarAdmin
{
    private const int MaxRange = 31;
    private const int MaxName = 50;

    private static readonly HashSet<string> HolidayWords = new(["holiday", "off", "rest", "休", "休息", "假", "放假", "节假日", "法定节假日"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> WorkdayWords = new(["workday", "working", "work", "make-up", "makeup", "班", "上班", "补班", "调休上班", "工作日"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> HeaderWords = new(["date", "日期"], StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return (await db.Calendar.AsNoTracking().Select(d => d.Date).ToListAsync(cancellationToken)).Select(d => d.Year).Distinct().Order().ToList();
    }

    public async Task<IReadOnlyList<CalendarEntry>> YearAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        return await db.Calendar.AsNoTracking().Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date)
            .Select(d => new CalendarEntry(d.Date, d.Name, d.IsWorkingDay)).ToListAsync(cancellationToken);
    }

    public async Task<CalendarImportResult> ImportAsync(ClaimsPrincipal by, ImportSource source, bool apply, CancellationToken cancellationToken = default)
    {
        var (days, problems) = Parse(source);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var years = days.Select(d => d.Date.Year).Distinct().Order().ToList();
        var changes = new List<CalendarYearChange>();
        var stored = new Dictionary<int, List<CalendarDay>>();
        foreach (var year in years)
        {
            var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            var before = await db.Calendar.Where(d => d.Date >= first && d.Date <= last).ToListAsync(cancellationToken);
            stored[year] = before;
            var after = days.Where(d => d.Date.Year == year).ToList();
            changes.Add(new CalendarYearChange(year, before.Count(d => !d.IsWorkingDay), before.Count(d => d.IsWorkingDay),
                after.Count(d => !d.IsWorkingDay), after.Count(d => d.IsWorkingDay), !Same(before, after)));
        }
        if (!apply || problems.Count > 0 || days.Count == 0 || !AdminAccess.MayAdminister(by))
            return new CalendarImportResult(problems, changes, days, Applied: false);

        var actor = AuditTrail.ActorOf(by);
        foreach (var change in changes.Where(c => c.Changes))
        {
            var before = stored[change.Year];
            var after = days.Where(d => d.Date.Year == change.Year).ToDictionary(d => d.Date);
            audit.Record(db, actor, AuditAreas.Calendar, change.Year.ToString(CultureInfo.InvariantCulture), AuditActions.Imported,
                Audited(before.Select(d => new CalendarEntry(d.Date, d.Name, d.IsWorkingDay))), Audited(after.Values));
            foreach (var day in before)
            {
                if (after.Remove(day.Date, out var kept))
                {
                    day.Name = kept.Name;
                    day.IsWorkingDay = kept.IsWorkingDay;
                }
                else
                    db.Calendar.Remove(day);
            }
            db.Calendar.AddRange(after.Values.Select(d => new CalendarDay { Date = d.Date, Name = d.Name, IsWorkingDay = d.IsWorkingDay }));
        }
        await db.SaveChangesAsync(cancellationToken);
        await calendar.LoadAsync(cancellationToken);
        return new CalendarImportResult(problems, changes, days, Applied: true);
    }

    private static bool Same(List<CalendarDay> before, List<CalendarEntry> after) =>
        before.Count == after.Count && before.All(b => after.Any(a => a.Date == b.Date && a.Name == b.Name && a.IsWorkingDay == b.IsWorkingDay));

    /// <summary>The audit's picture of a year: each day with its name and kind.</summary>
    private static SortedDictionary<string, string> Audited(IEnumerable<CalendarEntry> days) =>
        new(days.ToDictionary(d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d => $"{d.Name} ({(d.IsWorkingDay ? "workday" : "holiday")})"));

    /// <summary>Reads the list into days, and each line's first problem.</summary>
    public static (List<CalendarEntry> Days, List<ImportLineProblem> Problems) Parse(ImportSource source)
    {
        var days = new List<CalendarEntry>();
        var problems = new List<ImportLineProblem>();
        if (ImportLines.Read(source) is not { } lines)
            return (days, [new ImportLineProblem(0, source.FileName ?? "", ImportRefusal.UnreadableFile)]);
        var seen = new Dictionary<DateOnly, int>();
        foreach (var line in lines)
        {
            if (line.Cells.Count > 0 && HeaderWords.Contains(line.Cells[0]))
                continue;
            var (read, problem) = ParseLine(line);
            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }
            foreach (var day in read)
            {
                if (seen.TryGetValue(day.Date, out var earlier))
                {
                    problems.Add(new ImportLineProblem(line.Number, line.Text, ImportRefusal.DateTwice, $"{day.Date:yyyy-MM-dd} · {earlier}"));
                    break;
                }
                seen[day.Date] = line.Number;
                days.Add(day);
            }
        }
        if (lines.Count == 0)
            problems.Add(new ImportLineProblem(0, "", ImportRefusal.Empty));
        return ([.. days.OrderBy(d => d.Date)], problems);
    }

    private static (List<CalendarEntry> Days, ImportLineProblem? Problem) ParseLine(ImportLine line)
    {
        ImportLineProblem Refused(ImportRefusal refusal, string? value = null) => new(line.Number, line.Text, refusal, value);
        var cells = line.Cells;
        if (cells.Count < 2)
            return ([], Refused(ImportRefusal.MissingColumns));
        var kind = cells[^1];
        bool working;
        if (HolidayWords.Contains(kind))
            working = false;
        else if (WorkdayWords.Contains(kind))
            working = true;
        else
            return ([], Refused(ImportRefusal.UnknownKind, kind));
        var name = string.Join(' ', cells.Skip(1).Take(cells.Count - 2)).Trim();
        if (name.Length == 0)
            return ([], Refused(ImportRefusal.NameMissing));
        if (name.Length > MaxName)
            return ([], Refused(ImportRefusal.TooLong, name));
        var range = cells[0].Split(["..", "~", "～", "至"], StringSplitOptions.TrimEntries);
        if (range.Length is not (1 or 2) || ImportLines.Date(range[0]) is not { } from)
            return ([], Refused(ImportRefusal.UnreadableDate, cells[0]));
        var to = range.Length == 2 ? ImportLines.Date(range[1]) : from;
        if (to is null)
            return ([], Refused(ImportRefusal.UnreadableDate, cells[0]));
        if (to < from)
            return ([], Refused(ImportRefusal.RangeBackwards, cells[0]));
        if (to.Value.DayNumber - from.DayNumber >= MaxRange)
            return ([], Refused(ImportRefusal.RangeTooLong, cells[0]));
        var days = new List<CalendarEntry>();
        for (var day = from; day <= to.Value; day = day.AddDays(1))
        {
            // A make-up working day is a weekend day worked; a weekday already is a working day.
            if (working && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                return ([], Refused(ImportRefusal.MakeUpDayOnWeekday, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            days.Add(new CalendarEntry(day, name, working));
        }
        return (days, null);
    }

    /// <summary>
    /// The national arrangement for 2026, in the import's own format. Databases made by the hand-written
    /// migrations got it from there; one made since starts with it from <see cref="SeedKnownAsync"/>.
    /// </summary>
    public const string Known2026 = """
        2026-01-01..2026-01-03 元旦 holiday
        2026-01-04 元旦调休 workday
        2026-02-14 春节调休 workday
        2026-02-15..2026-02-23 春节 holiday
        2026-02-28 春节调休 workday
        2026-04-04..2026-04-06 清明节 holiday
        2026-05-01..2026-05-05 劳动节 holiday
        2026-05-09 劳动节调休 workday
        2026-06-19..2026-06-21 端午节 holiday
        2026-09-20 国庆节调休 workday
        2026-09-25..2026-09-27 中秋节 holiday
        2026-10-01..2026-10-07 国庆节 holiday
        2026-10-10 国庆节调休 workday
        """;

    /// <summary>An empty calendar (a new database) gets the known year, so a county starts with this year's holidays; an admin imports the rest.</summary>
    public static async Task SeedKnownAsync(LiveBoardDb db, AuditTrail audit, CancellationToken cancellationToken = default)
    {
        if (await db.Calendar.AnyAsync(cancellationToken))
            return;
        var (days, _) = Parse(new ImportSource(Known2026));
        db.Calendar.AddRange(days.Select(d => new CalendarDay { Date = d.Date, Name = d.Name, IsWorkingDay = d.IsWorkingDay }));
        audit.Record(db, "system", AuditAreas.Calendar, "2026", AuditActions.Imported, null, Audited(days));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The year's calendar as a CSV the import reads back unchanged (the export's round trip).</summary>
    public static string Csv(IEnumerable<CalendarEntry> days) =>
        "date,name,kind\r\n" + string.Concat(days.Select(d =>
            $"{d.Date:yyyy-MM-dd},{Common.CsvFile.Field(d.Name)},{(d.IsWorkingDay ? "workday" : "holiday")}\r\n"));
}
