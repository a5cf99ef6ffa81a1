using System.Threading.Channels;
using LiveBoard.Client.Model;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Alerts;

/// <summary>
/// Evaluates the alert rules live: on every applied batch of events (bad reviews at once, the
/// negative rate) and every 20 seconds (over capacity, long wait, silent hall, unstaffed window,
/// overdue return, and escalation of bad reviews past their deadline). Opens an alert for a new
/// condition, closes a transient one whose condition cleared, and audits both.
/// </summary>
public sealed class AlertMonitor(
    LiveState state,
    ReferenceData reference,
    AlertBook book,
    IDbContextFactory<LiveBoardDb> databases,
    CountyClock clock,
    IOptions<AlertOptions> options,
    ThresholdBook thresholdBook,
    WorkingDayCalendar calendar,
    Leadership leadership,
    JournalReader journal,
    ILogger<AlertMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(20);

    /// <summary>The trail's name for what the monitor itself did; the screens word its actions (Client.Alerts.AlertText.Action).</summary>
    public const string System = "LiveBoard";
    public const string Raised = "Raised", Cleared = "Cleared", Escalated = "Escalated";
    private readonly Channel<IReadOnlyList<LiveEvent>> applied = Channel.CreateUnbounded<IReadOnlyList<LiveEvent>>(new() { SingleReader = true });
    private readonly Dictionary<int, List<(DateTimeOffset At, bool Bad)>> recentReviews = [];
    private bool prepared;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        state.Applied += OnApplied;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        state.Applied -= OnApplied;
        return base.StopAsync(cancellationToken);
    }

    private void OnApplied(IReadOnlyList<LiveEvent> events) => applied.Writer.TryWrite(events);

    /// <summary>Loads the thresholds, the calendar's years and the open-alert counts; run before the rules.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await thresholdBook.LoadAsync(cancellationToken);
        await calendar.LoadAsync(cancellationToken);
        await book.NotifyAsync(cancellationToken);
        prepared = true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var outage = new Outage(logger, "Evaluating the alert rules");
        var nextSweep = DateTimeOffset.MinValue;
        var leading = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!prepared)
                    await PrepareAsync(stoppingToken);
                // An admin's change made on another instance: read again every 20 to 30 seconds.
                await thresholdBook.RefreshAsync(stoppingToken);
                await calendar.RefreshAsync(stoppingToken);
                if (leadership.IsLeader && !leading)
                    await RaiseMissedAsync(stoppingToken);
                leading = leadership.IsLeader;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(SweepEvery);
                try
                {
                    if (await applied.Reader.WaitToReadAsync(wait.Token))
                    {
                        var events = new List<LiveEvent>();
                        while (applied.Reader.TryRead(out var batch))
                            events.AddRange(batch);
                        // Every instance hears every event; only the leader raises alerts from them.
                        if (leadership.IsLeader)
                            await OnEventsAsync(events, stoppingToken);
                    }
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
                if (clock.UtcNow >= nextSweep && leadership.IsLeader)
                {
                    await SweepAsync(stoppingToken);
                    nextSweep = clock.UtcNow + SweepEvery;
                }
                outage.Ended();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Events whose rules failed (the database away) are not lost: on the next turn the
                // monitor acts as a new leader would, and raises the alert of every bad review of the
                // last hour that has none.
                leading = false;
                await outage.BackOffAsync(ex, stoppingToken);
            }
        }
    }

    /// <summary>
    /// On taking the lead (at start, or when the leading instance died): a bad review of the last
    /// hour that has no alert — it arrived while no instance was leading, or just before a crash —
    /// gets one now. Reviews that already have an alert (open or long resolved) are left alone.
    /// </summary>
    public async Task RaiseMissedAsync(CancellationToken cancellationToken)
    {
        var recent = (await journal.ReadReceivedSinceAsync(clock.UtcNow - TimeSpan.FromHours(1), cancellationToken))
            .Where(e => e.Type == EventType.ReviewSubmitted && e.Level is { } level && level.IsBad()).ToList();
        if (recent.Count == 0)
            return;
        var ids = recent.Select(e => (long?)e.Sequence).ToList();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var alerted = (await db.Alerts.Where(a => ids.Contains(a.ReviewId)).Select(a => a.ReviewId!.Value).ToListAsync(cancellationToken)).ToHashSet();
        var missed = recent.Where(e => !alerted.Contains(e.Sequence)).ToList();
        if (missed.Count > 0)
            await OnEventsAsync(missed, cancellationToken);
    }

    /// <summary>Rules driven by events: a bad review at once, and the negative rate.</summary>
    public async Task OnEventsAsync(IReadOnlyList<LiveEvent> events, CancellationToken cancellationToken)
    {
        var conditions = new List<AlertCondition>();
        var now = clock.UtcNow;
        foreach (var e in events.Where(e => e.Type == EventType.ReviewSubmitted && e.Level is not null))
        {
            var hall = reference.Hall(e.HallId);
            if (hall is null)
                continue;
            if (AlertRules.BadReview(e) is { } bad)
                conditions.Add(bad);
            var list = recentReviews.TryGetValue(e.HallId, out var l) ? l : recentReviews[e.HallId] = [];
            list.Add((e.OccurredAt, e.Level!.Value.IsBad()));
            var thresholds = thresholdBook.For(hall.Code);
            list.RemoveAll(r => now - r.At > thresholds.NegativeWindow);
            if (AlertRules.NegativeRate(e.HallId, list, now, thresholds) is { } negative)
                conditions.Add(negative);
        }
        if (conditions.Count > 0)
            await ReconcileAsync(conditions, clearKinds: [], cancellationToken);
    }

    /// <summary>Rules driven by time, and escalation.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var county = state.County();
        var conditions = county.Halls.SelectMany(h => AlertRules.FromHall(h, now, thresholdBook.For(h.Code))).ToList();
        foreach (var (hallId, list) in recentReviews)
        {
            var hall = reference.Hall(hallId)!;
            var thresholds = thresholdBook.For(hall.Code);
            list.RemoveAll(r => now - r.At > thresholds.NegativeWindow);
            if (AlertRules.NegativeRate(hallId, list, now, thresholds) is { } negative)
                conditions.Add(negative);
        }
        await ReconcileAsync(conditions,
            clearKinds: [AlertKind.OverCapacity, AlertKind.LongWait, AlertKind.SilentHall, AlertKind.UnstaffedWindow, AlertKind.OverdueReturn, AlertKind.NegativeRate],
            cancellationToken);
        await EscalateAsync(now, cancellationToken);
    }

    private async Task ReconcileAsync(List<AlertCondition> conditions, AlertKind[] clearKinds, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var open = await db.Alerts.Where(a => a.ConditionKey != null && a.Status != AlertStatus.Resolved && a.Status != AlertStatus.Closed)
            .ToDictionaryAsync(a => a.ConditionKey!, cancellationToken);
        var raised = new List<Alert>();
        var changed = false;
        // A bad review's deadline counts on the calendar as the table holds it this moment: one
        // imported a second ago, on any instance, counts.
        var workingDays = conditions.Any(c => c.Kind == AlertKind.BadReview && !open.ContainsKey(c.Key)) ? await calendar.LoadAsync(cancellationToken) : null;
        foreach (var condition in conditions.DistinctBy(c => c.Key))
        {
            if (open.ContainsKey(condition.Key))
                continue;
            var alert = new Alert
            {
                HallId = condition.HallId, Kind = condition.Kind, Status = AlertStatus.Open, RaisedAt = now,
                ConditionKey = condition.Key, WindowId = condition.WindowId, StaffId = condition.StaffId, ReviewId = condition.ReviewId,
                Level = condition.Level, Tags = condition.Tags, Count = condition.Count, OutOf = condition.OutOf, Minutes = condition.Minutes,
                DueAt = condition.Kind == AlertKind.BadReview ? workingDays!.Deadline(now, options.Value.DeadlineWorkingDays) : null,
            };
            db.Alerts.Add(alert);
            raised.Add(alert);
            changed = true;
        }
        var holding = conditions.Select(c => c.Key).ToHashSet();
        foreach (var alert in open.Values.Where(a => clearKinds.Contains(a.Kind) && AlertRules.ClosesByItself(a.Kind) && !holding.Contains(a.ConditionKey!)))
        {
            alert.Status = AlertStatus.Closed;
            alert.ClosedAt = now;
            alert.Version++;
            db.AlertActions.Add(new AlertAction { AlertId = alert.Id, At = now, By = System, Action = Cleared });
            changed = true;
        }
        if (!changed)
            return;
        await db.SaveChangesAsync(cancellationToken);
        // Audit the raise with the id the database gave the alert.
        foreach (var alert in raised)
            db.AlertActions.Add(new AlertAction { AlertId = alert.Id, At = now, By = System, Action = Raised });
        await db.SaveChangesAsync(cancellationToken);
        await book.NotifyAsync(cancellationToken);
    }

    /// <summary>A bad review past its deadline and not resolved goes to the centre director.</summary>
    private async Task EscalateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var overdue = await db.Alerts.Where(a => a.DueAt != null && a.DueAt < now && a.EscalatedAt == null
            && a.Status != AlertStatus.Resolved && a.Status != AlertStatus.Closed).ToListAsync(cancellationToken);
        if (overdue.Count == 0)
            return;
        foreach (var alert in overdue)
        {
            alert.EscalatedAt = now;
            alert.Version++;
            db.AlertActions.Add(new AlertAction { AlertId = alert.Id, At = now, By = System, Action = Escalated });
        }
        await db.SaveChangesAsync(cancellationToken);
        await book.NotifyAsync(cancellationToken);
    }
}
