namespace LiveBoard.Client.Halls;

public sealed record SearchHit(string Kind, string Title, string Detail, string HallCode);

/// <summary>Finds staff (by name, pinyin or its initials) and windows (by number or business) across the county.</summary>
public interface ICountySearch
{
    Task<IReadOnlyList<SearchHit>> FindAsync(string query, CancellationToken cancellationToken = default);
}
