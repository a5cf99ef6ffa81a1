using System.Data.Common;
using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using StackExchange.Redis;

namespace LiveBoard.Server.Common;

/// <summary>
/// One background loop's view of an outage of what it depends on (the database, Redis): the first
/// failure is logged once, with its exception; then the loop backs off (0.25 s, doubling up to a
/// ceiling) and tries again without logging; the first success after failures is logged once, with
/// how many attempts failed and for how long. Every background service uses this one policy, so an
/// outage leaves one line per loop in the log, not one per retry, and no loop ever gives up.
/// Not thread-safe: one instance per loop.
/// </summary>
public sealed partial class Outage(ILogger logger, string work, TimeSpan? ceiling = null)
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(250);
    private readonly TimeSpan max = ceiling ?? TimeSpan.FromSeconds(4);
    private TimeSpan next = First;
    private long startedAt;

    /// <summary>Failed at least once since the last success.</summary>
    public bool IsOngoing => Failures > 0;

    /// <summary>Attempts failed since the last success.</summary>
    public int Failures { get; private set; }

    /// <summary>Records a failure (logged only if it is the first of this outage) and returns how long to wait before the next attempt.</summary>
    public TimeSpan Failed(Exception exception)
    {
        if (Failures++ == 0)
        {
            startedAt = Stopwatch.GetTimestamp();
            LogStarted(logger, exception, work, max.TotalSeconds);
        }
        var delay = next;
        next = TimeSpan.FromTicks(Math.Min(next.Ticks * 2, max.Ticks));
        // A little jitter, so that several instances coming back do not retry in step.
        return delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 50));
    }

    /// <summary>Waits out the back-off after a failure.</summary>
    public Task BackOffAsync(Exception exception, CancellationToken cancellationToken) => Task.Delay(Failed(exception), cancellationToken);

    /// <summary>Records a success: logs the end of the outage if there was one, and resets the back-off.</summary>
    public void Ended()
    {
        if (Failures == 0)
            return;
        LogEnded(logger, work, Failures, Stopwatch.GetElapsedTime(startedAt).TotalSeconds);
        Failures = 0;
        next = First;
    }

    /// <summary>Runs <paramref name="attempt"/> until it succeeds (a read at start, a catch-up), backing off between failures.</summary>
    public async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var result = await attempt(cancellationToken);
                Ended();
                return result;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                await BackOffAsync(ex, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Whether an exception says that the database or Redis is away (down, restarting, unreachable,
    /// out of disk, locked) rather than that the request or the code is wrong: such a failure is
    /// answered 503 with Retry-After, never 500. Wrapped exceptions (EF Core's) are looked through.
    /// </summary>
    public static bool IsOutage(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Connection lost or refused, "the database system is shutting down" (57P03),
                // "terminating connection due to administrator command" (57P01), out of disk (53100).
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
                    || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("58", StringComparison.Ordinal):
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                    return true;
                // Busy, locked, read-only, I/O error, full, cannot open: the file, not the statement.
                case SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6 or 8 or 10 or 13 or 14:
                    return true;
                case DbException { IsTransient: true }:
                case RedisConnectionException or RedisTimeoutException:
                case TimeoutException or SocketException or IOException:
                    return true;
            }
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Work} failed; retrying with back-off (at most every {CeilingSeconds} s), and saying so once it works again.")]
    private static partial void LogStarted(ILogger logger, Exception exception, string work, double ceilingSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Work} works again, after {Failures} failed attempts over {Seconds:0.0} s.")]
    private static partial void LogEnded(ILogger logger, string work, int failures, double seconds);
}
