using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveBoard.Server.Data.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class AdminSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastSeenAt",
                table: "DeviceKeys",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HallThresholds",
                columns: table => new
                {
                    HallId = table.Column<int>(type: "integer", nullable: false),
                    NegativePercent = table.Column<int>(type: "integer", nullable: true),
                    NegativeWindowMinutes = table.Column<int>(type: "integer", nullable: true),
                    NegativeMinimum = table.Column<int>(type: "integer", nullable: true),
                    LongWaitMinutes = table.Column<int>(type: "integer", nullable: true),
                    SilentAfterMinutes = table.Column<int>(type: "integer", nullable: true),
                    OverdueAfterMinutes = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HallThresholds", x => x.HallId);
                    table.ForeignKey(
                        name: "FK_HallThresholds_Halls_HallId",
                        column: x => x.HallId,
                        principalTable: "Halls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RetiredReviewCodes",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    WindowId = table.Column<int>(type: "integer", nullable: false),
                    RetiredAt = table.Column<long>(type: "bigint", nullable: false),
                    RetiredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetiredReviewCodes", x => x.Code);
                    table.ForeignKey(
                        name: "FK_RetiredReviewCodes_Windows_WindowId",
                        column: x => x.WindowId,
                        principalTable: "Windows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RetiredReviewCodes_WindowId",
                table: "RetiredReviewCodes",
                column: "WindowId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HallThresholds");

            migrationBuilder.DropTable(
                name: "RetiredReviewCodes");

            migrationBuilder.DropColumn(
                name: "LastSeenAt",
                table: "DeviceKeys");
        }
    }
}
