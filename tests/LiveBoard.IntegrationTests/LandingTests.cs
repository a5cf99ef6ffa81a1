using System.Net;
using LiveBoard.Server.Features.Accounts;
using LiveBoard.Testing;

namespace LiveBoard.IntegrationTests;

/// <summary>After signing in, each role lands where it works, or on the local page it asked for if it may open it.</summary>
public sealed class LandingTests(LandingTests.App fixture) : IClassFixture<LandingTests.App>
{
    public sealed class App : IDisposable
    {
        public LiveBoardApp Server { get; } = new(countyTime: new TimeOnly(10, 0));

        public void Dispose()
        {
            Server.Dispose();
            Server.DeleteData();
        }
    }

    [Theory]
    // Without a page asked for: where the role works.
    [InlineData("leader", null, "/")]
    [InlineData("director", null, "/")]
    [InlineData("manager.cty", null, "/halls/CTY")]
    [InlineData("manager.t01", null, "/halls/T01")]
    [InlineData("staff.t01", null, "/me")]
    // The overview is where the sign-in form sends everyone by default; only the county roles may open it.
    [InlineData("leader", "/", "/")]
    [InlineData("manager.t01", "/", "/halls/T01")]
    [InlineData("staff.t01", "/", "/me")]
    // A page the role may open wins, query and all.
    [InlineData("leader", "/rankings?period=month&date=2026-10", "/rankings?period=month&date=2026-10")]
    [InlineData("leader", "/halls/T05", "/halls/T05")]
    [InlineData("manager.t01", "/alerts", "/alerts")]
    [InlineData("manager.t01", "/reports", "/reports")]
    [InlineData("manager.t01", "/halls/t01/history", "/halls/t01/history")]
    [InlineData("staff.t01", "/halls/T01", "/halls/T01")]
    // One it may not open does not: a county page, another hall, an unknown hall.
    [InlineData("manager.t01", "/rankings", "/halls/T01")]
    [InlineData("manager.t01", "/halls/T02", "/halls/T01")]
    [InlineData("manager.t01", "/halls/T02/history", "/halls/T01")]
    [InlineData("leader", "/halls/NOPE", "/")]
    [InlineData("staff.t01", "/alerts", "/me")]
    [InlineData("staff.t01", "/qr", "/me")]
    // Not a page, or the account pages themselves.
    [InlineData("leader", "/no-such-page", "/")]
    [InlineData("leader", "/api/v1/halls", "/")]
    [InlineData("manager.t01", "/signin", "/halls/T01")]
    [InlineData("manager.t01", "/forbidden", "/halls/T01")]
    // Never another site.
    [InlineData("leader", "https://evil.example/", "/")]
    [InlineData("leader", "//evil.example/", "/")]
    [InlineData("leader", "/\\evil.example/", "/")]
    [InlineData("leader", "/\t/evil.example/", "/")]
    [InlineData("manager.t01", "https://evil.example/halls/T01", "/halls/T01")]
    public async Task Each_role_lands_where_it_works_unless_it_asked_for_a_page_it_may_open(string user, string? returnUrl, string landing)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = fixture.Server.BaseAddress };
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await SignInClient.AntiforgeryTokenAsync(client), ["userName"] = user, ["password"] = AccountsModule.DemoPassword,
        };
        if (returnUrl is not null)
            form["returnUrl"] = returnUrl;

        var response = await client.PostAsync("account/signin", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(landing, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_keeps_a_local_page_asked_for_and_drops_another_site()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = fixture.Server.BaseAddress };
        var token = await SignInClient.AntiforgeryTokenAsync(client);
        async Task<string?> FailAsync(string returnUrl) => (await client.PostAsync("account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = "leader", ["password"] = "wrong", ["returnUrl"] = returnUrl,
        }))).Headers.Location?.OriginalString;

        Assert.Equal("/signin?error=invalid&returnUrl=%2Frankings", await FailAsync("/rankings"));
        Assert.Equal("/signin?error=invalid", await FailAsync("//evil.example/"));
    }
}
