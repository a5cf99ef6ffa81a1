using LiveBoard.Client.Live;
using LiveBoard.Client.Model;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Ingest;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Live;

/// <summary>
/// Today's figures for every hall and window, and every staff member's whereabouts, folded from
/// the events in sequence order: each event is applied once (a sequence at or below the last
/// applied is ignored), and a gap is healed from the journal before anything after it is applied.
/// Rebuilt from the database at start, so a restart at noon shows the same figures.
/// </summary>
public sealed partial class LiveState(
    ReferenceData reference,
    CountyClock clock,
    JournalReader journal,
    IDbContextFactory<LiveBoardDb> databases,
    ILogger<LiveState> logger) : ILiveFeed
{
    private const int TickerLength = 30;

    // A window counts as open when it called a ticket within this time or is serving one.
    private static readonly TimeSpan OpenWindowActivity = TimeSpan.FromMinutes(30);

    private readonly Lock gate = new();
    private readonly TicketBook tickets = new();
    private readonly Dictionary<int, HallCounters> halls = [];
    private readonly Dictionary<int, WindowCounters> windows = [];
    private readonly Dictionary<int, Presence> presence = [];
    private readonly LinkedList<ReviewTickerItem> ticker = new();
    private readonly SortedDictionary<long, LiveEvent> early = [];
    private readonly Subscribers subscribers = new();
    private long lastSequence;
    private long version;
    private bool healing;
    private (long Version, long Minute, CountyLiveView View)? countyCache;

    // Each hall's picture is rebuilt only when an event touched that hall (or the minute turned):
    // an unchanged hall keeps the same object, so screens can skip re-rendering it.
    private readonly Dictionary<int, long> hallVersions = [];
    private readonly Dictionary<int, (long Version, long Minute, HallLiveView View)> hallCache = [];

    private sealed class HallCounters
    {
        public int DoorIn, DoorOut, Served, NoShows, Abandoned, WaitCount, ServiceCount;
        public long WaitMilliseconds, ServiceMilliseconds;
        public readonly int[] Levels = new int[6];
        public readonly LinkedList<ReviewTickerItem> Ticker = new();
        public DateTimeOffset? LastEventAt;
    }

    private sealed class WindowCounters
    {
        public string? CurrentTicket;
        public DateTimeOffset? LastCalledAt;
        public int Served;
        public readonly int[] Levels = new int[6];
    }

    private sealed record Presence(Whereabouts Whereabouts, DateTimeOffset Since, DateTimeOffset? ExpectedBackAt, string? Note, ApprovalState Approval, long RecordId);

    /// <summary>Raised after events were applied, in order, with the events themselves (hub relay).</summary>
    public event Action<IReadOnlyList<LiveEvent>>? Applied;

    public long LastSequence
    {
        get { lock (gate) return lastSequence; }
    }

    public DateTimeOffset Now => clock.UtcNow;

    public DateTimeOffset ToCounty(DateTimeOffset instant) => clock.ToCounty(instant);

    public async Task RebuildAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            // The board's current state is each staff member's latest record, however old.
            var latest = await db.WhereaboutsRecords.AsNoTracking()
                .Where(r => r.Id == db.WhereaboutsRecords.Where(o => o.StaffId == r.StaffId).Max(o => o.Id))
                .ToListAsync(cancellationToken);
            lock (gate)
            {
                presence.Clear();
                foreach (var r in latest)
                    presence[r.StaffId] = new Presence(r.Whereabouts, r.ChangedAt, r.ExpectedBackAt, r.Note, r.Approval, r.Id);
            }
        }
        var today = clock.Today;
        var events = await journal.ReadReceivedSinceAsync(clock.StartOf(today), cancellationToken);
        var last = await journal.LastSequenceAsync(cancellationToken);
        lock (gate)
        {
            StartDay(today, force: true);
            foreach (var e in events)
                ApplyOne(e);
            lastSequence = last;
            version++;
        }
    }

    /// <summary>The bus calls this with committed events, in sequence order.</summary>
    public void Apply(IReadOnlyList<LiveEvent> events)
    {
        List<LiveEvent> applied = [];
        var gap = false;
        lock (gate)
        {
            EnsureDay();
            foreach (var e in events)
            {
                if (e.Sequence <= lastSequence)
                    continue;
                if (e.Sequence != lastSequence + 1 || early.Count > 0)
                {
                    early[e.Sequence] = e;
                    gap = true;
                    continue;
                }
                ApplyOne(e);
                lastSequence = e.Sequence;
                applied.Add(e);
            }
            if (applied.Count > 0)
                version++;
            gap = gap && !healing;
            if (gap)
                healing = true;
        }
        Notify(applied);
        if (gap)
            _ = HealAsync();
    }

    /// <summary>Reads the missing events from the journal, then applies what was waiting behind them.</summary>
    private async Task HealAsync()
    {
        // The journal unreadable (the database away): heal again after a back-off, never give up —
        // nothing else would apply the events waiting behind the gap.
        var outage = new Outage(logger, "Healing a gap in the live state from the journal");
        try
        {
            while (true)
            {
                long from;
                lock (gate)
                {
                    if (early.Count == 0)
                        return;
                    from = lastSequence;
                }
                if (!outage.IsOngoing)
                    LogHealing(from);
                List<LiveEvent> missing;
                try
                {
                    missing = await journal.ReadAfterAsync(from, 10_000);
                    outage.Ended();
                }
                catch (Exception ex) when (Outage.IsOutage(ex))
                {
                    await outage.BackOffAsync(ex, CancellationToken.None);
                    continue;
                }
                List<LiveEvent> applied = [];
                lock (gate)
                {
                    foreach (var e in missing)
                        early.TryAdd(e.Sequence, e);
                    while (early.Count > 0)
                    {
                        var first = early.First();
                        if (first.Key <= lastSequence)
                        {
                            early.Remove(first.Key);
                            continue;
                        }
                        if (first.Key != lastSequence + 1)
                            break;
                        early.Remove(first.Key);
                        ApplyOne(first.Value);
                        lastSequence = first.Key;
                        applied.Add(first.Value);
                    }
                    if (applied.Count > 0)
                        version++;
                }
                Notify(applied);
                if (missing.Count == 0)
                    await Task.Delay(200);
            }
        }
        catch (Exception ex)
        {
            LogHealFailed(ex);
        }
        finally
        {
            lock (gate)
                healing = false;
        }
    }

    private void Notify(List<LiveEvent> applied)
    {
        if (applied.Count == 0)
            return;
        Applied?.Invoke(applied);
        subscribers.Notify(applied.Select(e => e.HallId).Distinct());
    }

    public IDisposable Subscribe(int? hallId, Action changed) => subscribers.Add(hallId, changed);

    /// <summary>Raised after the reference data was reloaded (the hub tells its clients to join again).</summary>
    public event Action? OrganisationChanged;

    /// <summary>
    /// The reference data was reloaded (a hall, window or staff member added, moved or deactivated):
    /// every picture is drawn again from it, and every screen is told, whatever hall it watches.
    /// Today's counters are kept by id, so a moved staff member's card moves with its whereabouts.
    /// </summary>
    public void ReferenceChanged()
    {
        lock (gate)
        {
            hallCache.Clear();
            countyCache = null;
            version++;
        }
        subscribers.NotifyAll();
        OrganisationChanged?.Invoke();
    }

    /// <summary>The staff member at the window who is marked in, if any (recorded with a review).</summary>
    public int? StaffOnDutyAt(int windowId)
    {
        lock (gate)
        {
            return reference.AllStaff.FirstOrDefault(s => s.WindowId == windowId
                && presence.TryGetValue(s.Id, out var p) && p.Whereabouts == Whereabouts.In)?.Id;
        }
    }

    private void EnsureDay()
    {
        var today = clock.Today;
        if (tickets.Day != today)
        {
            StartDay(today, force: false);
            version++;
        }
    }

    private void StartDay(DateOnly day, bool force)
    {
        if (force)
            tickets.StartDay(DateOnly.MinValue);
        tickets.StartDay(day);
        halls.Clear();
        windows.Clear();
        ticker.Clear();
        hallCache.Clear();
    }

    private HallCounters HallOf(int id) => halls.TryGetValue(id, out var h) ? h : halls[id] = new HallCounters();

    private WindowCounters WindowOf(int id) => windows.TryGetValue(id, out var w) ? w : windows[id] = new WindowCounters();

    private void ApplyOne(LiveEvent e)
    {
        hallVersions[e.HallId] = hallVersions.GetValueOrDefault(e.HallId) + 1;
        if (e.Type == EventType.WhereaboutsChanged && e.StaffId is { } staffId)
            presence[staffId] = new Presence(e.Whereabouts!.Value, e.OccurredAt, e.ExpectedBackAt, e.Note, e.Approval ?? ApprovalState.NotRequired, e.Sequence);
        // A decision counts only for the request it answers, and only while that is still the board's state.
        if (e.Type == EventType.WhereaboutsDecided && e.StaffId is { } decided && presence.TryGetValue(decided, out var current)
            && current.RecordId == e.RecordId && current.Approval == ApprovalState.Pending)
            presence[decided] = current with { Approval = e.Approval!.Value };

        // Yesterday's late arrivals are in the journal and the reports, not in today's figures.
        if (clock.DayOf(e.OccurredAt) != tickets.Day)
            return;

        var hall = HallOf(e.HallId);
        hall.LastEventAt = hall.LastEventAt is { } last && last > e.OccurredAt ? last : e.OccurredAt;
        var before = e.Ticket is null ? null : tickets.Find(e.HallId, e.Ticket);
        var after = tickets.Apply(e);
        switch (e.Type)
        {
            case EventType.TicketCalled when after is not null:
                if (before?.Status == TicketStatus.Waiting)
                {
                    hall.WaitMilliseconds += (long)(e.OccurredAt - before.IssuedAt).TotalMilliseconds;
                    hall.WaitCount++;
                }
                if (e.WindowId is { } calledAt)
                {
                    var window = WindowOf(calledAt);
                    window.CurrentTicket = e.Ticket;
                    window.LastCalledAt = e.OccurredAt;
                }
                break;
            case EventType.TicketCompleted when before?.CalledAt is { } called:
                hall.ServiceMilliseconds += (long)(e.OccurredAt - called).TotalMilliseconds;
                hall.ServiceCount++;
                hall.Served++;
                if (before.WindowId is { } servedAt)
                {
                    var window = WindowOf(servedAt);
                    window.Served++;
                    if (window.CurrentTicket == e.Ticket)
                        window.CurrentTicket = null;
                }
                break;
            case EventType.TicketAbandoned:
                if (e.NoShow == true)
                    hall.NoShows++;
                else
                    hall.Abandoned++;
                if (before?.WindowId is { } leftAt && WindowOf(leftAt).CurrentTicket == e.Ticket)
                    WindowOf(leftAt).CurrentTicket = null;
                break;
            case EventType.DoorCounted:
                hall.DoorIn += e.In ?? 0;
                hall.DoorOut += e.Out ?? 0;
                break;
            case EventType.ReviewSubmitted when e.Level is { } level:
                hall.Levels[(int)level]++;
                if (e.WindowId is { } reviewedAt)
                {
                    WindowOf(reviewedAt).Levels[(int)level]++;
                    var hallInfo = reference.Hall(e.HallId);
                    var windowNumber = reference.Window(reviewedAt)?.Number ?? 0;
                    var item = new ReviewTickerItem(e.Sequence, e.OccurredAt, hallInfo?.Code ?? "", hallInfo?.Name ?? "", hallInfo?.NameEn ?? "",
                        windowNumber, level, e.Tags ?? ReviewTags.None);
                    foreach (var list in new[] { ticker, hall.Ticker })
                    {
                        list.AddFirst(item);
                        if (list.Count > TickerLength)
                            list.RemoveLast();
                    }
                }
                break;
        }
    }

    public CountyLiveView County()
    {
        var now = clock.UtcNow;
        var minute = now.ToUnixTimeSeconds() / 60;
        lock (gate)
        {
            EnsureDay();
            // Open/closed and "overdue" change with the clock, so the picture is also renewed each minute.
            if (countyCache is { } cached && cached.Version == version && cached.Minute == minute)
                return cached.View;
            var hallViews = reference.Halls.OrderBy(h => h.Kind).ThenBy(h => h.Code).Select(h => CachedHallView(h, now, minute)).ToList();
            var levels = new int[6];
            foreach (var counters in halls.Values)
                for (var l = 1; l <= 5; l++)
                    levels[l] += counters.Levels[l];
            var view = new CountyLiveView(
                now, lastSequence,
                hallViews.Sum(h => h.InHall), hallViews.Sum(h => h.Waiting), hallViews.Sum(h => h.InService),
                hallViews.Min(h => h.OldestWaitingSince),
                hallViews.Sum(h => h.WindowsOpen), hallViews.Sum(h => h.WindowsStaffed), hallViews.Sum(h => h.WindowCount),
                hallViews.Sum(h => h.Served), hallViews.Sum(h => h.NoShows),
                levels.Sum(), levels[1] + levels[2], SatisfactionRate(levels),
                Summarise(reference.AllStaff, now),
                hallViews, [.. ticker]);
            countyCache = (version, minute, view);
            return view;
        }
    }

    public HallLiveView? Hall(int hallId)
    {
        var now = clock.UtcNow;
        lock (gate)
        {
            EnsureDay();
            // A deactivated hall has no live board; its history stays in the reports.
            if (reference.Hall(hallId) is not { Active: true } hall)
                return null;
            return CachedHallView(hall, now, now.ToUnixTimeSeconds() / 60);
        }
    }

    private HallLiveView CachedHallView(ReferenceData.HallInfo hall, DateTimeOffset now, long minute)
    {
        var hallVersion = hallVersions.GetValueOrDefault(hall.Id);
        if (hallCache.TryGetValue(hall.Id, out var cached) && cached.Version == hallVersion && cached.Minute == minute)
            return cached.View;
        var view = HallView(hall, now);
        hallCache[hall.Id] = (hallVersion, minute, view);
        return view;
    }

    private HallLiveView HallView(ReferenceData.HallInfo hall, DateTimeOffset now)
    {
        var counters = halls.GetValueOrDefault(hall.Id) ?? new HallCounters();
        var waitingByBusiness = new Dictionary<int, int>();
        var inService = 0;
        DateTimeOffset? oldestWaiting = null;
        foreach (var t in tickets.All)
        {
            if (t.HallId != hall.Id)
                continue;
            if (t.Status == TicketStatus.Waiting)
            {
                waitingByBusiness[t.BusinessId] = waitingByBusiness.GetValueOrDefault(t.BusinessId) + 1;
                if (oldestWaiting is null || t.IssuedAt < oldestWaiting)
                    oldestWaiting = t.IssuedAt;
            }
            else if (t.Status == TicketStatus.Called)
            {
                inService++;
            }
        }
        var waiting = waitingByBusiness.Values.Sum();
        // Today's hours; a day the hall does not open starts and ends at midnight (closed all day).
        var startOfDay = clock.StartOf(tickets.Day);
        var todays = hall.Hours.On(tickets.Day.DayOfWeek);
        var openedAt = todays is null ? startOfDay : startOfDay + todays.Opens.ToTimeSpan();
        var closesAt = todays is null ? startOfDay : startOfDay + todays.Closes.ToTimeSpan();
        var hallStaff = reference.AllStaff.Where(s => s.HallId == hall.Id).ToList();
        var windowViews = reference.AllWindows.Where(w => w.HallId == hall.Id).OrderBy(w => w.Number).Select(w =>
        {
            var wc = windows.GetValueOrDefault(w.Id) ?? new WindowCounters();
            var business = reference.Business(w.BusinessId);
            var staff = hallStaff.Where(s => s.WindowId == w.Id).Select(s => StaffView(s)).ToList();
            var staffed = staff.Any(s => s.Whereabouts == Whereabouts.In);
            var open = wc.CurrentTicket is not null || (wc.LastCalledAt is { } called && now - called < OpenWindowActivity);
            return new WindowLiveView(w.Id, w.Number, business?.Code ?? "", business?.Name ?? "", business?.NameEn ?? "", wc.CurrentTicket, open, staffed,
                wc.Served, wc.Levels.Sum(), wc.Levels[1] + wc.Levels[2], SatisfactionRate(wc.Levels), staff);
        }).ToList();
        var queues = waitingByBusiness.OrderByDescending(q => q.Value).Select(q =>
        {
            var business = reference.Business(q.Key);
            return new BusinessQueueView(business?.Code ?? "", business?.Name ?? "", business?.NameEn ?? "", q.Value);
        }).ToList();
        return new HallLiveView(
            hall.Id, hall.Code, hall.Name, hall.NameEn, hall.Kind, hall.Capacity,
            hall.IsOpenAt(clock.ToCounty(now).DateTime),
            openedAt, closesAt,
            Math.Max(counters.DoorIn - counters.DoorOut, waiting + inService), waiting, inService, oldestWaiting,
            counters.WaitCount > 0 ? TimeSpan.FromMilliseconds(counters.WaitMilliseconds / counters.WaitCount) : null,
            counters.ServiceCount > 0 ? TimeSpan.FromMilliseconds(counters.ServiceMilliseconds / counters.ServiceCount) : null,
            counters.Served, counters.NoShows,
            windowViews.Count(w => w.Open), windowViews.Count(w => w.Staffed), windowViews.Count,
            counters.Levels.Sum(), counters.Levels[1] + counters.Levels[2], SatisfactionRate(counters.Levels),
            counters.LastEventAt, Summarise(hallStaff, now, (openedAt, closesAt)), queues, windowViews, [.. counters.Ticker]);

        StaffPresenceView StaffView(ReferenceData.StaffInfo s) => presence.TryGetValue(s.Id, out var p)
            ? new StaffPresenceView(s.Id, s.Name, s.Position, s.WorkPhone, p.Whereabouts, p.Since, p.ExpectedBackAt, p.Note, p.Approval, p.RecordId, IsLate(s.Id, now, openedAt, closesAt))
            : new StaffPresenceView(s.Id, s.Name, s.Position, s.WorkPhone, null, null, null, null, ApprovalState.NotRequired, null, IsLate(s.Id, now, openedAt, closesAt));
    }

    /// <summary>Late: the hall opened more than the grace ago and the staff member has not been marked in since (an approved absence is not late).</summary>
    private static readonly TimeSpan LateGrace = TimeSpan.FromMinutes(10);

    private bool IsLate(int staffId, DateTimeOffset now, DateTimeOffset openedAt, DateTimeOffset closesAt)
    {
        if (now < openedAt + LateGrace || now >= closesAt)
            return false;
        if (!presence.TryGetValue(staffId, out var p))
            return true;
        if (p.Whereabouts == Whereabouts.In)
            return false;
        var excused = p.Approval == ApprovalState.Approved || p.Since >= openedAt;
        return !excused;
    }

    private WhereaboutsSummary Summarise(IEnumerable<ReferenceData.StaffInfo> staff, DateTimeOffset now, (DateTimeOffset Opened, DateTimeOffset Closes)? hours = null)
    {
        int @in = 0, @out = 0, meeting = 0, travel = 0, leave = 0, unmarked = 0, overdue = 0, unapproved = 0, late = 0;
        foreach (var s in staff)
        {
            if (hours is { } day && IsLate(s.Id, now, day.Opened, day.Closes))
                late++;
            if (!presence.TryGetValue(s.Id, out var p))
            {
                unmarked++;
                continue;
            }
            if (p.Whereabouts is Whereabouts.Leave or Whereabouts.Travel && p.Approval != ApprovalState.Approved)
                unapproved++;
            switch (p.Whereabouts)
            {
                case Whereabouts.In: @in++; break;
                case Whereabouts.Out: @out++; break;
                case Whereabouts.Meeting: meeting++; break;
                case Whereabouts.Travel: travel++; break;
                case Whereabouts.Leave: leave++; break;
            }
            if (p.Whereabouts != Whereabouts.In && p.ExpectedBackAt is { } back && back < now)
                overdue++;
        }
        return new WhereaboutsSummary(@in, @out, meeting, travel, leave, unmarked, overdue, unapproved, late);
    }

    /// <summary>The good rate: basically satisfied or better over all reviews; null with no review.</summary>
    private static double? SatisfactionRate(int[] levels)
    {
        var total = levels.Sum();
        return total == 0 ? null : (double)(levels[3] + levels[4] + levels[5]) / total;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gap in the event sequence after {Sequence}: healing from the journal.")]
    private partial void LogHealing(long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Healing a gap in the event sequence failed.")]
    private partial void LogHealFailed(Exception exception);
}
