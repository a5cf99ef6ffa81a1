using System.Diagnostics.Metrics;
using LiveBoard.Server.Common;

namespace LiveBoard.Server.Live;

/// <summary>How a committed event reached this instance's live state.</summary>
public enum BusRoute
{
    /// <summary>Committed by this instance and handed over in-process.</summary>
    Local,
    /// <summary>Committed by another instance, received on the Redis channel.</summary>
    Redis,
    /// <summary>Read back from the shared journal (what Redis dropped, or the tail check).</summary>
    Journal,
}

/// <summary>
/// The live side's figures (meter <c>LiveBoard.Live</c>): how late events reach the live state
/// through the bus, and how many screens are watching (hub connections, Blazor circuits).
/// From the host's <see cref="IMeterFactory"/>, like <see cref="IngestMetrics"/>.
/// </summary>
public sealed class LiveMetrics
{
    public const string MeterName = "LiveBoard.Live";

    // Tag values made once: recording with them boxes nothing.
    private static readonly KeyValuePair<string, object?>[] Routes =
        [new("liveboard.bus.route", "local"), new("liveboard.bus.route", "redis"), new("liveboard.bus.route", "journal")];

    private readonly CountyClock clock;
    private readonly Histogram<double> busLag;
    private int hubConnections;
    private int circuits;

    public LiveMetrics(IMeterFactory meters, CountyClock clock)
    {
        this.clock = clock;
        var meter = meters.Create(MeterName);
        busLag = meter.CreateHistogram<double>("liveboard.bus.lag", "s",
            "Time from an event's acceptance by the writer to its delivery to the live state through the bus; one measurement per delivery, its oldest event.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        // Observed when collected, so they read 0 before the first screen connects, and
        // connecting costs an interlocked increment.
        meter.CreateObservableUpDownCounter("liveboard.hub.connections", () => Volatile.Read(ref hubConnections), "{connection}",
            "Open connections to the live hub (/hubs/live): wall displays and other screens with a display key.");
        meter.CreateObservableUpDownCounter("liveboard.circuits", () => Volatile.Read(ref circuits), "{circuit}",
            "Open Blazor circuits: pages of this app open in a browser (walls, boards, the overview).");
    }

    /// <summary>
    /// The bus hands <paramref name="events"/> (in sequence order) to the live state. The events
    /// carry their acceptance time on the county clock; the lag is read on the same clock, in real
    /// seconds (the demo clock may run faster). Across instances it includes their clocks' difference.
    /// </summary>
    public void Delivered(IReadOnlyList<LiveEvent> events, BusRoute route)
    {
        if (!busLag.Enabled || events.Count == 0)
            return;
        var lag = (clock.UtcNow - events[0].ReceivedAt).TotalSeconds / clock.Speed;
        busLag.Record(Math.Max(lag, 0), Routes[(int)route]);
    }

    public int HubConnections => Volatile.Read(ref hubConnections);

    public int Circuits => Volatile.Read(ref circuits);

    public void HubConnected() => Interlocked.Increment(ref hubConnections);

    public void HubDisconnected() => Interlocked.Decrement(ref hubConnections);

    public void CircuitOpened() => Interlocked.Increment(ref circuits);

    public void CircuitClosed() => Interlocked.Decrement(ref circuits);
}
