using System.Diagnostics;
using System.Globalization;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Backups;

public sealed class BackupOptions
{
    /// <summary>Off: no backups are made (PostgreSQL is never backed up by LiveBoard: see the README).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the copies go; a relative folder is beside the database file (data/backups).</summary>
    public string Folder { get; set; } = "backups";

    /// <summary>Time between two backups; the next is due this long after the newest one, across restarts.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many backups are kept; older ones are deleted once a new one is complete.</summary>
    public int Keep { get; set; } = 7;
}

/// <summary>
/// Online backups of the SQLite database: <c>VACUUM INTO</c> a new file, from a read transaction of its
/// own, so the writer and the pages go on meanwhile (WAL) and the copy is one consistent moment — every
/// event acknowledged before the backup began is in it. Each copy is written under a temporary name, checked
/// (<c>PRAGMA quick_check</c>), flushed to disk and only then given its final name, so a copy cut short (a
/// full disk, a crash) is never taken for one; then the oldest beyond <see cref="BackupOptions.Keep"/> are
/// deleted. A failure is an outage of this loop alone (logged once, retried with back-off): the event log
/// is never touched. Times are the real clock's, not the county's (the demo's clock may run 60 times faster).
/// </summary>
public sealed partial class DatabaseBackup(
    IDbContextFactory<LiveBoardDb> databases, IOptions<BackupOptions> options, DatabaseOptions database, IHostEnvironment environment,
    TimeProvider time, ILogger<DatabaseBackup> logger) : BackgroundService
{
    public const string Prefix = "liveboard-";
    public const string Extension = ".db";
    private const string Partial = ".partial";

    /// <summary>The folder the copies go to.</summary>
    public string Folder => Path.GetFullPath(options.Value.Folder, Path.GetDirectoryName(Path.GetFullPath(database.Path, environment.ContentRootPath))!);

    /// <summary>The complete backups, newest first.</summary>
    public IReadOnlyList<FileInfo> Backups() =>
        Directory.Exists(Folder)
            ? [.. new DirectoryInfo(Folder).GetFiles(Prefix + "*" + Extension).Where(f => TakenAt(f.Name) is not null).OrderByDescending(f => f.Name, StringComparer.Ordinal)]
            : [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var outage = new Outage(logger, "The database backup");
        var started = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            // Due one interval after the newest backup (after the start when there is none yet), so a
            // restart neither skips one nor makes an extra one.
            var newest = Backups().Select(f => TakenAt(f.Name)).FirstOrDefault() ?? started;
            var wait = newest + options.Value.Every - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                // At most a day at a time (Task.Delay's limit is 49 days), then the schedule is read again.
                await Task.Delay(wait < TimeSpan.FromDays(1) ? wait : TimeSpan.FromDays(1), time, stoppingToken);
                continue;
            }
            try
            {
                await BackUpAsync(stoppingToken);
                outage.Ended();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                await outage.BackOffAsync(ex, stoppingToken);
            }
        }
    }

    /// <summary>Takes a backup now (the schedule calls it; so may an operator's command or a test) and applies the retention.</summary>
    public async Task<FileInfo> BackUpAsync(CancellationToken cancellationToken = default)
    {
        var folder = Folder;
        Directory.CreateDirectory(folder);
        var at = time.GetUtcNow();
        var name = Prefix + at.UtcDateTime.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture) + Extension;
        var partial = Path.Combine(folder, name + Partial);
        var final = Path.Combine(folder, name);
        var watch = Stopwatch.StartNew();
        try
        {
            File.Delete(partial);
            await using (var db = await databases.CreateDbContextAsync(cancellationToken))
            {
                if (!db.Database.IsSqlite())
                    throw new InvalidOperationException("LiveBoard backs up SQLite only; back PostgreSQL up with pg_dump or pg_basebackup (README, Backups).");
                // One statement: a consistent copy of the database as of its start; writers are not blocked.
                await db.Database.ExecuteSqlAsync($"VACUUM INTO {partial}", cancellationToken);
            }
            await CheckAsync(partial, cancellationToken);
            await using (var file = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                file.Flush(flushToDisk: true);
            File.Move(partial, final);
        }
        finally
        {
            // Cut short (a full disk, a failed check): nothing half-written stays behind.
            if (File.Exists(partial))
                File.Delete(partial);
        }
        var removed = 0;
        foreach (var old in Backups().Skip(Math.Max(1, options.Value.Keep)))
        {
            old.Delete();
            removed++;
        }
        var made = new FileInfo(final);
        LogBackedUp(made.FullName, made.Length / 1024.0 / 1024.0, watch.Elapsed.TotalSeconds, removed, options.Value.Keep);
        return made;
    }

    /// <summary>The copy opens and its pages are sound.</summary>
    private static async Task CheckAsync(string path, CancellationToken cancellationToken)
    {
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await copy.OpenAsync(cancellationToken);
        await using var check = copy.CreateCommand();
        check.CommandText = "PRAGMA quick_check";
        var result = (string?)await check.ExecuteScalarAsync(cancellationToken);
        if (result != "ok")
            throw new InvalidDataException($"The backup {path} failed its check: {result}");
    }

    /// <summary>When a backup was taken, from its name (liveboard-20261202-023000-000.db); null for any other file.</summary>
    public static DateTimeOffset? TakenAt(string fileName) =>
        fileName.StartsWith(Prefix, StringComparison.Ordinal) && fileName.EndsWith(Extension, StringComparison.Ordinal)
        && DateTime.TryParseExact(fileName[Prefix.Length..^Extension.Length], "yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Backed up the database to {File} ({Megabytes:0.0} MB in {Seconds:0.0} s); deleted {Removed} older, keeping {Keep}.")]
    private partial void LogBackedUp(string file, double megabytes, double seconds, int removed, int keep);
}
