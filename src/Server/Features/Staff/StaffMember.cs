using LiveBoard.Client.Model;
using LiveBoard.Server.Features.Halls;

namespace LiveBoard.Server.Features.Staff;

public sealed class StaffMember
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Pinyin { get; set; }
    public required string Position { get; set; }
    public required string WorkPhone { get; set; }
    public int HallId { get; set; }
    public Hall? Hall { get; set; }

    /// <summary>The window the staff member usually sits at; null for back-office staff.</summary>
    public int? WindowId { get; set; }
    public ServiceWindow? Window { get; set; }
}

/// <summary>
/// One change on the whereabouts board. Rows are never updated except for the approval decision:
/// the board's current state is the latest row per staff member, and the rows are the history.
/// The id is the sequence number of the event that recorded it.
/// </summary>
public sealed class WhereaboutsRecord
{
    public long Id { get; set; }
    public int StaffId { get; set; }
    public StaffMember? Staff { get; set; }
    public Whereabouts Whereabouts { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public DateTimeOffset? ExpectedBackAt { get; set; }

    /// <summary>Who made the change: a user name or a device name.</summary>
    public required string ChangedBy { get; set; }
    public ApprovalState Approval { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}
