using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
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
    private readonly Dictionary<(int Device, string EventId), long> recentIds = [];
    private readonly Queue<(DateTimeOffset ReceivedAt, (int, string) Key)> recentIdsByAge = new();
    private long lastSequence;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Idle this long, the writer probes its connection.</summary>
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromSeconds(2);

    /// <summary>Ready only if a commit or a probe succeeded this recently (a hung database turns readiness off too).</summary>
    private static readonly TimeSpan HealthyFor = TimeSpan.FromSeconds(6);

    private static readonly SubmissionResult Unavailable = new(null, new EventRejection(StatusCodes.Status503ServiceUnavailable, Client.Model.EventRefusal.JournalUnavailable,
        "The event log cannot be written just now; this request is not acknowledged. Retry with the same event ids (an event stored after all is answered as a duplicate).",
        new Dictionary<string, FieldRefusal>()));

    // Set from the writer loop, read by requests and the health check.
    private volatile bool unavailable;
    private long healthyAt;

    // Trace: the request's trace context (a struct, nothing allocated), linked from the group's span when traces are exported.
    private sealed record Submission(DeviceIdentity Device, IReadOnlyList<IngestEvent> Events, bool IsBatch, TaskCompletionSource<SubmissionResult> Done, string? Actor, ActivityContext Trace);

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
        var submission = new Submission(device, events, isBatch, new TaskCompletionSource<SubmissionResult>(TaskCreationOptions.RunContinuationsAsynchronously), actor,
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
        await ProbeAsync(connection, stoppingToken);
        unavailable = false;
        outage.Ended();
        ready.TrySetResult();
        var group = new List<Submission>();

        while (true)
        {
            if (!await WaitForSubmissionsAsync(stoppingToken))
            {
                // Idle: prove the connection still answers, so that readiness stays true only while it does.
                await ProbeAsync(connection, stoppingToken);
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

    /// <summary>A round trip on the writer's own connection: the connection that commits, not just any.</summary>
    private async Task ProbeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var probe = connection.CreateCommand();
        probe.CommandText = "SELECT 1";
        await probe.ExecuteScalarAsync(cancellationToken);
        MarkHealthy();
    }

    private async Task<bool> AnswersAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await ProbeAsync(connection, cancellationToken);
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

        var accepted = new List<(LiveEvent Event, IngestEvent Input)>();
        var results = new SubmissionResult[group.Count];
        var started = Stopwatch.GetTimestamp();
        using var span = StartSpan(group);
        try
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
            for (var i = 0; i < group.Count; i++)
                results[i] = Validate(group[i], receivedAt, accepted);
            foreach (var (e, input) in accepted)
                await commands.WriteAsync(e, input, clock.DayOf(e.OccurredAt), ProtectedPhone(input), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            // Not acknowledged: tell every sender to retry with the same ids (an event whose commit
            // did reach the database before the connection broke is then answered as a duplicate).
            foreach (var submission in group)
                submission.Done.TrySetResult(Unavailable);
            // The database away, or the connection dropped: the probe fails too, and the session
            // ends with the commit's failure (the caller backs off and reconnects). Otherwise this
            // group alone failed: forget what validation assumed and carry on with this connection.
            if (!await AnswersAsync(connection, cancellationToken))
                throw;
            LogCommitFailed(ex, accepted.Count);
            await LoadStateAsync(cancellationToken);
            return;
        }
        MarkHealthy();
        if (accepted.Count > 0)
        {
            metrics.Committed(accepted.Count, Stopwatch.GetElapsedTime(started));
            span?.SetTag("liveboard.ingest.events", accepted.Count);
            bus.Publish([.. accepted.Select(a => a.Event)]);
        }

        for (var i = 0; i < group.Count; i++)
            group[i].Done.TrySetResult(results[i]);
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
        if (recentIds.TryAdd(key, e.Sequence))
            recentIdsByAge.Enqueue((e.ReceivedAt, key));
        lastSequence = Math.Max(lastSequence, e.Sequence);
    }

    /// <summary>
    /// Validates a submission's events in order; all or nothing. Accepted events get their
    /// sequence numbers and update the writer's view at once, so the next event (or request) in
    /// the group sees them; a refusal undoes what the submission had changed.
    /// </summary>
    private SubmissionResult Validate(Submission submission, DateTimeOffset receivedAt, List<(LiveEvent, IngestEvent)> accepted)
    {
        var undo = new List<Action>();
        var acks = new List<IngestAck>(submission.Events.Count);
        var firstAccepted = accepted.Count;
        var sequenceBefore = lastSequence;
        for (var i = 0; i < submission.Events.Count; i++)
        {
            var input = submission.Events[i];
            if (input.EventId is { } id && recentIds.TryGetValue((submission.Device.DeviceId, id), out var known))
            {
                acks.Add(new IngestAck(id, known, Duplicate: true));
                continue;
            }
            var (e, rejection) = EventValidator.Validate(input, submission.Device, reference, tickets, receivedAt, options.Value,
                submission.IsBatch ? $"events[{i}]." : "");
            if (rejection is not null)
            {
                for (var u = undo.Count - 1; u >= 0; u--)
                    undo[u]();
                accepted.RemoveRange(firstAccepted, accepted.Count - firstAccepted);
                lastSequence = sequenceBefore;
                return new SubmissionResult(null, rejection);
            }
            var sequence = ++lastSequence;
            e = e! with { Sequence = sequence, TicketId = e.Type == EventType.TicketIssued ? sequence : e.TicketId, ChangedBy = submission.Actor };
            if (e.Type == EventType.ReviewSubmitted && e.WindowId is { } windowId)
                e = e with { StaffId = staffOnDutyAtWindow(windowId) };
            tickets.Apply(e, undo);
            var key = (e.DeviceId, e.ClientEventId);
            recentIds[key] = sequence;
            undo.Add(() => recentIds.Remove(key));
            accepted.Add((e, input));
            acks.Add(new IngestAck(e.ClientEventId, sequence, Duplicate: false));
        }
        foreach (var (e, _) in accepted.Skip(firstAccepted))
            recentIdsByAge.Enqueue((receivedAt, (e.DeviceId, e.ClientEventId)));
        return new SubmissionResult(acks, null);
    }

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
                recentIds[(e.DeviceId, e.ClientEventId)] = e.Sequence;
                recentIdsByAge.Enqueue((e.ReceivedAt, (e.DeviceId, e.ClientEventId)));
            }
        }
        lastSequence = await journal.LastSequenceAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Committing {Count} events failed while the database answers; the group was refused (503) and the writer reloaded its state.")]
    private partial void LogCommitFailed(Exception exception, int count);
}
