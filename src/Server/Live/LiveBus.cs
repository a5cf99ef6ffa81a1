namespace LiveBoard.Server.Live;

/// <summary>
/// Carries committed events to every instance's live state, in sequence order. In-process by
/// default; the Redis bus (scale-out) implements the same contract across instances.
/// </summary>
public interface ILiveBus
{
    void Publish(IReadOnlyList<LiveEvent> events);

    IDisposable Subscribe(Action<IReadOnlyList<LiveEvent>> handler);
}

/// <summary>Delivers synchronously on the publisher's thread: the writer's own order is kept.</summary>
public sealed class InProcessBus : ILiveBus
{
    private readonly Lock gate = new();
    private Action<IReadOnlyList<LiveEvent>>[] handlers = [];

    public void Publish(IReadOnlyList<LiveEvent> events)
    {
        foreach (var handler in handlers)
            handler(events);
    }

    public IDisposable Subscribe(Action<IReadOnlyList<LiveEvent>> handler)
    {
        lock (gate)
            handlers = [.. handlers, handler];
        return new Subscription(() =>
        {
            lock (gate)
                handlers = [.. handlers.Where(h => h != handler)];
        });
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
