using System.Security.Claims;
using LiveBoard.Client.Admin;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Admin;
using LiveBoard.Server.Features.Reviews;
using LiveBoard.Server.Features.Staff;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace LiveBoard.Server.Features.Devices;

/// <summary>
/// The admin's displays and devices (/admin/displays): keys listed with when each was last seen and
/// how many events it sent today, created (the key shown once, with the screen's address and its QR
/// code for the kiosk), revoked and rotated — all through <see cref="DeviceKeys"/>, the one place keys
/// are made and revoked, with the audit row in the same save.
/// </summary>
public sealed class DeviceAdmin(IDbContextFactory<LiveBoardDb> databases, DeviceKeys keys, DeviceSightings sightings, AuditTrail audit, CountyClock clock) : IDeviceAdmin
{
    /// <summary>The server's own devices: revoking one would silence the review page or the app's forms.</summary>
    public static readonly IReadOnlySet<string> BuiltIn = new HashSet<string>([ReviewsModule.ReviewPageDevice, WhereaboutsDesk.AppDeviceName], StringComparer.Ordinal);

    public async Task<IReadOnlyList<DeviceRow>> ListAsync(bool includeRevoked, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var query = db.DeviceKeys.AsNoTracking();
        if (!includeRevoked)
            query = query.Where(k => k.RevokedAt == null);
        var devices = await (
            from k in query
            from h in db.Halls.Where(h => h.Id == k.HallId).DefaultIfEmpty()
            orderby k.RevokedAt != null, k.Role descending, k.Id
            select new { k, HallCode = h == null ? null : h.Code, HallName = h == null ? null : h.Name, HallNameEn = h == null ? null : h.NameEn })
            .ToListAsync(cancellationToken);
        // Today's events from the journal itself: exact on every instance, and no counter to keep.
        // Counted here, not by GROUP BY: grouping in SQL makes SQLite walk the (DeviceId, ClientEventId)
        // index over the whole journal (3–7 s for two million rows), where reading today's device ids
        // by the ReceivedAt index costs 0.3 s for 60,000 (decision 0017).
        var since = clock.StartOf(clock.Today);
        var today = (await db.Journal.AsNoTracking().Where(e => e.ReceivedAt >= since).Select(e => e.DeviceId).ToListAsync(cancellationToken))
            .CountBy(id => id).ToDictionary();
        return [.. devices.Select(d => new DeviceRow(d.k.Id, d.k.Name, (DeviceKind)d.k.Role, d.HallCode, d.HallName, d.HallNameEn, d.k.CreatedAt,
            Latest(d.k.LastSeenAt, sightings.Unflushed(d.k.Id)),
            d.k.Role == DeviceRole.Sender ? today.GetValueOrDefault(d.k.Id) : null,
            d.k.RevokedAt, BuiltIn.Contains(d.k.Name)))];
    }

    private static DateTimeOffset? Latest(DateTimeOffset? stored, DateTimeOffset? unflushed) =>
        stored is { } a && unflushed is { } b ? (a > b ? a : b) : stored ?? unflushed;

    public async Task<DeviceOutcome> CreateAsync(ClaimsPrincipal by, DeviceForm form, string baseUrl, CancellationToken cancellationToken = default)
    {
        if (!AdminAccess.MayAdminister(by))
            return new DeviceOutcome(DeviceRefusal.MayNotAdminister);
        var name = form.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
            return new DeviceOutcome(DeviceRefusal.NameRequired);
        if (BuiltIn.Contains(name))
            return new DeviceOutcome(DeviceRefusal.BuiltIn);
        int? hallId = null;
        if (!string.IsNullOrWhiteSpace(form.HallCode))
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            hallId = await db.Halls.Where(h => h.Code == form.HallCode).Select(h => (int?)h.Id).FirstOrDefaultAsync(cancellationToken);
            if (hallId is null)
                return new DeviceOutcome(DeviceRefusal.NoSuchHall);
        }
        var actor = AuditTrail.ActorOf(by);
        var (key, secret) = await keys.CreateAsync(name, (DeviceRole)form.Kind, hallId,
            (db, created) => audit.Record(db, actor, AuditAreas.Device, Subject(created), AuditActions.Created, null, Audited(created, form.HallCode)), cancellationToken);
        return new DeviceOutcome(Key: Shown(key, secret, form.HallCode, baseUrl));
    }

    public async Task<DeviceOutcome> RevokeAsync(ClaimsPrincipal by, int id, CancellationToken cancellationToken = default)
    {
        if (!AdminAccess.MayAdminister(by))
            return new DeviceOutcome(DeviceRefusal.MayNotAdminister);
        if (await FindAsync(id, cancellationToken) is not { } found)
            return new DeviceOutcome(DeviceRefusal.NoSuchDevice);
        if (found.Refusal is { } refusal)
            return new DeviceOutcome(refusal);
        return await RevokeAsync(AuditTrail.ActorOf(by), found.Key, found.HallCode, AuditActions.Revoked, cancellationToken);
    }

    /// <summary>A new key for the same device (name, kind, hall) first, then the old one revoked: the device is never left without a valid key it could be given.</summary>
    public async Task<DeviceOutcome> RotateAsync(ClaimsPrincipal by, int id, string baseUrl, CancellationToken cancellationToken = default)
    {
        if (!AdminAccess.MayAdminister(by))
            return new DeviceOutcome(DeviceRefusal.MayNotAdminister);
        if (await FindAsync(id, cancellationToken) is not { } found)
            return new DeviceOutcome(DeviceRefusal.NoSuchDevice);
        if (found.Refusal is { } refusal)
            return new DeviceOutcome(refusal);
        var actor = AuditTrail.ActorOf(by);
        var old = found.Key;
        var (key, secret) = await keys.CreateAsync(old.Name, old.Role, old.HallId,
            (db, created) => audit.Record(db, actor, AuditAreas.Device, Subject(old), AuditActions.Rotated,
                Audited(old, found.HallCode), Audited(created, found.HallCode)), cancellationToken);
        var revoked = await RevokeAsync(actor, old, found.HallCode, AuditActions.Revoked, cancellationToken);
        return revoked.Done ? new DeviceOutcome(Key: Shown(key, secret, found.HallCode, baseUrl)) : revoked;
    }

    /// <summary>Through the one revoke path (DeviceKeys.RevokeAsync): its cache and whatever else revoking does.</summary>
    private async Task<DeviceOutcome> RevokeAsync(string actor, DeviceKey key, string? hallCode, string action, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(key.Id,
            (db, revoked) => audit.Record(db, actor, AuditAreas.Device, Subject(revoked), action, Audited(key, hallCode), Audited(revoked, hallCode)), cancellationToken)
            ? new DeviceOutcome()
            : new DeviceOutcome(DeviceRefusal.AlreadyRevoked);

    private async Task<(DeviceKey Key, string? HallCode, DeviceRefusal? Refusal)?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var key = await db.DeviceKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
            return null;
        var hallCode = key.HallId is { } hallId ? await db.Halls.Where(h => h.Id == hallId).Select(h => h.Code).FirstOrDefaultAsync(cancellationToken) : null;
        DeviceRefusal? refusal = BuiltIn.Contains(key.Name) ? DeviceRefusal.BuiltIn : key.RevokedAt is not null ? DeviceRefusal.AlreadyRevoked : null;
        return (key, hallCode, refusal);
    }

    /// <summary>A key by its id and name (a new key has no id until it is saved: its name alone).</summary>
    private static string Subject(DeviceKey key)
    {
        var subject = key.Id == 0 ? key.Name : $"#{key.Id} {key.Name}";
        return subject.Length > 100 ? subject[..100] : subject;
    }

    /// <summary>What the audit keeps of a key: never the secret or its hash.</summary>
    private static object Audited(DeviceKey key, string? hallCode) => new
    {
        name = key.Name, kind = key.Role.ToString(), hall = hallCode ?? "county", prefix = key.Prefix, revoked = key.RevokedAt is not null,
    };

    /// <summary>
    /// The key as shown once. A display's screen: the county wall, or for a display limited to one hall
    /// that hall's board — the address a kiosk opens, and its QR code so nobody types a 60-character key.
    /// </summary>
    public static NewDeviceKey Shown(DeviceKey key, string secret, string? hallCode, string baseUrl)
    {
        if (key.Role != DeviceRole.Display)
            return new NewDeviceKey(key.Id, key.Name, DeviceKind.Sender, secret, null, null);
        var root = baseUrl.TrimEnd('/');
        var url = hallCode is null ? $"{root}/wall?key={Uri.EscapeDataString(secret)}" : $"{root}/halls/{Uri.EscapeDataString(hallCode)}?key={Uri.EscapeDataString(secret)}";
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(6, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        return new NewDeviceKey(key.Id, key.Name, DeviceKind.Display, secret, url, svg);
    }
}
