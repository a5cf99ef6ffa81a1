using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using LiveBoard.Client.Model;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Ingest;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Live;

/// <summary>What became of a submission: acknowledgements (committed) or the reason nothing was stored.</summary>
public sealed record SubmissionResult(IReadOnlyList<IngestAck>? Acks, EventRejection? Rejection);

/// <summary>
/// The single writer of the event log. Requests queue here; one loop takes everything queued
/// (a group), validates each submission in order against its own view of today (so two requests
/// can never both call the same ticket), writes the group in one transaction, and acknowledges
/// after the commit: the group commit that keeps SQLite far above one transaction per request.
/// Only then are the events published to the live state.
/// </summary>
public sealed partial class EventJournal(
    IDbContextFactory<LiveBoardDb> databases,
    JournalReader journal,
    ReferenceData reference,
    ILiveBus bus,
    CountyClock clock,
    IOptions<IngestOptions> options,
    IDataProtectionProvider protection,
    Func<int, int?> staffOnDutyAtWindow,
    IngestMetrics metrics,
    ILogger<EventJournal> logger) : BackgroundService
{
    private const int MaxEventsPerGroup = 2000;

    private readonly Channel<Submission> queue = Channel.CreateBounded<Submission>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly IDataProtector phoneProtector = protection.CreateProtector(Features.Reviews.Review.PhoneProtection);

    // The writer's own view, touched only by the writer loop.
    private readonly TicketBook tickets = new();
    private readonly Dictionary<(int Device, string EventId), (long Sequence, string? Fingerprint)> recentIds = [];
    private readonly Queue<(DateTimeOffset ReceivedAt, (int, string) Key)> recentIdsByAge = new();
    private long lastSequence;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Idle this long, the writer probes its connection.</summary>
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromSeconds(2);

    /// <summary>Ready only if a commit or a probe succeeded this recently (a hung database turns readiness off too).</summary>
    private static readonly TimeSpan HealthyFor = TimeSpan.FromSeconds(6);

    private static readonly SubmissionResult Unavailable = new(null, new EventRejection(StatusCodes.Status503ServiceUnavailable, EventRefusal.JournalUnavailable,
        "The event log cannot be written just now; this request is not acknowledged. Retry with the same event ids (an event stored after all is answered as a duplicate).",
        new Dictionary<string, FieldRefusal>()));

    // Set from the writer loop, read by requests and the health check.
    private volatile bool unavailable;
    private long healthyAt;

    // Trace: the request's trace context (a struct, nothing allocated), linked from the group's span when traces are exported.
    // Fingerprints: one per event, hashed on the request's thread rather than the writer's.
    private sealed record Submission(DeviceIdentity Device, IReadOnlyList<IngestEvent> Events, IReadOnlyList<string> Fingerprints, bool IsBatch,
        TaskCompletionSource<SubmissionResult> Done, string? Actor, ActivityContext Trace);

    /// <summary>What a group's transaction wrote (in sequence order) and what each submission is answered.</summary>
    private sealed record Written(List<(LiveEvent Event, IngestEvent Input)> Accepted, SubmissionResult[] Results);

    /// <summary>A submission's validation, taken back if the database then refuses its writes.</summary>
    private sealed record Validated(SubmissionResult Result, int FirstAccepted, Action Undo);

    private const string SubmissionSavepoint = "submission";

    /// <summary>Completes when the writer has loaded its state and accepts events (the first time).</summary>
    public Task Ready => ready.Task;

    /// <summary>
    /// Whether the writer can accept and commit events now: its session is up and a commit or a probe
    /// on its connection succeeded within the last few seconds. What readiness means (issue 17).
    /// </summary>
    public bool CanCommit => ready.Task.IsCompleted && !unavailable
        && Stopwatch.GetElapsedTime(Interlocked.Read(ref healthyAt)) <= HealthyFor;

    /// <summary>Queues events for the writer; completes once they are committed or refused. <paramref name="actor"/>: the signed-in person behind a change made in the app.</summary>
    public async Task<SubmissionResult> SubmitAsync(DeviceIdentity device, IReadOnlyList<IngestEvent> events, bool isBatch, CancellationToken cancellationToken, string? actor = null)
    {
        // During an outage, refused at once: nothing waits for a database that is away.
        if (unavailable)
            return Unavailable;
        var submission = new Submission(device, events, [.. events.Select(EventFingerprint.Of)], isBatch,
            new TaskCompletionSource<SubmissionResult>(TaskCreationOptions.RunContinuationsAsynchronously), actor,
            Activity.Current?.Context ?? default);
        await queue.Writer.WriteAsync(submission, cancellationToken);
        // Not cancellable from here on: once queued, the events may be committed, and the device
        // must be able to learn that by retrying with the same ids.
        return await submission.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var outage = new Outage(logger, "The event writer", ceiling: TimeSpan.FromSeconds(2));
        await using (var probe = await databases.CreateDbContextAsync(stoppingToken))
        {
            if (probe.Database.IsSqlite())
                _ = CheckpointAsync(stoppingToken);
        }
        // A session: state loaded from the journal, a connection of its own, groups written until
        // something fails. After a failure the writer refuses (503) whatever is queued while it
        // backs off, then starts a new session: a fresh connection (a connection the database
        // dropped is never reused) and the state read again (the journal is the truth).
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunSessionAsync(outage, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                unavailable = true;
                await RefuseQueuedAsync(outage.Failed(ex), stoppingToken);
            }
        }
    }

    private async Task RunSessionAsync(Outage outage, CancellationToken stoppingToken)
    {
        await LoadStateAsync(stoppingToken);
        await using var db = await databases.CreateDbContextAsync(stoppingToken);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(stoppingToken);
        if (db.Database.IsSqlite())
        {
            // FULL: the commit is on disk before the acknowledgement, power loss included. The
            // group commit pays the fsync once for many events.
            // No automatic checkpoint on this connection: it would run inside a commit and stall
            // every request of that group (P4 measured a 520 ms p99.9). A background loop does it.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=0;";
            await pragma.ExecuteNonQueryAsync(stoppingToken);
        }
        using var commands = new JournalCommands(connection, sharedStore: !db.Database.IsSqlite());
        // A write, not a read: after a full disk, the session starts only once a commit works again.
        await ProbeAsync(commands, stoppingToken);
        unavailable = false;
        outage.Ended();
        ready.TrySetResult();
        var group = new List<Submission>();

        while (true)
        {
            if (!await WaitForSubmissionsAsync(stoppingToken))
            {
                // Idle: prove a commit still works, so that readiness stays true only while it does.
                await ProbeAsync(commands, stoppingToken);
                continue;
            }
            group.Clear();
            var eventCount = 0;
            while (eventCount < MaxEventsPerGroup && queue.Reader.TryRead(out var submission))
            {
                group.Add(submission);
                eventCount += submission.Events.Count;
            }
            await WriteGroupAsync(group, connection, commands, stoppingToken);
        }
    }

    /// <summary>True when submissions are queued; false after <see cref="ProbeEvery"/> without any.</summary>
    private async Task<bool> WaitForSubmissionsAsync(CancellationToken stoppingToken)
    {
        // Under load the queue is rarely empty after a commit: no timer is made then.
        if (queue.Reader.TryPeek(out _))
            return true;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        idle.CancelAfter(ProbeEvery);
        try
        {
            return await queue.Reader.WaitToReadAsync(idle.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A commit on the writer's own connection (the connection that commits, not just any), writing one row.</summary>
    private async Task ProbeAsync(JournalCommands commands, CancellationToken cancellationToken)
    {
        await commands.ProbeAsync(clock.UtcNow, cancellationToken);
        MarkHealthy();
    }

    /// <summary>Whether the connection still answers at all (a read): after a failed group, was it the database or the group?</summary>
    private static async Task<bool> AnswersAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = connection.CreateCommand();
            probe.CommandText = "SELECT 1";
            await probe.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void MarkHealthy() => Interlocked.Exchange(ref healthyAt, Stopwatch.GetTimestamp());

    /// <summary>While the writer backs off: every submission queued in that time is refused at once, none waits.</summary>
    private async Task RefuseQueuedAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        wait.CancelAfter(delay);
        try
        {
            while (await queue.Reader.WaitToReadAsync(wait.Token))
            {
                while (queue.Reader.TryRead(out var submission))
                    submission.Done.TrySetResult(Unavailable);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WriteGroupAsync(List<Submission> group, DbConnection connection, JournalCommands commands, CancellationToken cancellationToken)
    {
        var receivedAt = clock.UtcNow;
        tickets.StartDay(clock.Today);
        ForgetOldIds(receivedAt);

        var started = Stopwatch.GetTimestamp();
        using var span = StartSpan(group);
        Written written;
        try
        {
            written = await CommitAsync(group, receivedAt, connection, commands, isolate: false, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            // The database away, out of disk, or the connection dropped: nobody's request is at fault.
            // Not acknowledged: every sender retries with the same ids (an event whose commit did reach
            // the database before the connection broke is then answered as a duplicate), and the
            // session ends with the failure (the caller backs off, reconnects and probes by writing).
            if (Outage.IsOutage(ex) || !await AnswersAsync(connection, cancellationToken))
            {
                RefuseAll(group);
                throw;
            }
            // The database refused something in this group that the validator let through (a value, a
            // rule of its own): the group again from the journal's truth, each request in a savepoint of
            // its own, so the request it refuses fails alone and the others commit (issue 17).
            await LoadStateAsync(cancellationToken);
            try
            {
                written = await CommitAsync(group, clock.UtcNow, connection, commands, isolate: true, cancellationToken);
            }
            catch (Exception again) when (again is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                RefuseAll(group);
                if (Outage.IsOutage(again) || !await AnswersAsync(connection, cancellationToken))
                    throw;
                // Not one request's fault after all (the commit itself failed): this group alone is refused.
                LogCommitFailed(again, group.Sum(s => s.Events.Count));
                await LoadStateAsync(cancellationToken);
                return;
            }
        }
        MarkHealthy();
        foreach (var (e, _) in written.Accepted)
            recentIdsByAge.Enqueue((e.ReceivedAt, (e.DeviceId, e.ClientEventId)));
        if (written.Accepted.Count > 0)
        {
            metrics.Committed(written.Accepted.Count, Stopwatch.GetElapsedTime(started));
            span?.SetTag("liveboard.ingest.events", written.Accepted.Count);
            bus.Publish([.. written.Accepted.Select(a => a.Event)]);
        }
        for (var i = 0; i < group.Count; i++)
            group[i].Done.TrySetResult(written.Results[i]);
    }

    private static void RefuseAll(List<Submission> group)
    {
        foreach (var submission in group)
            submission.Done.TrySetResult(Unavailable);
    }

    /// <summary>
    /// One transaction for the group: each submission validated in order against the writer's view, its
    /// events written, then one commit. <paramref name="isolate"/>: each submission's writes in a savepoint,
    /// and a submission whose writes the database refuses is rolled back to it, taken out of the writer's
    /// view and refused (422 naming the field), while the rest of the group goes on. Without it (the
    /// fast path, nothing extra per request) any failure fails the whole transaction.
    /// </summary>
    private async Task<Written> CommitAsync(List<Submission> group, DateTimeOffset receivedAt, DbConnection connection, JournalCommands commands, bool isolate, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        commands.Enlist(transaction);
        if (commands.SharedStore)
        {
            // Several instances write this journal: the lock makes them take turns, so sequence
            // numbers are gapless and committed in order, and what the others wrote since this
            // writer's last turn is learned before validating (the same ticket is not called twice).
            await commands.LockJournalAsync(cancellationToken);
            foreach (var e in await commands.ReadAfterAsync(lastSequence, cancellationToken))
                Learn(e);
        }
        var accepted = new List<(LiveEvent Event, IngestEvent Input)>();
        var results = new SubmissionResult[group.Count];
        for (var i = 0; i < group.Count; i++)
        {
            var validated = Validate(group[i], receivedAt, accepted);
            results[i] = validated.Result;
            if (validated.FirstAccepted == accepted.Count)
                continue;
            if (!isolate)
            {
                await WriteAsync(commands, accepted, validated.FirstAccepted, cancellationToken);
                continue;
            }
            await transaction.SaveAsync(SubmissionSavepoint, cancellationToken);
            try
            {
                await WriteAsync(commands, accepted, validated.FirstAccepted, cancellationToken);
            }
            catch (DatabaseRefusalException refusal)
            {
                await transaction.RollbackAsync(SubmissionSavepoint, cancellationToken);
                validated.Undo();
                results[i] = Refused(group[i], refusal);
                LogRefusedByDatabase(refusal.InnerException, refusal.Input.EventId, group[i].Device.Name, results[i].Rejection!.Errors.Keys.First(), group.Count);
            }
            await transaction.ReleaseAsync(SubmissionSavepoint, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new Written(accepted, results);
    }

    /// <summary>Writes a submission's accepted events; a failure that is not an outage names the event that met it.</summary>
    private async Task WriteAsync(JournalCommands commands, List<(LiveEvent Event, IngestEvent Input)> accepted, int from, CancellationToken cancellationToken)
    {
        for (var k = from; k < accepted.Count; k++)
        {
            var (e, input) = accepted[k];
            try
            {
                await commands.WriteAsync(e, input, clock.DayOf(e.OccurredAt), ProtectedPhone(input), cancellationToken);
            }
            catch (Exception ex) when (!Outage.IsOutage(ex) && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                throw new DatabaseRefusalException(input, ex);
            }
        }
    }

    /// <summary>The database refused one of the submission's events: 422, naming the field when the database's error says which.</summary>
    private static SubmissionResult Refused(Submission submission, DatabaseRefusalException refusal)
    {
        var index = -1;
        for (var i = 0; i < submission.Events.Count && index < 0; i++)
        {
            if (ReferenceEquals(submission.Events[i], refusal.Input))
                index = i;
        }
        var prefix = submission.IsBatch ? $"events[{index}]" : "";
        var field = DatabaseRefusal.FieldOf(refusal.InnerException!) is { } name ? (prefix.Length > 0 ? $"{prefix}.{name}" : name) : (prefix.Length > 0 ? prefix : "$");
        return new SubmissionResult(null, new EventRejection(StatusCodes.Status422UnprocessableEntity, EventRefusal.Invalid,
            "The event was refused by the database; nothing of this request was stored.",
            new Dictionary<string, FieldRefusal> { [field] = new(EventRefusal.RefusedByDatabase, "The database refused this value. If it is right, tell LiveBoard's operator: the validator should have said why.") }));
    }

    /// <summary>
    /// A span for the group (validation, writes, commit, hand-over to the bus), only when something
    /// listens (traces are exported by OTLP only). It links to each request it answers: one commit
    /// serves many requests, so it is the child of none.
    /// </summary>
    private static Activity? StartSpan(List<Submission> group)
    {
        if (!IngestMetrics.Traces.HasListeners())
            return null;
        var links = new List<ActivityLink>(group.Count);
        foreach (var submission in group)
        {
            if (submission.Trace != default)
                links.Add(new ActivityLink(submission.Trace));
        }
        var span = IngestMetrics.Traces.StartActivity("journal group", ActivityKind.Internal, parentContext: default, links: links);
        span?.SetTag("liveboard.ingest.requests", group.Count);
        return span;
    }

    /// <summary>Takes in an event another instance committed: today's tickets, the duplicate check, the sequence.</summary>
    private void Learn(LiveEvent e)
    {
        if (clock.DayOf(e.OccurredAt) == clock.Today)
            tickets.Apply(e);
        var key = (e.DeviceId, e.ClientEventId);
        if (recentIds.TryAdd(key, (e.Sequence, e.Fingerprint)))
            recentIdsByAge.Enqueue((e.ReceivedAt, key));
        lastSequence = Math.Max(lastSequence, e.Sequence);
    }

    /// <summary>
    /// Validates a submission's events in order; all or nothing. Accepted events get their
    /// sequence numbers and update the writer's view at once, so the next event (or request) in
    /// the group sees them; a refusal undoes what the submission had changed, and so does
    /// <see cref="Validated.Undo"/> when the database refuses the submission's writes afterwards.
    /// An event id seen before is a duplicate when the body is the same (acknowledged again), a
    /// conflict when it is not (409: a device that reuses ids would otherwise lose events silently).
    /// </summary>
    private Validated Validate(Submission submission, DateTimeOffset receivedAt, List<(LiveEvent, IngestEvent)> accepted)
    {
        var undo = new List<Action>();
        var acks = new List<IngestAck>(submission.Events.Count);
        var firstAccepted = accepted.Count;
        var sequenceBefore = lastSequence;
        void Undo()
        {
            for (var u = undo.Count - 1; u >= 0; u--)
                undo[u]();
            accepted.RemoveRange(firstAccepted, accepted.Count - firstAccepted);
            lastSequence = sequenceBefore;
        }
        Validated Refuse(EventRejection rejection)
        {
            Undo();
            return new Validated(new SubmissionResult(null, rejection), accepted.Count, static () => { });
        }
        for (var i = 0; i < submission.Events.Count; i++)
        {
            var input = submission.Events[i];
            var field = submission.IsBatch ? $"events[{i}]." : "";
            if (input.EventId is { } id && recentIds.TryGetValue((submission.Device.DeviceId, id), out var known))
            {
                if (known.Fingerprint is { } fingerprint && fingerprint != submission.Fingerprints[i])
                    return Refuse(Conflict(field, known.Sequence));
                acks.Add(new IngestAck(id, known.Sequence, Duplicate: true));
                continue;
            }
            var (e, rejection) = EventValidator.Validate(input, submission.Device, reference, tickets, receivedAt, options.Value, field);
            if (rejection is not null)
                return Refuse(rejection);
            var sequence = ++lastSequence;
            e = e! with
            {
                Sequence = sequence, TicketId = e.Type == EventType.TicketIssued ? sequence : e.TicketId, ChangedBy = submission.Actor,
                Fingerprint = submission.Fingerprints[i],
            };
            if (e.Type == EventType.ReviewSubmitted && e.WindowId is { } windowId)
                e = e with { StaffId = staffOnDutyAtWindow(windowId) };
            tickets.Apply(e, undo);
            var key = (e.DeviceId, e.ClientEventId);
            recentIds[key] = (sequence, e.Fingerprint);
            undo.Add(() => recentIds.Remove(key));
            accepted.Add((e, input));
            acks.Add(new IngestAck(e.ClientEventId, sequence, Duplicate: false));
        }
        return new Validated(new SubmissionResult(acks, null), firstAccepted, Undo);
    }

    private static EventRejection Conflict(string field, long sequence) =>
        new(StatusCodes.Status409Conflict, EventRefusal.EventIdReused, "An event id was used before for another event; nothing of this request was stored.",
            new Dictionary<string, FieldRefusal>
            {
                [field + "eventId"] = new(EventRefusal.EventIdReused,
                    $"This device's event with this id (sequence {sequence}) had another body. A retry repeats the event exactly; a new event needs a new id."),
            });

    /// <summary>
    /// Copies the write-ahead log into the database every second from a connection of its own.
    /// PASSIVE never blocks the writer; the log restarts once a checkpoint has caught up.
    /// </summary>
    private async Task CheckpointAsync(CancellationToken stoppingToken)
    {
        var outage = new Outage(logger, "The background WAL checkpoint");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await using var db = await databases.CreateDbContextAsync(stoppingToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", stoppingToken);
                outage.Ended();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                await outage.BackOffAsync(ex, stoppingToken);
            }
        }
    }

    private string? ProtectedPhone(IngestEvent input) =>
        input is ReviewSubmittedEvent { Phone.Length: > 0 } review ? phoneProtector.Protect(review.Phone) : null;

    /// <summary>
    /// Ids older than the oldest acceptable event cannot come back (the event would be refused
    /// as too old), so the duplicate check only needs to remember that window.
    /// </summary>
    private void ForgetOldIds(DateTimeOffset now)
    {
        var horizon = now - options.Value.MaxEventAge - options.Value.MaxClockSkew;
        while (recentIdsByAge.TryPeek(out var oldest) && oldest.ReceivedAt < horizon)
        {
            recentIdsByAge.Dequeue();
            recentIds.Remove(oldest.Key);
        }
    }

    private async Task LoadStateAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var horizon = now - options.Value.MaxEventAge - options.Value.MaxClockSkew;
        var today = clock.Today;
        var since = horizon < clock.StartOf(today) ? horizon : clock.StartOf(today);
        var events = await journal.ReadReceivedSinceAsync(since, cancellationToken);
        tickets.StartDay(DateOnly.MinValue);
        tickets.StartDay(today);
        recentIds.Clear();
        recentIdsByAge.Clear();
        foreach (var e in events)
        {
            if (clock.DayOf(e.OccurredAt) == today)
                tickets.Apply(e);
            if (e.ReceivedAt >= horizon)
            {
                recentIds[(e.DeviceId, e.ClientEventId)] = (e.Sequence, e.Fingerprint);
                recentIdsByAge.Enqueue((e.ReceivedAt, (e.DeviceId, e.ClientEventId)));
            }
        }
        lastSequence = await journal.LastSequenceAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Committing {Count} events failed while the database answers; the group was refused (503) and the writer reloaded its state.")]
    private partial void LogCommitFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused event '{EventId}' from '{Device}' ({Field}); that request was answered 422, the rest of its group of {GroupSize} requests was committed.")]
    private partial void LogRefusedByDatabase(Exception? exception, string? eventId, string device, string field, int groupSize);
}
