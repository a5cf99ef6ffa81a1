namespace LiveBoard.Server.Live;

/// <summary>
/// Carries committed events to every instance's live state. In-process by default; the Redis bus
/// (scale-out, <see cref="Redis.RedisBus"/>) implements the same contract across instances. The
/// receiver (LiveState) applies each sequence number once and heals gaps from the journal, so a bus
/// may deliver late, twice or out of order, but must not be the only way an event can arrive.
/// </summary>
public interface ILiveBus
{
    void Publish(IReadOnlyList<LiveEvent> events);

    IDisposable Subscribe(Action<IReadOnlyList<LiveEvent>> handler);

    /// <summary>Alerts live in the database, not the journal: tells the other instances to re-read them.</summary>
    void PublishAlertsChanged();

    /// <summary>Called when another instance changed alerts (or this one reconnected and may have missed it).</summary>
    IDisposable SubscribeAlertsChanged(Action handler);

    /// <summary>The organisation changed (decision 0016): tells the other instances to reload their reference data.</summary>
    void PublishOrganisationChanged();

    /// <summary>
    /// Called when another instance changed the organisation — and after every (re)subscription,
    /// since a notice sent meanwhile may have been lost: the handler reloads, which is cheap.
    /// </summary>
    IDisposable SubscribeOrganisationChanged(Action handler);

    /// <summary>For the readiness check: false while a shared bus cannot reach its broker.</summary>
    bool IsConnected { get; }
}

/// <summary>Delivers synchronously on the publisher's thread: the writer's own order is kept.</summary>
/// <param name="metrics">The bus lag's instrument; none where nothing measures (unit tests).</param>
public sealed class InProcessBus(LiveMetrics? metrics = null) : ILiveBus
{
    private readonly Handlers<IReadOnlyList<LiveEvent>> handlers = new();

    public void Publish(IReadOnlyList<LiveEvent> events)
    {
        metrics?.Delivered(events, BusRoute.Local);
        handlers.Invoke(events);
    }

    public IDisposable Subscribe(Action<IReadOnlyList<LiveEvent>> handler) => handlers.Add(handler);

    // One instance: whoever changed the alerts already refreshed this instance's inboxes.
    public void PublishAlertsChanged()
    {
    }

    public IDisposable SubscribeAlertsChanged(Action handler) => new Handlers<bool>.Subscription(() => { });

    // One instance: whoever changed the organisation already reloaded this instance's reference data.
    public void PublishOrganisationChanged()
    {
    }

    public IDisposable SubscribeOrganisationChanged(Action handler) => new Handlers<bool>.Subscription(() => { });

    public bool IsConnected => true;
}

/// <summary>A copy-on-write list of handlers: invoking takes no lock.</summary>
internal sealed class Handlers<T>
{
    private readonly Lock gate = new();
    private Action<T>[] list = [];

    public void Invoke(T value)
    {
        foreach (var handler in list)
            handler(value);
    }

    public IDisposable Add(Action<T> handler)
    {
        lock (gate)
            list = [.. list, handler];
        return new Subscription(() =>
        {
            lock (gate)
                list = [.. list.Where(h => h != handler)];
        });
    }

    public sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
