using System.Security.Claims;
using LiveBoard.Client.Account;
using LiveBoard.Client.Reviews;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;
using LiveBoard.Server.Common;

namespace LiveBoard.Server.Features.Reviews;

/// <summary>The QR cards for the windows' review links, as SVG (crisp on any printer).</summary>
public sealed class ReviewCards(IDbContextFactory<LiveBoardDb> databases, IConfiguration configuration) : IReviewCards
{
    public async Task<IReadOnlyList<(string Code, string Name, string NameEn)>> HallsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // Cards are printed for what serves today: deactivated halls and windows have none.
        var halls = db.Halls.AsNoTracking().Where(h => h.Active);
        if (HallScope.HallOf(user) is { } own)
            halls = halls.Where(h => h.Id == own);
        return [.. (await halls.OrderBy(h => h.Kind).ThenBy(h => h.Code).Select(h => new { h.Code, h.Name, h.NameEn }).ToListAsync(cancellationToken)).Select(h => (h.Code, h.Name, h.NameEn))];
    }

    public async Task<IReadOnlyList<ReviewCard>> CardsAsync(ClaimsPrincipal user, string hallCode, string baseUrl, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var hall = await db.Halls.AsNoTracking().FirstOrDefaultAsync(h => h.Code == hallCode && h.Active, cancellationToken);
        if (hall is null || !HallScope.Allows(user, hall.Id))
            return [];
        // The printed link must reach the server from a citizen's phone.
        var root = QrSvg.PublicRoot(configuration, baseUrl);
        var windows = await db.Windows.AsNoTracking().Where(w => w.HallId == hall.Id && w.Active).OrderBy(w => w.Number)
            .Select(w => new { w.Number, w.ReviewCode, Business = w.Business!.Name, BusinessEn = w.Business.NameEn }).ToListAsync(cancellationToken);
        return [.. windows.Select(w =>
        {
            var url = $"{root}/r/{w.ReviewCode}";
            return new ReviewCard(hall.Name, hall.NameEn, w.Number, w.Business, w.BusinessEn, url, QrSvg.Of(url));
        })];
    }
}
