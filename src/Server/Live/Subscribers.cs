namespace LiveBoard.Server.Live;

/// <summary>
/// Who wants to hear about which hall (null: everything — the alert inbox uses only that). Copy-on-write, so notifying (on the ingest path) takes no
/// lock; a subscription is removed when its circuit disposes it.
/// </summary>
internal sealed class Subscribers
{
    private readonly Lock gate = new();
    private Entry[] entries = [];

    private sealed record Entry(int? HallId, Action Changed);

    public IDisposable Add(int? hallId, Action changed)
    {
        var entry = new Entry(hallId, changed);
        lock (gate)
            entries = [.. entries, entry];
        return new Subscription(this, entry);
    }

    /// <summary>Everyone, whatever hall they watch: the organisation changed (decision 0016).</summary>
    public void NotifyAll() => Notify(null);

    public void Notify(IEnumerable<int>? hallIds)
    {
        var changed = hallIds?.ToHashSet();
        foreach (var entry in entries)
        {
            if (changed is not null && entry.HallId is { } hall && !changed.Contains(hall))
                continue;
            // A subscriber only schedules a render; it must not throw, and one that does must not
            // stop the others from hearing.
            try
            {
                entry.Changed();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    private void Remove(Entry entry)
    {
        lock (gate)
            entries = [.. entries.Where(e => e != entry)];
    }

    private sealed class Subscription(Subscribers owner, Entry entry) : IDisposable
    {
        public void Dispose() => owner.Remove(entry);
    }
}
