using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Organisation;

/// <summary>
/// Makes a change to the organisation live on every instance (decision 0016): the instance that
/// committed it reloads its reference data at once and tells the others on the bus; each of them
/// reloads when told, and after every resubscription to the bus (a notice may have been lost). A
/// reload redraws every screen (<see cref="LiveState.ReferenceChanged"/>) and tells hub clients to
/// join again: a new hall appears on an open wall within a second or so, a moved staff member's
/// card moves, a deactivated window leaves.
/// </summary>
public sealed partial class OrganisationChanges(
    IDbContextFactory<LiveBoardDb> databases, ReferenceData reference, LiveState state, ILiveBus bus, ILogger<OrganisationChanges> logger) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim reloading = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private IDisposable? subscription;
    private int disposed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = bus.SubscribeOrganisationChanged(() => _ = ReloadWhenToldAsync());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        // A host disposed before it is stopped has nothing left to stop.
        if (Volatile.Read(ref disposed) == 0)
        {
            await stopping.CancelAsync();
        }
    }

    /// <summary>
    /// Called twice: the container disposes this instance as the singleton and again as the hosted
    /// service its factory returned.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
            return;
        subscription?.Dispose();
        stopping.Cancel();
        reloading.Dispose();
        stopping.Dispose();
    }

    /// <summary>After this instance committed a change: reload here, then tell the others.</summary>
    public async Task ChangedAsync(CancellationToken cancellationToken = default)
    {
        await ReloadAsync(cancellationToken);
        bus.PublishOrganisationChanged();
    }

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        // One reload at a time: two notices in a row must not finish in the wrong order.
        await reloading.WaitAsync(cancellationToken);
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            await reference.LoadAsync(db, cancellationToken);
        }
        finally
        {
            reloading.Release();
        }
        state.ReferenceChanged();
    }

    /// <summary>Told by another instance: the database away now, try again until it answers (logged once).</summary>
    private async Task ReloadWhenToldAsync()
    {
        var outage = new Outage(logger, "Reloading the organisation after another instance changed it");
        while (!stopping.IsCancellationRequested)
        {
            TimeSpan backOff;
            try
            {
                await ReloadAsync(stopping.Token);
                outage.Ended();
                LogReloaded();
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (Outage.IsOutage(ex))
            {
                backOff = outage.Failed(ex);
            }
            catch (Exception ex)
            {
                LogReloadFailed(ex);
                return;
            }
            try
            {
                await Task.Delay(backOff, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading the organisation failed; this instance shows it as it was until the next change or restart.")]
    private partial void LogReloadFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reloaded the organisation: another instance changed it, or the bus resubscribed.")]
    private partial void LogReloaded();
}
