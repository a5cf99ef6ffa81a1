using System.Collections.Concurrent;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Devices;

/// <summary>
/// When each device key was last presented (an event posted, a hub connection, a wall checking its
/// key): noted in memory on every authentication — a dictionary write, nothing on the request's way
/// to the database — and written to <see cref="DeviceKey.LastSeenAt"/> once a minute, one UPDATE per
/// device seen (decision 0017). Every instance flushes its own sightings; the latest wins.
/// </summary>
public sealed class DeviceSightings(IDbContextFactory<LiveBoardDb> databases, CountyClock clock, ILogger<DeviceSightings> logger) : BackgroundService
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<int, DateTimeOffset> pending = new();

    public void Seen(int deviceId) => pending[deviceId] = clock.UtcNow;

    /// <summary>A sighting on this instance not yet written.</summary>
    public DateTimeOffset? Unflushed(int deviceId) => pending.TryGetValue(deviceId, out var at) ? at : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var outage = new Outage(logger, "Writing when the devices were last seen");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(outage.IsOngoing ? TimeSpan.FromSeconds(5) : FlushEvery, stoppingToken);
                await FlushAsync(stoppingToken);
                outage.Ended();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Nothing is lost meanwhile: the sightings stay in memory until a flush succeeds.
                outage.Failed(ex);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (Outage.IsOutage(ex))
        {
            // Shutting down with the database away: these sightings are a minute's worth, and not the record of anything.
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (pending.IsEmpty)
            return;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        foreach (var (id, at) in pending.ToArray())
        {
            await db.DeviceKeys.Where(k => k.Id == id && (k.LastSeenAt == null || k.LastSeenAt < at))
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.LastSeenAt, at), cancellationToken);
            // Seen again meanwhile: that later sighting waits for the next flush.
            pending.TryRemove(new KeyValuePair<int, DateTimeOffset>(id, at));
        }
    }
}
