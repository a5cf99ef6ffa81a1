using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Ingest;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Devices;

public static class DevicesModule
{
    public const string SenderPolicy = "DeviceSender";

    public static IServiceCollection AddDevices(this IServiceCollection services)
    {
        services.AddSingleton<DeviceKeys>();
        services.AddSingleton<DeviceSightings>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceSightings>());
        services.AddSingleton<Client.Admin.IDeviceAdmin, DeviceAdmin>();
        services.AddSingleton<DeviceRevocations>();
        services.AddHostedService<RevocationWatch>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DeviceKeyAuthentication>(DeviceKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(SenderPolicy, policy => policy
                .AddAuthenticationSchemes(DeviceKeyAuthentication.SchemeName)
                .RequireRole(nameof(DeviceRole.Sender)));
        return services;
    }

    /// <summary>
    /// A device the server itself speaks as (the review page, the app's own forms): created once,
    /// its key never leaves the server; events it sends go through the same writer and rules.
    /// </summary>
    public static async Task<DeviceIdentity> EnsureBuiltInDeviceAsync(this IServiceProvider services, string name)
    {
        var factory = services.GetRequiredService<IDbContextFactory<LiveBoardDb>>();
        await using var db = await factory.CreateDbContextAsync();
        var device = await db.DeviceKeys.FirstOrDefaultAsync(k => k.Name == name && k.RevokedAt == null);
        if (device is null)
            (device, _) = await services.GetRequiredService<DeviceKeys>().CreateAsync(name, DeviceRole.Sender, hallId: null);
        return new DeviceIdentity(device.Id, device.Name, null);
    }

    /// <summary>
    /// Key management from the command line, for recovery and scripts (day to day it is /admin/displays):
    /// <c>dotnet run --project src/Server -- devices add|list|revoke …</c>.
    /// </summary>
    public static async Task<int> RunCommandAsync(IServiceProvider services, string[] args)
    {
        var keys = services.GetRequiredService<DeviceKeys>();
        switch (args)
        {
            case ["devices", "add", var name, var role, ..]:
                if (!Enum.TryParse<DeviceRole>(role, ignoreCase: true, out var parsedRole))
                {
                    await Console.Error.WriteLineAsync("role: sender or display");
                    return 2;
                }
                int? hallId = null;
                if (args.Length > 4)
                {
                    var factory = services.GetRequiredService<IDbContextFactory<LiveBoardDb>>();
                    await using var db = await factory.CreateDbContextAsync();
                    hallId = (await db.Halls.FirstOrDefaultAsync(h => h.Code == args[4]))?.Id;
                    if (hallId is null)
                    {
                        await Console.Error.WriteLineAsync($"no hall '{args[4]}'");
                        return 2;
                    }
                }
                var (key, secret) = await keys.CreateAsync(name, parsedRole, hallId);
                Console.WriteLine($"Device key {key.Id} '{name}' ({parsedRole}, {(hallId is null ? "county" : args[4])}). Shown once, keep it safe:");
                Console.WriteLine(secret);
                return 0;
            case ["devices", "list"]:
                foreach (var k in await keys.ListAsync())
                    Console.WriteLine($"{k.Id,4}  {k.Role,-8} hall={k.HallId?.ToString() ?? "county",-6} {(k.RevokedAt is null ? "active " : "REVOKED")}  {k.Name}");
                return 0;
            case ["devices", "revoke", var id] when int.TryParse(id, out var keyId):
                var revoked = await keys.RevokeAsync(keyId);
                Console.WriteLine(revoked ? $"Device key {keyId} revoked." : $"No active device key {keyId}.");
                return revoked ? 0 : 1;
            default:
                await Console.Error.WriteLineAsync("usage: devices add <name> <sender|display> [hall code] | devices list | devices revoke <id>");
                return 2;
        }
    }
}
