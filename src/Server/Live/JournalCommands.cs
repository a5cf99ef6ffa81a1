using System.Data.Common;
using LiveBoard.Client.Model;
using LiveBoard.Server.Features.Ingest;

namespace LiveBoard.Server.Live;

/// <summary>
/// The writer's SQL: the journal row plus the projection the reports read (tickets, reviews,
/// whereabouts history), in the same transaction. Plain parameterised commands, reused for every
/// row: EF Core's change tracker would cost more than the insert itself on this path.
/// Projection ids are the sequence numbers of the events that created them.
/// </summary>
internal sealed class JournalCommands(DbConnection connection)
{
    private readonly DbCommand insertJournal = Command(connection,
        "INSERT INTO Journal (Sequence, DeviceId, ClientEventId, Type, HallId, OccurredAt, ReceivedAt, Payload) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)", 8);
    private readonly DbCommand insertTicket = Command(connection,
        "INSERT INTO Tickets (Id, HallId, BusinessId, ServiceDate, Number, Status, IssuedAt) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)", 7);
    private readonly DbCommand callTicket = Command(connection,
        "UPDATE Tickets SET Status = @p1, CalledAt = @p2, WindowId = @p3 WHERE Id = @p0", 4);
    private readonly DbCommand finishTicket = Command(connection,
        "UPDATE Tickets SET Status = @p1, FinishedAt = @p2 WHERE Id = @p0", 3);
    private readonly DbCommand insertWhereabouts = Command(connection,
        "INSERT INTO WhereaboutsRecords (Id, StaffId, Whereabouts, Note, ChangedAt, ExpectedBackAt, ChangedBy, Approval) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)", 8);
    private readonly DbCommand insertReview = Command(connection,
        "INSERT INTO Reviews (Id, HallId, WindowId, StaffId, TicketId, Level, Tags, Comment, Channel, ContactPhone, SubmittedAt, ExcludedByAppeal) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)", 12);

    private DbCommand[] All => [insertJournal, insertTicket, callTicket, finishTicket, insertWhereabouts, insertReview];

    public void Enlist(DbTransaction transaction)
    {
        foreach (var command in All)
            command.Transaction = transaction;
    }

    public async Task WriteAsync(LiveEvent e, IngestEvent input, DateOnly serviceDate, string? protectedPhone, CancellationToken cancellationToken)
    {
        await ExecuteAsync(insertJournal, cancellationToken, e.Sequence, e.DeviceId, e.ClientEventId, e.WireType, e.HallId,
            Millis(e.OccurredAt), Millis(e.ReceivedAt), JournalReader.Serialize(e));
        switch (e.Type)
        {
            case EventType.TicketIssued:
                await ExecuteAsync(insertTicket, cancellationToken, e.Sequence, e.HallId, e.BusinessId, serviceDate.ToString("yyyy-MM-dd"),
                    e.Ticket, (int)TicketStatus.Waiting, Millis(e.OccurredAt));
                break;
            case EventType.TicketCalled:
                await ExecuteAsync(callTicket, cancellationToken, e.TicketId, (int)TicketStatus.Called, Millis(e.OccurredAt), e.WindowId);
                break;
            case EventType.TicketCompleted:
                await ExecuteAsync(finishTicket, cancellationToken, e.TicketId, (int)TicketStatus.Served, Millis(e.OccurredAt));
                break;
            case EventType.TicketAbandoned:
                await ExecuteAsync(finishTicket, cancellationToken, e.TicketId, (int)(e.NoShow == true ? TicketStatus.NoShow : TicketStatus.Abandoned), Millis(e.OccurredAt));
                break;
            case EventType.WhereaboutsChanged:
                await ExecuteAsync(insertWhereabouts, cancellationToken, e.Sequence, e.StaffId, (int)e.Whereabouts!.Value, e.Note, Millis(e.OccurredAt),
                    e.ExpectedBackAt is { } back ? Millis(back) : null, $"device:{e.DeviceId}", (int)(e.Approval ?? ApprovalState.NotRequired));
                break;
            case EventType.ReviewSubmitted:
                await ExecuteAsync(insertReview, cancellationToken, e.Sequence, e.HallId, e.WindowId, e.StaffId, e.TicketId, (int)e.Level!.Value,
                    (int)(e.Tags ?? ReviewTags.None), (input as ReviewSubmittedEvent)?.Comment, (int)(e.Channel ?? ReviewChannel.OnSite),
                    protectedPhone, Millis(e.OccurredAt), false);
                break;
            case EventType.DoorCounted:
                break;
        }
    }

    private static long Millis(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    private static Task<int> ExecuteAsync(DbCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, string sql, int parameterCount)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameterCount; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
