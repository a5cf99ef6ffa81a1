using System.Security.Claims;
using LiveBoard.Client.Account;
using LiveBoard.Client.Alerts;
using LiveBoard.Client.Live;
using LiveBoard.Client.Model;

namespace LiveBoard.ComponentTests;

/// <summary>The county's clock stands still at 10:00 on Wednesday 2 December 2026: no test reads the machine's clock.</summary>
public sealed class StillFeed : ILiveFeed
{
    public static readonly DateTimeOffset TenOClock = new(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly List<Action> subscribers = [];

    public List<HallLiveView> Halls { get; } = [];

    /// <summary>The ticker's reviews, newest first.</summary>
    public List<ReviewTickerItem> Reviews { get; } = [];

    /// <summary>The county clock's now; a test may move it.</summary>
    public DateTimeOffset Now { get; set; } = TenOClock.ToUniversalTime();

    public DateTimeOffset ToCounty(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(8));

    public CountyLiveView County() => new(Now, 1, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, null, new(0, 0, 0, 0, 0, 0, 0), Halls, [.. Reviews]);

    /// <summary>The live state changed: every subscriber hears, as from the ingest path.</summary>
    public void Changed()
    {
        foreach (var subscriber in subscribers.ToList())
            subscriber();
    }

    public HallLiveView? Hall(int hallId) => Halls.FirstOrDefault(h => h.HallId == hallId);

    public IDisposable Subscribe(int? hallId, Action changed)
    {
        subscribers.Add(changed);
        return new Unsubscribe(() => subscribers.Remove(changed));
    }

    /// <summary>A hall as the live state would show it; ages are relative to <see cref="TenOClock"/>.</summary>
    public static HallLiveView Hall(int id, string code, string name, string nameEn, int waiting = 0, int inHall = 0, int capacity = 100,
        TimeSpan? lastEventAgo = null, bool open = true, int served = 0) =>
        new(id, code, name, nameEn, id == 1 ? HallKind.County : HallKind.Township, capacity, open, TenOClock.AddHours(-1.5), TenOClock.AddHours(7),
            inHall, waiting, 0, waiting > 0 ? TenOClock.AddMinutes(-12) : null, null, null, served, 0, 4, 4, 4, 0, 0, null,
            lastEventAgo is { } ago ? TenOClock - ago : TenOClock.AddMinutes(-1), new(0, 0, 0, 0, 0, 0, 0), [], [], []);

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

/// <summary>An inbox in memory: what it lists, what was asked of it, and a way to raise an alert while a page is open.</summary>
public sealed class FakeInbox : IAlertInbox
{
    private readonly List<Action> subscribers = [];

    public List<AlertView> Alerts { get; } = [];

    public Dictionary<long, AlertDetail> Details { get; } = [];

    public List<AlertRequest> Requests { get; } = [];

    /// <summary>What the next action answers.</summary>
    public AlertOutcome Answer { get; set; } = AlertOutcome.Succeeded;

    public Task<IReadOnlyList<AlertView>> ListAsync(ClaimsPrincipal user, bool includeClosed = false, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AlertView>>([.. Alerts.Where(a => includeClosed || !AlertWorkflow.IsClosed(a.Status))
            .Where(a => HallScope.HallOf(user) is not { } hall || a.HallId == hall)]);

    public Task<AlertDetail?> GetAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken = default) =>
        Task.FromResult(Details.TryGetValue(id, out var detail) ? detail : Alerts.FirstOrDefault(a => a.Id == id) is { } alert ? Detail(alert) : null);

    public Task<AlertOutcome> ActAsync(ClaimsPrincipal user, long id, AlertRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        return Task.FromResult(Answer);
    }

    public AlertCounts Counts() => new(Alerts.Count(a => !AlertWorkflow.IsClosed(a.Status)), 0);

    public IDisposable Subscribe(Action changed)
    {
        subscribers.Add(changed);
        return new Unsubscribe(() => subscribers.Remove(changed));
    }

    /// <summary>The monitor raised an alert: every subscriber hears, as from the alert path.</summary>
    public void Raise(AlertView alert)
    {
        Alerts.Add(alert);
        foreach (var subscriber in subscribers.ToList())
            subscriber();
    }

    public static AlertView Alert(long id, AlertKind kind, AlertStatus status = AlertStatus.Open, AppealState appeal = AppealState.None, int hallId = 2,
        AlertFacts? facts = null, DateTimeOffset? dueAt = null) =>
        new(id, hallId, "城关镇便民服务中心", "Chengguan Township Service Hall", kind, status,
            facts ?? (kind == AlertKind.BadReview ? new AlertFacts(2, "王芳", ReviewLevel.VeryDissatisfied, ReviewTags.Impatient) : new AlertFacts(Minutes: 35)),
            StillFeed.TenOClock.AddMinutes(-id), dueAt, null, null, appeal, 3);

    public static AlertDetail Detail(AlertView alert, string? returnCall = null) =>
        new(alert, "材料没有一次说清楚", "*******5678", "A001", TimeSpan.FromMinutes(12), "社保", "Social security", true, null, null, returnCall, returnCall is null ? null : 4, []);

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

/// <summary>The years the working-day calendar holds, as the test says.</summary>
public sealed class FakeCoverage(IEnumerable<int> years) : ICalendarCoverage
{
    public HashSet<int> Years { get; } = [.. years];

    public bool Covers(int year) => Years.Contains(year);
}
