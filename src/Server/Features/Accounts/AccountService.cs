using System.Security.Claims;
using System.Security.Cryptography;
using LiveBoard.Client.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Accounts;

public enum SignInOutcome
{
    SignedIn,
    Invalid,
    Locked,
}

/// <summary>
/// Local accounts on ASP.NET Core Identity: create, sign in with lockout, reset, disable. Every
/// change that should end a person's open sessions (disabled, new password, signed out) renews the
/// security stamp; cookies are re-checked every <see cref="AccountOptions.RevalidateEvery"/> and open
/// circuits by <see cref="SessionRevalidation"/>. Scoped, like Identity's managers.
/// </summary>
public sealed class AccountService(UserManager<UserAccount> users, SignInManager<UserAccount> signIn, TimeProvider time)
{
    public const int MaxUserNameLength = LiveBoard.Client.Model.TextLimits.UserName;
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    /// <summary>Checks the password (counting failures towards the lockout) and, when it is right, sets the session cookie.</summary>
    public async Task<(SignInOutcome Outcome, ClaimsPrincipal? User)> SignInAsync(string userName, string password)
    {
        var account = await users.FindByNameAsync(userName.Trim());
        if (account is null)
        {
            // Same work as a real check, so timing does not tell which user names exist.
            users.PasswordHasher.VerifyHashedPassword(Nobody, DummyHash, password);
            return (SignInOutcome.Invalid, null);
        }
        // A disabled account is "not allowed" (ActiveAccounts): told apart from nothing, like a wrong password.
        var result = await signIn.PasswordSignInAsync(account, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return (SignInOutcome.SignedIn, await signIn.CreateUserPrincipalAsync(account));
        return (result.IsLockedOut ? SignInOutcome.Locked : SignInOutcome.Invalid, null);
    }

    /// <summary>Ends this session, and every other of the same person (a copied cookie is worthless once the stamp changes).</summary>
    public async Task SignOutAsync(ClaimsPrincipal user)
    {
        if (await users.GetUserAsync(user) is { } account)
            await users.UpdateSecurityStampAsync(account);
        await signIn.SignOutAsync();
    }

    public async Task<UserAccount> CreateAsync(string userName, string displayName, string password, UserRole role, int? hallId = null, int? staffId = null)
    {
        var account = new UserAccount
        {
            UserName = Normalize(userName), DisplayName = displayName, Role = role,
            HallId = hallId, StaffId = staffId, CreatedAt = time.GetUtcNow(),
        };
        Check(await users.CreateAsync(account, password));
        return account;
    }

    /// <summary>Sets a new generated password and lifts any lockout; returns the password, or null for an unknown user.</summary>
    public async Task<string?> ResetPasswordAsync(string userName) =>
        await users.FindByNameAsync(userName.Trim()) is { } account ? await ResetPasswordAsync(account) : null;

    /// <summary>
    /// A new generated password (it meets <see cref="PasswordRules"/>), the lockout lifted and the
    /// security stamp renewed — the open sessions end — in one save, so an audit row added to the same
    /// context beforehand commits with it.
    /// </summary>
    public async Task<string> ResetPasswordAsync(UserAccount account)
    {
        var password = NewPassword();
        account.PasswordHash = users.PasswordHasher.HashPassword(account, password);
        account.LockoutEnd = null;
        account.AccessFailedCount = 0;
        Check(await users.UpdateSecurityStampAsync(account));
        return password;
    }

    public async Task<bool> UnlockAsync(string userName)
    {
        if (await users.FindByNameAsync(userName.Trim()) is not { } account)
            return false;
        await UnlockAsync(account);
        return true;
    }

    /// <summary>Lifts a lockout (five wrong passwords) in one save; the sessions stay.</summary>
    public async Task UnlockAsync(UserAccount account)
    {
        account.LockoutEnd = null;
        account.AccessFailedCount = 0;
        Check(await users.UpdateAsync(account));
    }

    /// <summary>Disables (or enables again) an account; disabling ends its open sessions within seconds.</summary>
    public async Task<bool> SetDisabledAsync(string userName, bool disabled)
    {
        if (await users.FindByNameAsync(userName.Trim()) is not { } account)
            return false;
        await SetDisabledAsync(account, disabled);
        return true;
    }

    public async Task SetDisabledAsync(UserAccount account, bool disabled)
    {
        account.DisabledAt = disabled ? time.GetUtcNow() : null;
        Check(await users.UpdateSecurityStampAsync(account)); // saves DisabledAt with it
    }

    /// <summary>
    /// A new display name, role, hall or staff member, in one save. The role and hall travel in the
    /// session's claims, so the security stamp is renewed: the person signs in again and gets the new ones.
    /// </summary>
    public async Task ChangeAsync(UserAccount account, string displayName, UserRole role, int? hallId, int? staffId)
    {
        account.DisplayName = displayName;
        account.Role = role;
        account.HallId = hallId;
        account.StaffId = staffId;
        Check(await users.UpdateSecurityStampAsync(account));
    }

    /// <summary>The claims a signed-in person carries besides Identity's own (id, name, security stamp).</summary>
    public static IEnumerable<Claim> Claims(UserAccount account)
    {
        yield return new Claim(ClaimTypes.GivenName, account.DisplayName);
        yield return new Claim(ClaimTypes.Role, account.Role.ToString());
        if (account.StaffId is { } staff)
            yield return new Claim(Policies.StaffClaim, staff.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (account.HallId is { } hall)
            yield return new Claim(Policies.HallClaim, hall.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The principal of a signed-in person without a database (tests, and services that act for someone).</summary>
    public static ClaimsPrincipal Principal(UserAccount account) =>
        new(new ClaimsIdentity(
            [
                new(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new(ClaimTypes.Name, account.UserName ?? ""),
                .. Claims(account),
            ], IdentityConstants.ApplicationScheme));

    /// <summary>User names are stored trimmed and in lower case, so "Manager.T01" signs in as "manager.t01".</summary>
    private static string Normalize(string userName) => Client.Admin.UserRules.NormalizeUserName(userName);

    /// <summary>16 characters from an alphabet without look-alikes (0/O, 1/l/I), meeting <see cref="PasswordRules"/>.</summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        while (true)
        {
            var password = RandomNumberGenerator.GetString(alphabet, 16);
            if (password.Any(char.IsDigit) && password.Any(char.IsLower) && password.Any(char.IsUpper))
                return password;
        }
    }

    /// <summary>
    /// At least 10 characters with a digit, a lower-case and an upper-case letter (the county's
    /// classified-protection rules ask for mixed classes); punctuation allowed, not required.
    /// </summary>
    public static void PasswordRules(PasswordOptions password)
    {
        password.RequiredLength = 10;
        password.RequiredUniqueChars = 5;
        password.RequireDigit = true;
        password.RequireLowercase = true;
        password.RequireUppercase = true;
        password.RequireNonAlphanumeric = false;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new AccountRefusedException(result.Errors.Select(e => e.Code).ToList(), string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private static readonly UserAccount Nobody = new() { DisplayName = "" };
    private static readonly string DummyHash = new PasswordHasher<UserAccount>().HashPassword(Nobody, "not-a-password");
}

/// <summary>Identity refused an account change (a password against the rules, a name taken); <see cref="Codes"/> are Identity's error codes.</summary>
public sealed class AccountRefusedException(IReadOnlyList<string> codes, string message) : Exception(message)
{
    public IReadOnlyList<string> Codes { get; } = codes;
}

/// <summary>A disabled account is not "confirmed": Identity's sign-in refuses it before the password is checked.</summary>
public sealed class ActiveAccounts : IUserConfirmation<UserAccount>
{
    public Task<bool> IsConfirmedAsync(UserManager<UserAccount> manager, UserAccount user) => Task.FromResult(user.DisabledAt is null);
}

/// <summary>Adds LiveBoard's claims (display name, role, hall, staff) to Identity's.</summary>
public sealed class AccountClaimsFactory(UserManager<UserAccount> users, IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<UserAccount>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(UserAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaims(AccountService.Claims(user));
        return identity;
    }
}
