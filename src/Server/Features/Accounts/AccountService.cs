using System.Security.Claims;
using System.Security.Cryptography;
using LiveBoard.Client.Account;
using LiveBoard.Server.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Accounts;

public enum SignInOutcome
{
    SignedIn,
    Invalid,
    Locked,
}

/// <summary>Local accounts: create, check a password with lockout, build the signed-in principal.</summary>
public sealed class AccountService(IDbContextFactory<LiveBoardDb> databases, TimeProvider time)
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);
    private readonly PasswordHasher<UserAccount> hasher = new();

    public async Task<(SignInOutcome Outcome, ClaimsPrincipal? User)> CheckAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var normalized = Normalize(userName);
        var account = await db.Users.FirstOrDefaultAsync(u => u.UserName == normalized, cancellationToken);
        if (account is null || account.DisabledAt is not null)
        {
            // Same work as a real check, so timing does not tell which user names exist.
            hasher.VerifyHashedPassword(new UserAccount { UserName = "", DisplayName = "", PasswordHash = "" }, DummyHash, password);
            return (SignInOutcome.Invalid, null);
        }
        var now = time.GetUtcNow();
        if (account.LockedUntil > now)
            return (SignInOutcome.Locked, null);
        var result = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            account.FailedSignIns++;
            if (account.FailedSignIns >= MaxFailedSignIns)
            {
                account.LockedUntil = now + LockoutTime;
                account.FailedSignIns = 0;
            }
            await db.SaveChangesAsync(cancellationToken);
            return (account.LockedUntil > now ? SignInOutcome.Locked : SignInOutcome.Invalid, null);
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            account.PasswordHash = hasher.HashPassword(account, password);
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        return (SignInOutcome.SignedIn, Principal(account));
    }

    public async Task<UserAccount> CreateAsync(string userName, string displayName, string password, UserRole role, int? hallId = null, int? staffId = null, CancellationToken cancellationToken = default)
    {
        var account = new UserAccount
        {
            UserName = Normalize(userName), DisplayName = displayName, PasswordHash = "", Role = role,
            HallId = hallId, StaffId = staffId, CreatedAt = time.GetUtcNow(),
        };
        account.PasswordHash = hasher.HashPassword(account, password);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.Users.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>Sets a new generated password and lifts any lockout; returns the password, or null for an unknown user.</summary>
    public async Task<string?> ResetPasswordAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var normalized = Normalize(userName);
        var account = await db.Users.FirstOrDefaultAsync(u => u.UserName == normalized, cancellationToken);
        if (account is null)
            return null;
        var password = NewPassword();
        account.PasswordHash = hasher.HashPassword(account, password);
        account.LockedUntil = null;
        account.FailedSignIns = 0;
        await db.SaveChangesAsync(cancellationToken);
        return password;
    }

    public static ClaimsPrincipal Principal(UserAccount account)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.UserName),
            new(ClaimTypes.GivenName, account.DisplayName),
            new(ClaimTypes.Role, account.Role.ToString()),
        ];
        if (account.StaffId is { } staff)
            claims.Add(new Claim(Policies.StaffClaim, staff.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (account.HallId is { } hall)
            claims.Add(new Claim(Policies.HallClaim, hall.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>User names are stored trimmed and in lower case, so "Manager.T01" signs in as "manager.t01".</summary>
    private static string Normalize(string userName) => userName.Trim().ToLowerInvariant();

    public static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');

    private static readonly string DummyHash = new PasswordHasher<UserAccount>().HashPassword(new UserAccount { UserName = "", DisplayName = "", PasswordHash = "" }, "not-a-password");
}
