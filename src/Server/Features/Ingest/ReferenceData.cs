using LiveBoard.Client.Model;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Ingest;

/// <summary>
/// Halls, windows, businesses and staff in memory, so that validating an event costs dictionary
/// look-ups and no query. Reloaded whole after every change to the organisation, on every instance
/// (<see cref="Organisation.OrganisationChanges"/>, decision 0016); a reader sees the old snapshot
/// or the new one, never half of each.
/// <para>
/// Deactivated things stay here by id, so the history keeps its names (a review of a window closed
/// since), but every look-up that admits something new — by code, by hall and number, a staff
/// member to set — and every list the live screens draw finds active things only. A window or staff
/// member of a deactivated hall counts as deactivated.
/// </para>
/// </summary>
public sealed class ReferenceData
{
    public sealed record HallInfo(int Id, string Code, string Name, string NameEn, HallKind Kind, int Capacity, WeekHours Hours, IReadOnlySet<int> BusinessIds, bool Active = true)
    {
        /// <summary>Open at a county-local date and time, on that weekday's hours.</summary>
        public bool IsOpenAt(DateTime countyLocal) => Hours.IsOpenAt(countyLocal);
    }

    public sealed record WindowInfo(int Id, int HallId, int Number, int BusinessId, bool Active = true);

    public sealed record BusinessInfo(int Id, string Code, string Name, string NameEn, bool Active = true);

    public sealed record StaffInfo(int Id, int HallId, int? WindowId, string Name, string Position, string WorkPhone, bool Active = true);

    private volatile Snapshot current = Snapshot.Empty;

    private sealed record Snapshot(
        Dictionary<string, HallInfo> HallsByCode,
        Dictionary<int, HallInfo> HallsById,
        IReadOnlyList<HallInfo> ActiveHalls,
        Dictionary<(int Hall, int Number), WindowInfo> Windows,
        Dictionary<int, WindowInfo> WindowsById,
        IReadOnlyList<WindowInfo> ActiveWindows,
        Dictionary<string, int> BusinessesByCode,
        Dictionary<int, BusinessInfo> Businesses,
        Dictionary<int, StaffInfo> Staff,
        IReadOnlyList<StaffInfo> ActiveStaff)
    {
        public static readonly Snapshot Empty = new([], [], [], [], [], [], [], [], [], []);
    }

    /// <summary>The active halls (the live screens' tiles).</summary>
    public IEnumerable<HallInfo> Halls => current.ActiveHalls;

    /// <summary>The active windows of active halls.</summary>
    public IEnumerable<WindowInfo> AllWindows => current.ActiveWindows;

    /// <summary>The active staff of active halls.</summary>
    public IEnumerable<StaffInfo> AllStaff => current.ActiveStaff;

    /// <summary>An active hall by its code: what a device, a URL or a hub client names.</summary>
    public HallInfo? HallByCode(string code) => current.HallsByCode.GetValueOrDefault(code) is { Active: true } hall ? hall : null;

    /// <summary>Any hall by id, deactivated ones too (names in the history).</summary>
    public HallInfo? Hall(int id) => current.HallsById.GetValueOrDefault(id);

    /// <summary>An active window of a hall by its number.</summary>
    public WindowInfo? Window(int hallId, int number) => current.Windows.GetValueOrDefault((hallId, number)) is { Active: true } window ? window : null;

    /// <summary>Any window by id, deactivated ones too.</summary>
    public WindowInfo? Window(int windowId) => current.WindowsById.GetValueOrDefault(windowId);

    /// <summary>An active business by its code.</summary>
    public int? BusinessId(string code) => current.BusinessesByCode.TryGetValue(code, out var id) && current.Businesses[id].Active ? id : null;

    /// <summary>Any business by id.</summary>
    public BusinessInfo? Business(int id) => current.Businesses.GetValueOrDefault(id);

    /// <summary>An active staff member: someone whose whereabouts may be set.</summary>
    public StaffInfo? Staff(int id) => current.Staff.GetValueOrDefault(id) is { Active: true } staff ? staff : null;

    public async Task LoadAsync(LiveBoardDb db, CancellationToken cancellationToken = default)
    {
        var halls = await db.Halls.AsNoTracking().Include(h => h.Hours).ToListAsync(cancellationToken);
        var activeHalls = halls.Where(h => h.Active).Select(h => h.Id).ToHashSet();
        var businesses = await db.Businesses.AsNoTracking().Select(b => new BusinessInfo(b.Id, b.Code, b.Name, b.NameEn, b.Active)).ToListAsync(cancellationToken);
        var windows = (await db.Windows.AsNoTracking().Select(w => new WindowInfo(w.Id, w.HallId, w.Number, w.BusinessId, w.Active)).ToListAsync(cancellationToken))
            .Select(w => w with { Active = w.Active && activeHalls.Contains(w.HallId) }).ToList();
        var hallInfos = halls.Select(h => new HallInfo(h.Id, h.Code, h.Name, h.NameEn, h.Kind, h.Capacity, h.Week(),
            windows.Where(w => w.HallId == h.Id && w.Active).Select(w => w.BusinessId).ToHashSet(), h.Active)).ToList();
        var staff = (await db.Staff.AsNoTracking().Select(s => new StaffInfo(s.Id, s.HallId, s.WindowId, s.Name, s.Position, s.WorkPhone, s.Active)).ToListAsync(cancellationToken))
            .Select(s => s with { Active = s.Active && activeHalls.Contains(s.HallId) }).ToList();
        current = new Snapshot(
            hallInfos.ToDictionary(h => h.Code, StringComparer.OrdinalIgnoreCase),
            hallInfos.ToDictionary(h => h.Id),
            [.. hallInfos.Where(h => h.Active)],
            windows.ToDictionary(w => (w.HallId, w.Number)),
            windows.ToDictionary(w => w.Id),
            [.. windows.Where(w => w.Active)],
            businesses.ToDictionary(b => b.Code, b => b.Id, StringComparer.OrdinalIgnoreCase),
            businesses.ToDictionary(b => b.Id),
            staff.ToDictionary(s => s.Id),
            [.. staff.Where(s => s.Active)]);
    }
}
