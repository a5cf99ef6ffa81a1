using System.Text.Json.Serialization;
using LiveBoard.Client.Model;
using LiveBoard.Server.Live;

namespace LiveBoard.Server.Features.Ingest;

// The ingest API's request bodies, as devices send them. Every field is nullable so that a missing
// field is reported by name (RFC 7807 "errors") instead of failing the JSON parse as a whole.

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(TicketIssuedEvent), "ticket.issued")]
[JsonDerivedType(typeof(TicketCalledEvent), "ticket.called")]
[JsonDerivedType(typeof(TicketCompletedEvent), "ticket.completed")]
[JsonDerivedType(typeof(TicketAbandonedEvent), "ticket.abandoned")]
[JsonDerivedType(typeof(DoorCountedEvent), "door.counted")]
[JsonDerivedType(typeof(WhereaboutsChangedEvent), "whereabouts.changed")]
[JsonDerivedType(typeof(ReviewSubmittedEvent), "review.submitted")]
public abstract record IngestEvent
{
    /// <summary>The device's own unique id for this event; a retry with the same id is applied once.</summary>
    public string? EventId { get; init; }

    /// <summary>When it happened, by the device's clock (with offset). Must be near the server's clock.</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>Hall code, e.g. "CTY" or "T07".</summary>
    public string? Hall { get; init; }
}

/// <summary>A citizen took ticket <see cref="Ticket"/> for a business.</summary>
public sealed record TicketIssuedEvent : IngestEvent
{
    public string? Ticket { get; init; }
    /// <summary>Business code, e.g. "A" for social insurance.</summary>
    public string? Business { get; init; }
}

/// <summary>The ticket was called to a window (calling it again is a recall).</summary>
public sealed record TicketCalledEvent : IngestEvent
{
    public string? Ticket { get; init; }
    /// <summary>Window number within the hall.</summary>
    public int? Window { get; init; }
}

public sealed record TicketCompletedEvent : IngestEvent
{
    public string? Ticket { get; init; }
    public TicketOutcome? Outcome { get; init; }
}

/// <summary>The citizen left before being served, or did not come when called (no-show).</summary>
public sealed record TicketAbandonedEvent : IngestEvent
{
    public string? Ticket { get; init; }
    public bool? NoShow { get; init; }
}

/// <summary>A door counter's people in and out since its last report.</summary>
public sealed record DoorCountedEvent : IngestEvent
{
    public int? In { get; init; }
    public int? Out { get; init; }
}

public sealed record WhereaboutsChangedEvent : IngestEvent
{
    public int? Staff { get; init; }
    public Whereabouts? Whereabouts { get; init; }
    public DateTimeOffset? ExpectedBack { get; init; }
    /// <summary>Destination or reason, shown on the board.</summary>
    public string? Note { get; init; }
}

public sealed record ReviewSubmittedEvent : IngestEvent
{
    public int? Window { get; init; }
    /// <summary>1 very dissatisfied … 5 very satisfied.</summary>
    public int? Level { get; init; }
    public ReviewTags[]? Tags { get; init; }
    public string? Comment { get; init; }
    public ReviewChannel? Channel { get; init; }
    /// <summary>The citizen's ticket number, when known: one rating per visit.</summary>
    public string? Ticket { get; init; }
    /// <summary>Optional, for the return call; never shown on a public screen.</summary>
    public string? Phone { get; init; }
}

/// <summary>
/// An approver's decision on a pending leave or travel request. Submitted by the app only: it is
/// not a derived type of the JSON contract, so no device can send one.
/// </summary>
public sealed record WhereaboutsDecidedEvent : IngestEvent
{
    public int? Staff { get; init; }
    public long? Record { get; init; }
    public ApprovalState? Decision { get; init; }
}

public sealed record IngestBatch
{
    public IReadOnlyList<IngestEvent>? Events { get; init; }
}

/// <summary>The acknowledgement: the event is committed. <see cref="Duplicate"/>: it already was.</summary>
public sealed record IngestAck(string EventId, long Sequence, bool Duplicate);

public sealed record IngestBatchAck(IReadOnlyList<IngestAck> Events);
