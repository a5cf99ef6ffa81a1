using LiveBoard.Client.Model;

namespace LiveBoard.Server.Features.Alerts;

/// <summary>Something a hall manager must act on, with its lifecycle and deadline.</summary>
public sealed class Alert
{
    public long Id { get; set; }
    public int HallId { get; set; }
    public AlertKind Kind { get; set; }
    public AlertStatus Status { get; set; }
    public DateTimeOffset RaisedAt { get; set; }

    /// <summary>Rectification deadline (working days for bad reviews); null for transient alerts.</summary>
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public long? ReviewId { get; set; }
    public int? WindowId { get; set; }
    public int? StaffId { get; set; }
    public required string Summary { get; set; }

    /// <summary>Optimistic concurrency: two managers acting at once never overwrite each other.</summary>
    public int Version { get; set; }
}
