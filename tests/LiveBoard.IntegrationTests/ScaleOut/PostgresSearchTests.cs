using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Halls;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests.ScaleOut;

/// <summary>The county search on PostgreSQL: the upgrade fills the search key, and matching is case-blind and wildcard-free there too.</summary>
[Collection(ScaleOutCollection.Name)]
public sealed class PostgresSearchTests(ScaleOutFixture fixture)
{
    [Fact]
    public async Task Upgrading_fills_the_search_key_and_the_search_finds_staff_as_people_type_them()
    {
        var connectionString = await fixture.Postgres.CreateDatabaseAsync();
        await using var services = new ServiceCollection()
            .AddSingleton(new DatabaseOptions { Provider = DatabaseProvider.PostgreSQL })
            .AddDbContextFactory<LiveBoardDb, LiveBoardDbFactory>(db => DatabaseSetup.Configure(db, DatabaseProvider.PostgreSQL, connectionString))
            .BuildServiceProvider();
        var databases = services.GetRequiredService<IDbContextFactory<LiveBoardDb>>();
        await using (var db = Server.Data.Migrations.HandWritten.HandWrittenMigrations.Open(DatabaseSetup.Build(DatabaseProvider.PostgreSQL, connectionString)))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261122000005_Reports");
            // Written by the previous version: no SearchKey column yet.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Departments" ("Code", "Name", "NameEn") VALUES ('HRSS', '人社局', 'Human Resources and Social Security');
                INSERT INTO "Businesses" ("Code", "Name", "NameEn", "DepartmentId", "TypicalServiceMinutes") VALUES ('A', '社保业务', 'Social security', 1, 8);
                INSERT INTO "Halls" ("Code", "Name", "NameEn", "Kind", "Capacity", "OpensAt", "LunchStartsAt", "LunchEndsAt", "ClosesAt")
                VALUES ('T01', '城关镇便民服务中心', 'Chengguan', 2, 50, '08:30', '12:00', '13:30', '17:30');
                INSERT INTO "Windows" ("HallId", "Number", "BusinessId", "ReviewCode") VALUES (1, 1, 1, 'T01W1');
                INSERT INTO "Staff" ("Name", "Pinyin", "Position", "WorkPhone", "HallId", "WindowId") VALUES
                    ('王涛', 'Wang Tao', '窗口受理员', '0739-6000000', 1, 1),
                    ('王婷', 'Wang Ting', '窗口受理员', '0739-6000001', 1, 1),
                    ('王建国', 'Wang Jianguo', '窗口受理员', '0739-6000002', 1, NULL);
                """);
        }

        await services.MigrateAsync();

        var search = new CountySearch(databases);
        async Task<string> StaffFound(string query) => string.Join(' ', (await search.FindAsync(query)).Where(h => h.Kind == "Staff").Select(h => h.Title));
        Assert.Equal("王涛", await StaffFound("wangtao"));
        Assert.Equal("王涛", await StaffFound("Wang Tao"));
        Assert.Equal("王涛 王婷", await StaffFound("WangT"));
        Assert.Equal("王涛 王婷", await StaffFound("wt"));
        Assert.Equal("王建国", await StaffFound("wjg"));
        Assert.Equal("王涛", await StaffFound("王涛"));
        Assert.Empty(await search.FindAsync("%"));
        Assert.Empty(await search.FindAsync("_"));
        Assert.Equal(["城关镇便民服务中心 · 1"], (await search.FindAsync("SOCIAL")).Select(h => h.Title));
    }
}
