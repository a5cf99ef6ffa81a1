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

    // In the same queue as the deltas (an empty batch), so it reaches clients in order with them.
    private static readonly IReadOnlyList<LiveEvent> OrganisationNotice = new List<LiveEvent>();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        state.Applied += Enqueue;
        state.OrganisationChanged += EnqueueOrganisationNotice;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        state.Applied -= Enqueue;
        state.OrganisationChanged -= EnqueueOrganisationNotice;
        return base.StopAsync(cancellationToken);
    }

    private void Enqueue(IReadOnlyList<LiveEvent> events) => queue.Writer.TryWrite(events);

    private void EnqueueOrganisationNotice() => queue.Writer.TryWrite(OrganisationNotice);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var events in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (ReferenceEquals(events, OrganisationNotice))
                {
                    // Halls, windows or staff changed: a snapshot a client holds is out of date; it joins again.
                    await hub.Clients.All.SendAsync("organisation", stoppingToken);
                    continue;
                }
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
