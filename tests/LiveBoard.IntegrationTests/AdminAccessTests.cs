using System.Net;
using System.Net.Http.Headers;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Testing;

namespace LiveBoard.IntegrationTests;

/// <summary>
/// Who may open the administration's pages and endpoints: admins; the director reads the audit; every
/// other role, a stranger and a device key are refused — a page with the sign-in form or the
/// refusal page, an endpoint with 401 or 403. One table: every address against every caller.
/// </summary>
public sealed class AdminAccessTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private LiveBoardApp App => fixture.App;

    /// <summary>What a caller gets: the page or file, the sign-in form, the refusal page, or an endpoint's 401/403.</summary>
    private enum Answer
    {
        Opens,
        SignIn,
        Refused,
        Status401,
        Status403,
    }

    private static readonly string[] Pages = ["/admin", "/admin/organisation", "/admin/users", "/admin/displays", "/admin/calendar", "/admin/thresholds", "/admin/review-codes", "/admin/roster"];
    private static readonly string[] Endpoints = ["/api/v1/admin/organisation/template.xlsx", "/api/v1/admin/organisation/export.xlsx", "/api/v1/admin/organisation/export/staff.csv", "/api/v1/admin/calendar/2026.csv", "/api/v1/admin/roster/2026.csv"];
    private const string Audit = "/admin/audit";

    private static readonly string[] Callers = ["admin", "leader", "director", "manager.cty", "staff.t01", "anonymous", "display key", "sender key"];

    /// <summary>The table: what each caller gets at each address.</summary>
    private static Answer Expected(string caller, string address)
    {
        var api = address.StartsWith("/api", StringComparison.Ordinal);
        if (caller == "admin" || (caller == "director" && address == Audit))
            return Answer.Opens;
        if (caller is "anonymous" or "display key" or "sender key")
            return api ? Answer.Status401 : Answer.SignIn;
        return api ? Answer.Status403 : Answer.Refused;
    }

    private static Answer Got(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK => Answer.Opens,
        HttpStatusCode.Unauthorized => Answer.Status401,
        HttpStatusCode.Forbidden => Answer.Status403,
        HttpStatusCode.Redirect when response.Headers.Location!.OriginalString.Contains("/signin", StringComparison.Ordinal) => Answer.SignIn,
        HttpStatusCode.Redirect when response.Headers.Location!.OriginalString.Contains("/forbidden", StringComparison.Ordinal) => Answer.Refused,
        var other => throw new InvalidOperationException($"{other} {response.Headers.Location}"),
    };

    private async Task<HttpClient> ClientAsync(string caller)
    {
        var client = SignInClient.Browser(App.BaseAddress);
        switch (caller)
        {
            case "anonymous":
                break;
            case "display key" or "sender key":
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                    await App.DeviceKeyAsync(caller == "display key" ? DeviceRole.Display : DeviceRole.Sender));
                break;
            default:
                var password = caller == "admin"
                    ? (await App.AccountsAsync(accounts => accounts.ResetPasswordAsync("admin")))!
                    : Server.Features.Accounts.AccountsModule.DemoPassword;
                var signedIn = await SignInClient.PostAsync(client, await SignInClient.AntiforgeryTokenAsync(client), caller, password);
                Assert.DoesNotContain("signin", signedIn.Headers.Location?.OriginalString ?? "signin", StringComparison.Ordinal);
                break;
        }
        return client;
    }

    [Fact]
    public async Task Only_admins_open_the_administration_and_the_director_reads_the_audit()
    {
        var wrong = new List<string>();
        foreach (var caller in Callers)
        {
            using var client = await ClientAsync(caller);
            foreach (var address in Pages.Concat(Endpoints).Append(Audit))
            {
                var got = Got(await client.GetAsync(new Uri(address, UriKind.Relative)));
                if (got != Expected(caller, address))
                    wrong.Add($"{caller} at {address}: {got}, expected {Expected(caller, address)}");
            }
        }

        Assert.Empty(wrong);
    }
}
