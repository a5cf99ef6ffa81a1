using LiveBoard.Client.Halls;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Halls;

public sealed class HallDirectory(IDbContextFactory<LiveBoardDb> databases) : IHallDirectory
{
    public async Task<IReadOnlyList<HallView>> GetHallsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var halls = await db.Halls.AsNoTracking()
            .Include(h => h.Windows).ThenInclude(w => w.Business!).ThenInclude(b => b.Department)
            .OrderBy(h => h.Kind).ThenBy(h => h.Code)
            .ToListAsync(cancellationToken);
        return [.. halls.Select(h => new HallView(
            h.Id, h.Code, h.Name, h.NameEn, h.Kind, h.Capacity, h.OpensAt, h.LunchStartsAt, h.LunchEndsAt, h.ClosesAt,
            [.. h.Windows.OrderBy(w => w.Number).Select(w => new WindowView(
                w.Id, w.Number, w.Business!.Code, w.Business.Name, w.Business.NameEn, w.Business.Department!.Name, w.Business.Department.NameEn))]))];
    }
}
