using System.Text.RegularExpressions;
using LiveBoard.Server.Features.Ingest;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LiveBoard.Server.Live;

/// <summary>The database (or the driver on its way there) refused writing one event: a value or a rule, not an outage.</summary>
public sealed class DatabaseRefusalException(IngestEvent input, Exception inner) : Exception("The database refused an event.", inner)
{
    public IngestEvent Input => input;
}

/// <summary>
/// Which API field a database refusal is about, when its error says so. The validator is meant to
/// refuse everything the database would (TextLimits, TextRules); this is the net under it, so that a
/// request the database refuses is told which field, and its neighbours in the group still commit.
/// PostgreSQL names the column or the constraint; SQLite words it as "UNIQUE constraint failed:
/// Table.Column" or "CHECK constraint failed: name". Constraint names follow EF Core's convention
/// (IX_Table_Column…, CK_Table_Column), whose last part is the column.
/// </summary>
public static partial class DatabaseRefusal
{
    /// <summary>Columns the events are written to, by the field of the ingest API they come from.</summary>
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["ClientEventId"] = "eventId",
        ["HallId"] = "hall",
        ["OccurredAt"] = "occurredAt",
        ["Number"] = "ticket",
        ["TicketId"] = "ticket",
        ["BusinessId"] = "business",
        ["WindowId"] = "window",
        ["StaffId"] = "staff",
        ["Whereabouts"] = "whereabouts",
        ["ExpectedBackAt"] = "expectedBack",
        ["Note"] = "note",
        ["Level"] = "level",
        ["Tags"] = "tags",
        ["Comment"] = "comment",
        ["ContactPhone"] = "phone",
        ["Channel"] = "channel",
    };

    /// <summary>The API field, or null when the error names no column LiveBoard maps.</summary>
    public static string? FieldOf(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            var column = e switch
            {
                PostgresException pg => pg.ColumnName ?? LastPart(pg.ConstraintName),
                SqliteException sqlite => FromSqlite(sqlite.Message),
                _ => null,
            };
            if (column is not null)
                return Fields.GetValueOrDefault(column);
        }
        return null;
    }

    private static string? FromSqlite(string message)
    {
        var failed = ConstraintFailed().Match(message);
        if (!failed.Success)
            return null;
        var what = failed.Groups[1].Value.Trim().TrimEnd('\'', '.');
        // "Tickets.HallId, Tickets.ServiceDate, Tickets.Number": the last column is the one a device chose.
        if (what.Split(',')[^1].Trim() is var last && last.Contains('.', StringComparison.Ordinal))
            return last[(last.LastIndexOf('.') + 1)..];
        return LastPart(what);
    }

    private static string? LastPart(string? constraint) =>
        constraint is { Length: > 0 } && constraint.Contains('_', StringComparison.Ordinal) ? constraint[(constraint.LastIndexOf('_') + 1)..] : null;

    [GeneratedRegex("constraint failed: (.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ConstraintFailed();
}
