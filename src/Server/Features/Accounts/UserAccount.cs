using LiveBoard.Client.Account;
using Microsoft.AspNetCore.Identity;

namespace LiveBoard.Server.Features.Accounts;

/// <summary>
/// A person who signs in, on ASP.NET Core Identity's user (password hash, lockout, security stamp)
/// in the table "Users". The role is one of LiveBoard's five, a column rather than Identity's role
/// tables: a person has exactly one, and the hall belongs with it.
/// </summary>
public sealed class UserAccount : IdentityUser<int>
{
    public required string DisplayName { get; set; }
    public UserRole Role { get; set; }

    /// <summary>For hall managers and staff: the only hall they see.</summary>
    public int? HallId { get; set; }

    /// <summary>For staff: who they are on the whereabouts board.</summary>
    public int? StaffId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when an admin disables the account: it cannot sign in, and its open sessions end (security stamp).</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
