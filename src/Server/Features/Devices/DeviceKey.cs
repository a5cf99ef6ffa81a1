namespace LiveBoard.Server.Features.Devices;

public enum DeviceRole
{
    /// <summary>Queue machines, door counters, badge readers: may post events.</summary>
    Sender = 1,
    /// <summary>Wall displays and other screens: may read live data.</summary>
    Display = 2,
}

/// <summary>
/// A revocable key for a device. Only a SHA-256 hash of the secret is stored: keys are long random
/// strings, so a slow password hash would add latency to every request without adding safety.
/// </summary>
public sealed class DeviceKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DeviceRole Role { get; set; }

    /// <summary>Null: the whole county. Otherwise the only hall the device may speak for.</summary>
    public int? HallId { get; set; }

    /// <summary>The public part of the key, used to find the row without scanning hashes.</summary>
    public required string Prefix { get; set; }
    public required byte[] SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>When the key was last presented, as of the last flush of <see cref="DeviceSightings"/> (about a minute behind).</summary>
    public DateTimeOffset? LastSeenAt { get; set; }
}
