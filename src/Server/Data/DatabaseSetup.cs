using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveBoard.Server.Data;

public sealed class DatabaseOptions
{
    /// <summary>SQLite file; relative paths are under the content root. The folder is created.</summary>
    public string Path { get; set; } = "data/liveboard.db";
}

public static class DatabaseSetup
{
    public static IServiceCollection AddLiveBoardDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection("LiveBoard:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = SqliteConnectionString(options, environment.ContentRootPath);
        services.AddSingleton(new SqliteConnectionStringBuilder(connectionString));
        services.AddDbContextFactory<LiveBoardDb>(db => Configure(db, connectionString));
        return services;
    }

    /// <summary>The folder of the database file; data protection keys live beside it.</summary>
    public static string DataFolder(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection("LiveBoard:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        return System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(options.Path, environment.ContentRootPath))!;
    }

    public static string SqliteConnectionString(DatabaseOptions options, string contentRoot)
    {
        var path = System.IO.Path.GetFullPath(options.Path, contentRoot);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public static void Configure(DbContextOptionsBuilder db, string connectionString) =>
        db.UseSqlite(connectionString)
          // The migrations are hand-written (no design-time package here), so there is no model
          // snapshot to compare with; SchemaTests compares the migrated schema with the model instead.
          .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>Upgrades the schema to the latest migration and switches the file to WAL.</summary>
    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<LiveBoardDb>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // WAL lets readers (pages, reports) run while the ingest writer commits; it is a property of
        // the file, so setting it once at start is enough.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
