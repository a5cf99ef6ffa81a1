using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Devices;

/// <summary>
/// Authenticates devices by key: "Authorization: Bearer lbk_…" for API calls, or the query string
/// ("access_token" is what SignalR clients send on WebSockets, "key" is the display URL's).
/// </summary>
public sealed class DeviceKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DeviceKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DeviceKey";
    public const string HallClaim = LiveBoard.Client.Account.Policies.HallClaim;
    public const string DeviceIdClaim = "liveboard:device";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal)
            ? header["Bearer ".Length..].Trim()
            : Request.Query["access_token"].FirstOrDefault() ?? Request.Query["key"].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
            return AuthenticateResult.NoResult();
        var device = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (device is null)
            return AuthenticateResult.Fail("The device key is unknown or revoked.");
        Context.RequestServices.GetRequiredService<DeviceSightings>().Seen(device.Id);
        List<Claim> claims =
        [
            new(ClaimTypes.Name, device.Name),
            new(DeviceIdClaim, device.Id.ToString()),
            new(ClaimTypes.Role, device.Role.ToString()),
        ];
        if (device.HallId is { } hall)
            claims.Add(new Claim(HallClaim, hall.ToString()));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
