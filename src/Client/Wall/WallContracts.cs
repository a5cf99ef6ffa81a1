namespace LiveBoard.Client.Wall;

/// <summary>How the wall behaves; from configuration (LiveBoard:Wall).</summary>
public sealed record WallSettings(
    TimeSpan RotationInterval,
    TimeSpan AlertDisplayTime,
    TimeSpan StaleAfter);

/// <summary>What a display key grants: the whole county, or one hall.</summary>
public sealed record DisplayGrant(int DeviceId, string Name, int? HallId);

/// <summary>
/// Checks a display URL's key when a screen opens, and tells the open screen when its key is revoked
/// (on any instance, within seconds), so that it blanks instead of going on showing the county.
/// </summary>
public interface IDisplayAccess
{
    Task<DisplayGrant?> CheckAsync(string? key, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="revoked"/> once when the grant's key is revoked (at once if it already is). Dispose with the page.</summary>
    IDisposable WhenRevoked(DisplayGrant grant, Action revoked);
}

public sealed record DirectorOnDuty(string HallName, string HallNameEn, string Department, string DepartmentEn, string DirectorName, string Position);

/// <summary>The director-service-day roster.</summary>
public interface IDirectorRoster
{
    Task<IReadOnlyList<DirectorOnDuty>> OnDutyAsync(DateOnly day, CancellationToken cancellationToken = default);
}
