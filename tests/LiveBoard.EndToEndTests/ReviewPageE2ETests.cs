using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveBoard.EndToEndTests;

public sealed class ReviewPageE2ETests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_citizen_rates_a_window_on_a_phone_and_the_wall_shows_it_a_moment_later()
    {
        using var app = new LiveBoardApp(countyTime: new TimeOnly(10, 0));
        string code;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync())
            code = await db.Windows.Where(w => w.Hall!.Code == "T06" && w.Number == 2).Select(w => w.ReviewCode).SingleAsync();
        var wall = await WallPage.OpenAsync(browser.Chromium, app.BaseAddress, await app.DeviceKeyAsync(DeviceRole.Display), culture: "zh-CN", holdPage: 1);

        // A cheap phone: 360×640, no JavaScript needed by the page.
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 640 }, JavaScriptEnabled = false, IsMobile = true });
        var phone = await context.NewPageAsync();
        await phone.GotoAsync($"{app.BaseAddress}r/{code}");
        await Assertions.Expect(phone.Locator("h1")).ToContainTextAsync("2号窗口");
        await phone.Locator("input[name=level][value='2']").CheckAsync();
        await phone.Locator("form[data-testid=review-form] button[type=submit]").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("review-errors")).ToContainTextAsync("至少勾选一项");
        Assert.True(await phone.Locator("input[name=level][value='2']").IsCheckedAsync()); // nothing the citizen chose is lost

        await phone.Locator("input[name=tags][value=Impatient]").CheckAsync();
        await phone.Locator("textarea[name=comment]").FillAsync("态度不太好");
        await phone.Locator("input[name=phone]").FillAsync("13600001111");
        await phone.Locator("form[data-testid=review-form] button[type=submit]").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("review-thanks")).ToBeVisibleAsync();

        await Assertions.Expect(wall.Alert).ToBeVisibleAsync(new() { Timeout = Wait.Live });
        await Assertions.Expect(wall.Alert).ToContainTextAsync("2号窗口");
        await Assertions.Expect(wall.Alert).ToContainTextAsync("态度不耐烦");
        var wallText = await wall.Page.InnerTextAsync("body");
        Assert.DoesNotContain("13600001111", wallText, StringComparison.Ordinal);
        Assert.DoesNotContain("态度不太好", wallText, StringComparison.Ordinal);
        await context.DisposeAsync();
        app.DeleteData();
    }

    [Fact]
    public async Task A_hall_manager_prints_a_qr_card_for_every_window_of_their_hall()
    {
        using var app = new LiveBoardApp();
        var page = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await SignIn.AsAsync(page, app.BaseAddress, "manager.t01", "/qr?culture=en");

        var cards = page.GetByTestId("qr-cards").Locator(".qr-card");
        await Assertions.Expect(cards).ToHaveCountAsync(7);
        await Assertions.Expect(cards.First.Locator("svg")).ToBeVisibleAsync();
        await Assertions.Expect(cards.First.Locator(".qr-url")).ToContainTextAsync("/r/");
        await Circuit.LiveAsync(page);
        await page.GetByTestId("qr-hall").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(1); // their hall only
        app.DeleteData();
    }
}
