using LiveBoard.Client.Admin;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Admin;

/// <summary>The halls, staff and departments the admin's forms choose from, read from the database each time (they change).</summary>
public sealed class AdminChoices(IDbContextFactory<LiveBoardDb> databases) : IAdminChoices
{
    public async Task<IReadOnlyList<HallChoice>> HallsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Halls.AsNoTracking().OrderBy(h => h.Kind).ThenBy(h => h.Code).Select(h => new HallChoice(h.Code, h.Name, h.NameEn)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StaffChoice>> StaffAsync(string hallCode, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Staff.AsNoTracking().Where(s => s.Hall!.Code == hallCode).OrderBy(s => s.Name)
            .Select(s => new StaffChoice(s.Id, s.Name, s.Position, hallCode)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DepartmentChoice>> DepartmentsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => new DepartmentChoice(d.Code, d.Name, d.NameEn)).ToListAsync(cancellationToken);
    }
}
