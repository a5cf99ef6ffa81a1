using LiveBoard.Server.Live;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace LiveBoard.Server.Features.Telemetry;

/// <summary>
/// Counts open Blazor circuits (one per page open in a browser). A circuit whose browser lost the
/// connection stays open, and counted, while it waits to reconnect; it is closed when it is given up.
/// </summary>
internal sealed class CircuitCounter(LiveMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
