using LiveBoard.Client.Model;

namespace LiveBoard.Client.Halls;

/// <summary>A hall as the screens list it: reference data that changes rarely.</summary>
public sealed record HallView(
    int Id,
    string Code,
    string Name,
    string NameEn,
    HallKind Kind,
    int Capacity,
    WeekHours Hours,
    IReadOnlyList<WindowView> Windows);

public sealed record WindowView(int Id, int Number, string BusinessCode, string Business, string BusinessEn, string Department, string DepartmentEn);

/// <summary>The county's active halls and their active windows, read from the database.</summary>
public interface IHallDirectory
{
    Task<IReadOnlyList<HallView>> GetHallsAsync(CancellationToken cancellationToken = default);
}
