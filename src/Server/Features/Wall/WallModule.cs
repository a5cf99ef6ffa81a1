using LiveBoard.Client.Wall;
using LiveBoard.Server.Features.Devices;

namespace LiveBoard.Server.Features.Wall;

public sealed class WallOptions
{
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromSeconds(20);
    public TimeSpan AlertDisplayTime { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A hall open but silent for longer than this shows as stale.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// The wall (/wall) and the hall screens. Who may use them: a display opened with a display key
/// in its URL (?key=…); the page checks the key itself when it opens (a circuit's later requests do
/// not carry the URL's query string), and blanks when the key is revoked (DeviceRevocations).
/// </summary>
public static class WallModule
{
    public static IServiceCollection AddWall(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("LiveBoard:Wall").Get<WallOptions>() ?? new WallOptions();
        services.AddSingleton(new WallSettings(options.RotationInterval, options.AlertDisplayTime, options.StaleAfter));
        services.AddSingleton<IDisplayAccess, DisplayAccess>();
        return services;
    }

    private sealed class DisplayAccess(DeviceKeys keys, DeviceSightings sightings, DeviceRevocations revocations) : IDisplayAccess
    {
        public IDisposable WhenRevoked(DisplayGrant grant, Action revoked) => revocations.Watch(grant.DeviceId, revoked);

        public async Task<DisplayGrant?> CheckAsync(string? key, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(key))
                return null;
            var device = await keys.AuthenticateAsync(key, cancellationToken);
            if (device is not { Role: DeviceRole.Display })
                return null;
            // A screen checks its key at start and every two minutes: that is when it was last seen.
            sightings.Seen(device.Id);
            return new DisplayGrant(device.Id, device.Name, device.HallId);
        }
    }
}
