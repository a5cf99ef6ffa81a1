using Microsoft.AspNetCore.Authorization;

namespace LiveBoard.Client.Account;

/// <summary>Who does what in LiveBoard. Stored as numbers: never renumber.</summary>
public enum UserRole
{
    /// <summary>County leader: sees everything, changes nothing.</summary>
    Leader = 1,
    /// <summary>Centre director: everything; decides escalations and appeals.</summary>
    Director = 2,
    /// <summary>Hall manager: their own hall only.</summary>
    HallManager = 3,
    /// <summary>Staff: their own whereabouts.</summary>
    Staff = 4,
    /// <summary>Users, halls, windows, device keys, display tokens.</summary>
    Admin = 5,
}

/// <summary>The authorization policies every page and endpoint names.</summary>
public static class Policies
{
    /// <summary>The whole county's figures: leaders, the director, admins.</summary>
    public const string County = "County";

    /// <summary>A hall's board: anyone signed in; hall managers and staff only their own hall.</summary>
    public const string Hall = "Hall";

    /// <summary>Statistics: leaders, the director, admins (the county); hall managers (their own hall).</summary>
    public const string Statistics = "Statistics";

    /// <summary>Act on alerts: hall managers (own hall) and the director.</summary>
    public const string HandleAlerts = "HandleAlerts";

    /// <summary>Read alerts: those who handle them, and leaders.</summary>
    public const string ReadAlerts = "ReadAlerts";

    /// <summary>Decide appeals and escalations: the director.</summary>
    public const string Decide = "Decide";

    /// <summary>Set the county up and keep it current: admins.</summary>
    public const string Admin = "Admin";

    /// <summary>Read the audit of administrative changes: admins and the director.</summary>
    public const string Audit = "Audit";

    /// <summary>Print the windows' QR cards: hall managers (own hall), the director, admins.</summary>
    public const string PrintCodes = "PrintCodes";

    /// <summary>Claim carrying the staff member a staff account is.</summary>
    public const string StaffClaim = "liveboard:staff";

    /// <summary>Claim carrying the hall a hall manager or staff member belongs to.</summary>
    public const string HallClaim = "liveboard:hall";
}

/// <summary>
/// Who each policy admits. Here, beside the names, so the server and the component tests (the top
/// bar's links by role) use one definition.
/// </summary>
public static class PolicyRules
{
    public static AuthorizationBuilder AddLiveBoardPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Policies.County, p => p.RequireRole(nameof(UserRole.Leader), nameof(UserRole.Director), nameof(UserRole.Admin)))
        .AddPolicy(Policies.Hall, p => p.RequireAuthenticatedUser().RequireRole(Enum.GetNames<UserRole>()))
        .AddPolicy(Policies.Statistics, p => p.RequireRole(nameof(UserRole.Leader), nameof(UserRole.Director), nameof(UserRole.Admin), nameof(UserRole.HallManager)))
        .AddPolicy(Policies.HandleAlerts, p => p.RequireRole(nameof(UserRole.HallManager), nameof(UserRole.Director)))
        .AddPolicy(Policies.ReadAlerts, p => p.RequireRole(nameof(UserRole.HallManager), nameof(UserRole.Director), nameof(UserRole.Leader)))
        .AddPolicy(Policies.Decide, p => p.RequireRole(nameof(UserRole.Director)))
        .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(UserRole.Admin)))
        .AddPolicy(Policies.Audit, p => p.RequireRole(nameof(UserRole.Admin), nameof(UserRole.Director)))
        .AddPolicy(Policies.PrintCodes, p => p.RequireRole(nameof(UserRole.HallManager), nameof(UserRole.Director), nameof(UserRole.Admin)));
}
