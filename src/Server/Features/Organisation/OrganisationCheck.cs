using LiveBoard.Client.Admin;
using LiveBoard.Client.Model;
using static LiveBoard.Client.Admin.OrganisationSheets;

namespace LiveBoard.Server.Features.Organisation;

/// <summary>One thing changed by a plan, as the audit records it: before and after as the export's cells.</summary>
public sealed record OrganisationChange(OrganisationKind Kind, string Subject, string Action, object? Before, object? After);

/// <summary>The organisation an import or edit leads to, what is wrong with it, and what it changes.</summary>
public sealed record OrganisationPlan(OrganisationRows Target, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<KindCounts> Counts, IReadOnlyList<OrganisationChange> Changes)
{
    public ImportReport Report(bool applied) => new(Problems, Counts, applied);
}

/// <summary>
/// The organisation's rules, once, for an import and a dialog's edit alike (decision 0015): the
/// proposal is merged into the current organisation by natural key, then every row is checked —
/// lengths (the database's, <see cref="OrganisationLimits"/>), duplicates, references to halls,
/// departments, businesses, windows and accounts that exist and are active, opening hours, review
/// codes — and the result is compared with what is there now. Pure: nothing is read or written.
/// </summary>
public static class OrganisationCheck
{
    /// <param name="current">The organisation as it is, inactive things included.</param>
    /// <param name="proposal">What the file or the dialog says.</param>
    /// <param name="accounts">The user names that exist, for the staff's linked accounts.</param>
    /// <param name="newReviewCode">Makes a review code for a new window that has none.</param>
    public static OrganisationPlan Plan(OrganisationRows current, Proposal proposal, IReadOnlySet<string> accounts, Func<string> newReviewCode)
    {
        var problems = new List<ImportProblem>();
        void Problem(OrganisationKind? kind, int? row, string? column, ImportProblemCode code, params string[] args) =>
            problems.Add(new ImportProblem(kind, row, column, code, args));

        // ---- Merge, kind by kind, in the order references need ----
        var departments = Merge(OrganisationKind.Departments, current.Departments, proposal.Departments, d => d.Code, Code,
            (p, now) => p with { Code = now?.Code ?? p.Code }, d => d with { Active = false }, proposal.DeactivateMissing, problems);
        var businesses = Merge(OrganisationKind.Businesses, current.Businesses, proposal.Businesses, b => b.Code, Code,
            (p, now) => p with { Code = now?.Code ?? p.Code, Department = departments.Canonical(p.Department, d => d.Code) },
            b => b with { Active = false }, proposal.DeactivateMissing, problems);
        var halls = Merge(OrganisationKind.Halls, current.Halls, proposal.Halls, h => h.Code, Code,
            (p, now) => p with { Code = now?.Code ?? p.Code }, h => h with { Active = false }, proposal.DeactivateMissing, problems);
        var windows = Merge(OrganisationKind.Windows, current.Windows, proposal.Windows, w => WindowKey(w.Hall, w.Number), Number,
            (p, now) =>
            {
                var hall = halls.Canonical(p.Hall, h => h.Code);
                var business = businesses.Canonical(p.Business, b => b.Code);
                var department = departments.Canonical(p.Department, d => d.Code);
                // The business's own department is no department of the window's own: stored as none, so either way reads the same.
                if (businesses.Find(business) is { } b && string.Equals(b.Value.Department, department, StringComparison.OrdinalIgnoreCase))
                    department = "";
                var code = p.ReviewCode.Length > 0 ? p.ReviewCode : now?.ReviewCode ?? newReviewCode();
                return p with { Hall = hall, Business = business, Department = department, ReviewCode = code };
            },
            w => w with { Active = false }, proposal.DeactivateMissing, problems);
        var accountNames = accounts.ToDictionary(a => a, a => a, StringComparer.OrdinalIgnoreCase);
        var staff = Merge(OrganisationKind.Staff, current.Staff, proposal.Staff, s => s.Number, StaffNumber,
            (p, now) => p with
            {
                Number = now?.Number ?? p.Number,
                Hall = halls.Canonical(p.Hall, h => h.Code),
                Department = departments.Canonical(p.Department, d => d.Code),
                // An empty cell leaves the link alone: accounts are linked from the users' page too.
                Account = p.Account.Length == 0 ? now?.Account ?? "" : accountNames.GetValueOrDefault(p.Account, p.Account),
            },
            s => s with { Active = false }, proposal.DeactivateMissing, problems);

        // A hall deactivated takes its windows and staff with it (those the proposal does not name).
        foreach (var hall in halls.Entries.Where(h => !h.Value.Active))
        {
            foreach (var window in windows.Entries.Where(w => !w.Proposed && w.Value.Active && Same(w.Value.Hall, hall.Value.Code)).ToList())
                windows.Replace(window, window.Value with { Active = false });
            foreach (var member in staff.Entries.Where(s => !s.Proposed && s.Value.Active && Same(s.Value.Hall, hall.Value.Code)).ToList())
                staff.Replace(member, member.Value with { Active = false });
        }

        // Hours: a hall the proposal gives hours for gets exactly those (a weekday not given is closed).
        var replacedWeeks = new HashSet<string>(proposal.HoursFor ?? new HashSet<string>(), StringComparer.OrdinalIgnoreCase);
        if (proposal.Hours is not null && proposal.DeactivateMissing)
            replacedWeeks.UnionWith(halls.Entries.Select(h => h.Value.Code));
        var hours = new List<(HoursRow Value, int? Row, bool Proposed)>();
        hours.AddRange(current.Hours.Where(h => !replacedWeeks.Contains(h.Hall)).Select(h => (h, (int?)null, false)));
        var seenDays = new Dictionary<(string Hall, DayOfWeek Day), Proposed<HoursRow>>();
        foreach (var proposed in proposal.Hours ?? [])
        {
            var row = proposed.Value with { Hall = halls.Canonical(proposed.Value.Hall, h => h.Code) };
            CheckText(OrganisationKind.Hours, proposed.Row, Hall, row.Hall, OrganisationLimits.Code, required: true, code: true);
            if (row.Hall.Length > 0 && halls.Find(row.Hall) is null)
                Problem(OrganisationKind.Hours, proposed.Row, Hall, ImportProblemCode.UnknownHall, row.Hall);
            if (row.Closes <= row.Opens)
                Problem(OrganisationKind.Hours, proposed.Row, Closes, ImportProblemCode.ClosesBeforeOpens, OrganisationValues.Time(row.Opens), OrganisationValues.Time(row.Closes));
            else if (row.LunchStarts is null != row.LunchEnds is null)
                Problem(OrganisationKind.Hours, proposed.Row, row.LunchStarts is null ? LunchStarts : LunchEnds, ImportProblemCode.LunchIncomplete);
            else if (row.LunchStarts is { } lunch && row.LunchEnds is { } back && !(row.Opens < lunch && lunch < back && back < row.Closes))
                Problem(OrganisationKind.Hours, proposed.Row, LunchStarts, ImportProblemCode.LunchOutsideHours,
                    OrganisationValues.Time(lunch), OrganisationValues.Time(back), OrganisationValues.Time(row.Opens), OrganisationValues.Time(row.Closes));
            if (seenDays.TryGetValue((row.Hall.ToUpperInvariant(), row.Day), out var first))
            {
                var other = first.Value;
                var overlap = row.Opens < other.Closes && other.Opens < row.Closes;
                Problem(OrganisationKind.Hours, proposed.Row, Day, overlap ? ImportProblemCode.HoursOverlap : ImportProblemCode.Duplicate,
                    $"{row.Hall} {OrganisationValues.Day(row.Day)}", first.Row?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
                continue;
            }
            seenDays[(row.Hall.ToUpperInvariant(), row.Day)] = proposed;
            hours.Add((row, proposed.Row, true));
        }

        // ---- Each proposed row on its own ----
        foreach (var d in departments.Entries.Where(e => e.Proposed))
        {
            CheckText(OrganisationKind.Departments, d.Row, Code, d.Value.Code, OrganisationLimits.Code, required: true, code: true);
            CheckText(OrganisationKind.Departments, d.Row, Name, d.Value.Name, OrganisationLimits.Name, required: true);
            CheckText(OrganisationKind.Departments, d.Row, NameEn, d.Value.NameEn, OrganisationLimits.Name, required: true);
        }
        foreach (var b in businesses.Entries.Where(e => e.Proposed))
        {
            CheckText(OrganisationKind.Businesses, b.Row, Code, b.Value.Code, OrganisationLimits.Code, required: true, code: true);
            CheckText(OrganisationKind.Businesses, b.Row, Name, b.Value.Name, OrganisationLimits.Name, required: true);
            CheckText(OrganisationKind.Businesses, b.Row, NameEn, b.Value.NameEn, OrganisationLimits.Name, required: true);
            CheckText(OrganisationKind.Businesses, b.Row, Department, b.Value.Department, OrganisationLimits.Code, required: true);
            CheckRange(OrganisationKind.Businesses, b.Row, Minutes, b.Value.TypicalMinutes, 1, OrganisationLimits.MaxTypicalMinutes);
        }
        foreach (var h in halls.Entries.Where(e => e.Proposed))
        {
            CheckText(OrganisationKind.Halls, h.Row, Code, h.Value.Code, OrganisationLimits.Code, required: true, code: true);
            CheckText(OrganisationKind.Halls, h.Row, Name, h.Value.Name, OrganisationLimits.Name, required: true);
            CheckText(OrganisationKind.Halls, h.Row, NameEn, h.Value.NameEn, OrganisationLimits.Name, required: true);
            CheckRange(OrganisationKind.Halls, h.Row, Capacity, h.Value.Capacity, 1, OrganisationLimits.MaxCapacity);
        }
        foreach (var w in windows.Entries.Where(e => e.Proposed))
        {
            CheckText(OrganisationKind.Windows, w.Row, Hall, w.Value.Hall, OrganisationLimits.Code, required: true);
            CheckRange(OrganisationKind.Windows, w.Row, Number, w.Value.Number, 1, OrganisationLimits.MaxWindowNumber);
            CheckText(OrganisationKind.Windows, w.Row, Business, w.Value.Business, OrganisationLimits.Code, required: true);
            CheckText(OrganisationKind.Windows, w.Row, Department, w.Value.Department, OrganisationLimits.Code, required: false);
            if (w.Value.ReviewCode.Length < OrganisationLimits.ReviewCodeMinimum)
                Problem(OrganisationKind.Windows, w.Row, ReviewCode, ImportProblemCode.TooShort, OrganisationLimits.ReviewCodeMinimum.ToString(System.Globalization.CultureInfo.InvariantCulture));
            else if (!w.Value.ReviewCode.All(char.IsAsciiLetterOrDigit))
                Problem(OrganisationKind.Windows, w.Row, ReviewCode, ImportProblemCode.BadCharacters, w.Value.ReviewCode);
            else
                CheckText(OrganisationKind.Windows, w.Row, ReviewCode, w.Value.ReviewCode, OrganisationLimits.ReviewCode, required: false);
        }
        foreach (var s in staff.Entries.Where(e => e.Proposed))
        {
            CheckText(OrganisationKind.Staff, s.Row, StaffNumber, s.Value.Number, OrganisationLimits.StaffNumber, required: true, code: true);
            CheckText(OrganisationKind.Staff, s.Row, Name, s.Value.Name, OrganisationLimits.StaffName, required: true);
            CheckText(OrganisationKind.Staff, s.Row, Pinyin, s.Value.Pinyin, OrganisationLimits.Pinyin, required: false);
            CheckText(OrganisationKind.Staff, s.Row, Position, s.Value.Position, OrganisationLimits.Position, required: true);
            CheckText(OrganisationKind.Staff, s.Row, Hall, s.Value.Hall, OrganisationLimits.Code, required: true);
            if (s.Value.Window is { } number)
                CheckRange(OrganisationKind.Staff, s.Row, Window, number, 1, OrganisationLimits.MaxWindowNumber);
            CheckText(OrganisationKind.Staff, s.Row, Department, s.Value.Department, OrganisationLimits.Code, required: false);
            if (CheckText(OrganisationKind.Staff, s.Row, Phone, s.Value.WorkPhone, OrganisationLimits.WorkPhone, required: false) && s.Value.WorkPhone.Length > 0 && !PhoneNumbers.IsValid(s.Value.WorkPhone))
                Problem(OrganisationKind.Staff, s.Row, Phone, ImportProblemCode.NotAPhoneNumber, s.Value.WorkPhone);
            if (CheckText(OrganisationKind.Staff, s.Row, Account, s.Value.Account, OrganisationLimits.UserName, required: false) && s.Value.Account.Length > 0 && !accountNames.ContainsKey(s.Value.Account))
                Problem(OrganisationKind.Staff, s.Row, Account, ImportProblemCode.UnknownAccount, s.Value.Account);
        }

        // ---- Rows against each other ----
        var stillInUse = new Dictionary<(OrganisationKind Kind, string Key), (int? Row, List<string> Users)>();
        // Something active refers to something inactive: the referring row is at fault when the
        // proposal names it; otherwise the deactivation is (its row, or its sheet when it went missing).
        void Inactive<T>(Merged<T> referenced, Merged<T>.Entry target, OrganisationKind kind, bool proposed, int? row, string column, string user) where T : class
        {
            if (proposed)
            {
                Problem(kind, row, column, ImportProblemCode.Deactivated, referenced.KeyOf(target.Value));
                return;
            }
            var key = (referenced.Kind, referenced.KeyOf(target.Value));
            if (!stillInUse.TryGetValue(key, out var entry))
                stillInUse[key] = entry = (target.Row, []);
            entry.Users.Add(user);
        }

        foreach (var b in businesses.Entries.Where(e => e.Value.Active))
        {
            if (departments.Find(b.Value.Department) is not { } department)
            {
                if (b.Proposed && b.Value.Department.Length > 0)
                    Problem(OrganisationKind.Businesses, b.Row, Department, ImportProblemCode.UnknownDepartment, b.Value.Department);
            }
            else if (!department.Value.Active)
            {
                Inactive(departments, department, OrganisationKind.Businesses, b.Proposed, b.Row, Department, b.Value.Code);
            }
        }
        foreach (var w in windows.Entries.Where(e => e.Value.Active))
        {
            var label = WindowKey(w.Value.Hall, w.Value.Number);
            if (halls.Find(w.Value.Hall) is not { } hall)
            {
                if (w.Proposed && w.Value.Hall.Length > 0)
                    Problem(OrganisationKind.Windows, w.Row, Hall, ImportProblemCode.UnknownHall, w.Value.Hall);
            }
            else if (!hall.Value.Active)
            {
                Inactive(halls, hall, OrganisationKind.Windows, w.Proposed, w.Row, Hall, label);
            }
            if (businesses.Find(w.Value.Business) is not { } business)
            {
                if (w.Proposed && w.Value.Business.Length > 0)
                    Problem(OrganisationKind.Windows, w.Row, Business, ImportProblemCode.UnknownBusiness, w.Value.Business);
            }
            else if (!business.Value.Active)
            {
                Inactive(businesses, business, OrganisationKind.Windows, w.Proposed, w.Row, Business, label);
            }
            if (w.Value.Department.Length > 0)
            {
                if (departments.Find(w.Value.Department) is not { } department)
                {
                    if (w.Proposed)
                        Problem(OrganisationKind.Windows, w.Row, Department, ImportProblemCode.UnknownDepartment, w.Value.Department);
                }
                else if (!department.Value.Active)
                {
                    Inactive(departments, department, OrganisationKind.Windows, w.Proposed, w.Row, Department, label);
                }
            }
        }
        foreach (var s in staff.Entries.Where(e => e.Value.Active))
        {
            var label = $"{s.Value.Number} {s.Value.Name}";
            if (halls.Find(s.Value.Hall) is not { } hall)
            {
                if (s.Proposed && s.Value.Hall.Length > 0)
                    Problem(OrganisationKind.Staff, s.Row, Hall, ImportProblemCode.UnknownHall, s.Value.Hall);
            }
            else if (!hall.Value.Active)
            {
                Inactive(halls, hall, OrganisationKind.Staff, s.Proposed, s.Row, Hall, label);
            }
            else if (s.Value.Window is { } number)
            {
                if (windows.Find(WindowKey(hall.Value.Code, number)) is not { } window)
                {
                    if (s.Proposed)
                        Problem(OrganisationKind.Staff, s.Row, Window, ImportProblemCode.UnknownWindow, hall.Value.Code, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                else if (!window.Value.Active)
                {
                    Inactive(windows, window, OrganisationKind.Staff, s.Proposed, s.Row, Window, label);
                }
            }
            if (s.Value.Department.Length > 0)
            {
                if (departments.Find(s.Value.Department) is not { } department)
                {
                    if (s.Proposed)
                        Problem(OrganisationKind.Staff, s.Row, Department, ImportProblemCode.UnknownDepartment, s.Value.Department);
                }
                else if (!department.Value.Active)
                {
                    Inactive(departments, department, OrganisationKind.Staff, s.Proposed, s.Row, Department, label);
                }
            }
        }
        foreach (var ((kind, key), (row, users)) in stillInUse)
            Problem(kind, row, null, ImportProblemCode.StillInUse, key, Cultures(users.Take(5)), users.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // One account is one person; one review code is one window.
        foreach (var group in staff.Entries.Where(s => s.Value.Account.Length > 0).GroupBy(s => s.Value.Account, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            foreach (var s in group.Where(s => s.Proposed))
                Problem(OrganisationKind.Staff, s.Row, Account, ImportProblemCode.AccountLinkedTwice, s.Value.Account,
                    Cultures(group.Where(o => o != s).Select(o => $"{o.Value.Number} {o.Value.Name}")));
        }
        foreach (var group in windows.Entries.GroupBy(w => w.Value.ReviewCode, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            foreach (var w in group.Where(w => w.Proposed))
                Problem(OrganisationKind.Windows, w.Row, ReviewCode, ImportProblemCode.ReviewCodeTaken, w.Value.ReviewCode,
                    Cultures(group.Where(o => o != w).Select(o => WindowKey(o.Value.Hall, o.Value.Number))));
        }

        // An open hall needs a week.
        var hallsWithHours = hours.Select(h => h.Value.Hall).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var h in halls.Entries.Where(h => h.Value.Active && !hallsWithHours.Contains(h.Value.Code)))
        {
            if (h.Proposed)
                Problem(OrganisationKind.Halls, h.Row, null, ImportProblemCode.NoOpeningHours, h.Value.Code);
            else
                Problem(replacedWeeks.Contains(h.Value.Code) ? OrganisationKind.Hours : OrganisationKind.Halls, null, null, ImportProblemCode.NoOpeningHours, h.Value.Code);
        }

        // ---- What changes ----
        var target = new OrganisationRows(
            [.. halls.Entries.Select(e => e.Value)],
            [.. hours.Select(h => h.Value).OrderBy(h => h.Hall, StringComparer.Ordinal).ThenBy(h => (int)h.Day == 0 ? 7 : (int)h.Day)],
            [.. departments.Entries.Select(e => e.Value)],
            [.. businesses.Entries.Select(e => e.Value)],
            [.. windows.Entries.Select(e => e.Value)],
            [.. staff.Entries.Select(e => e.Value)]);
        var changes = new List<OrganisationChange>();
        var counts = new List<KindCounts>
        {
            Diff(OrganisationKind.Halls, current.Halls, target.Halls, h => h.Code, h => h.Active, changes),
            DiffHours(current.Hours, target.Hours, changes),
            Diff(OrganisationKind.Departments, current.Departments, target.Departments, d => d.Code, d => d.Active, changes),
            Diff(OrganisationKind.Businesses, current.Businesses, target.Businesses, b => b.Code, b => b.Active, changes),
            Diff(OrganisationKind.Windows, current.Windows, target.Windows, w => WindowKey(w.Hall, w.Number), w => w.Active, changes),
            Diff(OrganisationKind.Staff, current.Staff, target.Staff, s => s.Number, s => s.Active, changes),
        };
        return new OrganisationPlan(target, problems, counts, changes);

        bool CheckText(OrganisationKind kind, int? row, string column, string value, int max, bool required, bool code = false)
        {
            if (value.Length == 0)
            {
                if (required)
                    Problem(kind, row, column, ImportProblemCode.Required);
                return !required;
            }
            if (value.Length > max)
            {
                Problem(kind, row, column, ImportProblemCode.TooLong, max.ToString(System.Globalization.CultureInfo.InvariantCulture), value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return false;
            }
            // Codes go into URLs, ticket numbers and device messages: letters, digits, - and _ only.
            if (code && !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                Problem(kind, row, column, ImportProblemCode.BadCharacters, value);
                return false;
            }
            return true;
        }

        void CheckRange(OrganisationKind kind, int? row, string column, int value, int min, int max)
        {
            if (value < min || value > max)
                Problem(kind, row, column, ImportProblemCode.OutOfRange, min.ToString(System.Globalization.CultureInfo.InvariantCulture), max.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A window's natural key as people write it: "T05 3".</summary>
    public static string WindowKey(string hall, int number) => $"{hall} {number.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string Cultures(IEnumerable<string> items) => string.Join(", ", items);

    private static Merged<T> Merge<T>(OrganisationKind kind, IReadOnlyList<T> current, IReadOnlyList<Proposed<T>>? proposed, Func<T, string> key, string keyColumn,
        Func<T, T?, T> normalise, Func<T, T> deactivate, bool deactivateMissing, List<ImportProblem> problems) where T : class
    {
        var merged = new Merged<T>(kind, key);
        foreach (var row in current)
            merged.Add(new Merged<T>.Entry(row, null, false));
        if (proposed is null)
            return merged;
        var now = current.ToDictionary(key, StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<string, int?>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in proposed)
        {
            var value = normalise(p.Value, now.GetValueOrDefault(key(p.Value)));
            var k = key(value);
            if (seen.TryGetValue(k, out var first))
            {
                problems.Add(new ImportProblem(kind, p.Row, keyColumn, ImportProblemCode.Duplicate, k, first?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                continue;
            }
            seen[k] = p.Row;
            merged.Set(new Merged<T>.Entry(value, p.Row, true));
        }
        if (deactivateMissing)
        {
            foreach (var entry in merged.Entries.Where(e => !e.Proposed).ToList())
                merged.Replace(entry, deactivate(entry.Value));
        }
        return merged;
    }

    private static KindCounts Diff<T>(OrganisationKind kind, IReadOnlyList<T> current, IReadOnlyList<T> target, Func<T, string> key, Func<T, bool> active, List<OrganisationChange> changes) where T : class
    {
        var before = current.ToDictionary(key, StringComparer.OrdinalIgnoreCase);
        int created = 0, changed = 0, deactivated = 0, unchanged = 0;
        foreach (var after in target)
        {
            var k = key(after);
            if (!before.TryGetValue(k, out var was))
            {
                created++;
                changes.Add(new(kind, k, Admin.AuditActions.Created, null, Cells(kind, after)));
            }
            else if (was.Equals(after))
            {
                unchanged++;
            }
            else if (active(was) && !active(after))
            {
                deactivated++;
                changes.Add(new(kind, k, Admin.AuditActions.Deactivated, Cells(kind, was), Cells(kind, after)));
            }
            else
            {
                changed++;
                changes.Add(new(kind, k, !active(was) && active(after) ? Admin.AuditActions.Reactivated : Admin.AuditActions.Changed, Cells(kind, was), Cells(kind, after)));
            }
        }
        return new KindCounts(kind, created, changed, deactivated, unchanged);
    }

    /// <summary>Hours are counted day by day and audited hall by hall (a hall's week before → after).</summary>
    private static KindCounts DiffHours(IReadOnlyList<HoursRow> current, IReadOnlyList<HoursRow> target, List<OrganisationChange> changes)
    {
        static string Key(HoursRow h) => $"{h.Hall.ToUpperInvariant()} {(int)h.Day}";
        var before = current.ToDictionary(Key);
        var after = target.ToDictionary(Key);
        var created = after.Keys.Count(k => !before.ContainsKey(k));
        var removed = before.Keys.Count(k => !after.ContainsKey(k));
        var changed = after.Count(a => before.TryGetValue(a.Key, out var b) && b != a.Value);
        var unchanged = after.Count(a => before.TryGetValue(a.Key, out var b) && b == a.Value);
        foreach (var hall in current.Select(h => h.Hall).Concat(target.Select(h => h.Hall)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var was = Week(current, hall);
            var now = Week(target, hall);
            if (!was.SequenceEqual(now))
                changes.Add(new(OrganisationKind.Hours, hall, Admin.AuditActions.Changed, was.Count == 0 ? null : was, now.Count == 0 ? null : now));
        }
        return new KindCounts(OrganisationKind.Hours, created, changed, removed, unchanged);

        static Dictionary<string, string> Week(IReadOnlyList<HoursRow> rows, string hall) => rows.Where(h => Same(h.Hall, hall))
            .OrderBy(h => (int)h.Day == 0 ? 7 : (int)h.Day)
            .ToDictionary(h => OrganisationValues.Day(h.Day), h => Client.Live.Format.Hours(h.ToDayHours()));
    }

    /// <summary>A row as the export writes it: what the audit shows before and after.</summary>
    private static Dictionary<string, string> Cells<T>(OrganisationKind kind, T row) where T : class
    {
        var organisation = row switch
        {
            HallRow h => OrganisationRows.Empty with { Halls = [h] },
            DepartmentRow d => OrganisationRows.Empty with { Departments = [d] },
            BusinessRow b => OrganisationRows.Empty with { Businesses = [b] },
            WindowRow w => OrganisationRows.Empty with { Windows = [w] },
            StaffRow s => OrganisationRows.Empty with { Staff = [s] },
            _ => OrganisationRows.Empty,
        };
        return OrganisationWorkbook.Rows(kind, organisation).Single();
    }

    /// <summary>One kind's rows by key, in order: the current ones, then those the proposal adds.</summary>
    private sealed class Merged<T>(OrganisationKind kind, Func<T, string> key) where T : class
    {
        public sealed record Entry(T Value, int? Row, bool Proposed);

        private readonly Dictionary<string, int> index = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<Entry> entries = [];

        public OrganisationKind Kind => kind;

        public IReadOnlyList<Entry> Entries => entries;

        public string KeyOf(T value) => key(value);

        public Entry? Find(string k) => index.TryGetValue(k, out var i) ? entries[i] : null;

        /// <summary>A reference as the row it names spells its key ("t01" → "T01"); unknown ones stay as written.</summary>
        public string Canonical(string k, Func<T, string> spelling) => Find(k) is { } found ? spelling(found.Value) : k;

        public void Add(Entry entry)
        {
            index[key(entry.Value)] = entries.Count;
            entries.Add(entry);
        }

        public void Set(Entry entry)
        {
            if (index.TryGetValue(key(entry.Value), out var i))
                entries[i] = entry;
            else
                Add(entry);
        }

        public void Replace(Entry entry, T value) => entries[index[key(entry.Value)]] = entry with { Value = value };
    }
}
