using System.Net;
using System.Net.Http.Json;
using LiveBoard.Server.Data;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests;

/// <summary>Security headers on every answer, writes only from LiveBoard's own pages, forwarded headers only from the configured proxy, 400 for bad input in Development too.</summary>
public sealed class WebSecurityTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private LiveBoardApp App => fixture.App;

    private static HttpClient Browser(LiveBoardApp app) => SignInClient.Browser(app.BaseAddress);

    [Theory]
    [InlineData("/signin")]
    [InlineData("/r/nosuchcode")]
    [InlineData("/app.css")]
    [InlineData("/health/live")]
    [InlineData("/api/v1/halls")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var client = Browser(App);
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_walls_address_which_carries_its_key_is_never_sent_as_a_referrer()
    {
        using var client = Browser(App);
        var response = await client.GetAsync(new Uri("/wall?key=lbk_nope_nope", UriKind.Relative));
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task A_signed_in_change_posted_from_another_site_is_refused_and_from_LiveBoards_page_it_is_not()
    {
        using var client = Browser(App);
        var form = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        var signIn = new Dictionary<string, string> { ["__RequestVerificationToken"] = SignInClient.TokenIn(form), ["userName"] = "manager.t01", ["password"] = Server.Features.Accounts.AccountsModule.DemoPassword };

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/account/signin") { Content = new FormUrlEncodedContent(signIn) };
        forged.Headers.Add("Origin", "https://evil.example");
        var refused = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("cross-site", (await refused.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["code"].ToString());

        using var own = new HttpRequestMessage(HttpMethod.Post, "/account/signin") { Content = new FormUrlEncodedContent(signIn) };
        own.Headers.Add("Origin", App.BaseAddress.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(own)).StatusCode);

        // The alert actions' JSON API, with the session cookie, from another site.
        using var action = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts/1/actions") { Content = JsonContent.Create(new { action = "comment", note = "x", version = 0 }) };
        action.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(action)).StatusCode);
    }

    [Fact]
    public async Task Behind_the_configured_proxy_the_session_cookie_is_secure_and_ratings_count_each_citizen_apart()
    {
        using var app = new LiveBoardApp(extra: new Dictionary<string, string?>
        {
            ["LiveBoard:Proxies:KnownProxies:0"] = "127.0.0.1",
            ["LiveBoard:Proxies:KnownProxies:1"] = "::1",
            ["LiveBoard:Reviews:PerClientPerTenMinutes"] = "2",
        });
        try
        {
            using var client = Browser(app);
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            // The county's name for the server (HSTS is never sent for localhost).
            client.DefaultRequestHeaders.Host = "pingjia.qingxi.example";
            var signedIn = await SignInClient.PostAsync(client, await SignInClient.AntiforgeryTokenAsync(client), "leader", Server.Features.Accounts.AccountsModule.DemoPassword);
            Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("liveboard-session=", StringComparison.Ordinal) && cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
            Assert.Contains("max-age=31536000", signedIn.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);

            string code;
            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync())
                code = await db.Windows.Where(w => w.Hall!.Code == "T05").Select(w => w.ReviewCode).FirstAsync();
            async Task<HttpStatusCode> RateFromAsync(string citizen)
            {
                using var phone = Browser(app);
                phone.DefaultRequestHeaders.Add("X-Forwarded-For", citizen);
                var page = await phone.GetStringAsync(new Uri($"/r/{code}", UriKind.Relative));
                return (await phone.PostAsync(new Uri($"/r/{code}", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = SignInClient.TokenIn(page), ["eventId"] = Guid.NewGuid().ToString("N"), ["level"] = "5",
                }))).StatusCode;
            }
            Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], [await RateFromAsync("203.0.113.5"), await RateFromAsync("203.0.113.5"), await RateFromAsync("203.0.113.5")]);
            // Another citizen behind the same proxy has a limit of their own.
            Assert.Equal(HttpStatusCode.Redirect, await RateFromAsync("198.51.100.7"));
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    [Fact]
    public async Task Without_a_configured_proxy_forwarded_headers_are_not_believed()
    {
        using var client = Browser(App);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var signedIn = await SignInClient.PostAsync(client, await SignInClient.AntiforgeryTokenAsync(client), "leader", Server.Features.Accounts.AccountsModule.DemoPassword);
        Assert.DoesNotContain(signedIn.Headers.GetValues("Set-Cookie"), cookie => cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task In_Development_malformed_forms_and_json_are_the_clients_400_not_a_500()
    {
        using var app = new LiveBoardApp(environment: "Development");
        try
        {
            using var client = Browser(app);
            var token = await SignInClient.AntiforgeryTokenAsync(client);
            // The sign-in form without its fields.
            var noFields = await client.PostAsync(new Uri("/account/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.BadRequest, noFields.StatusCode);
            // An alert action whose body is not JSON, signed in.
            await SignInClient.PostAsync(client, token, "manager.t01", Server.Features.Accounts.AccountsModule.DemoPassword);
            var notJson = await client.PostAsync(new Uri("/api/v1/alerts/1/actions", UriKind.Relative), new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }
}
