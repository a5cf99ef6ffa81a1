using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace LiveBoard.Server.Data.Migrations.HandWritten;

/// <summary>Daily rollups for the statistics, the frozen ranking snapshots, and the indexes the rollup reads by.</summary>
[DbContext(typeof(LiveBoardDb))]
[Migration("20261122000005_Reports")]
public sealed class Reports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DailyWindowStats",
            columns: table => new
            {
                Day = table.Column<DateOnly>(nullable: false),
                WindowId = table.Column<int>(nullable: false),
                Level1 = table.Column<int>(nullable: false),
                Level2 = table.Column<int>(nullable: false),
                Level3 = table.Column<int>(nullable: false),
                Level4 = table.Column<int>(nullable: false),
                Level5 = table.Column<int>(nullable: false),
                Excluded = table.Column<int>(nullable: false),
                Called = table.Column<int>(nullable: false),
                WaitMilliseconds = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DailyWindowStats", x => new { x.Day, x.WindowId }));

        migrationBuilder.CreateTable(
            name: "DailyStaffStats",
            columns: table => new
            {
                Day = table.Column<DateOnly>(nullable: false),
                StaffId = table.Column<int>(nullable: false),
                Level1 = table.Column<int>(nullable: false),
                Level2 = table.Column<int>(nullable: false),
                Level3 = table.Column<int>(nullable: false),
                Level4 = table.Column<int>(nullable: false),
                Level5 = table.Column<int>(nullable: false),
                Excluded = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DailyStaffStats", x => new { x.Day, x.StaffId }));

        migrationBuilder.CreateTable(
            name: "RolledDays",
            columns: table => new
            {
                Day = table.Column<DateOnly>(nullable: false),
                RolledAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_RolledDays", x => x.Day));

        migrationBuilder.CreateTable(
            name: "RankingSnapshots",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Period = table.Column<string>(maxLength: 32, nullable: false),
                Scope = table.Column<int>(nullable: false),
                FrozenAt = table.Column<long>(nullable: false),
                Ranking = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_RankingSnapshots", x => x.Id));
        migrationBuilder.CreateIndex("IX_RankingSnapshots_Period_Scope", "RankingSnapshots", ["Period", "Scope"], unique: true);

        // The roller reads one county day at a time.
        migrationBuilder.CreateIndex("IX_Reviews_SubmittedAt", "Reviews", "SubmittedAt");
        migrationBuilder.CreateIndex("IX_Tickets_ServiceDate", "Tickets", "ServiceDate");
        // Statistics read a period's bad-review alerts.
        migrationBuilder.CreateIndex("IX_Alerts_RaisedAt", "Alerts", "RaisedAt");
    }
}
