namespace LiveBoard.Server.Live;

/// <summary>
/// One accepted event in the append-only event log: the source of truth for the live state.
/// <see cref="Sequence"/> orders every event in the county; the live state on every instance applies
/// events in this order, and a gap is healed by reading the log.
/// </summary>
public sealed class JournalEntry
{
    public long Sequence { get; set; }
    public int DeviceId { get; set; }

    /// <summary>The device's own id for the event: a retry with the same id is applied once.</summary>
    public required string ClientEventId { get; set; }
    public required string Type { get; set; }
    public int HallId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The validated event as JSON (the ingest contract's shape).</summary>
    public required string Payload { get; set; }
}

/// <summary>
/// The event writer's proof that it can commit: with nothing to write for a while, it updates this one
/// row on its own connection. A read would pass on a full disk while every commit fails; this write
/// does not, so readiness ("can accept and commit events now") stays true only while commits work.
/// </summary>
public sealed class WriterProbe
{
    public int Id { get; set; }
    public DateTimeOffset ProbedAt { get; set; }
}
