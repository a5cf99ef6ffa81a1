using System.Security.Claims;
using System.Text.Json;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;

namespace LiveBoard.Server.Features.Admin;

/// <summary>
/// Writes the audit rows. The row is added to the same <see cref="LiveBoardDb"/> as the change it
/// describes, so one SaveChanges commits both or neither: there is no change without its row and no
/// row for a change that failed.
/// </summary>
public sealed class AuditTrail(CountyClock clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>The actor of changes LiveBoard makes itself (the demo county's seed).</summary>
    public const string System = "system";

    /// <summary>The name the audit shows for a change made by a signed-in user.</summary>
    public static string ActorOf(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    /// <summary>Adds one row to <paramref name="db"/>; the caller's SaveChanges commits it with the change.</summary>
    /// <param name="db">The context that carries the change itself.</param>
    /// <param name="actor">Who made it (<see cref="ActorOf"/>).</param>
    /// <param name="area">One of <see cref="AuditAreas"/>.</param>
    /// <param name="subject">The thing's natural key.</param>
    /// <param name="action">One of <see cref="AuditActions"/>.</param>
    /// <param name="before">The thing before the change (null when created); serialised as JSON.</param>
    /// <param name="after">The thing after the change (null when deleted); serialised as JSON.</param>
    public void Record(LiveBoardDb db, string actor, string area, string subject, string action, object? before, object? after) =>
        db.Audit.Add(new AuditEntry
        {
            At = clock.Now,
            Actor = actor,
            Area = area,
            Subject = subject,
            Action = action,
            Before = before is null ? null : JsonSerializer.Serialize(before, before.GetType(), Json),
            After = after is null ? null : JsonSerializer.Serialize(after, after.GetType(), Json),
        });
}
