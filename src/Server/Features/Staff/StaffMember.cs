using LiveBoard.Client.Model;
using LiveBoard.Server.Features.Halls;

namespace LiveBoard.Server.Features.Staff;

public sealed class StaffMember
{
    public int Id { get; set; }

    /// <summary>
    /// The staff number (工号) the county keeps: the natural key an import matches staff by
    /// (decision 0015). Staff made before it existed were numbered S00001, S00002, … by their id.
    /// </summary>
    public required string Number { get; set; }
    public required string Name { get; set; }
    /// <summary>As the county's staff list spells it, e.g. "Wang Jianguo".</summary>
    public required string Pinyin
    {
        get;
        set
        {
            field = value;
            RefreshSearchKey();
        }
    }

    /// <summary>
    /// What the county search matches typed pinyin against (<see cref="StaffSearchKey"/>). Set with
    /// the pinyin, so every write of a staff member keeps it current; not for display.
    /// </summary>
    public string SearchKey { get; private set; } = "";

    public required string Position { get; set; }
    public required string WorkPhone { get; set; }
    public int HallId { get; set; }
    public Hall? Hall { get; set; }

    /// <summary>The window the staff member usually sits at; null for back-office staff.</summary>
    public int? WindowId { get; set; }
    public ServiceWindow? Window { get; set; }

    /// <summary>The department the staff member belongs to, when the county's list says.</summary>
    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }

    /// <summary>Inactive: left or moved away. Kept for the history and statistics, off the boards.</summary>
    public bool Active { get; set; } = true;

    public void RefreshSearchKey() => SearchKey = StaffSearchKey.Of(Pinyin);
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

    /// <summary>The person who made the change in the app (user name); null when a device reported it.</summary>
    public string? ChangedBy { get; set; }

    /// <summary>The device that reported the change (its key's id), when no person made it in the app.</summary>
    public int? ChangedByDevice { get; set; }
    public ApprovalState Approval { get; set; }

    /// <summary>Who decided the leave or travel: a person (user name), or else a device (id).</summary>
    public string? DecidedBy { get; set; }
    public int? DecidedByDevice { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}
