using LiveBoard.Server.Features.Accounts;
using Microsoft.Playwright;

namespace LiveBoard.EndToEndTests;

/// <summary>Signs a page in through the real form, as a person would.</summary>
public static class SignIn
{
    public static async Task AsAsync(IPage page, Uri baseAddress, string userName, string returnUrl = "/", string? password = null)
    {
        await page.GotoAsync($"{baseAddress}signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.Locator("input[name=userName]").FillAsync(userName);
        await page.Locator("input[name=password]").FillAsync(password ?? AccountsModule.DemoPassword);
        await page.Locator("form[data-testid=signin-form] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
    }
}
