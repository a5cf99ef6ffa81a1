using System.Data.Common;
using LiveBoard.Client.Model;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Ingest;

namespace LiveBoard.Server.Live;

/// <summary>
/// The writer's SQL: the journal row plus the projection the reports read (tickets, reviews,
/// whereabouts history), in the same transaction. Plain parameterised commands, reused for every
/// row: EF Core's change tracker would cost more than the insert itself on this path.
/// Projection ids are the sequence numbers of the events that created them.
/// </summary>
internal sealed class JournalCommands(DbConnection connection, bool sharedStore) : IDisposable
{
    /// <summary>PostgreSQL shared by several instances (SQLite serves one instance).</summary>
    public bool SharedStore => sharedStore;

    // Identifiers are quoted: PostgreSQL folds unquoted names to lower case, SQLite accepts both.
    private readonly DbCommand lockJournal = SqlCommands.Prepare(connection, "SELECT pg_advisory_xact_lock(7301)", 0);
    private readonly DbCommand readAfter = SqlCommands.Prepare(connection,
        "SELECT \"Payload\" FROM \"Journal\" WHERE \"Sequence\" > @p0 ORDER BY \"Sequence\"", 1);

    private readonly DbCommand insertJournal = SqlCommands.Prepare(connection,
        "INSERT INTO \"Journal\" (\"Sequence\", \"DeviceId\", \"ClientEventId\", \"Type\", \"HallId\", \"OccurredAt\", \"ReceivedAt\", \"Payload\") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)", 8);
    private readonly DbCommand insertTicket = SqlCommands.Prepare(connection,
        "INSERT INTO \"Tickets\" (\"Id\", \"HallId\", \"BusinessId\", \"ServiceDate\", \"Number\", \"Status\", \"IssuedAt\") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)", 7);
    private readonly DbCommand callTicket = SqlCommands.Prepare(connection,
        "UPDATE \"Tickets\" SET \"Status\" = @p1, \"CalledAt\" = @p2, \"WindowId\" = @p3 WHERE \"Id\" = @p0", 4);
    private readonly DbCommand finishTicket = SqlCommands.Prepare(connection,
        "UPDATE \"Tickets\" SET \"Status\" = @p1, \"FinishedAt\" = @p2 WHERE \"Id\" = @p0", 3);
    private readonly DbCommand insertWhereabouts = SqlCommands.Prepare(connection,
        "INSERT INTO \"WhereaboutsRecords\" (\"Id\", \"StaffId\", \"Whereabouts\", \"Note\", \"ChangedAt\", \"ExpectedBackAt\", \"ChangedBy\", \"ChangedByDevice\", \"Approval\") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8)", 9);
    private readonly DbCommand insertReview = SqlCommands.Prepare(connection,
        "INSERT INTO \"Reviews\" (\"Id\", \"HallId\", \"WindowId\", \"StaffId\", \"TicketId\", \"Level\", \"Tags\", \"Comment\", \"Channel\", \"ContactPhone\", \"SubmittedAt\", \"ExcludedByAppeal\") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)", 12);

    private readonly DbCommand decideWhereabouts = SqlCommands.Prepare(connection,
        "UPDATE \"WhereaboutsRecords\" SET \"Approval\" = @p1, \"DecidedBy\" = @p2, \"DecidedByDevice\" = @p3, \"DecidedAt\" = @p4 WHERE \"Id\" = @p0 AND \"Approval\" = 1", 5);

    // Outside every transaction (never enlisted): a commit of its own.
    private readonly DbCommand probe = SqlCommands.Prepare(connection,
        "INSERT INTO \"WriterProbes\" (\"Id\", \"ProbedAt\") VALUES (1, @p0) ON CONFLICT (\"Id\") DO UPDATE SET \"ProbedAt\" = excluded.\"ProbedAt\"", 1);

    private DbCommand[] All => [lockJournal, readAfter, insertJournal, insertTicket, callTicket, finishTicket, insertWhereabouts, insertReview, decideWhereabouts];

    public void Enlist(DbTransaction transaction)
    {
        foreach (var command in All)
            command.Transaction = transaction;
    }

    public async Task WriteAsync(LiveEvent e, IngestEvent input, DateOnly serviceDate, string? protectedPhone, CancellationToken cancellationToken)
    {
        await insertJournal.ExecuteAsync(cancellationToken, e.Sequence, e.DeviceId, e.ClientEventId, e.WireType, e.HallId,
            Millis(e.OccurredAt), Millis(e.ReceivedAt), JournalReader.Serialize(e));
        switch (e.Type)
        {
            case EventType.TicketIssued:
                await insertTicket.ExecuteAsync(cancellationToken, e.Sequence, e.HallId, e.BusinessId, serviceDate,
                    e.Ticket, (int)TicketStatus.Waiting, Millis(e.OccurredAt));
                break;
            case EventType.TicketCalled:
                await callTicket.ExecuteAsync(cancellationToken, e.TicketId, (int)TicketStatus.Called, Millis(e.OccurredAt), e.WindowId);
                break;
            case EventType.TicketCompleted:
                await finishTicket.ExecuteAsync(cancellationToken, e.TicketId, (int)TicketStatus.Served, Millis(e.OccurredAt));
                break;
            case EventType.TicketAbandoned:
                await finishTicket.ExecuteAsync(cancellationToken, e.TicketId, (int)(e.NoShow == true ? TicketStatus.NoShow : TicketStatus.Abandoned), Millis(e.OccurredAt));
                break;
            case EventType.WhereaboutsChanged:
                await insertWhereabouts.ExecuteAsync(cancellationToken, e.Sequence, e.StaffId, (int)e.Whereabouts!.Value, e.Note, Millis(e.OccurredAt),
                    e.ExpectedBackAt is { } back ? Millis(back) : null, e.ChangedBy, ReportingDevice(e), (int)(e.Approval ?? ApprovalState.NotRequired));
                break;
            case EventType.WhereaboutsDecided:
                await decideWhereabouts.ExecuteAsync(cancellationToken, e.RecordId, (int)e.Approval!.Value, e.ChangedBy, ReportingDevice(e), Millis(e.OccurredAt));
                break;
            case EventType.ReviewSubmitted:
                await insertReview.ExecuteAsync(cancellationToken, e.Sequence, e.HallId, e.WindowId, e.StaffId, e.TicketId, (int)e.Level!.Value,
                    (int)(e.Tags ?? ReviewTags.None), (input as ReviewSubmittedEvent)?.Comment, (int)(e.Channel ?? ReviewChannel.OnSite),
                    protectedPhone, Millis(e.OccurredAt), false);
                break;
            case EventType.DoorCounted:
                break;
        }
    }

    public Task LockJournalAsync(CancellationToken cancellationToken) => lockJournal.ExecuteNonQueryAsync(cancellationToken);

    /// <summary>A commit that writes a page, as every group's does: on a full disk it fails where a read would pass.</summary>
    public Task ProbeAsync(DateTimeOffset at, CancellationToken cancellationToken) => probe.ExecuteAsync(cancellationToken, Millis(at));

    public async Task<List<LiveEvent>> ReadAfterAsync(long sequence, CancellationToken cancellationToken)
    {
        readAfter.Parameters[0].Value = sequence;
        var events = new List<LiveEvent>();
        await using var reader = await readAfter.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            events.Add(JournalReader.Deserialize(reader.GetString(0)));
        return events;
    }

    private static long Millis(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    /// <summary>A change made by a person in the app names the person; one a device reported names the device.</summary>
    private static int? ReportingDevice(LiveEvent e) => e.ChangedBy is null ? e.DeviceId : null;

    public void Dispose()
    {
        foreach (var command in All)
            command.Dispose();
        probe.Dispose();
    }
}
