using System.Net;
using System.Text.RegularExpressions;

namespace LiveBoard.Testing;

/// <summary>Signs in through the real form (antiforgery token and all), as a browser would.</summary>
public static partial class SignInClient
{
    /// <summary>Fetches the sign-in form from <paramref name="client"/>'s instance and returns its antiforgery token.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client) =>
        TokenIn(await client.GetStringAsync("signin"));

    /// <summary>The antiforgery token of the first form on a page (for a signed-in user: the sign-out form's).</summary>
    public static string TokenIn(string html) => AntiforgeryField().Match(html).Groups[1].Value;

    /// <summary>Posts the sign-in form; the cookie lands in the client's container.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string user, string password) =>
        client.PostAsync("account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = user, ["password"] = password, ["returnUrl"] = "/",
        }));

    /// <summary>A browser-like client: keeps cookies (in <paramref name="cookies"/> when given), does not follow redirects (tests read them).</summary>
    public static HttpClient Browser(Uri baseAddress, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new CookieContainer() }) { BaseAddress = baseAddress };

    /// <summary>A client signed in as <paramref name="user"/> (a demo user with the demo password unless given).</summary>
    public static async Task<HttpClient> ForAsync(Uri baseAddress, string user, string? password = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        (await PostAsync(client, await AntiforgeryTokenAsync(client), user, password ?? LiveBoard.Server.Features.Accounts.AccountsModule.DemoPassword)).EnsureSuccessStatusCode();
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
