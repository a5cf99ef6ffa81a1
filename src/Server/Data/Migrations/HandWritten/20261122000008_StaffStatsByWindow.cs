using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveBoard.Server.Data.Migrations.HandWritten;

/// <summary>
/// The staff rollup is kept by staff member and window (staff id 0: no staff member on record), so
/// a hall's staff rows hold only its windows' reviews and add up to its total. Rollups are derived
/// data: all of them are dropped, and the roller rolls every closed day again within a minute
/// (until then the statistics read the records). Published rankings are not touched.
/// </summary>
[DbContext(typeof(LiveBoardDb))]
[Migration("20261122000008_StaffStatsByWindow")]
public sealed class StaffStatsByWindow : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("DailyStaffStats");
        migrationBuilder.CreateTable(
            name: "DailyStaffStats",
            columns: table => new
            {
                Day = table.Column<DateOnly>(nullable: false),
                StaffId = table.Column<int>(nullable: false),
                WindowId = table.Column<int>(nullable: false),
                Level1 = table.Column<int>(nullable: false),
                Level2 = table.Column<int>(nullable: false),
                Level3 = table.Column<int>(nullable: false),
                Level4 = table.Column<int>(nullable: false),
                Level5 = table.Column<int>(nullable: false),
                Excluded = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DailyStaffStats", x => new { x.Day, x.StaffId, x.WindowId }));
        // A day counts as rolled only with all its rollup rows: forget every day, so none is read half rolled.
        migrationBuilder.Sql("DELETE FROM \"DailyWindowStats\"");
        migrationBuilder.Sql("DELETE FROM \"RolledDays\"");
    }
}
