using System.Security.Claims;
using LiveBoard.Client.Account;
using LiveBoard.Client.Alerts;
using LiveBoard.Client.Model;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Reviews;
using LiveBoard.Server.Live;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Alerts;

/// <summary>
/// Alerts in the database: raised and cleared by the monitor, read and acted on through the
/// inbox. Every read and action checks the caller's hall; every action is audited and guarded by
/// the alert's version (two managers acting at once: the second is told, nothing is lost).
/// </summary>
public sealed class AlertBook : IAlertInbox
{
    private readonly IDbContextFactory<LiveBoardDb> databases;
    private readonly CountyClock clock;
    private readonly ILiveBus bus;
    private readonly IDataProtector phones;
    private readonly Subscribers subscribers = new();
    private volatile AlertCounts counts = new(0, 0);

    public AlertBook(IDbContextFactory<LiveBoardDb> databases, CountyClock clock, IDataProtectionProvider protection, ILiveBus bus)
    {
        this.databases = databases;
        this.clock = clock;
        this.bus = bus;
        phones = protection.CreateProtector(Review.PhoneProtection);
        // Another instance changed an alert: re-read, and refresh this instance's inboxes.
        bus.SubscribeAlertsChanged(() => _ = RefreshAfterOthersAsync());
    }

    public AlertCounts Counts() => counts;

    public IDisposable Subscribe(Action changed) => subscribers.Add(hallId: null, changed);

    /// <summary>After a change to alerts: refreshes this instance's inboxes and tells the other instances.</summary>
    public async Task NotifyAsync(CancellationToken cancellationToken = default)
    {
        await RefreshAsync(cancellationToken);
        bus.PublishAlertsChanged();
    }

    /// <summary>The database away: the counts stay as they were until the next change or resubscribe reads them.</summary>
    private async Task RefreshAfterOthersAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None);
        }
        catch (Exception ex) when (Outage.IsOutage(ex))
        {
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            var open = await db.Alerts.CountAsync(a => a.Status != AlertStatus.Resolved && a.Status != AlertStatus.Closed, cancellationToken);
            var escalated = await db.Alerts.CountAsync(a => a.EscalatedAt != null && a.Status != AlertStatus.Resolved && a.Status != AlertStatus.Closed, cancellationToken);
            counts = new AlertCounts(open, escalated);
        }
        subscribers.Notify([]);
    }

    public async Task<IReadOnlyList<AlertView>> ListAsync(ClaimsPrincipal user, bool includeClosed = false, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var alerts = db.Alerts.AsNoTracking();
        if (HallScope.HallOf(user) is { } hall)
            alerts = alerts.Where(a => a.HallId == hall);
        if (!includeClosed)
            alerts = alerts.Where(a => a.Status != AlertStatus.Resolved && a.Status != AlertStatus.Closed);
        var rows = await (
            from a in alerts.OrderByDescending(a => a.EscalatedAt != null).ThenByDescending(a => a.Id).Take(200)
            join h in db.Halls on a.HallId equals h.Id
            from w in db.Windows.Where(w => w.Id == a.WindowId).DefaultIfEmpty()
            from s in db.Staff.Where(s => s.Id == a.StaffId).DefaultIfEmpty()
            select new { a, h, Window = (int?)w!.Number, Staff = s!.Name }).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.a.EscalatedAt != null).ThenByDescending(r => r.a.Id).Select(r => View(r.a, r.h, r.Window, r.Staff))];
    }

    public async Task<AlertDetail?> GetAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (alert is null || !HallScope.Allows(user, alert.HallId))
            return null;
        var hall = await db.Halls.AsNoTracking().FirstAsync(h => h.Id == alert.HallId, cancellationToken);
        var review = alert.ReviewId is { } reviewId ? await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reviewId, cancellationToken) : null;
        var ticket = review?.TicketId is { } ticketId ? await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken) : null;
        var window = alert.WindowId is { } windowId ? await db.Windows.AsNoTracking().Include(w => w.Business).FirstOrDefaultAsync(w => w.Id == windowId, cancellationToken) : null;
        var staff = alert.StaffId is { } staffId ? await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId, cancellationToken) : null;
        bool? staffWasIn = null;
        if (staff is not null)
        {
            var at = review?.SubmittedAt ?? alert.RaisedAt;
            var record = await db.WhereaboutsRecords.AsNoTracking().Where(r => r.StaffId == staff.Id && r.ChangedAt <= at)
                .OrderByDescending(r => r.ChangedAt).FirstOrDefaultAsync(cancellationToken);
            staffWasIn = record?.Whereabouts == Whereabouts.In;
        }
        // People by their display names (the trail keeps the user name; one whose account is gone stays so).
        var trail = await (
            from a in db.AlertActions.AsNoTracking().Where(a => a.AlertId == id)
            from u in db.Users.Where(u => u.UserName == a.By).DefaultIfEmpty()
            orderby a.Id
            select new AlertTrailEntry(a.At, u != null ? u.DisplayName : a.By, a.Action, a.Note)).ToListAsync(cancellationToken);
        return new AlertDetail(View(alert, hall, window?.Number, staff?.Name),
            review?.Comment, PhoneFor(user, alert, review),
            ticket?.Number, ticket?.CalledAt is { } called ? called - ticket.IssuedAt : null,
            window?.Business?.Name, window?.Business?.NameEn,
            staffWasIn,
            alert.Resolution, alert.AppealReason, alert.ReturnCallOutcome, alert.ReturnCallRating, trail);
    }

    /// <summary>The citizen's phone: in full only for the person handling the review, masked for everyone else.</summary>
    private string? PhoneFor(ClaimsPrincipal user, Alert alert, Review? review)
    {
        if (review?.ContactPhone is not { } stored)
            return null;
        var phone = phones.Unprotect(stored);
        return alert.AssignedTo is { } handler && handler == user.Identity?.Name ? phone : Mask(phone);
    }

    public static string Mask(string phone) => phone.Length <= 4 ? "****" : new string('*', phone.Length - 4) + phone[^4..];

    public async Task<AlertOutcome> ActAsync(ClaimsPrincipal user, long id, AlertRequest request, CancellationToken cancellationToken = default)
    {
        var name = user.Identity?.Name ?? "?";
        var isDirector = user.IsInRole(nameof(UserRole.Director));
        var isManager = user.IsInRole(nameof(UserRole.HallManager));
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (alert is null || !HallScope.Allows(user, alert.HallId))
            return new AlertOutcome(AlertRefusal.NoSuchAlert);
        if (!isDirector && !isManager)
            return new AlertOutcome(AlertRefusal.MayNotAct);
        if (alert.Version != request.ExpectedVersion)
            return new AlertOutcome(AlertRefusal.ChangedMeanwhile);
        var now = clock.UtcNow;
        // The state's rules first, then the form's (AlertWorkflow, shared with the screen); a resolve
        // without its text is told so before it is told to record the return call.
        AlertRefusal? refusal = AlertWorkflow.StateRefusal(View(alert, hall: null, windowNumber: null, staffName: null), alert.ReturnCallOutcome is not null, request.Command, isDirector) switch
        {
            AlertRefusal.ReturnCallFirst when AlertWorkflow.InputRefusal(request) is { } missing => missing,
            { } state => state,
            null => AlertWorkflow.InputRefusal(request),
        };
        if (refusal is not null)
            return new AlertOutcome(refusal);
        // The assignee is someone who can act on it: an active account of this hall's manager, or the director.
        string? assignee = null;
        if (request.Command == AlertCommand.Assign && (assignee = await HandlerAsync(db, request.AssignTo!.Trim(), alert.HallId, cancellationToken)) is null)
            return new AlertOutcome(AlertRefusal.NoSuchAssignee);

        // One transaction: an upheld appeal's exclusion of the review commits with the alert, or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        switch (request.Command)
        {
            case AlertCommand.Acknowledge:
                alert.Status = AlertStatus.Acknowledged;
                alert.AssignedTo ??= name;
                break;
            case AlertCommand.Assign:
                alert.AssignedTo = assignee;
                break;
            case AlertCommand.RecordReturnCall:
                alert.ReturnCallOutcome = request.Note!.Trim();
                alert.ReturnCallRating = request.Rating;
                break;
            case AlertCommand.Resolve:
                alert.Status = AlertStatus.Resolved;
                alert.Resolution = request.Note!.Trim();
                alert.ClosedAt = now;
                break;
            case AlertCommand.Reopen:
                alert.Status = AlertStatus.Open;
                alert.ClosedAt = null;
                break;
            case AlertCommand.Appeal:
                alert.Appeal = AppealState.Pending;
                alert.AppealReason = request.Note!.Trim();
                alert.Status = AlertStatus.Appealed;
                break;
            case AlertCommand.UpholdAppeal:
                alert.Appeal = AppealState.Upheld;
                alert.Status = AlertStatus.Closed;
                alert.ClosedAt = now;
                // An upheld appeal removes the review from every statistic; the trail keeps why.
                if (alert.ReviewId is { } reviewId)
                {
                    await db.Reviews.Where(r => r.Id == reviewId).ExecuteUpdateAsync(r => r.SetProperty(x => x.ExcludedByAppeal, true), cancellationToken);
                    // Its day's rollup is dropped, so statistics read the day afresh (a published ranking stays as published).
                    if (await db.Reviews.Where(r => r.Id == reviewId).Select(r => (DateTimeOffset?)r.SubmittedAt).FirstOrDefaultAsync(cancellationToken) is { } submittedAt)
                        await Reports.StatsRoller.Forget(db, clock.DayOf(submittedAt), cancellationToken);
                }
                break;
            case AlertCommand.RejectAppeal:
                alert.Appeal = AppealState.Rejected;
                alert.Status = AlertStatus.Acknowledged;
                break;
        }
        alert.Version++;
        db.AlertActions.Add(new AlertAction { AlertId = alert.Id, At = now, By = name, Action = request.Command.ToString(), Note = request.Note ?? request.AssignTo });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new AlertOutcome(AlertRefusal.ChangedMeanwhile);
        }
        await NotifyAsync(cancellationToken);
        return AlertOutcome.Succeeded;
    }

    /// <summary>The user name (as stored) of an active account that may handle the hall's alerts, or null.</summary>
    private static Task<string?> HandlerAsync(LiveBoardDb db, string userName, int hallId, CancellationToken cancellationToken)
    {
        // Identity's lookup normalisation (upper-invariant), so "Manager.CTY" finds manager.cty.
        var normalized = userName.ToUpperInvariant();
        return db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized && u.DisabledAt == null
                && (u.Role == UserRole.Director || (u.Role == UserRole.HallManager && u.HallId == hallId)))
            .Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
    }

    private static AlertView View(Alert a, Halls.Hall? hall, int? windowNumber, string? staffName) =>
        new(a.Id, a.HallId, hall?.Name ?? "", hall?.NameEn ?? "", a.Kind, a.Status, new AlertFacts(windowNumber, staffName, a.Level, a.Tags, a.Count, a.OutOf, a.Minutes),
            a.RaisedAt, a.DueAt, a.EscalatedAt, a.AssignedTo, a.Appeal, a.Version);
}
