using System.Globalization;
using System.Security.Claims;

namespace LiveBoard.Client.Account;

/// <summary>"A hall manager sees only their hall": the one rule, for pages and the API alike.</summary>
public static class HallScope
{
    /// <summary>The hall a user is limited to; null for county-wide roles.</summary>
    public static int? HallOf(ClaimsPrincipal user) =>
        user.IsInRole(nameof(UserRole.HallManager)) || user.IsInRole(nameof(UserRole.Staff))
            ? int.TryParse(user.FindFirstValue(Policies.HallClaim), CultureInfo.InvariantCulture, out var hall) ? hall : -1
            : null;

    public static bool Allows(ClaimsPrincipal user, int? hallId) =>
        user.Identity?.IsAuthenticated == true && (HallOf(user) is not { } limited || limited == hallId);
}

/// <summary>
/// Marks a page whose <c>{Code}</c> is a hall that <see cref="HallScope"/> limits: the page checks
/// it itself, and the sign-in redirect asks the same rule before sending anyone there.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class HallScopedAttribute : Attribute;
