using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace LiveBoard.Server.Data.Migrations.HandWritten;

/// <summary>
/// The alert workflow (assignment, return call, appeal, escalation), its audit trail, and the
/// working-day calendar with the 2026 public holidays and make-up working days as published by
/// the State Council (an admin keeps the table current for later years).
/// </summary>
[DbContext(typeof(LiveBoardDb))]
[Migration("20261122000003_AlertWorkflow")]
public sealed class AlertWorkflow : Migration
{
    private static readonly (string Date, bool Working, string Name)[] Days2026 =
    [
        ("2026-01-01", false, "元旦"), ("2026-01-02", false, "元旦"), ("2026-01-03", false, "元旦"), ("2026-01-04", true, "元旦调休"),
        ("2026-02-14", true, "春节调休"), ("2026-02-15", false, "春节"), ("2026-02-16", false, "春节"), ("2026-02-17", false, "春节"),
        ("2026-02-18", false, "春节"), ("2026-02-19", false, "春节"), ("2026-02-20", false, "春节"), ("2026-02-21", false, "春节"),
        ("2026-02-22", false, "春节"), ("2026-02-23", false, "春节"), ("2026-02-28", true, "春节调休"),
        ("2026-04-04", false, "清明节"), ("2026-04-05", false, "清明节"), ("2026-04-06", false, "清明节"),
        ("2026-05-01", false, "劳动节"), ("2026-05-02", false, "劳动节"), ("2026-05-03", false, "劳动节"), ("2026-05-04", false, "劳动节"),
        ("2026-05-05", false, "劳动节"), ("2026-05-09", true, "劳动节调休"),
        ("2026-06-19", false, "端午节"), ("2026-06-20", false, "端午节"), ("2026-06-21", false, "端午节"),
        ("2026-09-20", true, "国庆节调休"), ("2026-09-25", false, "中秋节"), ("2026-09-26", false, "中秋节"), ("2026-09-27", false, "中秋节"),
        ("2026-10-01", false, "国庆节"), ("2026-10-02", false, "国庆节"), ("2026-10-03", false, "国庆节"), ("2026-10-04", false, "国庆节"),
        ("2026-10-05", false, "国庆节"), ("2026-10-06", false, "国庆节"), ("2026-10-07", false, "国庆节"), ("2026-10-10", true, "国庆节调休"),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("ConditionKey", "Alerts", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<string>("AssignedTo", "Alerts", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<string>("Resolution", "Alerts", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<long>("EscalatedAt", "Alerts", nullable: true);
        migrationBuilder.AddColumn<int>("Appeal", "Alerts", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<string>("AppealReason", "Alerts", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<string>("ReturnCallOutcome", "Alerts", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<int>("ReturnCallRating", "Alerts", nullable: true);
        migrationBuilder.CreateIndex("IX_Alerts_ConditionKey", "Alerts", "ConditionKey");

        migrationBuilder.CreateTable(
            name: "AlertActions",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                AlertId = table.Column<long>(nullable: false),
                At = table.Column<long>(nullable: false),
                By = table.Column<string>(maxLength: 64, nullable: false),
                Action = table.Column<string>(maxLength: 40, nullable: false),
                Note = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AlertActions", x => x.Id));
        migrationBuilder.CreateIndex("IX_AlertActions_AlertId", "AlertActions", "AlertId");

        migrationBuilder.CreateTable(
            name: "Calendar",
            columns: table => new
            {
                Date = table.Column<DateOnly>(nullable: false),
                IsWorkingDay = table.Column<bool>(nullable: false),
                Name = table.Column<string>(maxLength: 50, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Calendar", x => x.Date));
        // Without a model snapshot, data operations must name the store types themselves.
        string[] types = migrationBuilder.ActiveProvider?.Contains("Sqlite", StringComparison.Ordinal) == true
            ? ["TEXT", "INTEGER", "TEXT"]
            : ["date", "boolean", "character varying(50)"];
        foreach (var (date, working, name) in Days2026)
            migrationBuilder.InsertData("Calendar", ["Date", "IsWorkingDay", "Name"], types, [DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), working, name]);
    }
}
