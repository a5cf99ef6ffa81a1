using LiveBoard.Client.Model;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Halls;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.UnitTests;

/// <summary>
/// The migrations are EF Core's, one set per provider, after a hand-written past: a model change
/// without its migration fails here, a new database gets the schema of the model, and a database made
/// by the hand-written migrations is adopted with its rows and ends with the same schema.
/// </summary>
public sealed class SchemaTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSQL)]
    public void The_model_has_no_change_that_a_migration_does_not_carry(DatabaseProvider provider)
    {
        // Compares the model with the provider's snapshot; no database is opened. When this fails,
        // run build/add-migration.sh with a name for the change.
        using var db = LiveBoardDbFactory.Open(DatabaseSetup.Build(provider, provider == DatabaseProvider.Sqlite ? "Data Source=unused.db" : "Host=unused"), provider);
        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes without a migration on {provider}: run build/add-migration.sh <Name>.");
    }

    [Fact]
    public async Task A_database_made_by_the_hand_written_migrations_keeps_its_rows_and_ends_with_the_schema_of_a_new_one()
    {
        using var fresh = await TestDatabase.CreateAsync(seed: false, migrate: true);
        using var old = await TestDatabase.CreateAsync(seed: false, migrate: false);
        await using (var db = old.OpenHandWritten())
        {
            await db.Database.MigrateAsync();
            // A county as the hand-written schema held it (raw SQL: today's model has columns it lacked).
            await db.Database.ExecuteSqlRawAsync(OldCounty);
        }

        // The app's start-up step, twice (a restart): the second changes nothing.
        await using var services = new ServiceCollection().AddSingleton(old.Factory).BuildServiceProvider();
        await services.MigrateAsync();
        await services.MigrateAsync();

        await using var adopted = old.Open();
        Assert.Empty(await adopted.Database.GetPendingMigrationsAsync());
        Assert.Equal(["CTY", "T01"], await adopted.Halls.OrderBy(h => h.Id).Select(h => h.Code).ToListAsync());
        Assert.Equal(3, await adopted.Staff.CountAsync());
        Assert.Equal(await DescribeAsync(fresh), await DescribeAsync(old));
    }

    private const string OldCounty = """
        INSERT INTO "Halls" ("Code", "Name", "NameEn", "Kind", "Capacity", "OpensAt", "LunchStartsAt", "LunchEndsAt", "ClosesAt")
        VALUES ('CTY', '清溪县政务服务中心', 'Qingxi County Administrative Service Centre', 1, 260, '08:30:00', '12:00:00', '13:30:00', '17:30:00'),
               ('T01', '城关镇便民服务中心', 'Chengguan', 2, 50, '09:00:00', '11:30:00', '14:00:00', '17:00:00');
        INSERT INTO "Departments" ("Code", "Name", "NameEn") VALUES ('SS', '人社局', 'Human Resources and Social Security');
        INSERT INTO "Businesses" ("Code", "Name", "NameEn", "DepartmentId", "TypicalServiceMinutes") VALUES ('A', '社保', 'Social security', 1, 8);
        INSERT INTO "Windows" ("HallId", "Number", "BusinessId", "ReviewCode") VALUES (1, 1, 1, 'abc123'), (2, 1, 1, 'def456');
        INSERT INTO "Staff" ("Name", "Pinyin", "Position", "WorkPhone", "HallId", "WindowId") VALUES
            ('王涛', 'Wang Tao', '窗口受理员', '0739-6000000', 1, 1),
            ('王婷', 'Wang Ting', '窗口受理员', '0739-6000001', 2, 2),
            ('李明', 'Li Ming', '中心主任', '0739-6000002', 1, NULL);
        """;

    [Fact]
    public async Task Upgrading_gives_existing_halls_their_hours_on_weekdays_and_existing_staff_a_number_and_keeps_everything_active()
    {
        using var database = await TestDatabase.CreateAsync(seed: false, migrate: false);
        await using (var db = database.OpenHandWritten())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync(OldCounty);
        }

        await using var services = new ServiceCollection().AddSingleton(database.Factory).BuildServiceProvider();
        await services.MigrateAsync();

        await using var upgraded = database.Open();
        var township = await upgraded.Halls.Include(h => h.Hours).SingleAsync(h => h.Code == "T01");
        var week = township.Week();
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], week.Days.Select(d => d.Day));
        Assert.All(week.Days, d => Assert.Equal(new DayHours(d.Day, new TimeOnly(9, 0), new TimeOnly(17, 0), new TimeOnly(11, 30), new TimeOnly(14, 0)), d));
        Assert.Null(week.On(DayOfWeek.Saturday));
        Assert.Equal(["S00001", "S00002", "S00003"], await upgraded.Staff.OrderBy(s => s.Id).Select(s => s.Number).ToListAsync());
        Assert.True(await upgraded.Halls.AllAsync(h => h.Active) && await upgraded.Windows.AllAsync(w => w.Active) && await upgraded.Staff.AllAsync(s => s.Active)
            && await upgraded.Businesses.AllAsync(b => b.Active) && await upgraded.Departments.AllAsync(d => d.Active));
    }

    [Fact]
    public async Task Migrating_an_empty_database_gives_the_schema_of_the_model()
    {
        using var migrated = await TestDatabase.CreateAsync(seed: false, migrate: true);
        using var created = await TestDatabase.CreateAsync(seed: false, migrate: false);
        await using (var db = created.Open())
            await db.Database.EnsureCreatedAsync();

        var expected = await DescribeAsync(created);
        var actual = await DescribeAsync(migrated);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task The_schema_records_its_version_and_a_second_start_changes_nothing()
    {
        using var database = await TestDatabase.CreateAsync(seed: true, migrate: true);
        await using var db = database.Open();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        await db.Database.MigrateAsync();
        Assert.Equal(21, await db.Halls.CountAsync());
    }

    [Fact]
    public async Task Upgrading_gives_staff_written_before_the_search_key_their_key()
    {
        using var database = await TestDatabase.CreateAsync(seed: false, migrate: false);
        await using (var db = database.OpenHandWritten())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261122000005_Reports");
            // Rows as the previous version wrote them: no SearchKey column yet.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Halls" ("Code", "Name", "NameEn", "Kind", "Capacity", "OpensAt", "LunchStartsAt", "LunchEndsAt", "ClosesAt")
                VALUES ('T01', '城关镇便民服务中心', 'Chengguan', 2, 50, '08:30:00', '12:00:00', '13:30:00', '17:30:00');
                INSERT INTO "Staff" ("Name", "Pinyin", "Position", "WorkPhone", "HallId") VALUES ('王涛', 'Wang Tao', '窗口受理员', '0739-6000000', 1);
                INSERT INTO "Staff" ("Name", "Pinyin", "Position", "WorkPhone", "HallId") VALUES ('王建国', 'Wang Jianguo', '窗口受理员', '0739-6000001', 1);
                """);
        }

        // The app's own start-up step: migrate, then fill what the migration added.
        await using var services = new ServiceCollection().AddSingleton(database.Factory).BuildServiceProvider();
        await services.MigrateAsync();

        await using var upgraded = database.Open();
        Assert.Equal(["wangtao tao wt", "wangjianguo jianguo wjg"], await upgraded.Staff.OrderBy(s => s.Id).Select(s => s.SearchKey).ToListAsync());
        Assert.Equal("王涛", Assert.Single(await new CountySearch(database.Factory).FindAsync("wt")).Title);
    }

    [Fact]
    public async Task Alerts_and_whereabouts_records_written_as_sentences_keep_their_facts_and_authors_after_the_upgrade()
    {
        using var database = await TestDatabase.CreateAsync(seed: false, migrate: false);
        await using (var old = database.OpenHandWritten())
        {
            await old.GetService<IMigrator>().MigrateAsync("20261122000005_Reports");
            // The organisation as the previous version wrote it (raw SQL: today's model has columns it lacked).
            await old.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Halls" ("Code", "Name", "NameEn", "Kind", "Capacity", "OpensAt", "LunchStartsAt", "LunchEndsAt", "ClosesAt")
                VALUES ('CTY', '清溪县政务服务中心', 'Qingxi County Administrative Service Centre', 1, 260, '08:30:00', '12:00:00', '13:30:00', '17:30:00');
                INSERT INTO "Departments" ("Code", "Name", "NameEn") VALUES ('SS', '人社局', 'Human Resources and Social Security');
                INSERT INTO "Businesses" ("Code", "Name", "NameEn", "DepartmentId", "TypicalServiceMinutes") VALUES ('A', '社保', 'Social security', 1, 8);
                INSERT INTO "Windows" ("HallId", "Number", "BusinessId", "ReviewCode") VALUES (1, 1, 1, 'abc123');
                INSERT INTO "Staff" ("Name", "Pinyin", "Position", "WorkPhone", "HallId") VALUES ('王涛', 'Wang Tao', '窗口受理员', '0739-6000000', 1);
                """);
            const int staff = 1;
            await old.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Reviews" ("Id", "HallId", "WindowId", "Level", "Tags", "Channel", "SubmittedAt", "ExcludedByAppeal") VALUES (-5, 1, 1, 1, 64, 1, 0, 0);
                INSERT INTO "Alerts" ("HallId", "Kind", "Status", "RaisedAt", "ReviewId", "WindowId", "Summary", "Version") VALUES (1, 1, 1, 0, -5, 1, '清溪县政务服务中心 · 1号窗口 · 非常不满意', 0);
                INSERT INTO "Alerts" ("HallId", "Kind", "Status", "RaisedAt", "Summary", "Version") VALUES (1, 6, 5, 0, '清溪县政务服务中心 · 最长等候 50 分钟', 0);
                INSERT INTO "DeviceKeys" ("Id", "Name", "Role", "Prefix", "SecretHash", "CreatedAt") VALUES (5, 'T01 badge reader', 1, 'a', X'00', 0), (6, 'demo simulator ab12cd34', 1, 'b', X'00', 0);
                INSERT INTO "Journal" ("Sequence", "DeviceId", "ClientEventId", "Type", "HallId", "OccurredAt", "ReceivedAt", "Payload") VALUES (100, 5, 'e1', 'whereabouts.changed', 1, 0, 0, 'payload');
                INSERT INTO "WhereaboutsRecords" ("Id", "StaffId", "Whereabouts", "ChangedAt", "ChangedBy", "Approval", "DecidedBy", "DecidedAt")
                    VALUES (100, {0}, 5, 0, 'device: T01 badge reader', 2, 'device: demo simulator ab12cd34', 0), (101, {0}, 2, 0, 'manager.t01', 0, NULL, NULL);
                """, staff);
        }

        await using (var services = new ServiceCollection().AddSingleton(database.Factory).BuildServiceProvider())
            await services.MigrateAsync();

        await using var db = database.Open();
        var alerts = await db.Alerts.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal((ReviewLevel.VeryDissatisfied, ReviewTags.Impatient, 1), (alerts[0].Level, alerts[0].Tags, alerts[0].WindowId));
        // The other kinds' figures were only in the text: those alerts keep their kind and hall.
        Assert.Equal((AlertKind.LongWait, (ReviewLevel?)null, (int?)null), (alerts[1].Kind, alerts[1].Level, alerts[1].Minutes));
        var records = await db.WhereaboutsRecords.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal((null, 5, null, 6), (records[0].ChangedBy, records[0].ChangedByDevice, records[0].DecidedBy, records[0].DecidedByDevice));
        Assert.Equal(("manager.t01", (int?)null), (records[1].ChangedBy, records[1].ChangedByDevice));
    }

    /// <summary>Tables, columns (type, nullability, key), indexes and foreign keys, as text.</summary>
    private static async Task<string> DescribeAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var lines = new List<string>();
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%' ORDER BY name");
        foreach (var table in tables.Select(t => t[0]))
        {
            foreach (var c in await QueryAsync(connection, $"PRAGMA table_info('{table}')"))
                lines.Add($"{table}.{c[1]} {c[2]} notnull={c[3]} pk={c[5]}");
            foreach (var i in await QueryAsync(connection, $"PRAGMA index_list('{table}')"))
            {
                var columns = await QueryAsync(connection, $"PRAGMA index_info('{i[1]}')");
                lines.Add($"{table} index {i[1]} unique={i[2]} ({string.Join(",", columns.Select(c => c[2]))})");
            }
            foreach (var f in await QueryAsync(connection, $"PRAGMA foreign_key_list('{table}')"))
                lines.Add($"{table} fk {f[3]} -> {f[2]}.{f[4]} on delete {f[6]}");
        }
        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }

    private static async Task<List<string[]>> QueryAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        return rows;
    }
}
