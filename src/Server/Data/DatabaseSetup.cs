using LiveBoard.Server.Data.Migrations.HandWritten;
using LiveBoard.Server.Features.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveBoard.Server.Data;

public enum DatabaseProvider
{
    /// <summary>One file beside the app: the default, for one instance.</summary>
    Sqlite,

    /// <summary>The shared store when several instances serve the same county (docs/decisions/0008-scale-out.md).</summary>
    PostgreSQL,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite file; relative paths are under the content root. The folder is created.</summary>
    public string Path { get; set; } = "data/liveboard.db";

    /// <summary>PostgreSQL only: an Npgsql connection string.</summary>
    public string? ConnectionString { get; set; }
}

public static class DatabaseSetup
{
    public static IServiceCollection AddLiveBoardDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = Options(configuration);
        var connectionString = options.Provider == DatabaseProvider.PostgreSQL
            ? options.ConnectionString is { Length: > 0 } pg ? pg : throw new InvalidOperationException("LiveBoard:Database:ConnectionString is required for PostgreSQL.")
            : SqliteConnectionString(options, environment.ContentRootPath);
        services.AddSingleton(options);
        services.AddDbContextFactory<LiveBoardDb, LiveBoardDbFactory>(db => Configure(db, options.Provider, connectionString));
        return services;
    }

    public static DatabaseOptions Options(IConfiguration configuration) =>
        configuration.GetSection("LiveBoard:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();

    /// <summary>The folder of the SQLite file: where data protection keys lived before they moved into the database.</summary>
    public static string DataFolder(IConfiguration configuration, IHostEnvironment environment) =>
        System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Options(configuration).Path, environment.ContentRootPath))!;

    public static string SqliteConnectionString(DatabaseOptions options, string contentRoot)
    {
        var path = System.IO.Path.GetFullPath(options.Path, contentRoot);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString)
    {
        // No warning is ignored: a model changed without its migration stops Migrate (EF Core's
        // PendingModelChangesWarning is an error), and SchemaTests fails first.
        if (provider == DatabaseProvider.PostgreSQL)
            db.UseNpgsql(connectionString);
        else
            db.UseSqlite(connectionString);
        // A failed command or query is not logged by EF Core as well: whoever meets the exception
        // logs it — a request's 500 by the exception handler, an outage once by the loop that
        // meets it (Common/Outage), and a request during an outage not at all (a 503).
        db.ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug), (RelationalEventId.ConnectionError, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
    }

    /// <summary>Options for a context opened by hand (tools, tests); the app gets its contexts from the factory.</summary>
    public static DbContextOptions<LiveBoardDb> Build(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<LiveBoardDb>();
        Configure(builder, provider, connectionString);
        return builder.Options;
    }

    /// <summary>Upgrades the schema to the latest migration and fills what it added (and switches a SQLite file to WAL).</summary>
    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<LiveBoardDb>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (pages, reports) run while the ingest writer commits; it is a property of
            // the file, so setting it once at start is enough.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        // A database made before the migrations were EF's: bring it to the last hand-written one and
        // record the generated baseline, whose schema is the same, as applied.
        await HandWrittenMigrations.AdoptAsync(db, cancellationToken);
        // PostgreSQL: several instances may start at once; Npgsql's migrator takes a database lock
        // (EF Core 9+ migration locking), so only one of them applies the upgrade.
        await db.Database.MigrateAsync(cancellationToken);
        // Data a migration cannot compute in SQL; idempotent, so concurrent starts agree.
        await StaffSearchKey.FillMissingAsync(db, cancellationToken);
    }
}
