using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LiveBoard.IntegrationTests.ScaleOut;

/// <summary>PostgreSQL as the store: the same schema through the same migrations, and the app working on it.</summary>
[Collection(ScaleOutCollection.Name)]
public sealed class PostgresTests(ScaleOutFixture fixture)
{
    [Fact]
    public async Task The_migrations_build_on_PostgreSQL_exactly_the_schema_the_model_describes()
    {
        var migrated = await fixture.Postgres.CreateDatabaseAsync();
        var created = await fixture.Postgres.CreateDatabaseAsync();
        await using (var db = Context(migrated))
            await db.Database.MigrateAsync();
        await using (var db = Context(created))
            await db.Database.EnsureCreatedAsync();

        var expected = await SchemaAsync(created);
        Assert.Contains("Journal.Sequence bigint NOT NULL", expected);
        Assert.Contains("Halls.Id integer NOT NULL identity", expected);
        Assert.Equal(expected, await SchemaAsync(migrated));
    }

    [Fact]
    public async Task A_database_made_by_the_hand_written_migrations_is_adopted_with_its_rows_and_ends_with_the_schema_of_a_new_one()
    {
        var old = await fixture.Postgres.CreateDatabaseAsync();
        var fresh = await fixture.Postgres.CreateDatabaseAsync();
        await using (var db = Server.Data.Migrations.HandWritten.HandWrittenMigrations.Open(DatabaseSetup.Build(DatabaseProvider.PostgreSQL, old)))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "Departments" ("Code", "Name", "NameEn") VALUES ('HRSS', '人社局', 'Human Resources and Social Security')""");
        }
        await using (var db = Context(fresh))
            await db.Database.MigrateAsync();

        // The app's start-up step, twice (two instances starting, or a restart): the second changes nothing.
        await using (var services = new ServiceCollection().AddSingleton(new DatabaseOptions { Provider = DatabaseProvider.PostgreSQL })
            .AddDbContextFactory<LiveBoardDb, LiveBoardDbFactory>(db => DatabaseSetup.Configure(db, DatabaseProvider.PostgreSQL, old)).BuildServiceProvider())
        {
            await services.MigrateAsync();
            await services.MigrateAsync();
        }

        await using var adopted = Context(old);
        Assert.Empty(await adopted.Database.GetPendingMigrationsAsync());
        Assert.Equal("人社局", (await adopted.Departments.SingleAsync()).Name);
        Assert.Equal(await SchemaAsync(fresh), await SchemaAsync(old));
    }

    private static PostgresLiveBoardDb Context(string connectionString)
    {
        return new PostgresLiveBoardDb(DatabaseSetup.Build(DatabaseProvider.PostgreSQL, connectionString));
    }

    /// <summary>Every column (type, length, nullability, identity) and every index, as sorted lines.</summary>
    private static async Task<List<string>> SchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        await using (var columns = new NpgsqlCommand("""
            SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, is_identity
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            """, connection))
        await using (var reader = await columns.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                lines.Add($"{reader.GetString(0)}.{reader.GetString(1)} {reader.GetString(2)}{(reader.IsDBNull(3) ? "" : $"({reader.GetInt32(3)})")}"
                    + $"{(reader.GetString(4) == "NO" ? " NOT NULL" : "")}{(reader.GetString(5) == "YES" ? " identity" : "")}");
        }
        await using (var indexes = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'", connection))
        await using (var reader = await indexes.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                lines.Add(reader.GetString(0));
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    [Fact]
    public async Task The_app_runs_on_PostgreSQL_and_a_restart_shows_the_same_figures()
    {
        var database = await fixture.Postgres.CreateDatabaseAsync();
        var settings = ScaleOutSettings.For(database, redis: null);
        var time = ShiftedTime.At(new TimeOnly(10, 0));
        var now = time.GetUtcNow();
        var review = new ReviewSubmittedEvent { EventId = "review-1", OccurredAt = now, Hall = "CTY", Window = 3, Level = 1, Tags = [Client.Model.ReviewTags.LowEfficiency], Phone = "13800000000", Comment = "太慢了" };
        string key;
        (int Waiting, int InService, int Reviews, long Sequence) before;
        using (var first = new LiveBoardApp(extra: settings, time: time))
        {
            key = await first.DeviceKeyAsync(Server.Features.Devices.DeviceRole.Sender);
            using var device = new HttpClient { BaseAddress = first.BaseAddress };
            device.DefaultRequestHeaders.Authorization = new("Bearer", key);
            (await LiveBoardApp.PostBatchAsync(device,
                new TicketIssuedEvent { EventId = "i1", OccurredAt = now, Hall = "CTY", Ticket = "A001", Business = "A" },
                new TicketIssuedEvent { EventId = "i2", OccurredAt = now, Hall = "CTY", Ticket = "A002", Business = "A" },
                new TicketCalledEvent { EventId = "c1", OccurredAt = now, Hall = "CTY", Ticket = "A001", Window = 3 },
                review)).EnsureSuccessStatusCode();
            // The same ticket number twice is refused by the writer (and by the unique index under it).
            var again = await LiveBoardApp.PostAsync(device, new TicketIssuedEvent { EventId = "i3", OccurredAt = now, Hall = "CTY", Ticket = "A002", Business = "A" });
            Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, again.StatusCode);
            var county = first.State.County();
            before = (county.Waiting, county.InService, county.ReviewsToday, county.Sequence);
            Assert.Equal((1, 1, 1), (before.Waiting, before.InService, before.Reviews));
        }
        using var second = new LiveBoardApp(extra: settings, time: time);
        // The statistics' own SQL (waits, rollups, snapshots) on PostgreSQL: today's figures, then a rolled and published past.
        var reports = second.Services.GetRequiredService<Client.Reports.IReports>();
        var today = await reports.StatsAsync(Client.Reports.ReportPeriod.Containing(Client.Reports.PeriodKind.Day, reports.Today), Client.Reports.StatsUnit.Hall);
        Assert.Equal((1, 0, 1), (today.Rows.Single(r => r.Code == "CTY").Reviews, today.Rows.Single(r => r.Code == "CTY").Good, today.Rows.Single(r => r.Code == "CTY").Bad));
        Assert.Equal(1, today.Rows.Single(r => r.Code == "CTY").Called);
        var roller = second.Services.GetRequiredService<Server.Features.Reports.StatsRoller>();
        // The app's own roller may have done it already (it starts with the app); these wait for it.
        await roller.RollAsync(default);
        await roller.PublishAsync(default);
        var lastMonth = Client.Reports.ReportPeriod.Containing(Client.Reports.PeriodKind.Month, reports.Today).Previous;
        var published = await reports.RankingAsync(lastMonth, Client.Reports.RankingScope.Windows);
        Assert.True(published.Frozen);
        Assert.Equal((await reports.StatsAsync(lastMonth, Client.Reports.StatsUnit.Window)).Total.Reviews, published.Units.Sum(u => u.Reviews));
        var after = second.State.County();
        Assert.Equal(before, (after.Waiting, after.InService, after.ReviewsToday, after.Sequence));
        using var retry = new HttpClient { BaseAddress = second.BaseAddress };
        retry.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Contains("\"duplicate\":true", await (await LiveBoardApp.PostAsync(retry, review)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The phone was protected with the key ring in the database; the restarted instance reads it.
        await using var db = Context(database);
        var stored = await db.Reviews.SingleAsync(r => r.Comment == "太慢了");
        Assert.NotEqual("13800000000", stored.ContactPhone);
        Assert.Equal("13800000000", second.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector(Server.Features.Reviews.Review.PhoneProtection).Unprotect(stored.ContactPhone!));
    }
}
