using System.Diagnostics;

namespace LiveBoard.Bench;

/// <summary>Latency samples (Stopwatch ticks, one clock for the whole process) and their percentiles.</summary>
public sealed class Latencies(int capacity)
{
    private readonly long[] samples = new long[capacity];
    private int count;

    public int Count => Math.Min(count, samples.Length);

    public void Add(long ticks)
    {
        var i = Interlocked.Increment(ref count) - 1;
        if (i < samples.Length)
            samples[i] = ticks;
    }

    public double Percentile(double p)
    {
        var n = Count;
        if (n == 0)
            return double.NaN;
        var sorted = samples[..n];
        Array.Sort(sorted);
        var index = (int)Math.Clamp(Math.Ceiling(p / 100 * n) - 1, 0, n - 1);
        return sorted[index] * 1000.0 / Stopwatch.Frequency;
    }

    /// <summary>All samples of several runs in one set (runs of one kind taken in turns with another).</summary>
    public static Latencies Pool(IReadOnlyList<Latencies> runs)
    {
        var pooled = new Latencies(Math.Max(1, runs.Sum(r => r.Count)));
        foreach (var run in runs)
        {
            for (var i = 0; i < run.Count; i++)
                pooled.Add(run.samples[i]);
        }
        return pooled;
    }

    public string Summary() => $"p50 {Percentile(50),7:0.00} ms   p99 {Percentile(99),7:0.00} ms   p99.9 {Percentile(99.9),7:0.00} ms";
}
