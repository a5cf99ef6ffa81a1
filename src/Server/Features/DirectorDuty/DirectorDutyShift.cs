using LiveBoard.Server.Features.Halls;

namespace LiveBoard.Server.Features.DirectorDuty;

/// <summary>
/// "Director service day": the head of a stationed unit serves on site (the 1st, 11th and 21st
/// of each month by custom, but the roster is data, so any date works).
/// </summary>
public sealed class DirectorDutyShift
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }
    public int HallId { get; set; }
    public Hall? Hall { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public required string DirectorName { get; set; }
    public required string Position { get; set; }
}
