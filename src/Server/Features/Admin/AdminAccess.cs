using System.Security.Claims;
using LiveBoard.Client.Account;

namespace LiveBoard.Server.Features.Admin;

/// <summary>
/// The admin services' own check of who asks. The pages are admin-only already (Policies.Admin); the
/// services ask again because they are what changes the county, whoever calls them.
/// </summary>
public static class AdminAccess
{
    public static bool MayAdminister(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.IsInRole(nameof(UserRole.Admin));
}
