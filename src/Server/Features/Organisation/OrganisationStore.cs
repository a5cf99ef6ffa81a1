using System.Security.Cryptography;
using LiveBoard.Client.Account;
using LiveBoard.Client.Admin;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Admin;
using LiveBoard.Server.Features.Halls;
using LiveBoard.Server.Features.Staff;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Organisation;

/// <summary>
/// The organisation in the database, as rows by natural key (<see cref="OrganisationRows"/>): read
/// whole, and brought to a plan's target in one transaction with one audit row per change.
/// </summary>
public static class OrganisationStore
{
    /// <summary>A new window's review code: 10 random hex digits, as hard to guess as the demo's.</summary>
    public static string NewReviewCode() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    public static async Task<(OrganisationRows Rows, IReadOnlySet<string> Accounts)> LoadAsync(LiveBoardDb db, CancellationToken cancellationToken = default)
    {
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).ToListAsync(cancellationToken);
        var departmentCode = departments.ToDictionary(d => d.Id, d => d.Code);
        var businesses = await db.Businesses.AsNoTracking().OrderBy(b => b.Code).ToListAsync(cancellationToken);
        var businessCode = businesses.ToDictionary(b => b.Id, b => b.Code);
        var halls = await db.Halls.AsNoTracking().Include(h => h.Hours).OrderBy(h => h.Kind).ThenBy(h => h.Code).ToListAsync(cancellationToken);
        var hallCode = halls.ToDictionary(h => h.Id, h => h.Code);
        var hallOrder = halls.Select((h, i) => (h.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var windows = (await db.Windows.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(w => hallOrder[w.HallId]).ThenBy(w => w.Number).ToList();
        var windowNumber = windows.ToDictionary(w => w.Id, w => w.Number);
        var staff = (await db.Staff.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(s => hallOrder[s.HallId]).ThenBy(s => s.Id).ToList();
        var users = await db.Users.AsNoTracking().Select(u => new { u.UserName, u.StaffId }).ToListAsync(cancellationToken);
        var accountOf = users.Where(u => u.StaffId != null).GroupBy(u => u.StaffId!.Value).ToDictionary(g => g.Key, g => g.First().UserName!);

        var rows = new OrganisationRows(
            [.. halls.Select(h => new HallRow(h.Code, h.Name, h.NameEn, h.Kind, h.Capacity, h.Active))],
            [.. halls.SelectMany(h => h.Hours.OrderBy(d => (int)d.Day == 0 ? 7 : (int)d.Day)
                .Select(d => new HoursRow(h.Code, d.Day, d.OpensAt, d.ClosesAt, d.LunchStartsAt, d.LunchEndsAt)))],
            [.. departments.Select(d => new DepartmentRow(d.Code, d.Name, d.NameEn, d.Active))],
            [.. businesses.Select(b => new BusinessRow(b.Code, b.Name, b.NameEn, departmentCode[b.DepartmentId], b.TypicalServiceMinutes, b.Active))],
            [.. windows.Select(w => new WindowRow(hallCode[w.HallId], w.Number, businessCode[w.BusinessId],
                w.DepartmentId is { } d ? departmentCode[d] : "", w.ReviewCode, w.Active))],
            [.. staff.Select(s => new StaffRow(s.Number, s.Name, s.Pinyin, s.Position, hallCode[s.HallId],
                s.WindowId is { } w ? windowNumber[w] : null, s.DepartmentId is { } d ? departmentCode[d] : "", s.WorkPhone,
                accountOf.GetValueOrDefault(s.Id, ""), s.Active))]);
        return (rows, users.Select(u => u.UserName!).ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Brings the database to the plan's target in one transaction: what fails midway leaves
    /// nothing. Every change gets its audit row in the same transaction. The caller has checked
    /// that the plan has no problem.
    /// </summary>
    public static async Task ApplyAsync(LiveBoardDb db, AuditTrail audit, string actor, OrganisationPlan plan, CancellationToken cancellationToken = default)
    {
        if (plan.Changes.Count == 0)
            return;
        var target = plan.Target;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ignoreCase = StringComparer.OrdinalIgnoreCase;

        var departments = await db.Departments.ToDictionaryAsync(d => d.Code, ignoreCase, cancellationToken);
        foreach (var row in target.Departments)
        {
            if (!departments.TryGetValue(row.Code, out var department))
                db.Departments.Add(departments[row.Code] = department = new Department { Code = row.Code, Name = row.Name, NameEn = row.NameEn });
            (department.Name, department.NameEn, department.Active) = (row.Name, row.NameEn, row.Active);
        }

        var businesses = await db.Businesses.ToDictionaryAsync(b => b.Code, ignoreCase, cancellationToken);
        foreach (var row in target.Businesses)
        {
            if (!businesses.TryGetValue(row.Code, out var business))
                db.Businesses.Add(businesses[row.Code] = business = new Business { Code = row.Code, Name = row.Name, NameEn = row.NameEn });
            (business.Name, business.NameEn, business.Department, business.TypicalServiceMinutes, business.Active) =
                (row.Name, row.NameEn, departments[row.Department], row.TypicalMinutes, row.Active);
        }

        var halls = await db.Halls.Include(h => h.Hours).ToDictionaryAsync(h => h.Code, ignoreCase, cancellationToken);
        foreach (var row in target.Halls)
        {
            if (!halls.TryGetValue(row.Code, out var hall))
                db.Halls.Add(halls[row.Code] = hall = new Hall { Code = row.Code, Name = row.Name, NameEn = row.NameEn });
            (hall.Name, hall.NameEn, hall.Kind, hall.Capacity, hall.Active) = (row.Name, row.NameEn, row.Kind, row.Capacity, row.Active);
        }
        // Hours have no history: a day no longer open is removed.
        foreach (var hall in halls.Values)
        {
            var week = target.Hours.Where(h => ignoreCase.Equals(h.Hall, hall.Code)).ToDictionary(h => h.Day);
            foreach (var gone in hall.Hours.Where(h => !week.ContainsKey(h.Day)).ToList())
            {
                hall.Hours.Remove(gone);
                db.HallHours.Remove(gone);
            }
            foreach (var day in week.Values)
            {
                var hours = hall.Hours.FirstOrDefault(h => h.Day == day.Day);
                if (hours is null)
                    hall.Hours.Add(hours = new HallHours { Hall = hall, Day = day.Day });
                (hours.OpensAt, hours.LunchStartsAt, hours.LunchEndsAt, hours.ClosesAt) = (day.Opens, day.LunchStarts, day.LunchEnds, day.Closes);
            }
        }

        var hallCodes = halls.Values.Where(h => h.Id != 0).ToDictionary(h => h.Id, h => h.Code);
        var windowsByKey = (await db.Windows.ToListAsync(cancellationToken))
            .ToDictionary(w => OrganisationCheck.WindowKey(hallCodes[w.HallId], w.Number), ignoreCase);
        foreach (var row in target.Windows)
        {
            var key = OrganisationCheck.WindowKey(row.Hall, row.Number);
            if (!windowsByKey.TryGetValue(key, out var window))
                db.Windows.Add(windowsByKey[key] = window = new ServiceWindow { Hall = halls[row.Hall], Number = row.Number, ReviewCode = row.ReviewCode });
            (window.Business, window.Department, window.ReviewCode, window.Active) =
                (businesses[row.Business], row.Department.Length > 0 ? departments[row.Department] : null, row.ReviewCode, row.Active);
            if (row.Department.Length == 0)
                window.DepartmentId = null;
        }

        var staff = await db.Staff.ToDictionaryAsync(s => s.Number, ignoreCase, cancellationToken);
        foreach (var row in target.Staff)
        {
            var hall = halls[row.Hall];
            if (!staff.TryGetValue(row.Number, out var member))
            {
                db.Staff.Add(staff[row.Number] = member = new StaffMember
                {
                    Number = row.Number, Name = row.Name, Pinyin = row.Pinyin, Position = row.Position, WorkPhone = row.WorkPhone, Hall = hall,
                });
            }
            (member.Name, member.Pinyin, member.Position, member.WorkPhone, member.Hall, member.Active) =
                (row.Name, row.Pinyin, row.Position, row.WorkPhone, hall, row.Active);
            member.Window = row.Window is { } number ? windowsByKey[OrganisationCheck.WindowKey(row.Hall, number)] : null;
            if (row.Window is null)
                member.WindowId = null;
            member.Department = row.Department.Length > 0 ? departments[row.Department] : null;
            if (row.Department.Length == 0)
                member.DepartmentId = null;
        }

        foreach (var change in plan.Changes)
            audit.Record(db, actor, AreaOf(change.Kind), change.Subject, change.Action, change.Before, change.After);
        await db.SaveChangesAsync(cancellationToken);

        // The staff's linked accounts, now that new staff have ids: one account per staff member.
        // A staff account follows its staff member to another hall; its sessions end (new security
        // stamp) so that the next one carries the new hall.
        var linked = target.Staff.Where(s => s.Account.Length > 0).ToDictionary(s => s.Account, s => staff[s.Number], ignoreCase);
        var users = await db.Users.Where(u => u.StaffId != null || linked.Keys.Contains(u.UserName!)).ToListAsync(cancellationToken);
        foreach (var user in users)
        {
            var member = linked.GetValueOrDefault(user.UserName!);
            if (member is null)
            {
                // Linked to a staff member whose row now names another account (or none given: kept).
                if (target.Staff.Any(s => s.Account.Length > 0 && staff[s.Number].Id == user.StaffId))
                    user.StaffId = null;
                continue;
            }
            var hallChanged = user.Role == UserRole.Staff && user.HallId != member.HallId;
            if (user.StaffId == member.Id && !hallChanged)
                continue;
            user.StaffId = member.Id;
            if (user.Role == UserRole.Staff)
                user.HallId = member.HallId;
            if (hallChanged)
                user.SecurityStamp = Guid.NewGuid().ToString("N");
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public static string AreaOf(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Halls or OrganisationKind.Hours => AuditAreas.Hall,
        OrganisationKind.Departments => AuditAreas.Department,
        OrganisationKind.Businesses => AuditAreas.Business,
        OrganisationKind.Windows => AuditAreas.Window,
        _ => AuditAreas.Staff,
    };
}
