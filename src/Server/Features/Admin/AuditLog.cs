using LiveBoard.Client.Admin;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Admin;

public sealed class AuditLog(IDbContextFactory<LiveBoardDb> databases, CountyClock clock) : IAuditLog
{
    /// <summary>One page is what a reader scrolls; more is asked for page by page.</summary>
    public const int MaxPage = 200;

    public async Task<IReadOnlyList<string>> AreasAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Audit.AsNoTracking().Select(e => e.Area).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
    }

    public async Task<AuditResults> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var entries = db.Audit.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Area))
            entries = entries.Where(e => e.Area == query.Area);
        if (!string.IsNullOrWhiteSpace(query.Words))
        {
            var words = query.Words.Trim();
            entries = entries.Where(e => e.Actor.Contains(words) || e.Subject.Contains(words));
        }
        // Days are the county's days: from its first instant to the next day's first.
        if (query.From is { } from)
        {
            var start = clock.StartOf(from);
            entries = entries.Where(e => e.At >= start);
        }
        if (query.To is { } to)
        {
            var end = clock.StartOf(to.AddDays(1));
            entries = entries.Where(e => e.At < end);
        }
        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries.OrderByDescending(e => e.Id)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, MaxPage))
            .Select(e => new AuditRow(e.Id, e.At, e.Actor, e.Area, e.Subject, e.Action, e.Before, e.After))
            .ToListAsync(cancellationToken);
        return new AuditResults(rows, total);
    }
}
