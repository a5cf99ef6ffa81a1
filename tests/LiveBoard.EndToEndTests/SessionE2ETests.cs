using LiveBoard.Client.Account;
using LiveBoard.Testing;
using Microsoft.Playwright;

namespace LiveBoard.EndToEndTests;

public sealed class SessionE2ETests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task An_open_page_of_a_user_the_admin_disables_goes_to_the_sign_in_form_by_itself()
    {
        // Circuits are re-checked every 2 s here (10 s by default), so the test waits less.
        using var app = new LiveBoardApp(extra: new Dictionary<string, string?> { ["LiveBoard:Accounts:RevalidateEvery"] = "00:00:02" });
        await app.AccountsAsync(accounts => accounts.CreateAsync("wall.watcher", "Watcher", "Right-password-1", UserRole.Leader));
        var page = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await page.GotoAsync($"{app.BaseAddress}signin?returnUrl=%2F");
        await page.Locator("input[name=userName]").FillAsync("wall.watcher");
        await page.Locator("input[name=password]").FillAsync("Right-password-1");
        await page.Locator("form[data-testid=signin-form] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("county-clock")).ToBeVisibleAsync();
        await Circuit.LiveAsync(page);

        await app.AccountsAsync(accounts => accounts.SetDisabledAsync("wall.watcher", disabled: true));

        // No reload, no click: the open overview leaves for the sign-in form.
        await Assertions.Expect(page.GetByTestId("signin-form")).ToBeVisibleAsync(new() { Timeout = Wait.Live });
        app.DeleteData();
    }
}
