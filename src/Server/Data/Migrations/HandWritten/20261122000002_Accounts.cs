using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace LiveBoard.Server.Data.Migrations.HandWritten;

/// <summary>Local user accounts (sign-in, roles, lockout).</summary>
[DbContext(typeof(LiveBoardDb))]
[Migration("20261122000002_Accounts")]
public sealed class Accounts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Users",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserName = table.Column<string>(maxLength: 64, nullable: false),
                DisplayName = table.Column<string>(maxLength: 100, nullable: false),
                PasswordHash = table.Column<string>(maxLength: 200, nullable: false),
                Role = table.Column<int>(nullable: false),
                HallId = table.Column<int>(nullable: true),
                StaffId = table.Column<int>(nullable: true),
                FailedSignIns = table.Column<int>(nullable: false),
                LockedUntil = table.Column<long>(nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                DisabledAt = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Users", x => x.Id));
        migrationBuilder.CreateIndex("IX_Users_UserName", "Users", "UserName", unique: true);
    }
}
