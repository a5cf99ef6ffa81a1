using LiveBoard.Client.Model;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Ingest;

/// <summary>
/// Halls, windows, businesses and staff in memory, so that validating an event costs dictionary
/// look-ups and no query. Reloaded when an admin changes them.
/// </summary>
public sealed class ReferenceData
{
    public sealed record HallInfo(int Id, string Code, string Name, string NameEn, HallKind Kind, int Capacity, TimeOnly OpensAt, TimeOnly LunchStartsAt, TimeOnly LunchEndsAt, TimeOnly ClosesAt, IReadOnlySet<int> BusinessIds)
    {
        public bool IsOpenAt(TimeOnly time) =>
            time >= OpensAt && time < ClosesAt && !(time >= LunchStartsAt && time < LunchEndsAt);
    }

    public sealed record WindowInfo(int Id, int HallId, int Number, int BusinessId);

    public sealed record BusinessInfo(int Id, string Code, string Name, string NameEn);

    public sealed record StaffInfo(int Id, int HallId, int? WindowId, string Name, string Position, string WorkPhone);

    private volatile Snapshot current = new([], [], [], [], [], [], []);

    private sealed record Snapshot(
        Dictionary<string, HallInfo> HallsByCode,
        Dictionary<int, HallInfo> HallsById,
        Dictionary<(int Hall, int Number), WindowInfo> Windows,
        Dictionary<int, WindowInfo> WindowsById,
        Dictionary<string, int> BusinessesByCode,
        Dictionary<int, BusinessInfo> Businesses,
        Dictionary<int, StaffInfo> Staff);

    public IEnumerable<HallInfo> Halls => current.HallsById.Values;

    public IEnumerable<WindowInfo> AllWindows => current.Windows.Values;

    public IEnumerable<StaffInfo> AllStaff => current.Staff.Values;

    public HallInfo? HallByCode(string code) => current.HallsByCode.GetValueOrDefault(code);

    public HallInfo? Hall(int id) => current.HallsById.GetValueOrDefault(id);

    public WindowInfo? Window(int hallId, int number) => current.Windows.GetValueOrDefault((hallId, number));

    public WindowInfo? Window(int windowId) => current.WindowsById.GetValueOrDefault(windowId);

    public int? BusinessId(string code) => current.BusinessesByCode.TryGetValue(code, out var id) ? id : null;

    public BusinessInfo? Business(int id) => current.Businesses.GetValueOrDefault(id);

    public StaffInfo? Staff(int id) => current.Staff.GetValueOrDefault(id);

    public async Task LoadAsync(LiveBoardDb db, CancellationToken cancellationToken = default)
    {
        var windows = await db.Windows.AsNoTracking().Select(w => new WindowInfo(w.Id, w.HallId, w.Number, w.BusinessId)).ToListAsync(cancellationToken);
        var halls = await db.Halls.AsNoTracking().ToListAsync(cancellationToken);
        var hallInfos = halls.Select(h => new HallInfo(h.Id, h.Code, h.Name, h.NameEn, h.Kind, h.Capacity, h.OpensAt, h.LunchStartsAt, h.LunchEndsAt, h.ClosesAt,
            windows.Where(w => w.HallId == h.Id).Select(w => w.BusinessId).ToHashSet())).ToList();
        var businesses = await db.Businesses.AsNoTracking().Select(b => new BusinessInfo(b.Id, b.Code, b.Name, b.NameEn)).ToListAsync(cancellationToken);
        var staff = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.Id, s => new StaffInfo(s.Id, s.HallId, s.WindowId, s.Name, s.Position, s.WorkPhone), cancellationToken);
        current = new Snapshot(
            hallInfos.ToDictionary(h => h.Code, StringComparer.OrdinalIgnoreCase),
            hallInfos.ToDictionary(h => h.Id),
            windows.ToDictionary(w => (w.HallId, w.Number)),
            windows.ToDictionary(w => w.Id),
            businesses.ToDictionary(b => b.Code, b => b.Id, StringComparer.OrdinalIgnoreCase),
            businesses.ToDictionary(b => b.Id),
            staff);
    }
}
