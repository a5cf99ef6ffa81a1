using LiveBoard.Client.Model;
using LiveBoard.Server.Live;

namespace LiveBoard.UnitTests;

public sealed class TicketBookTests
{
    private static readonly DateTimeOffset At = TestDatabase.MondayMorning;

    private static LiveEvent Event(EventType type, string ticket, long sequence = 1) => new()
    {
        Type = type, HallId = 1, Ticket = ticket, Sequence = sequence, TicketId = type == EventType.TicketIssued ? sequence : 7,
        BusinessId = 2, WindowId = 5, ClientEventId = $"e{sequence}", OccurredAt = At.AddMinutes(sequence),
    };

    [Fact]
    public void Undo_restores_the_book_as_it_was_before_a_refused_batch()
    {
        var book = new TicketBook();
        book.StartDay(new DateOnly(2026, 11, 23));
        book.Apply(Event(EventType.TicketIssued, "A001", 1));
        var undo = new List<Action>();

        book.Apply(Event(EventType.TicketCalled, "A001", 2), undo);
        book.Apply(Event(EventType.TicketIssued, "A002", 3), undo);
        for (var i = undo.Count - 1; i >= 0; i--)
            undo[i]();

        Assert.Equal(TicketStatus.Waiting, book.Find(1, "A001")!.Status);
        Assert.Null(book.Find(1, "A002"));
        Assert.Equal(1, book.Count);
    }

    [Fact]
    public void A_new_county_day_starts_with_no_tickets()
    {
        var book = new TicketBook();
        book.StartDay(new DateOnly(2026, 11, 23));
        book.Apply(Event(EventType.TicketIssued, "A001"));

        book.StartDay(new DateOnly(2026, 11, 24));

        Assert.Null(book.Find(1, "A001"));
    }

    [Fact]
    public void A_no_show_and_a_walk_out_are_told_apart()
    {
        var book = new TicketBook();
        book.StartDay(new DateOnly(2026, 11, 23));
        book.Apply(Event(EventType.TicketIssued, "A001", 1));
        book.Apply(Event(EventType.TicketIssued, "A002", 2));

        book.Apply(Event(EventType.TicketAbandoned, "A001", 3) with { NoShow = true });
        book.Apply(Event(EventType.TicketAbandoned, "A002", 4) with { NoShow = false });

        Assert.Equal(TicketStatus.NoShow, book.Find(1, "A001")!.Status);
        Assert.Equal(TicketStatus.Abandoned, book.Find(1, "A002")!.Status);
    }
}
