using LiveBoard.Client.Wall;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.DirectorDuty;

public sealed class DirectorRoster(IDbContextFactory<LiveBoardDb> databases) : IDirectorRoster
{
    public async Task<IReadOnlyList<DirectorOnDuty>> OnDutyAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.DirectorDuty.AsNoTracking().Where(s => s.Date == day).OrderBy(s => s.Id)
            .Select(s => new DirectorOnDuty(s.Hall!.Name, s.Hall.NameEn, s.Department!.Name, s.Department.NameEn, s.DirectorName, s.Position))
            .ToListAsync(cancellationToken);
    }
}

public static class DirectorDutyModule
{
    public static IServiceCollection AddDirectorDuty(this IServiceCollection services) =>
        services.AddSingleton<IDirectorRoster, DirectorRoster>();
}
