using System.Security.Claims;
using System.Security.Cryptography;
using LiveBoard.Client.Admin;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Reviews;

/// <summary>
/// A review code that was replaced (a leaked or damaged QR card): its old address opens a page that
/// says so instead of a rating form, and it is never handed out again. The window's current code
/// stays on the window (ServiceWindow.ReviewCode); this table only remembers the old ones. Decision 0017.
/// </summary>
public sealed class RetiredReviewCode
{
    public required string Code { get; set; }
    public int WindowId { get; set; }
    public DateTimeOffset RetiredAt { get; set; }
    public required string RetiredBy { get; set; }
}

/// <summary>The admin's review codes (/admin/review-codes): regenerate one window's code, in one save with the retired code and the audit row.</summary>
public sealed class ReviewCodes(IDbContextFactory<LiveBoardDb> databases, AuditTrail audit, CountyClock clock) : IReviewCodeAdmin
{
    public async Task<IReadOnlyList<ReviewCodeRow>> WindowsAsync(string hallCode, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var windows = await db.Windows.AsNoTracking().Where(w => w.Hall!.Code == hallCode).OrderBy(w => w.Number)
            .Select(w => new { w.Id, w.Number, Business = w.Business!.Name, BusinessEn = w.Business.NameEn, w.ReviewCode })
            .ToListAsync(cancellationToken);
        var ids = windows.Select(w => w.Id).ToList();
        var retired = (await db.RetiredReviewCodes.AsNoTracking().Where(r => ids.Contains(r.WindowId)).Select(r => new { r.WindowId, r.RetiredAt }).ToListAsync(cancellationToken))
            .GroupBy(r => r.WindowId).ToDictionary(g => g.Key, g => (Count: g.Count(), Last: g.Max(r => r.RetiredAt)));
        return [.. windows.Select(w => new ReviewCodeRow(w.Id, w.Number, w.Business, w.BusinessEn, w.ReviewCode,
            retired.TryGetValue(w.Id, out var r) ? r.Count : 0, retired.TryGetValue(w.Id, out var last) ? last.Last : null))];
    }

    public async Task<ReviewCodeOutcome> RegenerateAsync(ClaimsPrincipal by, int windowId, CancellationToken cancellationToken = default)
    {
        if (!AdminAccess.MayAdminister(by))
            return new ReviewCodeOutcome(ReviewCodeRefusal.MayNotAdminister);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var window = await db.Windows.Include(w => w.Hall).FirstOrDefaultAsync(w => w.Id == windowId, cancellationToken);
        if (window is null)
            return new ReviewCodeOutcome(ReviewCodeRefusal.NoSuchWindow);
        var fresh = await NewCodeAsync(db, cancellationToken);
        var actor = AuditTrail.ActorOf(by);
        var old = window.ReviewCode;
        db.RetiredReviewCodes.Add(new RetiredReviewCode { Code = old, WindowId = window.Id, RetiredAt = clock.UtcNow, RetiredBy = actor });
        // Only this column of the window changes (the organisation's own editing owns the rest).
        window.ReviewCode = fresh;
        audit.Record(db, actor, AuditAreas.ReviewCode, $"{window.Hall!.Code} {window.Number}", AuditActions.Regenerated, new { code = old }, new { code = fresh });
        await db.SaveChangesAsync(cancellationToken);
        return new ReviewCodeOutcome(NewCode: fresh);
    }

    /// <summary>10 characters of lower-case letters and digits without look-alikes: as hard to guess as the demo's, and never one used before.</summary>
    private static async Task<string> NewCodeAsync(LiveBoardDb db, CancellationToken cancellationToken)
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        while (true)
        {
            var code = RandomNumberGenerator.GetString(alphabet, 10);
            if (!await db.Windows.AnyAsync(w => w.ReviewCode == code, cancellationToken) && !await db.RetiredReviewCodes.AnyAsync(r => r.Code == code, cancellationToken))
                return code;
        }
    }

    /// <summary>Whether a code the review page does not know was one of a window's, replaced since.</summary>
    public static Task<bool> WasReplacedAsync(LiveBoardDb db, string code, CancellationToken cancellationToken = default) =>
        db.RetiredReviewCodes.AnyAsync(r => r.Code == code, cancellationToken);
}
