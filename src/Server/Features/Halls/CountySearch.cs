using LiveBoard.Client.Halls;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Staff;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Halls;

/// <summary>
/// Staff by Chinese name (any part) or pinyin as people type it (<see cref="StaffSearchKey"/>:
/// "wangtao", "wang tao", "wangt", "wt"); windows by "hall number" (e.g. "T05 3"), business or
/// department. Matching is substring search (instr/strpos), not LIKE, so "%" and "_" are plain
/// characters. It scans the staff table's narrow key column: a few thousand rows take about a
/// millisecond, and no index helps a match that may start at any token.
/// </summary>
public sealed class CountySearch(IDbContextFactory<LiveBoardDb> databases) : ICountySearch
{
    private const int MaxHits = 20;

    public async Task<IReadOnlyList<SearchHit>> FindAsync(string query, CancellationToken cancellationToken = default)
    {
        query = query.Trim();
        if (query.Length == 0)
            return [];
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var text = query.ToLowerInvariant();
        // Tokens are separated by spaces: " " + key contains " " + pinyin exactly when a token starts with it.
        var pinyin = StaffSearchKey.Query(query) is { Length: > 0 } typed ? " " + typed : null;
        var staff = await db.Staff.AsNoTracking()
            .Where(s => s.Active && s.Hall!.Active)
            .Where(s => s.Name.Contains(query) || (pinyin != null && (" " + s.SearchKey).Contains(pinyin)))
            .OrderBy(s => s.SearchKey).ThenBy(s => s.Id).Take(MaxHits)
            .Select(s => new SearchHit("Staff", s.Name, $"{s.Pinyin} · {s.Position} · {s.Hall!.Name}" + (s.Window != null ? $" · {s.Window.Number}" : ""), s.Hall.Code))
            .ToListAsync(cancellationToken);

        var parts = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var number = parts.Length == 2 && int.TryParse(parts[1], out var n) ? n : (int?)null;
        var hallCode = parts.Length == 2 ? parts[0].ToUpperInvariant() : null;
#pragma warning disable CA1862 // the StringComparison overload has no SQL translation; lower() does, on both providers
        var windows = await db.Windows.AsNoTracking()
            .Where(w => w.Active && w.Hall!.Active)
            .Where(w => (number != null && w.Hall!.Code == hallCode && w.Number == number)
                || w.Business!.Name.Contains(query) || w.Business.NameEn.ToLower().Contains(text)
                || (w.DepartmentId != null ? w.Department!.Name.Contains(query) : w.Business.Department!.Name.Contains(query)))
#pragma warning restore CA1862
            .OrderBy(w => w.HallId).ThenBy(w => w.Number).Take(MaxHits)
            .Select(w => new SearchHit("Window", $"{w.Hall!.Name} · {w.Number}", $"{w.Business!.Name} · {(w.DepartmentId != null ? w.Department!.Name : w.Business.Department!.Name)}", w.Hall.Code))
            .ToListAsync(cancellationToken);
        return [.. staff, .. windows];
    }
}
