using LiveBoard.Server.Features.Accounts;
using LiveBoard.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveBoard.EndToEndTests;

/// <summary>Every demo role signs in, lands where it works, and can follow every link it is shown there.</summary>
public sealed class LandingE2ETests(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    [Fact]
    public async Task Each_role_lands_where_it_works_and_no_link_it_sees_there_is_refused()
    {
        using var app = new LiveBoardApp(countyTime: new TimeOnly(10, 0));
        var adminPassword = (await app.AccountsAsync(accounts => accounts.ResetPasswordAsync("admin")))!;
        var demo = AccountsModule.DemoPassword;
        (string User, string Password, string Landing, string Shows)[] roles =
        [
            ("leader", demo, "/", "county-waiting"),
            ("director", demo, "/", "county-waiting"),
            ("admin", adminPassword, "/admin", "admin-setup"),
            ("manager.cty", demo, "/halls/CTY", "hall-waiting"),
            ("manager.t01", demo, "/halls/T01", "hall-waiting"),
            ("staff.t01", demo, "/me", "me-save"),
        ];
        var problems = new List<string>();
        foreach (var role in roles)
        {
            await using var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            var page = await context.NewPageAsync();
            // The sign-in form as a person opens it: no page asked for.
            await page.GotoAsync($"{app.BaseAddress}signin");
            await page.Locator("input[name=userName]").FillAsync(role.User);
            await page.Locator("input[name=password]").FillAsync(role.Password);
            await page.Locator("form[data-testid=signin-form] button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));

            Assert.Equal(role.Landing, new Uri(page.Url).AbsolutePath);
            await Assertions.Expect(page.GetByTestId(role.Shows)).ToBeVisibleAsync();
            // The links visible while the page shows what it is for, in one snapshot: the circuit's
            // first render replaces the server-rendered page, and a board is briefly empty then.
            var links = await (await page.WaitForFunctionAsync("""
                shows => {
                    const marker = document.querySelector(`[data-testid="${shows}"]`);
                    if (!marker || !marker.checkVisibility()) return null;
                    const links = [...new Set([...document.querySelectorAll('a[href]')].filter(a => a.checkVisibility()).map(a => a.href))];
                    return links.length > 0 ? links : null;
                }
                """, role.Shows)).JsonValueAsync<string[]>();
            var started = System.Diagnostics.Stopwatch.StartNew();
            foreach (var link in links)
            {
                if (await FollowAsync(page, link) is { } problem)
                    problems.Add($"{role.User} on {role.Landing}: {link} {problem}");
            }
            output.WriteLine($"{role.User}: followed {links.Length} links in {started.Elapsed.TotalSeconds:F0} s");
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        app.DeleteData();
    }

    /// <summary>Null when the link opens a page that serves this user; else what went wrong.</summary>
    private static async Task<string?> FollowAsync(IPage page, string link)
    {
        if (new Uri(link).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
        {
            // A download (CSV): the browser would save it, so ask for it with the browser's cookies.
            var download = await page.Context.APIRequest.GetAsync(link);
            return download.Ok ? null : $"answered {download.Status}";
        }
        // The server renders the whole page (and any refusal) before the document is parsed.
        var response = await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        var path = new Uri(page.Url).AbsolutePath;
        if (response is null || response.Status >= 400)
            return $"answered {response?.Status}";
        if (path is "/forbidden" or "/signin")
            return $"went to {path}";
        // Pages that check access themselves (a hall's board) say so in the page.
        var refused = page.Locator("[data-testid=forbidden], [data-testid=hall-not-found], [data-testid=me-not-staff]");
        return await refused.CountAsync() > 0 ? $"showed {await refused.First.GetAttributeAsync("data-testid")}" : null;
    }
}
