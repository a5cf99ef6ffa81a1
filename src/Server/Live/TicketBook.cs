using LiveBoard.Client.Model;

namespace LiveBoard.Server.Live;

/// <summary>A ticket of the current county day, as far as the events have told.</summary>
public sealed record TicketState(
    long Id,
    int HallId,
    string Number,
    int BusinessId,
    TicketStatus Status,
    DateTimeOffset IssuedAt,
    DateTimeOffset? CalledAt = null,
    int? WindowId = null,
    DateTimeOffset? FinishedAt = null,
    bool Reviewed = false);

/// <summary>
/// Today's tickets per hall, folded from ticket events. The ingest writer keeps one to judge
/// transitions (a ticket cannot be served before it is called); the live state keeps another for
/// the figures. Both fold the same events through <see cref="Apply"/>, so they cannot disagree.
/// Changes can be recorded in an undo log, so a batch that fails half-way leaves no trace.
/// </summary>
public sealed class TicketBook
{
    private readonly Dictionary<(int Hall, string Number), TicketState> tickets = [];

    public DateOnly Day { get; private set; }

    public IEnumerable<TicketState> All => tickets.Values;

    public int Count => tickets.Count;

    public TicketState? Find(int hallId, string number) => tickets.GetValueOrDefault((hallId, number));

    /// <summary>Starts a new county day: yesterday's tickets are gone (numbers restart daily).</summary>
    public void StartDay(DateOnly day)
    {
        if (day == Day)
            return;
        Day = day;
        tickets.Clear();
    }

    /// <summary>Applies a ticket event (others are ignored) and returns the ticket's new state.</summary>
    public TicketState? Apply(LiveEvent e, List<Action>? undo = null)
    {
        if (e.Ticket is null)
            return null;
        var key = (e.HallId, e.Ticket);
        var current = tickets.GetValueOrDefault(key);
        TicketState? next = e.Type switch
        {
            EventType.TicketIssued => new TicketState(e.TicketId ?? e.Sequence, e.HallId, e.Ticket, e.BusinessId ?? 0, TicketStatus.Waiting, e.OccurredAt),
            EventType.TicketCalled when current is not null => current with { Status = TicketStatus.Called, CalledAt = e.OccurredAt, WindowId = e.WindowId },
            EventType.TicketCompleted when current is not null => current with { Status = TicketStatus.Served, FinishedAt = e.OccurredAt },
            EventType.TicketAbandoned when current is not null => current with
            {
                Status = e.NoShow == true ? TicketStatus.NoShow : TicketStatus.Abandoned,
                FinishedAt = e.OccurredAt,
            },
            EventType.ReviewSubmitted when current is not null => current with { Reviewed = true },
            _ => null,
        };
        if (next is null)
            return null;
        undo?.Add(current is null ? () => tickets.Remove(key) : () => tickets[key] = current);
        tickets[key] = next;
        return next;
    }
}
