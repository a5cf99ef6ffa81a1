using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;

namespace LiveBoard.IntegrationTests.ScaleOut;

/// <summary>Issue 17, part 2, on PostgreSQL, where one refused statement aborts the whole transaction: see <see cref="WriteIsolationTests"/>.</summary>
[Collection(ScaleOutCollection.Name)]
public sealed class PostgresWriteIsolationTests(ScaleOutFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task On_PostgreSQL_an_event_the_database_refuses_fails_alone_and_its_group_commits()
    {
        var database = await fixture.Postgres.CreateDatabaseAsync();
        var log = new LogLines();
        using var app = new LiveBoardApp(extra: ScaleOutSettings.For(database, redis: null), services: s => s.AddSingleton<ILoggerProvider>(log));
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var rule = new NpgsqlCommand(
                $"""ALTER TABLE "WhereaboutsRecords" ADD CONSTRAINT "{WriteIsolationLoad.RuleName}" CHECK ("Note" IS NULL OR "Note" NOT LIKE 'refused%')""", connection);
            await rule.ExecuteNonQueryAsync();
        }

        await WriteIsolationLoad.RunAsync(app, log, output);
    }
}
