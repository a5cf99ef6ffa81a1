using System.Text.Json.Serialization;
using LiveBoard.Client.Model;

namespace LiveBoard.Server.Live;

public enum EventType
{
    TicketIssued = 1,
    TicketCalled = 2,
    TicketCompleted = 3,
    TicketAbandoned = 4,
    DoorCounted = 5,
    WhereaboutsChanged = 6,
    ReviewSubmitted = 7,
    /// <summary>An approver's decision on a leave or travel request (from the app, never a device).</summary>
    WhereaboutsDecided = 8,
}

public enum TicketOutcome
{
    Done = 1,
    Incomplete = 2,
    Referred = 3,
}

/// <summary>
/// An accepted event, validated and resolved to ids: what the journal stores (as JSON), the bus
/// carries and the live state applies. One flat record rather than a type per event: every
/// consumer switches on <see cref="Type"/> and reads the few fields that type sets.
/// It holds nothing private about a citizen (no phone, no comment): those stay in the Reviews table.
/// </summary>
public sealed record LiveEvent
{
    public long Sequence { get; init; }
    public EventType Type { get; init; }
    public int HallId { get; init; }
    public int DeviceId { get; init; }
    public required string ClientEventId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }

    // Tickets: the id is the sequence of the "issued" event.
    public long? TicketId { get; init; }
    public string? Ticket { get; init; }
    public int? BusinessId { get; init; }
    public int? WindowId { get; init; }
    public TicketOutcome? Outcome { get; init; }
    public bool? NoShow { get; init; }

    // Door counters.
    public int? In { get; init; }
    public int? Out { get; init; }

    // Whereabouts.
    public int? StaffId { get; init; }
    public Whereabouts? Whereabouts { get; init; }
    public DateTimeOffset? ExpectedBackAt { get; init; }
    public string? Note { get; init; }
    public ApprovalState? Approval { get; init; }

    /// <summary>The whereabouts record a decision is about (the sequence that created it).</summary>
    public long? RecordId { get; init; }

    /// <summary>The signed-in person (user name) behind a change made in the app; null when the device itself reported it.</summary>
    public string? ChangedBy { get; init; }

    /// <summary>
    /// The hash of the body the device sent (Features.Ingest.EventFingerprint): a retry with the same id
    /// and body is a duplicate, the same id with another body a conflict. Null on events stored before it was kept.
    /// </summary>
    public string? Fingerprint { get; init; }

    // Reviews.
    public ReviewLevel? Level { get; init; }
    public ReviewTags? Tags { get; init; }
    public ReviewChannel? Channel { get; init; }

    [JsonIgnore]
    public string WireType => ToWireType(Type);

    public static string ToWireType(EventType type) => type switch
    {
        EventType.TicketIssued => "ticket.issued",
        EventType.TicketCalled => "ticket.called",
        EventType.TicketCompleted => "ticket.completed",
        EventType.TicketAbandoned => "ticket.abandoned",
        EventType.DoorCounted => "door.counted",
        EventType.WhereaboutsChanged => "whereabouts.changed",
        EventType.ReviewSubmitted => "review.submitted",
        EventType.WhereaboutsDecided => "whereabouts.decided",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
