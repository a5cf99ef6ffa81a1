using System.Threading.Channels;
using LiveBoard.Server.Features.Ingest;
using Microsoft.AspNetCore.SignalR;

namespace LiveBoard.Server.Live;

/// <summary>
/// Pushes applied events to the hub's groups, in order, off the ingest path: the live state hands
/// each applied batch to a queue, and one loop sends it to the county group and each hall's group.
/// </summary>
public sealed partial class HubRelay(LiveState state, IHubContext<LiveHub> hub, ReferenceData reference, ILogger<HubRelay> logger) : BackgroundService
{
    private readonly Channel<IReadOnlyList<LiveEvent>> queue = Channel.CreateUnbounded<IReadOnlyList<LiveEvent>>(new UnboundedChannelOptions { SingleReader = true });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        state.Applied += Enqueue;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        state.Applied -= Enqueue;
        return base.StopAsync(cancellationToken);
    }

    private void Enqueue(IReadOnlyList<LiveEvent> events) => queue.Writer.TryWrite(events);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var events in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var deltas = events.Select(e => LiveHub.ToDelta(e, reference)).ToList();
                await hub.Clients.Group(LiveHub.CountyGroup).SendAsync("deltas", deltas, stoppingToken);
                foreach (var byHall in deltas.GroupBy(d => d.Hall))
                    await hub.Clients.Group(LiveHub.HallGroup(byHall.Key)).SendAsync("deltas", byHall.ToList(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRelayFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying deltas to hub clients failed; clients resync on their next join.")]
    private partial void LogRelayFailed(Exception exception);
}
