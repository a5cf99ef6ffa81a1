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

    // The facts the alert was raised on, for the screens to word in their reader's language
    // (which are set for which kind: Client.Alerts.AlertFacts).
    public ReviewLevel? Level { get; set; }
    public ReviewTags Tags { get; set; }
    public int? Count { get; set; }
    public int? OutOf { get; set; }
    public int? Minutes { get; set; }

    /// <summary>One open alert per condition (kind, hall, window or staff member).</summary>
    public string? ConditionKey { get; set; }
    public string? AssignedTo { get; set; }
    public string? Resolution { get; set; }

    /// <summary>Set when the deadline passed unresolved: the director sees it, and so do the wall and the overview.</summary>
    public DateTimeOffset? EscalatedAt { get; set; }
    public AppealState Appeal { get; set; }
    public string? AppealReason { get; set; }
    public string? ReturnCallOutcome { get; set; }

    /// <summary>The citizen's rating of the fix, 1–5, from the return call.</summary>
    public int? ReturnCallRating { get; set; }

    /// <summary>Optimistic concurrency: two managers acting at once never overwrite each other.</summary>
    public int Version { get; set; }
}

/// <summary>The audit trail: who did what to an alert, when. Never updated, never deleted.</summary>
public sealed class AlertAction
{
    public long Id { get; set; }
    public long AlertId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    public required string Action { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// A day that differs from the usual Monday–Friday week: a public holiday (no work) or a make-up
/// working day (a weekend day worked to bridge a holiday). Data, so each locality keeps its own.
/// </summary>
public sealed class CalendarDay
{
    public DateOnly Date { get; set; }
    public bool IsWorkingDay { get; set; }
    public required string Name { get; set; }
}
