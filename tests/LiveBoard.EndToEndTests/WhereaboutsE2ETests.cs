using LiveBoard.Server.Data;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveBoard.EndToEndTests;

public sealed class WhereaboutsE2ETests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_staff_member_marks_a_meeting_back_at_three_on_a_phone_and_the_board_shows_it_then_flags_it_overdue()
    {
        // The county clock reads 14:59:35: "back at 15:00" becomes overdue 25 seconds into the test.
        using var app = new LiveBoardApp(countyTime: new TimeOnly(14, 59, 35));
        int staffId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync())
            staffId = (await db.Users.SingleAsync(u => u.UserName == "staff.t01")).StaffId!.Value;

        var board = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await SignIn.AsAsync(board, app.BaseAddress, "manager.t01", "/halls/T01?culture=en");
        var card = board.GetByTestId($"staff-{staffId}");
        await Assertions.Expect(card).ToBeVisibleAsync();

        var phoneContext = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true });
        var phone = await phoneContext.NewPageAsync();
        await SignIn.AsAsync(phone, app.BaseAddress, "staff.t01", "/me?culture=en");
        await Circuit.LiveAsync(phone);
        await phone.GetByTestId("me-meeting").ClickAsync();
        await phone.Locator("input[data-testid=me-back], [data-testid=me-back] input").FillAsync("15:00");
        await phone.Locator("input[data-testid=me-note], [data-testid=me-note] input").FillAsync("局务会");
        await phone.GetByTestId("me-save").ClickAsync();

        await Assertions.Expect(card).ToContainTextAsync("Meeting", new() { Timeout = Wait.Live });
        await Assertions.Expect(card).ToContainTextAsync("局务会");
        await Assertions.Expect(card.GetByTestId("staff-back")).ToContainTextAsync("Back at 15:00");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-overdue", "false");

        await Assertions.Expect(card).ToHaveAttributeAsync("data-overdue", "true", new() { Timeout = 45_000 });
        await Assertions.Expect(card.GetByTestId("staff-back")).ToContainTextAsync("Overdue by");
        await phoneContext.DisposeAsync();
        app.DeleteData();
    }
}
