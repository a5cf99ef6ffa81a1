using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LiveBoard.Testing;

/// <summary>
/// An app's log lines as it wrote them (register with <c>services: s => s.AddSingleton&lt;ILoggerProvider&gt;(lines)</c>),
/// to read what it printed or count what it logged.
/// </summary>
public sealed class LogLines : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> All => [.. lines];

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        lines.Enqueue(formatter(state, exception));

    /// <summary>The lines that contain <paramref name="text"/>.</summary>
    public int Count(string text) => lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>The rest of the first line that starts with <paramref name="prefix"/>, once one does.</summary>
    public async Task<string> WaitForAsync(string prefix)
    {
        for (var i = 0; i < 300; i++)
        {
            if (lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
                return line[prefix.Length..];
            await Task.Delay(100);
        }
        throw new TimeoutException($"No log line starting with \"{prefix}\". The log:\n{string.Join('\n', lines)}");
    }

    public void Dispose()
    {
    }
}
