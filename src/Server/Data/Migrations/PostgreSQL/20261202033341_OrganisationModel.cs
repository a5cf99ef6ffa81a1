using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LiveBoard.Server.Data.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class OrganisationModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Active",
                table: "Windows",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "DepartmentId",
                table: "Windows",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Active",
                table: "Staff",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "DepartmentId",
                table: "Staff",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Number",
                table: "Staff",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "Active",
                table: "Halls",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "Active",
                table: "Departments",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "Active",
                table: "Businesses",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "HallHours",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HallId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    OpensAt = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    LunchStartsAt = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    LunchEndsAt = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    ClosesAt = table.Column<TimeOnly>(type: "time without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HallHours", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HallHours_Halls_HallId",
                        column: x => x.HallId,
                        principalTable: "Halls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Existing halls keep their hours, Monday to Friday (the old hours had no weekday).
            migrationBuilder.Sql("""
                INSERT INTO "HallHours" ("HallId", "Day", "OpensAt", "LunchStartsAt", "LunchEndsAt", "ClosesAt")
                SELECT h."Id", d."Day", h."OpensAt", h."LunchStartsAt", h."LunchEndsAt", h."ClosesAt"
                FROM "Halls" h CROSS JOIN (SELECT 1 AS "Day" UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) d;
                """);

            // Existing staff get a staff number from their id (S00001, …), unique before the index is made;
            // the county's own numbers replace them through an import (decision 0015).
            migrationBuilder.Sql("""
                UPDATE "Staff" SET "Number" = 'S' || CASE WHEN "Id" < 100000 THEN lpad("Id"::text, 5, '0') ELSE "Id"::text END;
                """);

            migrationBuilder.DropColumn(
                name: "ClosesAt",
                table: "Halls");

            migrationBuilder.DropColumn(
                name: "LunchEndsAt",
                table: "Halls");

            migrationBuilder.DropColumn(
                name: "LunchStartsAt",
                table: "Halls");

            migrationBuilder.DropColumn(
                name: "OpensAt",
                table: "Halls");

            migrationBuilder.CreateIndex(
                name: "IX_Windows_DepartmentId",
                table: "Windows",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Staff_DepartmentId",
                table: "Staff",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Staff_Number",
                table: "Staff",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HallHours_HallId_Day",
                table: "HallHours",
                columns: new[] { "HallId", "Day" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Staff_Departments_DepartmentId",
                table: "Staff",
                column: "DepartmentId",
                principalTable: "Departments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Windows_Departments_DepartmentId",
                table: "Windows",
                column: "DepartmentId",
                principalTable: "Departments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Staff_Departments_DepartmentId",
                table: "Staff");

            migrationBuilder.DropForeignKey(
                name: "FK_Windows_Departments_DepartmentId",
                table: "Windows");

            migrationBuilder.DropTable(
                name: "HallHours");

            migrationBuilder.DropIndex(
                name: "IX_Windows_DepartmentId",
                table: "Windows");

            migrationBuilder.DropIndex(
                name: "IX_Staff_DepartmentId",
                table: "Staff");

            migrationBuilder.DropIndex(
                name: "IX_Staff_Number",
                table: "Staff");

            migrationBuilder.DropColumn(
                name: "Active",
                table: "Windows");

            migrationBuilder.DropColumn(
                name: "DepartmentId",
                table: "Windows");

            migrationBuilder.DropColumn(
                name: "Active",
                table: "Staff");

            migrationBuilder.DropColumn(
                name: "DepartmentId",
                table: "Staff");

            migrationBuilder.DropColumn(
                name: "Number",
                table: "Staff");

            migrationBuilder.DropColumn(
                name: "Active",
                table: "Halls");

            migrationBuilder.DropColumn(
                name: "Active",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "Active",
                table: "Businesses");

            migrationBuilder.AddColumn<TimeOnly>(
                name: "ClosesAt",
                table: "Halls",
                type: "time without time zone",
                nullable: false,
                defaultValue: new TimeOnly(0, 0, 0));

            migrationBuilder.AddColumn<TimeOnly>(
                name: "LunchEndsAt",
                table: "Halls",
                type: "time without time zone",
                nullable: false,
                defaultValue: new TimeOnly(0, 0, 0));

            migrationBuilder.AddColumn<TimeOnly>(
                name: "LunchStartsAt",
                table: "Halls",
                type: "time without time zone",
                nullable: false,
                defaultValue: new TimeOnly(0, 0, 0));

            migrationBuilder.AddColumn<TimeOnly>(
                name: "OpensAt",
                table: "Halls",
                type: "time without time zone",
                nullable: false,
                defaultValue: new TimeOnly(0, 0, 0));
        }
    }
}
