using System.Net;
using LiveBoard.Client.Account;
using LiveBoard.Server.Features.Accounts;
using LiveBoard.Testing;

namespace LiveBoard.IntegrationTests;

/// <summary>
/// Sessions end on the server's word: disabling an account, a new password or signing out renews
/// the security stamp, and a cookie made before (even a copy of it) stops working within
/// LiveBoard:Accounts:RevalidateEvery (10 s by default).
/// </summary>
public sealed class SessionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private LiveBoardApp App => fixture.App;

    private HttpClient Browser(CookieContainer? cookies = null) => SignInClient.Browser(App.BaseAddress, cookies);

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password) =>
        await SignInClient.PostAsync(client, await SignInClient.AntiforgeryTokenAsync(client), user, password);

    private static bool SentToSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("signin", StringComparison.Ordinal);

    /// <summary>Asks for the leaders' overview until the session is refused (the cookie is re-checked every 10 s); false if it never is.</summary>
    private static async Task<bool> RefusedWithinAsync(HttpClient client, TimeSpan limit)
    {
        for (var waited = TimeSpan.Zero; waited < limit; waited += TimeSpan.FromMilliseconds(500))
        {
            if (SentToSignIn(await client.GetAsync(new Uri("/rankings", UriKind.Relative))))
                return true;
            await Task.Delay(500);
        }
        return false;
    }

    [Fact]
    public async Task A_disabled_user_is_signed_out_within_seconds_and_cannot_sign_in_again()
    {
        await App.AccountsAsync(accounts => accounts.CreateAsync("disabletest", "Disable Test", "Right-password-1", UserRole.Leader));
        var laptop = Browser();
        Assert.False(SentToSignIn(await SignInAsync(laptop, "disabletest", "Right-password-1")));
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync(new Uri("/rankings", UriKind.Relative))).StatusCode);

        Assert.True(await App.AccountsAsync(accounts => accounts.SetDisabledAsync("disabletest", disabled: true)));

        Assert.True(await RefusedWithinAsync(laptop, TimeSpan.FromSeconds(30)), "The disabled user's session still opens pages 30 s later.");
        Assert.Contains("error=invalid", (await SignInAsync(Browser(), "disabletest", "Right-password-1")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        // Enabled again, the same password works.
        await App.AccountsAsync(accounts => accounts.SetDisabledAsync("disabletest", disabled: false));
        Assert.False(SentToSignIn(await SignInAsync(Browser(), "disabletest", "Right-password-1")));
    }

    [Fact]
    public async Task Signing_out_ends_a_copy_of_the_session_cookie_too()
    {
        await App.AccountsAsync(accounts => accounts.CreateAsync("signouttest", "Sign-out Test", "Right-password-1", UserRole.Leader));
        var cookies = new CookieContainer();
        var laptop = Browser(cookies);
        await SignInAsync(laptop, "signouttest", "Right-password-1");
        var copy = Browser();
        foreach (Cookie cookie in cookies.GetAllCookies())
            copy.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri("/rankings", UriKind.Relative))).StatusCode);

        var form = await laptop.GetStringAsync(new Uri("/rankings", UriKind.Relative));
        var token = SignInClient.TokenIn(form);
        var signedOut = await laptop.PostAsync(new Uri("/account/signout", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.True(SentToSignIn(signedOut));

        Assert.True(await RefusedWithinAsync(copy, TimeSpan.FromSeconds(30)), "A copy of the signed-out cookie still opens pages 30 s later.");
    }

    [Fact]
    public async Task A_password_against_the_rules_is_refused_with_Identitys_reasons()
    {
        var refused = await Assert.ThrowsAsync<AccountRefusedException>(() =>
            App.AccountsAsync(accounts => accounts.CreateAsync("weakpassword", "Weak", "password", UserRole.Leader)));
        Assert.Contains("PasswordTooShort", refused.Codes);
        Assert.Contains("PasswordRequiresUpper", refused.Codes);
        Assert.Contains("PasswordRequiresDigit", refused.Codes);
        // Generated passwords (first start, resets) always pass.
        for (var i = 0; i < 50; i++)
            await App.AccountsAsync(accounts => accounts.CreateAsync($"generated{i}", "Generated", AccountService.NewPassword(), UserRole.Leader));
    }
}
