using System.Net.Sockets;
using LiveBoard.Server.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace LiveBoard.UnitTests;

public sealed class OutageTests
{
    private sealed class CountingLogger : ILogger
    {
        public List<LogLevel> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add(logLevel);
    }

    [Fact]
    public void An_outage_is_logged_once_on_the_way_down_and_once_on_the_way_back_however_many_attempts_fail()
    {
        var logger = new CountingLogger();
        var outage = new Outage(logger, "The test loop", ceiling: TimeSpan.FromSeconds(2));
        var delays = Enumerable.Range(0, 8).Select(_ => outage.Failed(new TimeoutException())).ToList();
        Assert.True(outage.IsOngoing);
        Assert.Equal(8, outage.Failures);
        outage.Ended();
        outage.Ended();

        Assert.Equal([LogLevel.Warning, LogLevel.Information], logger.Entries);
        // 0.25, 0.5, 1, 2, 2, ... seconds (plus under 50 ms of jitter): doubling, never past the ceiling.
        Assert.Equal([250, 500, 1000, 2000, 2000, 2000, 2000, 2000], delays.Select(d => (int)d.TotalMilliseconds / 50 * 50));
        Assert.False(outage.IsOngoing);
        Assert.Equal(250, (int)outage.Failed(new TimeoutException()).TotalMilliseconds / 50 * 50);
        Assert.Equal(3, logger.Entries.Count);
    }

    [Fact]
    public void The_database_away_is_an_outage_and_a_bug_is_not()
    {
        Assert.True(Outage.IsOutage(new InvalidOperationException("wrapped", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(Outage.IsOutage(new SqliteException("database or disk is full", 13)));
        Assert.False(Outage.IsOutage(new SqliteException("constraint failed", 19)));
        Assert.False(Outage.IsOutage(new InvalidOperationException("a bug")));
        Assert.False(Outage.IsOutage(new ArgumentException("a bad argument")));
    }
}
