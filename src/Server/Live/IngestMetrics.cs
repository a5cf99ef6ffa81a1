using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LiveBoard.Server.Live;

/// <summary>
/// The event writer's figures (meter <c>LiveBoard.Ingest</c>): what it committed, in how big a
/// group, and how long the commit took. Recorded once per group, never per event, so the hot path
/// pays a few nanoseconds per transaction. The meter comes from the host's <see cref="IMeterFactory"/>
/// so that two hosts in one process (the tests, the benchmark) never count each other's events.
/// Exported by <c>Features/Telemetry</c>; with nothing listening every call is a no-op.
/// </summary>
public sealed class IngestMetrics
{
    public const string MeterName = "LiveBoard.Ingest";

    /// <summary>The writer's transaction as a trace span (links to the ingest requests it answered).</summary>
    public static readonly ActivitySource Traces = new(MeterName);

    private readonly Counter<long> events;
    private readonly Histogram<int> groupSize;
    private readonly Histogram<double> commitDuration;

    public IngestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        events = meter.CreateCounter<long>("liveboard.ingest.events", "{event}",
            "Events committed to the journal (a duplicate or a refused event is not counted).");
        groupSize = meter.CreateHistogram("liveboard.ingest.group.size", "{event}",
            "Events written by one commit of the writer's group (many requests share one transaction).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000] });
        commitDuration = meter.CreateHistogram("liveboard.ingest.commit.duration", "s",
            "Time from the start of a group's transaction to its commit (validation, writes, fsync).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    /// <summary>A group was committed: <paramref name="count"/> events, <paramref name="elapsed"/> from begin to commit.</summary>
    public void Committed(int count, TimeSpan elapsed)
    {
        events.Add(count);
        groupSize.Record(count);
        commitDuration.Record(elapsed.TotalSeconds);
    }
}
