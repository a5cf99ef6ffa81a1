using System.Security.Claims;
using LiveBoard.Client.Account;
using LiveBoard.Client.Admin;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Accounts;

/// <summary>
/// The admin's user administration (/admin/users and the <c>users</c> command): each change goes
/// through <see cref="AccountService"/> in a scope of its own (Identity's managers are scoped; a
/// circuit lives for hours) and writes its audit row into the same context before Identity's one
/// save, so the change and its row commit together. The audit never holds a password or its hash.
/// </summary>
public sealed class UserAdmin(IServiceScopeFactory scopes, IDbContextFactory<LiveBoardDb> databases, AuditTrail audit, CountyClock clock) : IUserAdmin
{
    /// <summary>The audit's name for a change made with the <c>users</c> command on the server.</summary>
    public const string CommandLine = "console";

    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.UtcNow;
        var rows = await (
            from u in db.Users.AsNoTracking()
            from h in db.Halls.Where(h => h.Id == u.HallId).DefaultIfEmpty()
            from s in db.Staff.Where(s => s.Id == u.StaffId).DefaultIfEmpty()
            orderby u.UserName
            select new { u, HallCode = h == null ? null : h.Code, HallName = h == null ? null : h.Name, HallNameEn = h == null ? null : h.NameEn, StaffName = s == null ? null : s.Name })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new UserRow(r.u.Id, r.u.UserName ?? "", r.u.DisplayName, r.u.Role, r.HallCode, r.HallName, r.HallNameEn,
            r.u.StaffId, r.StaffName, r.u.CreatedAt, r.u.DisabledAt is not null, r.u.LockoutEnd is { } end && end > now))];
    }

    public Task<UserOutcome> CreateAsync(ClaimsPrincipal by, UserForm form, CancellationToken cancellationToken = default) =>
        AdminOnly(by, actor => CreateAsync(actor, form, cancellationToken));

    public Task<UserOutcome> ChangeAsync(ClaimsPrincipal by, string userName, UserForm form, CancellationToken cancellationToken = default) =>
        AdminOnly(by, actor => ChangeAsync(actor, userName, form, cancellationToken));

    public Task<UserOutcome> ResetPasswordAsync(ClaimsPrincipal by, string userName, CancellationToken cancellationToken = default) =>
        AdminOnly(by, actor => ResetPasswordAsync(actor, userName, cancellationToken));

    public Task<UserOutcome> UnlockAsync(ClaimsPrincipal by, string userName, CancellationToken cancellationToken = default) =>
        AdminOnly(by, actor => UnlockAsync(actor, userName, cancellationToken));

    public Task<UserOutcome> SetDisabledAsync(ClaimsPrincipal by, string userName, bool disabled, CancellationToken cancellationToken = default) =>
        AdminOnly(by, actor => SetDisabledAsync(actor, userName, disabled, cancellationToken));

    private static Task<UserOutcome> AdminOnly(ClaimsPrincipal by, Func<string, Task<UserOutcome>> change) =>
        AdminAccess.MayAdminister(by) ? change(AuditTrail.ActorOf(by)) : Task.FromResult(new UserOutcome(UserRefusal.MayNotAdminister));

    /// <summary>A new account with a generated password, returned once (the caller shows it, nothing keeps it).</summary>
    public Task<UserOutcome> CreateAsync(string actor, UserForm form, CancellationToken cancellationToken = default) =>
        InScopeAsync(async (accounts, users, db) =>
        {
            if (UserRules.Check(form, creating: true) is { Count: > 0 } problems)
                return new UserOutcome(problems.Values.First());
            var userName = UserRules.NormalizeUserName(form.UserName);
            if (await users.FindByNameAsync(userName) is not null)
                return new UserOutcome(UserRefusal.UserNameTaken);
            var (placement, refusal) = await PlaceAsync(db, form, cancellationToken);
            if (refusal is not null)
                return new UserOutcome(refusal);
            var password = AccountService.NewPassword();
            audit.Record(db, actor, AuditAreas.User, userName, AuditActions.Created, null,
                Audited(form.DisplayName.Trim(), form.Role, placement.HallCode, placement.StaffName, disabled: false));
            try
            {
                await accounts.CreateAsync(userName, form.DisplayName.Trim(), password, form.Role, placement.HallId, placement.StaffId);
            }
            catch (AccountRefusedException refused) when (refused.Codes.Contains(nameof(IdentityErrorDescriber.DuplicateUserName)))
            {
                return new UserOutcome(UserRefusal.UserNameTaken);
            }
            catch (AccountRefusedException refused) when (refused.Codes.Contains(nameof(IdentityErrorDescriber.InvalidUserName)))
            {
                return new UserOutcome(UserRefusal.UserNameInvalid);
            }
            return new UserOutcome(Password: password);
        });

    public Task<UserOutcome> ChangeAsync(string actor, string userName, UserForm form, CancellationToken cancellationToken = default) =>
        InScopeAsync(async (accounts, users, db) =>
        {
            if (await users.FindByNameAsync(UserRules.NormalizeUserName(userName)) is not { } account)
                return new UserOutcome(UserRefusal.NoSuchUser);
            if (UserRules.Check(form, creating: false) is { Count: > 0 } problems)
                return new UserOutcome(problems.Values.First());
            if (account.Role == UserRole.Admin && form.Role != UserRole.Admin && account.DisabledAt is null && !await AnotherActiveAdminAsync(db, account.Id, cancellationToken))
                return new UserOutcome(UserRefusal.LastAdmin);
            var (placement, refusal) = await PlaceAsync(db, form, cancellationToken);
            if (refusal is not null)
                return new UserOutcome(refusal);
            audit.Record(db, actor, AuditAreas.User, account.UserName!, AuditActions.Changed, await AuditedAsync(db, account, cancellationToken),
                Audited(form.DisplayName.Trim(), form.Role, placement.HallCode, placement.StaffName, account.DisabledAt is not null));
            await accounts.ChangeAsync(account, form.DisplayName.Trim(), form.Role, placement.HallId, placement.StaffId);
            return new UserOutcome();
        });

    public Task<UserOutcome> ResetPasswordAsync(string actor, string userName, CancellationToken cancellationToken = default) =>
        InScopeAsync(async (accounts, users, db) =>
        {
            if (await users.FindByNameAsync(UserRules.NormalizeUserName(userName)) is not { } account)
                return new UserOutcome(UserRefusal.NoSuchUser);
            // The row says that the password changed, never what to.
            audit.Record(db, actor, AuditAreas.User, account.UserName!, AuditActions.PasswordReset, null, null);
            return new UserOutcome(Password: await accounts.ResetPasswordAsync(account));
        });

    public Task<UserOutcome> UnlockAsync(string actor, string userName, CancellationToken cancellationToken = default) =>
        InScopeAsync(async (accounts, users, db) =>
        {
            if (await users.FindByNameAsync(UserRules.NormalizeUserName(userName)) is not { } account)
                return new UserOutcome(UserRefusal.NoSuchUser);
            audit.Record(db, actor, AuditAreas.User, account.UserName!, AuditActions.Unlocked,
                new { failedSignIns = account.AccessFailedCount, lockedUntil = account.LockoutEnd }, new { failedSignIns = 0, lockedUntil = (DateTimeOffset?)null });
            await accounts.UnlockAsync(account);
            return new UserOutcome();
        });

    public Task<UserOutcome> SetDisabledAsync(string actor, string userName, bool disabled, CancellationToken cancellationToken = default) =>
        InScopeAsync(async (accounts, users, db) =>
        {
            if (await users.FindByNameAsync(UserRules.NormalizeUserName(userName)) is not { } account)
                return new UserOutcome(UserRefusal.NoSuchUser);
            if (disabled == (account.DisabledAt is not null))
                return new UserOutcome();
            if (disabled && account.Role == UserRole.Admin && !await AnotherActiveAdminAsync(db, account.Id, cancellationToken))
                return new UserOutcome(UserRefusal.LastAdmin);
            var before = await AuditedAsync(db, account, cancellationToken);
            audit.Record(db, actor, AuditAreas.User, account.UserName!, disabled ? AuditActions.Deactivated : AuditActions.Reactivated,
                before, before with { Disabled = disabled });
            await accounts.SetDisabledAsync(account, disabled);
            return new UserOutcome();
        });

    private async Task<UserOutcome> InScopeAsync(Func<AccountService, UserManager<UserAccount>, LiveBoardDb, Task<UserOutcome>> change)
    {
        // Identity's store saves through the scope's LiveBoardDb: the audit row added to it goes in the same SaveChanges.
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        return await change(services.GetRequiredService<AccountService>(), services.GetRequiredService<UserManager<UserAccount>>(), services.GetRequiredService<LiveBoardDb>());
    }

    private static Task<bool> AnotherActiveAdminAsync(LiveBoardDb db, int exceptId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id != exceptId && u.Role == UserRole.Admin && u.DisabledAt == null, cancellationToken);

    private sealed record Placement(int? HallId, string? HallCode, int? StaffId, string? StaffName);

    /// <summary>The hall and staff member the form names, checked: only hall managers and staff have a hall, only staff a staff member of that hall.</summary>
    private static async Task<(Placement Placement, UserRefusal? Refusal)> PlaceAsync(LiveBoardDb db, UserForm form, CancellationToken cancellationToken)
    {
        if (!UserRules.NeedsHall(form.Role))
            return (new Placement(null, null, null, null), null);
        var hall = await db.Halls.AsNoTracking().Where(h => h.Code == form.HallCode).Select(h => new { h.Id, h.Code }).FirstOrDefaultAsync(cancellationToken);
        if (hall is null)
            return (new Placement(null, null, null, null), UserRefusal.NoSuchHall);
        if (form.Role != UserRole.Staff)
            return (new Placement(hall.Id, hall.Code, null, null), null);
        var staff = await db.Staff.AsNoTracking().Where(s => s.Id == form.StaffId && s.HallId == hall.Id).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(cancellationToken);
        return staff is null
            ? (new Placement(hall.Id, hall.Code, null, null), UserRefusal.NoSuchStaff)
            : (new Placement(hall.Id, hall.Code, staff.Id, staff.Name), null);
    }

    /// <summary>What the audit keeps of an account: who they are and what they may do — no password, no hash, no stamp.</summary>
    private sealed record AuditedUser(string DisplayName, string Role, string? Hall, string? Staff, bool Disabled);

    private static AuditedUser Audited(string displayName, UserRole role, string? hallCode, string? staffName, bool disabled) =>
        new(displayName, role.ToString(), hallCode, staffName, disabled);

    private static async Task<AuditedUser> AuditedAsync(LiveBoardDb db, UserAccount account, CancellationToken cancellationToken)
    {
        var hall = account.HallId is { } hallId ? await db.Halls.AsNoTracking().Where(h => h.Id == hallId).Select(h => h.Code).FirstOrDefaultAsync(cancellationToken) : null;
        var staff = account.StaffId is { } staffId ? await db.Staff.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken) : null;
        return Audited(account.DisplayName, account.Role, hall, staff, account.DisabledAt is not null);
    }
}
