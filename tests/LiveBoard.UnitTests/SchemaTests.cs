using LiveBoard.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.UnitTests;

/// <summary>
/// The migrations are written by hand. This proves that migrating an empty database gives exactly
/// the schema EF Core derives from the model: a model change without its migration fails here.
/// </summary>
public sealed class SchemaTests
{
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
        Assert.Contains("20261122000001_Initial", await db.Database.GetAppliedMigrationsAsync());
        await db.Database.MigrateAsync();
        Assert.Equal(21, await db.Halls.CountAsync());
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
