using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveBoard.Server.Data.Migrations.HandWritten;

/// <summary>
/// Until 2026-12-02 EF Core's design tooling did not restore here and the migrations in this folder
/// were written by hand, for both providers at once, on <see cref="LiveBoardDb"/> itself. Since then
/// each provider has generated migrations starting from a baseline whose schema equals the last
/// hand-written one (SchemaTests and PostgresTests compare them). A database made before is adopted:
/// brought to the last hand-written migration if it is behind, then the baseline is recorded as
/// applied, so nothing is recreated and nothing is lost. The hand-written migrations stay only for that.
/// </summary>
public static class HandWrittenMigrations
{
    public const string First = "20261122000001_Initial";
    public const string Last = "20261122000008_StaffStatsByWindow";

    /// <summary>A context on the hand-written set: to bring an old database to <see cref="Last"/> (tests build old databases with it).</summary>
    public static LiveBoardDb Open(DbContextOptions<LiveBoardDb> options) =>
        new(new DbContextOptionsBuilder<LiveBoardDb>(options)
            // The hand-written set has no model snapshot to compare with, by design.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);

    public static async Task AdoptAsync(LiveBoardDb db, CancellationToken cancellationToken = default)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        if (!applied.Contains(First))
            return; // a new database, or one made by the generated migrations
        var baseline = db.GetService<IMigrationsAssembly>().Migrations.Keys.Min(StringComparer.Ordinal)!;
        if (applied.Contains(baseline))
            return; // adopted on an earlier start
        if (!applied.Contains(Last))
        {
            await using var old = Open(db.GetService<IDbContextOptions>() as DbContextOptions<LiveBoardDb>
                ?? throw new InvalidOperationException("The context was not built from DbContextOptions<LiveBoardDb>."));
            await old.Database.MigrateAsync(Last, cancellationToken);
        }
        var history = db.GetService<IHistoryRepository>();
        try
        {
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), cancellationToken);
        }
        catch (DbException)
        {
            // Another instance adopted the same database at the same moment (PostgreSQL): the row is there.
            if (!(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Contains(baseline))
                throw;
        }
    }
}
