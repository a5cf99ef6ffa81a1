using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Devices;

/// <summary>A device that presented a valid, unrevoked key.</summary>
public sealed record AuthenticatedDevice(int Id, string Name, DeviceRole Role, int? HallId);

/// <summary>
/// Creates, revokes and checks device keys. A key reads "lbk_{prefix}_{secret}"; the prefix finds
/// the row, the secret's SHA-256 is compared in constant time. Checks are cached for a few seconds
/// so that ingest at thousands of requests a second does not query the table each time; a
/// revocation in this process takes effect at once, one made elsewhere as soon as
/// <see cref="RevocationWatch"/> sees it (seconds), and what is open with the key is ended
/// (<see cref="DeviceRevocations"/>). While the database is away, a key checked before keeps working
/// from the cache.
/// </summary>
public sealed class DeviceKeys(IDbContextFactory<LiveBoardDb> databases, CountyClock clock, TimeProvider time, DeviceRevocations revocations)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WhileAway = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, (AuthenticatedDevice? Device, byte[] Hash, DateTimeOffset Until)> cache = new();

    public Task<(DeviceKey Key, string Secret)> CreateAsync(string name, DeviceRole role, int? hallId, CancellationToken cancellationToken = default) =>
        CreateAsync(name, role, hallId, alsoRecord: null, cancellationToken);

    /// <summary>A new key; <c>alsoRecord</c> adds to the same context what must commit with it (the admin's audit row).</summary>
    public async Task<(DeviceKey Key, string Secret)> CreateAsync(string name, DeviceRole role, int? hallId, Action<LiveBoardDb, DeviceKey>? alsoRecord,
        CancellationToken cancellationToken = default)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(24));
        var key = new DeviceKey
        {
            Name = name, Role = role, HallId = hallId, Prefix = prefix,
            SecretHash = SHA256.HashData(Encoding.UTF8.GetBytes(secret)), CreatedAt = clock.UtcNow,
        };
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.DeviceKeys.Add(key);
        alsoRecord?.Invoke(db, key);
        await db.SaveChangesAsync(cancellationToken);
        return (key, $"lbk_{prefix}_{secret}");
    }

    public Task<bool> RevokeAsync(int id, CancellationToken cancellationToken = default) => RevokeAsync(id, alsoRecord: null, cancellationToken);

    /// <summary>Revokes a key; <c>alsoRecord</c> adds to the same context what must commit with the revocation (the admin's audit row).</summary>
    public async Task<bool> RevokeAsync(int id, Action<LiveBoardDb, DeviceKey>? alsoRecord, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var key = await db.DeviceKeys.FindAsync([id], cancellationToken);
        if (key is null || key.RevokedAt is not null)
            return false;
        key.RevokedAt = clock.UtcNow;
        alsoRecord?.Invoke(db, key);
        await db.SaveChangesAsync(cancellationToken);
        Forget(key.Prefix);
        revocations.Revoked(key.Id);
        return true;
    }

    /// <summary>Drops a key's cached answer: the next request with it asks the database.</summary>
    public void Forget(string prefix) => cache.TryRemove(prefix, out _);

    public async Task<List<DeviceKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.DeviceKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken);
    }

    public async Task<AuthenticatedDevice?> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        var parts = presented.Split('_');
        if (parts is not ["lbk", var prefix, var secret] || prefix.Length > 32)
            return null;
        // Real time, not the county's: the demo clock may run 60 times faster than the cache should expire.
        var now = time.GetUtcNow();
        var cached = cache.TryGetValue(prefix, out var entry);
        if (!cached || entry.Until < now)
        {
            try
            {
                await using var db = await databases.CreateDbContextAsync(cancellationToken);
                var key = await db.DeviceKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix, cancellationToken);
                entry = key is null || key.RevokedAt is not null
                    ? (null, [], now + CacheFor)
                    : (new AuthenticatedDevice(key.Id, key.Name, key.Role, key.HallId), key.SecretHash, now + CacheFor);
            }
            catch (Exception ex) when (cached && Outage.IsOutage(ex))
            {
                // The database is away: the last answer for this key stands (no revocation can be
                // written meanwhile), and it is asked again in a moment, not on every request. A key
                // never seen before cannot be checked: the exception becomes a 503 (OutageProblems).
                entry = entry with { Until = now + WhileAway };
            }
            cache[prefix] = entry;
        }
        if (entry.Device is null)
            return null;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return CryptographicOperations.FixedTimeEquals(hash, entry.Hash) ? entry.Device : null;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '-');
}
