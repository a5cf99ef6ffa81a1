using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Accounts;

public sealed class AccountOptions
{
    /// <summary>
    /// How often a session cookie and an open page's circuit are checked against the account's
    /// security stamp: an account disabled, given a new password or signed out elsewhere ends this
    /// much later at most. Each check is one query by primary key.
    /// </summary>
    public TimeSpan RevalidateEvery { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Ends an open page's session when the account's security stamp changed (disabled, new password,
/// signed out elsewhere): the circuit's user becomes anonymous, and the page sends the person to the
/// sign-in form. A page stays open for hours, so the cookie's own check (on requests) is not enough.
/// </summary>
public sealed partial class SessionRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, IOptions<AccountOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    private readonly ILogger logger = loggers.CreateLogger<SessionRevalidation>();

    protected override TimeSpan RevalidationInterval => options.Value.RevalidateEvery;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            return await IsCurrentAsync(users, authenticationState.User);
        }
        catch (Exception exception) when (Common.Outage.IsOutage(exception))
        {
            // The database is away: keep the session rather than sign every open page out; the next
            // check after it is back decides.
            LogUnchecked(logger, exception.Message);
            return true;
        }
    }

    private async Task<bool> IsCurrentAsync(UserManager<UserAccount> users, ClaimsPrincipal principal)
    {
        if (await users.GetUserAsync(principal) is not { } account)
            return false;
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return account.DisabledAt is null && stamp == await users.GetSecurityStampAsync(account);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An open page's session could not be checked (the database did not answer: {Reason}); it stays open until the next check.")]
    private static partial void LogUnchecked(ILogger logger, string reason);
}
