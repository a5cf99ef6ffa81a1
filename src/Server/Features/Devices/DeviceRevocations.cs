using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Devices;

/// <summary>
/// What is open with each device key — hub connections, wall and hall-board pages — and ends it when
/// the key is revoked. A revocation is learned at once when it is made in this process
/// (<see cref="DeviceKeys.RevokeAsync(int, Action{LiveBoardDb, DeviceKey}?, CancellationToken)"/>), and within <see cref="WatchEvery"/> when it was made anywhere else
/// (another instance, the command line, an admin's page): <see cref="RevocationWatch"/> reads the revoked
/// keys from the database, the one place every instance shares. Redis is not needed for it (and would not
/// do alone: its pub/sub loses messages across an outage).
/// </summary>
public sealed class DeviceRevocations
{
    /// <summary>How often the database is asked which keys are revoked: "within seconds" on every instance.</summary>
    public static readonly TimeSpan WatchEvery = TimeSpan.FromSeconds(2);

    private readonly Lock gate = new();
    private readonly Dictionary<int, List<Action>> watchers = [];
    private readonly HashSet<int> revoked = [];

    /// <summary>
    /// Calls <paramref name="onRevoked"/> once when the key is revoked (at once if it already is). Dispose
    /// when the connection or page closes.
    /// </summary>
    public IDisposable Watch(int deviceId, Action onRevoked)
    {
        lock (gate)
        {
            if (!revoked.Contains(deviceId))
            {
                if (!watchers.TryGetValue(deviceId, out var list))
                    watchers[deviceId] = list = [];
                list.Add(onRevoked);
                return new Watching(this, deviceId, onRevoked);
            }
        }
        onRevoked();
        return new Watching(this, deviceId, onRevoked);
    }

    /// <summary>Open connections and pages watching this key.</summary>
    public int OpenWith(int deviceId)
    {
        lock (gate)
            return watchers.TryGetValue(deviceId, out var list) ? list.Count : 0;
    }

    /// <summary>The key was revoked: everything open with it is told, once.</summary>
    public void Revoked(int deviceId)
    {
        List<Action>? told;
        lock (gate)
        {
            if (!revoked.Add(deviceId))
                return;
            watchers.Remove(deviceId, out told);
        }
        foreach (var onRevoked in told ?? [])
            onRevoked();
    }

    /// <summary>Keys already revoked when the watch starts: nothing open can be using them, nothing to tell.</summary>
    internal void Known(IEnumerable<int> deviceIds)
    {
        lock (gate)
            revoked.UnionWith(deviceIds);
    }

    internal bool IsKnown(int deviceId)
    {
        lock (gate)
            return revoked.Contains(deviceId);
    }

    private void Unwatch(int deviceId, Action onRevoked)
    {
        lock (gate)
        {
            if (watchers.TryGetValue(deviceId, out var list) && list.Remove(onRevoked) && list.Count == 0)
                watchers.Remove(deviceId);
        }
    }

    private sealed class Watching(DeviceRevocations owner, int deviceId, Action onRevoked) : IDisposable
    {
        public void Dispose() => owner.Unwatch(deviceId, onRevoked);
    }
}

/// <summary>
/// Reads the revoked keys every <see cref="DeviceRevocations.WatchEvery"/> and ends what is open with a key
/// revoked elsewhere. One small query (the device keys are a few hundred rows); an outage is waited out
/// (logged once) — nothing can be revoked while the database is away.
/// </summary>
public sealed class RevocationWatch(IDbContextFactory<LiveBoardDb> databases, DeviceKeys keys, DeviceRevocations revocations, ILogger<RevocationWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var outage = new Outage(logger, "Watching for revoked device keys");
        var first = true;
        using var timer = new PeriodicTimer(DeviceRevocations.WatchEvery);
        do
        {
            try
            {
                await using var db = await databases.CreateDbContextAsync(stoppingToken);
                var revoked = await db.DeviceKeys.AsNoTracking().Where(k => k.RevokedAt != null).Select(k => new { k.Id, k.Prefix }).ToListAsync(stoppingToken);
                if (first)
                    revocations.Known(revoked.Select(k => k.Id));
                foreach (var key in revoked.Where(k => !revocations.IsKnown(k.Id)))
                {
                    keys.Forget(key.Prefix);
                    revocations.Revoked(key.Id);
                }
                first = false;
                outage.Ended();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The timer is the back-off: the next attempt is one tick away.
                _ = outage.Failed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
