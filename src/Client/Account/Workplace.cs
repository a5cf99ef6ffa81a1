using System.Security.Claims;
using LiveBoard.Client.Live;

namespace LiveBoard.Client.Account;

/// <summary>
/// Where each role works: a hall manager on their hall's board, staff on their own whereabouts,
/// admins on the county's set-up, leaders and the director on the overview. The page a user lands on
/// after signing in, and where "LiveBoard" in the top bar and the way back from a refusal lead.
/// </summary>
public static class Workplace
{
    /// <summary>The user's own page, relative to the base address ("" is the overview).</summary>
    public static string Home(ClaimsPrincipal user, ILiveFeed live) =>
        user.IsInRole(nameof(UserRole.Staff)) ? "me"
        // A hall that no longer exists leaves a manager their alerts, which never refuse them.
        : user.IsInRole(nameof(UserRole.HallManager)) ? HallCode(user, live) is { } code ? $"halls/{Uri.EscapeDataString(code)}" : "alerts"
        : user.IsInRole(nameof(UserRole.Admin)) ? "admin"
        : "";

    /// <summary>The code of the hall a hall manager or staff member belongs to; null for the county roles.</summary>
    public static string? HallCode(ClaimsPrincipal user, ILiveFeed live) =>
        HallScope.HallOf(user) is { } hall ? live.Hall(hall)?.Code : null;
}
