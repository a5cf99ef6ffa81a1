namespace LiveBoard.Client.Wall;

/// <summary>How the wall behaves; from configuration (LiveBoard:Wall).</summary>
public sealed record WallSettings(
    TimeSpan RotationInterval,
    TimeSpan AlertDisplayTime,
    TimeSpan StaleAfter);

/// <summary>What a display key grants: the whole county, or one hall.</summary>
public sealed record DisplayGrant(int DeviceId, string Name, int? HallId);

/// <summary>Checks a display URL's key. Screens call it at start and again from time to time, so a revoked key blanks the screen.</summary>
public interface IDisplayAccess
{
    Task<DisplayGrant?> CheckAsync(string? key, CancellationToken cancellationToken = default);
}

public sealed record DirectorOnDuty(string HallName, string HallNameEn, string Department, string DepartmentEn, string DirectorName, string Position);

/// <summary>The director-service-day roster.</summary>
public interface IDirectorRoster
{
    Task<IReadOnlyList<DirectorOnDuty>> OnDutyAsync(DateOnly day, CancellationToken cancellationToken = default);
}
