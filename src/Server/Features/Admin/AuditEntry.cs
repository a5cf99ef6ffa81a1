namespace LiveBoard.Server.Features.Admin;

/// <summary>
/// One administrative change: who made it, when, to what, and the thing before and after (JSON).
/// Rows are only ever added; the director and admins read them at /admin/audit.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The user name of the person who made the change ("system" for the start-up seed).</summary>
    public required string Actor { get; set; }

    /// <summary>What kind of thing changed: <see cref="AuditAreas"/>.</summary>
    public required string Area { get; set; }

    /// <summary>Which one, by its natural key: a hall's code, a user's name, a device key's id, a year.</summary>
    public required string Subject { get; set; }

    /// <summary>What happened: <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

/// <summary>The areas of <see cref="AuditEntry.Area"/>; the audit page filters by them.</summary>
public static class AuditAreas
{
    public const string Hall = "hall";
    public const string Department = "department";
    public const string Business = "business";
    public const string Window = "window";
    public const string Staff = "staff";
    public const string User = "user";
    public const string Device = "device";
    public const string Calendar = "calendar";
    public const string DirectorRoster = "director-roster";
    public const string Thresholds = "thresholds";
    public const string ReviewCode = "review-code";
}

/// <summary>The actions of <see cref="AuditEntry.Action"/>.</summary>
public static class AuditActions
{
    public const string Created = "created";
    public const string Changed = "changed";
    public const string Deactivated = "deactivated";
    public const string Reactivated = "reactivated";
    public const string Deleted = "deleted";
    public const string Imported = "imported";
    public const string Revoked = "revoked";
    public const string Rotated = "rotated";
    public const string PasswordReset = "password-reset";
    public const string Unlocked = "unlocked";
    public const string Regenerated = "regenerated";
}
