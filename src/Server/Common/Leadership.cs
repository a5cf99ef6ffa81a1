using System.Data.Common;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Common;

/// <summary>
/// Which instance runs the county-wide rules (the alert monitor): exactly one, or alerts would be
/// raised once per instance. With SQLite there is one instance, so it leads. With PostgreSQL the
/// leader is whoever holds a session advisory lock on a connection of its own; when that
/// instance dies its session ends, the lock is free, and another instance takes it within seconds.
/// </summary>
public sealed partial class Leadership(IDbContextFactory<LiveBoardDb> databases, ILogger<Leadership> logger) : BackgroundService
{
    private const long LockKey = 7302;
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(2);
    private volatile bool isLeader;

    /// <summary>Set for an instance that must lead regardless (tests of the rules themselves).</summary>
    public static Leadership Always() => new(null!, null!) { isLeader = true };

    public bool IsLeader => isLeader;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (isLeader)
            return;
        await using (var probe = await databases.CreateDbContextAsync(stoppingToken))
        {
            if (probe.Database.IsSqlite())
            {
                isLeader = true;
                return;
            }
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var db = await databases.CreateDbContextAsync(stoppingToken);
                var connection = db.Database.GetDbConnection();
                await connection.OpenAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    // Leader: prove the session (and so the lock) is still alive. Not yet: try to take it.
                    var holds = isLeader ? await ScalarAsync(connection, "SELECT TRUE", stoppingToken)
                        : await ScalarAsync(connection, $"SELECT pg_try_advisory_lock({LockKey})", stoppingToken);
                    if (holds && !isLeader)
                        LogLeading();
                    isLeader = holds;
                    await Task.Delay(CheckEvery, stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (isLeader)
                    LogLost(ex);
                isLeader = false;
                await Task.Delay(CheckEvery, stoppingToken);
            }
        }
    }

    private static async Task<bool> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This instance now runs the alert rules.")]
    private partial void LogLeading();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the database session that made this instance run the alert rules; another instance takes over.")]
    private partial void LogLost(Exception exception);
}
