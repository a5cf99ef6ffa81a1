using LiveBoard.Client.Admin;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Devices;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Admin;

public sealed class AdminSetup(IDbContextFactory<LiveBoardDb> databases, CountyClock clock) : IAdminSetup
{
    public async Task<SetupStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var today = clock.Today;
        var years = await db.Calendar.AsNoTracking().Select(d => d.Date.Year).Distinct().OrderBy(y => y).ToListAsync(cancellationToken);
        return new SetupStatus(
            // What serves: deactivated things are history, not the set-up.
            await db.Halls.CountAsync(h => h.Active, cancellationToken),
            await db.Windows.CountAsync(w => w.Active && w.Hall!.Active, cancellationToken),
            await db.Staff.CountAsync(s => s.Active && s.Hall!.Active, cancellationToken),
            await db.Users.CountAsync(cancellationToken),
            await db.DeviceKeys.CountAsync(k => k.Role == DeviceRole.Display && k.RevokedAt == null, cancellationToken),
            years,
            today.Year,
            NextYearDue: today.Month == 12);
    }
}
