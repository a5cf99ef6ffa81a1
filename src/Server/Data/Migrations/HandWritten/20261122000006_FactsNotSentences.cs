using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveBoard.Server.Data.Migrations.HandWritten;

/// <summary>
/// Facts instead of sentences (docs/decisions/0010-text-in-the-readers-language.md). Alerts keep the
/// facts they were raised on, for the screens to word, instead of a Chinese summary; a bad review's
/// level and tags are copied from its review. Older alerts of the other kinds keep their window and
/// staff member but not their figures, which only the dropped text held (the trail's "Raised" step
/// still has it, as it was written). A whereabouts change names the person who made it (user name)
/// or the device that reported it (id) instead of "device: {name}".
/// </summary>
[DbContext(typeof(LiveBoardDb))]
[Migration("20261122000006_FactsNotSentences")]
public sealed class FactsNotSentences : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>("Level", "Alerts", nullable: true);
        migrationBuilder.AddColumn<int>("Tags", "Alerts", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>("Count", "Alerts", nullable: true);
        migrationBuilder.AddColumn<int>("OutOf", "Alerts", nullable: true);
        migrationBuilder.AddColumn<int>("Minutes", "Alerts", nullable: true);
        // Plain SQL that SQLite and PostgreSQL read alike.
        migrationBuilder.Sql("""
            UPDATE "Alerts" SET
                "Level" = (SELECT "Level" FROM "Reviews" WHERE "Reviews"."Id" = "Alerts"."ReviewId"),
                "Tags" = COALESCE((SELECT "Tags" FROM "Reviews" WHERE "Reviews"."Id" = "Alerts"."ReviewId"), 0)
            WHERE "ReviewId" IS NOT NULL
            """);
        DropColumn(migrationBuilder, "Alerts", "Summary");

        migrationBuilder.AddColumn<int>("ChangedByDevice", "WhereaboutsRecords", nullable: true);
        migrationBuilder.AddColumn<int>("DecidedByDevice", "WhereaboutsRecords", nullable: true);
        // ChangedBy becomes nullable. SQLite cannot alter a column, so: a new one, the values, the old one out.
        migrationBuilder.AddColumn<string>("ChangedByPerson", "WhereaboutsRecords", maxLength: 100, nullable: true);
        migrationBuilder.Sql("""UPDATE "WhereaboutsRecords" SET "ChangedByPerson" = "ChangedBy" """);
        DropColumn(migrationBuilder, "WhereaboutsRecords", "ChangedBy");
        migrationBuilder.RenameColumn("ChangedByPerson", "WhereaboutsRecords", "ChangedBy");
        // A record's id is the sequence of the event that made it, and the journal knows its device.
        migrationBuilder.Sql("""
            UPDATE "WhereaboutsRecords" SET
                "ChangedByDevice" = (SELECT "DeviceId" FROM "Journal" WHERE "Journal"."Sequence" = "WhereaboutsRecords"."Id"),
                "ChangedBy" = NULL
            WHERE "ChangedBy" LIKE 'device: %'
            """);
        // A decision's event is not linked from the record: its device is found by the name the text held.
        migrationBuilder.Sql("""
            UPDATE "WhereaboutsRecords" SET
                "DecidedByDevice" = (SELECT MAX("Id") FROM "DeviceKeys" WHERE 'device: ' || "DeviceKeys"."Name" = "WhereaboutsRecords"."DecidedBy"),
                "DecidedBy" = NULL
            WHERE "DecidedBy" LIKE 'device: %'
            """);
    }

    /// <summary>
    /// EF Core's SQLite provider drops a column only by rebuilding the table from the migration's
    /// model, which hand-written migrations do not have; SQLite (3.35+) and PostgreSQL both drop an
    /// unindexed column with the same statement.
    /// </summary>
    private static void DropColumn(MigrationBuilder migrationBuilder, string table, string column) =>
        migrationBuilder.Sql($"""ALTER TABLE "{table}" DROP COLUMN "{column}" """);
}
