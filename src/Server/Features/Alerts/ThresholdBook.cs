using System.Security.Claims;
using LiveBoard.Client.Admin;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Alerts;

/// <summary>
/// An admin's thresholds for one hall (table HallThresholds); a null column follows the configured
/// value (LiveBoard:Alerts: the hall's own section, else the defaults). Decision 0017.
/// </summary>
public sealed class HallThresholdSetting
{
    public int HallId { get; set; }
    public int? NegativePercent { get; set; }
    public int? NegativeWindowMinutes { get; set; }
    public int? NegativeMinimum { get; set; }
    public int? LongWaitMinutes { get; set; }
    public int? SilentAfterMinutes { get; set; }
    public int? OverdueAfterMinutes { get; set; }
}

/// <summary>
/// Each hall's alert thresholds as the rules use them: the admin's settings over the configured
/// ones, kept in memory (the rules ask on every event). A change made on this instance applies at
/// once; the monitor re-reads the table at most every 20 seconds, so one made on another instance
/// applies within that. Also the admin's page (/admin/thresholds) behind <see cref="IThresholdAdmin"/>.
/// </summary>
public sealed class ThresholdBook(IDbContextFactory<LiveBoardDb> databases, IOptions<AlertOptions> options, AuditTrail audit, TimeProvider time) : IThresholdAdmin
{
    private static readonly TimeSpan ReadAgainAfter = TimeSpan.FromSeconds(20);
    private volatile Snapshot current = new(new Dictionary<string, AlertThresholds>(StringComparer.OrdinalIgnoreCase), DateTimeOffset.MinValue);

    private sealed record Snapshot(IReadOnlyDictionary<string, AlertThresholds> ByHallCode, DateTimeOffset ReadAt);

    /// <summary>The thresholds that hold for the hall now.</summary>
    public AlertThresholds For(string hallCode) => current.ByHallCode.TryGetValue(hallCode, out var own) ? own : options.Value.For(hallCode);

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var settings = await (from s in db.HallThresholds.AsNoTracking() join h in db.Halls on s.HallId equals h.Id select new { h.Code, s }).ToListAsync(cancellationToken);
        current = new Snapshot(settings.ToDictionary(x => x.Code, x => Effective(options.Value.For(x.Code), x.s), StringComparer.OrdinalIgnoreCase), time.GetUtcNow());
    }

    public Task RefreshAsync(CancellationToken cancellationToken = default) =>
        time.GetUtcNow() - current.ReadAt > ReadAgainAfter ? LoadAsync(cancellationToken) : Task.CompletedTask;

    private static AlertThresholds Effective(AlertThresholds configured, HallThresholdSetting own) => new()
    {
        NegativeShare = own.NegativePercent is { } percent ? percent / 100.0 : configured.NegativeShare,
        NegativeWindow = Minutes(own.NegativeWindowMinutes) ?? configured.NegativeWindow,
        NegativeMinimum = own.NegativeMinimum ?? configured.NegativeMinimum,
        LongWait = Minutes(own.LongWaitMinutes) ?? configured.LongWait,
        SilentAfter = Minutes(own.SilentAfterMinutes) ?? configured.SilentAfter,
        OverdueAfter = Minutes(own.OverdueAfterMinutes) ?? configured.OverdueAfter,
    };

    private static TimeSpan? Minutes(int? minutes) => minutes is { } m ? TimeSpan.FromMinutes(m) : null;

    /// <summary>The configured thresholds in the page's units.</summary>
    public static ThresholdValues Values(AlertThresholds t) => new(
        (int)Math.Round(t.NegativeShare * 100), (int)t.NegativeWindow.TotalMinutes, t.NegativeMinimum,
        (int)t.LongWait.TotalMinutes, (int)t.SilentAfter.TotalMinutes, (int)t.OverdueAfter.TotalMinutes);

    private static ThresholdValues Values(HallThresholdSetting? s) => s is null ? new() : new(
        s.NegativePercent, s.NegativeWindowMinutes, s.NegativeMinimum, s.LongWaitMinutes, s.SilentAfterMinutes, s.OverdueAfterMinutes);

    public async Task<IReadOnlyList<HallThresholdRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from h in db.Halls.AsNoTracking()
            from s in db.HallThresholds.Where(s => s.HallId == h.Id).DefaultIfEmpty()
            orderby h.Kind, h.Code
            select new { h.Code, h.Name, h.NameEn, Setting = s }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new HallThresholdRow(r.Code, r.Name, r.NameEn, Values(r.Setting), Values(options.Value.For(r.Code))))];
    }

    public async Task<ThresholdOutcome> SaveAsync(ClaimsPrincipal by, string hallCode, ThresholdValues values, CancellationToken cancellationToken = default)
    {
        if (!AdminAccess.MayAdminister(by))
            return new ThresholdOutcome(ThresholdRefusal.MayNotAdminister);
        if (ThresholdRules.OutOfRange(values) is { } field)
            return new ThresholdOutcome(ThresholdRefusal.OutOfRange, field);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Halls.Where(h => h.Code == hallCode).Select(h => (int?)h.Id).FirstOrDefaultAsync(cancellationToken) is not { } hallId)
            return new ThresholdOutcome(ThresholdRefusal.NoSuchHall);
        var setting = await db.HallThresholds.FirstOrDefaultAsync(s => s.HallId == hallId, cancellationToken);
        var before = Values(setting);
        if (before == values)
            return new ThresholdOutcome();
        if (setting is null)
            db.HallThresholds.Add(setting = new HallThresholdSetting { HallId = hallId });
        setting.NegativePercent = values.NegativePercent;
        setting.NegativeWindowMinutes = values.NegativeWindowMinutes;
        setting.NegativeMinimum = values.NegativeMinimum;
        setting.LongWaitMinutes = values.LongWaitMinutes;
        setting.SilentAfterMinutes = values.SilentAfterMinutes;
        setting.OverdueAfterMinutes = values.OverdueAfterMinutes;
        audit.Record(db, AuditTrail.ActorOf(by), AuditAreas.Thresholds, hallCode, AuditActions.Changed, before, values);
        await db.SaveChangesAsync(cancellationToken);
        // The rules on this instance use it from their next event or sweep.
        await LoadAsync(cancellationToken);
        return new ThresholdOutcome();
    }
}
