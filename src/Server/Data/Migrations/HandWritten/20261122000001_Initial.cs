using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace LiveBoard.Server.Data.Migrations.HandWritten;

/// <summary>
/// The first schema, written by hand when EF Core's design-time package did not restore here
/// (docs/decisions/0003-schema-versioning.md). Kept only to bring old databases to the last
/// hand-written migration before they are adopted (<see cref="HandWrittenMigrations"/>).
/// </summary>
[DbContext(typeof(LiveBoardDb))]
[Migration("20261122000001_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Departments",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Code = table.Column<string>(maxLength: 16, nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                NameEn = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Departments", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Halls",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Code = table.Column<string>(maxLength: 16, nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                NameEn = table.Column<string>(maxLength: 100, nullable: false),
                Kind = table.Column<int>(nullable: false),
                Capacity = table.Column<int>(nullable: false),
                OpensAt = table.Column<TimeOnly>(nullable: false),
                LunchStartsAt = table.Column<TimeOnly>(nullable: false),
                LunchEndsAt = table.Column<TimeOnly>(nullable: false),
                ClosesAt = table.Column<TimeOnly>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Halls", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Businesses",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Code = table.Column<string>(maxLength: 16, nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                NameEn = table.Column<string>(maxLength: 100, nullable: false),
                DepartmentId = table.Column<int>(nullable: false),
                TypicalServiceMinutes = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Businesses", x => x.Id);
                table.ForeignKey("FK_Businesses_Departments_DepartmentId", x => x.DepartmentId, "Departments", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Windows",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                HallId = table.Column<int>(nullable: false),
                Number = table.Column<int>(nullable: false),
                BusinessId = table.Column<int>(nullable: false),
                ReviewCode = table.Column<string>(maxLength: 16, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Windows", x => x.Id);
                table.ForeignKey("FK_Windows_Businesses_BusinessId", x => x.BusinessId, "Businesses", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Windows_Halls_HallId", x => x.HallId, "Halls", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Staff",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = table.Column<string>(maxLength: 50, nullable: false),
                Pinyin = table.Column<string>(maxLength: 100, nullable: false),
                Position = table.Column<string>(maxLength: 100, nullable: false),
                WorkPhone = table.Column<string>(maxLength: 30, nullable: false),
                HallId = table.Column<int>(nullable: false),
                WindowId = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Staff", x => x.Id);
                table.ForeignKey("FK_Staff_Halls_HallId", x => x.HallId, "Halls", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Staff_Windows_WindowId", x => x.WindowId, "Windows", "Id");
            });

        migrationBuilder.CreateTable(
            name: "WhereaboutsRecords",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false),
                StaffId = table.Column<int>(nullable: false),
                Whereabouts = table.Column<int>(nullable: false),
                Note = table.Column<string>(maxLength: 200, nullable: true),
                ChangedAt = table.Column<long>(nullable: false),
                ExpectedBackAt = table.Column<long>(nullable: true),
                ChangedBy = table.Column<string>(maxLength: 100, nullable: false),
                Approval = table.Column<int>(nullable: false),
                DecidedBy = table.Column<string>(maxLength: 100, nullable: true),
                DecidedAt = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WhereaboutsRecords", x => x.Id);
                table.ForeignKey("FK_WhereaboutsRecords_Staff_StaffId", x => x.StaffId, "Staff", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Tickets",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false),
                HallId = table.Column<int>(nullable: false),
                BusinessId = table.Column<int>(nullable: false),
                ServiceDate = table.Column<DateOnly>(nullable: false),
                Number = table.Column<string>(maxLength: 16, nullable: false),
                Status = table.Column<int>(nullable: false),
                IssuedAt = table.Column<long>(nullable: false),
                CalledAt = table.Column<long>(nullable: true),
                WindowId = table.Column<int>(nullable: true),
                FinishedAt = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Tickets", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Reviews",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false),
                HallId = table.Column<int>(nullable: false),
                WindowId = table.Column<int>(nullable: false),
                StaffId = table.Column<int>(nullable: true),
                TicketId = table.Column<long>(nullable: true),
                Level = table.Column<int>(nullable: false),
                Tags = table.Column<int>(nullable: false),
                Comment = table.Column<string>(maxLength: 500, nullable: true),
                Channel = table.Column<int>(nullable: false),
                ContactPhone = table.Column<string>(maxLength: 400, nullable: true),
                SubmittedAt = table.Column<long>(nullable: false),
                ExcludedByAppeal = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Reviews", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Alerts",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                HallId = table.Column<int>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                RaisedAt = table.Column<long>(nullable: false),
                DueAt = table.Column<long>(nullable: true),
                ClosedAt = table.Column<long>(nullable: true),
                ReviewId = table.Column<long>(nullable: true),
                WindowId = table.Column<int>(nullable: true),
                StaffId = table.Column<int>(nullable: true),
                Summary = table.Column<string>(maxLength: 500, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Alerts", x => x.Id));

        migrationBuilder.CreateTable(
            name: "DirectorDuty",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Date = table.Column<DateOnly>(nullable: false),
                HallId = table.Column<int>(nullable: false),
                DepartmentId = table.Column<int>(nullable: false),
                DirectorName = table.Column<string>(maxLength: 50, nullable: false),
                Position = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DirectorDuty", x => x.Id);
                table.ForeignKey("FK_DirectorDuty_Departments_DepartmentId", x => x.DepartmentId, "Departments", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_DirectorDuty_Halls_HallId", x => x.HallId, "Halls", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "DeviceKeys",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Role = table.Column<int>(nullable: false),
                HallId = table.Column<int>(nullable: true),
                Prefix = table.Column<string>(maxLength: 32, nullable: false),
                SecretHash = table.Column<byte[]>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                RevokedAt = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_DeviceKeys", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Journal",
            columns: table => new
            {
                Sequence = table.Column<long>(nullable: false),
                DeviceId = table.Column<int>(nullable: false),
                ClientEventId = table.Column<string>(maxLength: 100, nullable: false),
                Type = table.Column<string>(maxLength: 40, nullable: false),
                HallId = table.Column<int>(nullable: false),
                OccurredAt = table.Column<long>(nullable: false),
                ReceivedAt = table.Column<long>(nullable: false),
                Payload = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Journal", x => x.Sequence));

        migrationBuilder.CreateIndex("IX_Alerts_HallId_Status", "Alerts", ["HallId", "Status"]);
        migrationBuilder.CreateIndex("IX_Businesses_Code", "Businesses", "Code", unique: true);
        migrationBuilder.CreateIndex("IX_Businesses_DepartmentId", "Businesses", "DepartmentId");
        migrationBuilder.CreateIndex("IX_Departments_Code", "Departments", "Code", unique: true);
        migrationBuilder.CreateIndex("IX_DeviceKeys_Prefix", "DeviceKeys", "Prefix", unique: true);
        migrationBuilder.CreateIndex("IX_DirectorDuty_Date", "DirectorDuty", "Date");
        migrationBuilder.CreateIndex("IX_DirectorDuty_DepartmentId", "DirectorDuty", "DepartmentId");
        migrationBuilder.CreateIndex("IX_DirectorDuty_HallId", "DirectorDuty", "HallId");
        migrationBuilder.CreateIndex("IX_Halls_Code", "Halls", "Code", unique: true);
        migrationBuilder.CreateIndex("IX_Journal_DeviceId_ClientEventId", "Journal", ["DeviceId", "ClientEventId"], unique: true);
        migrationBuilder.CreateIndex("IX_Journal_ReceivedAt", "Journal", "ReceivedAt");
        migrationBuilder.CreateIndex("IX_Reviews_HallId_SubmittedAt", "Reviews", ["HallId", "SubmittedAt"]);
        migrationBuilder.CreateIndex("IX_Reviews_TicketId", "Reviews", "TicketId");
        migrationBuilder.CreateIndex("IX_Reviews_WindowId_SubmittedAt", "Reviews", ["WindowId", "SubmittedAt"]);
        migrationBuilder.CreateIndex("IX_Staff_HallId", "Staff", "HallId");
        migrationBuilder.CreateIndex("IX_Staff_WindowId", "Staff", "WindowId");
        migrationBuilder.CreateIndex("IX_Tickets_HallId_ServiceDate_Number", "Tickets", ["HallId", "ServiceDate", "Number"], unique: true);
        migrationBuilder.CreateIndex("IX_WhereaboutsRecords_StaffId_ChangedAt", "WhereaboutsRecords", ["StaffId", "ChangedAt"]);
        migrationBuilder.CreateIndex("IX_Windows_BusinessId", "Windows", "BusinessId");
        migrationBuilder.CreateIndex("IX_Windows_HallId_Number", "Windows", ["HallId", "Number"], unique: true);
        migrationBuilder.CreateIndex("IX_Windows_ReviewCode", "Windows", "ReviewCode", unique: true);
    }
}
