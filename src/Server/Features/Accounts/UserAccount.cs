using LiveBoard.Client.Account;

namespace LiveBoard.Server.Features.Accounts;

/// <summary>A person who signs in. Passwords are hashed with the framework's PasswordHasher.</summary>
public sealed class UserAccount
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public UserRole Role { get; set; }

    /// <summary>For hall managers and staff: the only hall they see.</summary>
    public int? HallId { get; set; }

    /// <summary>For staff: who they are on the whereabouts board.</summary>
    public int? StaffId { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
}
