using LiveBoard.Client.Admin;

namespace LiveBoard.Server.Features.Admin;

/// <summary>
/// The county's administration: the set-up's state, the audit trail of every administrative change,
/// and the admin pages' server side. Who may use it: admins; the director reads the audit.
/// </summary>
public static class AdminModule
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) =>
        services.AddSingleton<AuditTrail>().AddSingleton<IAdminSetup, AdminSetup>().AddSingleton<IAuditLog, AuditLog>();

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder endpoints) => endpoints;
}
