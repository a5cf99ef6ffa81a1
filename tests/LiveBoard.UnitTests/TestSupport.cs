using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Demo;
using LiveBoard.Server.Features.Ingest;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.UnitTests;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>A migrated SQLite file with the demo county, deleted afterwards.</summary>
public sealed class TestDatabase : IDisposable
{
    // The database's own folder: Dispose deletes the folder the database is in, not another one.
    private readonly string folder;

    private TestDatabase(string folder, DbContextOptions<LiveBoardDb> options, IDbContextFactory<LiveBoardDb> factory)
    {
        this.folder = folder;
        Options = options;
        Factory = factory;
    }

    public DbContextOptions<LiveBoardDb> Options { get; }

    public IDbContextFactory<LiveBoardDb> Factory { get; }

    public ReferenceData Reference { get; } = new();

    /// <summary>10:00 on Monday 23 November 2026 in the county (02:00 UTC).</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    public static CountyClock ClockAt(TimeProvider time) => new(time, CountyClock.FindZone("Asia/Shanghai"));

    public static async Task<TestDatabase> CreateAsync(bool seed = true, bool migrate = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "liveboard-unit", Guid.NewGuid().ToString("N"));
        var connectionString = DatabaseSetup.SqliteConnectionString(new DatabaseOptions { Path = Path.Combine(folder, "test.db") }, folder);
        var builder = new DbContextOptionsBuilder<LiveBoardDb>();
        DatabaseSetup.Configure(builder, DatabaseProvider.Sqlite, connectionString);
        var database = new TestDatabase(folder, builder.Options, new ContextFactory(builder.Options));
        await using var db = new SqliteLiveBoardDb(builder.Options);
        if (migrate)
            await db.Database.MigrateAsync();
        if (seed)
        {
            await DemoCounty.SeedIfEmptyAsync(db, ClockAt(new ManualTime(MondayMorning)));
            await database.Reference.LoadAsync(db);
        }
        return database;
    }

    public LiveBoardDb Open() => new SqliteLiveBoardDb(Options);

    /// <summary>The database as LiveBoard built it before its migrations were EF's (to make an old database).</summary>
    public LiveBoardDb OpenHandWritten() => Server.Data.Migrations.HandWritten.HandWrittenMigrations.Open(Options);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class ContextFactory(DbContextOptions<LiveBoardDb> options) : IDbContextFactory<LiveBoardDb>
    {
        public LiveBoardDb CreateDbContext() => new SqliteLiveBoardDb(options);
    }
}
