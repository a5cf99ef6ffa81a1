using LiveBoard.Client.Wall;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.DirectorDuty;

/// <summary>
/// Who is on director duty on a day, for the wall. Every wall asks about once a minute (so an
/// admin's edit shows without a reload); the answer is kept for 30 seconds so a room of walls costs
/// one query, and dropped at once when the roster changes on this instance.
/// </summary>
public sealed class DirectorRoster(IDbContextFactory<LiveBoardDb> databases, TimeProvider time) : IDirectorRoster
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(30);
    private volatile Kept? kept;

    private sealed record Kept(DateOnly Day, IReadOnlyList<DirectorOnDuty> Directors, DateTimeOffset Until);

    public async Task<IReadOnlyList<DirectorOnDuty>> OnDutyAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        if (kept is { } k && k.Day == day && k.Until > time.GetUtcNow())
            return k.Directors;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var directors = await db.DirectorDuty.AsNoTracking().Where(s => s.Date == day).OrderBy(s => s.Id)
            .Select(s => new DirectorOnDuty(s.Hall!.Name, s.Hall.NameEn, s.Department!.Name, s.Department.NameEn, s.DirectorName, s.Position))
            .ToListAsync(cancellationToken);
        kept = new Kept(day, directors, time.GetUtcNow() + KeepFor);
        return directors;
    }

    /// <summary>The roster changed: the next question reads the table.</summary>
    public void Changed() => kept = null;
}

public static class DirectorDutyModule
{
    public static IServiceCollection AddDirectorDuty(this IServiceCollection services) => services
        .AddSingleton<DirectorRoster>()
        .AddSingleton<IDirectorRoster>(sp => sp.GetRequiredService<DirectorRoster>())
        .AddSingleton<RosterAdmin>()
        .AddSingleton<Client.Admin.IRosterAdmin>(sp => sp.GetRequiredService<RosterAdmin>());
}
