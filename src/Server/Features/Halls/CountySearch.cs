using LiveBoard.Client.Halls;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Halls;

/// <summary>Staff by name or pinyin; windows by "hall number" (e.g. "T05 3"), business or department.</summary>
public sealed class CountySearch(IDbContextFactory<LiveBoardDb> databases) : ICountySearch
{
    private const int MaxHits = 20;

    public async Task<IReadOnlyList<SearchHit>> FindAsync(string query, CancellationToken cancellationToken = default)
    {
        query = query.Trim();
        if (query.Length == 0)
            return [];
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var pattern = $"%{query.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%";
        var staff = await db.Staff.AsNoTracking()
            .Where(s => EF.Functions.Like(s.Name, pattern) || EF.Functions.Like(s.Pinyin, pattern))
            .OrderBy(s => s.Name).Take(MaxHits)
            .Select(s => new SearchHit("Staff", s.Name, $"{s.Pinyin} · {s.Position} · {s.Hall!.Name}" + (s.Window != null ? $" · {s.Window.Number}" : ""), s.Hall.Code))
            .ToListAsync(cancellationToken);

        var parts = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var number = parts.Length == 2 && int.TryParse(parts[1], out var n) ? n : (int?)null;
        var hallCode = parts.Length == 2 ? parts[0].ToUpperInvariant() : null;
        var windows = await db.Windows.AsNoTracking()
            .Where(w => (number != null && w.Hall!.Code == hallCode && w.Number == number)
                || EF.Functions.Like(w.Business!.Name, pattern) || EF.Functions.Like(w.Business.NameEn, pattern)
                || EF.Functions.Like(w.Business.Department!.Name, pattern))
            .OrderBy(w => w.HallId).ThenBy(w => w.Number).Take(MaxHits)
            .Select(w => new SearchHit("Window", $"{w.Hall!.Name} · {w.Number}", $"{w.Business!.Name} · {w.Business.Department!.Name}", w.Hall.Code))
            .ToListAsync(cancellationToken);
        return [.. staff, .. windows];
    }
}
