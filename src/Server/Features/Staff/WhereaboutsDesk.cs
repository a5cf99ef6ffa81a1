using System.Globalization;
using System.Security.Claims;
using LiveBoard.Client.Account;
using LiveBoard.Client.Live;
using LiveBoard.Client.Model;
using LiveBoard.Client.Presence;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Staff;

public sealed class WhereaboutsDesk(
    EventJournal journal, LiveState state, ReferenceData reference, IDbContextFactory<LiveBoardDb> databases, CountyClock clock, AppDeviceHolder app) : IWhereaboutsDesk
{
    public const string AppDeviceName = "LiveBoard app";

    public static int? StaffOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Policies.StaffClaim), CultureInfo.InvariantCulture, out var staff) ? staff : null;

    /// <summary>Staff: only themselves. Hall managers: anyone in their hall. Director and admins: anyone.</summary>
    public static bool MaySet(ClaimsPrincipal user, ReferenceData.StaffInfo staff) =>
        user.IsInRole(nameof(UserRole.Director)) || user.IsInRole(nameof(UserRole.Admin))
        || (user.IsInRole(nameof(UserRole.HallManager)) && HallScope.Allows(user, staff.HallId))
        || (user.IsInRole(nameof(UserRole.Staff)) && StaffOf(user) == staff.Id);

    /// <summary>The authorised approver for a hall: its hall manager, or the centre director.</summary>
    public static bool MayDecide(ClaimsPrincipal user, ReferenceData.StaffInfo staff) =>
        user.IsInRole(nameof(UserRole.Director)) || (user.IsInRole(nameof(UserRole.HallManager)) && HallScope.Allows(user, staff.HallId));

    public StaffPresenceView? Me(ClaimsPrincipal user) => StaffOf(user) is { } id ? Card(user, id) : null;

    public StaffPresenceView? Card(ClaimsPrincipal user, int staffId) =>
        reference.Staff(staffId) is { } staff && MaySet(user, staff)
            ? state.Hall(staff.HallId)?.Windows.SelectMany(w => w.Staff).FirstOrDefault(s => s.StaffId == staffId)
            : null;

    public async Task<EventRefusal?> SetAsync(ClaimsPrincipal user, int staffId, Whereabouts whereabouts, DateTimeOffset? expectedBack, string? note, CancellationToken cancellationToken = default)
    {
        if (reference.Staff(staffId) is not { } staff || !MaySet(user, staff))
            return EventRefusal.MayNotSet;
        if (whereabouts != Whereabouts.In && expectedBack is { } back && back <= clock.UtcNow)
            return EventRefusal.ReturnAlreadyPast;
        var result = await journal.SubmitAsync(app.Identity, [new WhereaboutsChangedEvent
        {
            EventId = Guid.NewGuid().ToString("N"), OccurredAt = clock.UtcNow, Hall = reference.Hall(staff.HallId)!.Code, Staff = staffId,
            Whereabouts = whereabouts, ExpectedBack = whereabouts == Whereabouts.In ? null : expectedBack, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        }], isBatch: false, cancellationToken, actor: user.Identity?.Name);
        return Refusal(result.Rejection);
    }

    /// <summary>The first field's code when fields were at fault, else the request's.</summary>
    private static EventRefusal? Refusal(EventRejection? rejection) =>
        rejection is null ? null : rejection.Errors.Values.Select(e => (EventRefusal?)e.Code).FirstOrDefault() ?? rejection.Code;

    public async Task<EventRefusal?> DecideAsync(ClaimsPrincipal user, int staffId, long recordId, bool approve, CancellationToken cancellationToken = default)
    {
        if (reference.Staff(staffId) is not { } staff || !MayDecide(user, staff))
            return EventRefusal.MayNotDecide;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            var record = await db.WhereaboutsRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recordId && r.StaffId == staffId, cancellationToken);
            if (record is null || record.Approval != ApprovalState.Pending)
                return EventRefusal.NotAwaitingDecision;
        }
        var result = await journal.SubmitAsync(app.Identity, [new WhereaboutsDecidedEvent
        {
            EventId = Guid.NewGuid().ToString("N"), OccurredAt = clock.UtcNow, Hall = reference.Hall(staff.HallId)!.Code, Staff = staffId,
            Record = recordId, Decision = approve ? ApprovalState.Approved : ApprovalState.Rejected,
        }], isBatch: false, cancellationToken, actor: user.Identity?.Name);
        return Refusal(result.Rejection);
    }

    /// <summary>A return this much later than announced counts as a late return.</summary>
    private static readonly TimeSpan LateReturnGrace = TimeSpan.FromMinutes(10);

    public async Task<IReadOnlyList<AttendanceRow>> AttendanceAsync(ClaimsPrincipal user, string hallCode, int year, int month, CancellationToken cancellationToken = default)
    {
        if (reference.HallByCode(hallCode) is not { } hall || !HallScope.Allows(user, hall.Id) || month is < 1 or > 12)
            return [];
        var from = clock.StartOf(new DateOnly(year, month, 1));
        var to = clock.StartOf(new DateOnly(year, month, 1).AddMonths(1));
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var inHall = db.Staff.AsNoTracking().Where(s => s.HallId == hall.Id);
        // Staff see their own attendance only; managers and the county their hall's.
        if (user.IsInRole(nameof(UserRole.Staff)))
        {
            var self = StaffOf(user);
            inHall = inHall.Where(s => s.Id == self);
        }
        var staff = await inHall.OrderBy(s => s.WindowId == null).ThenBy(s => s.WindowId).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Name, s.Position }).ToListAsync(cancellationToken);
        // The month's records, and the first one after it (to see when the last absence ended).
        var records = await db.WhereaboutsRecords.AsNoTracking().Where(r => r.Staff!.HallId == hall.Id && r.ChangedAt >= from)
            .OrderBy(r => r.StaffId).ThenBy(r => r.ChangedAt).Select(r => new { r.StaffId, r.ChangedAt, r.Whereabouts, r.ExpectedBackAt, r.Approval }).ToListAsync(cancellationToken);
        var now = clock.UtcNow;
        return [.. staff.Select(s =>
        {
            var own = records.Where(r => r.StaffId == s.Id).ToList();
            int absences = 0, unapproved = 0, late = 0;
            for (var i = 0; i < own.Count && own[i].ChangedAt < to; i++)
            {
                var r = own[i];
                if (r.Whereabouts == Whereabouts.In)
                    continue;
                absences++;
                if (r.Whereabouts is Whereabouts.Leave or Whereabouts.Travel && r.Approval != ApprovalState.Approved)
                    unapproved++;
                var ended = i + 1 < own.Count ? own[i + 1].ChangedAt : now;
                if (r.ExpectedBackAt is { } back && ended > back + LateReturnGrace)
                    late++;
            }
            return new AttendanceRow(s.Id, s.Name, s.Position, absences, unapproved, late);
        })];
    }

    public async Task<IReadOnlyList<WhereaboutsHistoryEntry>> HistoryAsync(ClaimsPrincipal user, string hallCode, int? staffId = null, CancellationToken cancellationToken = default)
    {
        if (reference.HallByCode(hallCode) is not { } hall || !HallScope.Allows(user, hall.Id))
            return [];
        // Staff see their own history only.
        if (user.IsInRole(nameof(UserRole.Staff)))
            staffId = StaffOf(user);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var records = db.WhereaboutsRecords.AsNoTracking().Where(r => r.Staff!.HallId == hall.Id);
        if (staffId is { } only)
            records = records.Where(r => r.StaffId == only);
        var rows = await (
            from r in records.OrderByDescending(r => r.Id).Take(300)
            join s in db.Staff on r.StaffId equals s.Id
            from changer in db.Users.Where(u => u.UserName == r.ChangedBy).DefaultIfEmpty()
            from changingDevice in db.DeviceKeys.Where(k => k.Id == r.ChangedByDevice).DefaultIfEmpty()
            from decider in db.Users.Where(u => u.UserName == r.DecidedBy).DefaultIfEmpty()
            from decidingDevice in db.DeviceKeys.Where(k => k.Id == r.DecidedByDevice).DefaultIfEmpty()
            select new
            {
                r, Staff = s.Name, Changer = changer!.DisplayName, ChangingDevice = changingDevice!.Name,
                Decider = decider!.DisplayName, DecidingDevice = decidingDevice!.Name,
            }).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(x => x.r.Id).Select(x => new WhereaboutsHistoryEntry(x.r.ChangedAt, x.Staff, x.r.Whereabouts, x.r.ExpectedBackAt, x.r.Note,
            Author(x.r.ChangedBy, x.Changer, x.r.ChangedByDevice, x.ChangingDevice) ?? new ChangeAuthor(AuthorKind.Device, "?"), x.r.Approval,
            Author(x.r.DecidedBy, x.Decider, x.r.DecidedByDevice, x.DecidingDevice)))];
    }

    /// <summary>A person by their display name (their user name if the account is gone), a device by its name.</summary>
    private static ChangeAuthor? Author(string? userName, string? displayName, int? deviceId, string? deviceName) =>
        userName is not null ? new ChangeAuthor(AuthorKind.Person, displayName ?? userName)
        : deviceId is null ? null
        : deviceName?.StartsWith(Demo.Simulator.DeviceName, StringComparison.Ordinal) == true ? new ChangeAuthor(AuthorKind.DemoSimulator, deviceName)
        : new ChangeAuthor(AuthorKind.Device, deviceName ?? $"#{deviceId}");
}

/// <summary>The built-in device the app's own forms speak as; known once the database is ready.</summary>
public sealed class AppDeviceHolder
{
    public DeviceIdentity Identity { get; set; } = new(0, WhereaboutsDesk.AppDeviceName, null);
}

/// <summary>
/// The whereabouts board: /me (staff set their own), approvals on the hall board, history per hall
/// and staff member. Who may use it: see <see cref="WhereaboutsDesk.MaySet"/> and <see cref="WhereaboutsDesk.MayDecide"/>.
/// </summary>
public static class WhereaboutsModule
{
    public static IServiceCollection AddWhereabouts(this IServiceCollection services) =>
        services.AddSingleton<AppDeviceHolder>().AddSingleton<IWhereaboutsDesk, WhereaboutsDesk>();

    /// <summary>GET /api/v1/halls/{code}/attendance.csv?month=2026-11 — the month's attendance for a spreadsheet. Who: as the hall board.</summary>
    public static IEndpointRouteBuilder MapWhereabouts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/halls/{code}/attendance.csv", async (string code, string? month, HttpContext http, IWhereaboutsDesk desk, CountyClock clock) =>
            {
                var (year, number) = DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                    ? (parsed.Year, parsed.Month) : (clock.Today.Year, clock.Today.Month);
                var rows = await desk.AttendanceAsync(http.User, code, year, number, http.RequestAborted);
                if (rows.Count == 0)
                    return Problems.Refused(StatusCodes.Status404NotFound, EventRefusal.UnknownHall, "No such hall for you.");
                var csv = new System.Text.StringBuilder("staff,position,absences,absences without approval,late returns\r\n");
                foreach (var r in rows)
                    csv.Append(CsvFile.Field(r.StaffName)).Append(',').Append(CsvFile.Field(r.Position)).Append(',').Append(r.Absences).Append(',').Append(r.UnapprovedAbsences).Append(',').Append(r.LateReturns).Append("\r\n");
                return CsvFile.Result($"attendance-{code}-{year}-{number:00}.csv", csv.ToString());
            })
            .RequireAuthorization(Policies.Hall).WithTags("Whereabouts");
        return endpoints;
    }

    /// <summary>Creates (once) the built-in device the app's forms speak as; needs the migrated database.</summary>
    public static async Task StartWhereaboutsAsync(this IServiceProvider services) =>
        services.GetRequiredService<AppDeviceHolder>().Identity = await services.EnsureBuiltInDeviceAsync(WhereaboutsDesk.AppDeviceName);
}
