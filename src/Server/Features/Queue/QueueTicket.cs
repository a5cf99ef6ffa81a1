using LiveBoard.Client.Model;

namespace LiveBoard.Server.Features.Queue;

/// <summary>
/// A queue ticket through its lifecycle: issued, called to a window, served or abandoned.
/// The id is the sequence number of the "ticket.issued" event.
/// </summary>
public sealed class QueueTicket
{
    public long Id { get; set; }
    public int HallId { get; set; }
    public int BusinessId { get; set; }

    /// <summary>The county day the ticket belongs to: numbers restart every day.</summary>
    public DateOnly ServiceDate { get; set; }
    public required string Number { get; set; }
    public TicketStatus Status { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? CalledAt { get; set; }
    public int? WindowId { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
