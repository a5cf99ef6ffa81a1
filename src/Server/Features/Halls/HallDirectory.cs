using LiveBoard.Client.Halls;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Halls;

public sealed class HallDirectory(IDbContextFactory<LiveBoardDb> databases) : IHallDirectory
{
    public async Task<IReadOnlyList<HallView>> GetHallsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // Deactivated halls and windows are history: the screens list only what serves today.
        var halls = await db.Halls.AsNoTracking().Where(h => h.Active)
            .Include(h => h.Hours)
            .Include(h => h.Windows.Where(w => w.Active)).ThenInclude(w => w.Business!).ThenInclude(b => b.Department)
            .Include(h => h.Windows.Where(w => w.Active)).ThenInclude(w => w.Department)
            .OrderBy(h => h.Kind).ThenBy(h => h.Code)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return [.. halls.Select(h => new HallView(
            h.Id, h.Code, h.Name, h.NameEn, h.Kind, h.Capacity, h.Week(),
            [.. h.Windows.OrderBy(w => w.Number).Select(w =>
            {
                var department = w.Department ?? w.Business!.Department!;
                return new WindowView(w.Id, w.Number, w.Business!.Code, w.Business.Name, w.Business.NameEn, department.Name, department.NameEn);
            })]))];
    }
}
