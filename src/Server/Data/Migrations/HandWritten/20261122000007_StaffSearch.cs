using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveBoard.Server.Data.Migrations.HandWritten;

/// <summary>
/// The staff search key (joined pinyin and initials, <see cref="Features.Staff.StaffSearchKey"/>).
/// The column arrives empty; <see cref="DatabaseSetup.MigrateAsync"/> fills the existing rows right
/// after migrating, because the key needs the pinyin split into syllables, which SQL cannot do on
/// SQLite and PostgreSQL alike.
/// </summary>
[DbContext(typeof(LiveBoardDb))]
[Migration("20261122000007_StaffSearch")]
public sealed class StaffSearch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>("SearchKey", "Staff", maxLength: Features.Staff.StaffSearchKey.MaxLength, nullable: false, defaultValue: "");
}
