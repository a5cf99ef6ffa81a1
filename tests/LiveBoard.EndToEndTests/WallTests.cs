using System.Text.RegularExpressions;
using LiveBoard.Client.Model;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveBoard.EndToEndTests;

public sealed partial class WallTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly Dictionary<string, string?> FastWall = new()
    {
        ["LiveBoard:Wall:RotationInterval"] = "00:00:03",
        ["LiveBoard:Wall:AlertDisplayTime"] = "00:00:05",
    };

    private static LiveBoardApp OpenHalls(string? dataFolder = null, int port = 0) =>
        new(dataFolder, FastWall, countyTime: new TimeOnly(10, 0), port: port);

    private static async Task PostAsync(LiveBoardApp app, HttpClient device, params IngestEvent[] events) =>
        (await LiveBoardApp.PostBatchAsync(device, events)).EnsureSuccessStatusCode();

    private static DoorCountedEvent Door(LiveBoardApp app, string hall, int people, TimeSpan ago = default) =>
        new() { EventId = Guid.NewGuid().ToString(), OccurredAt = app.Time.GetUtcNow() - ago, Hall = hall, In = people };

    [Fact]
    public async Task The_wall_updates_live_and_shows_a_stale_hall_as_stale()
    {
        using var app = OpenHalls();
        using var device = await app.DeviceClientAsync();
        await PostAsync(app, device, Door(app, "T05", 3, ago: TimeSpan.FromMinutes(15)), Door(app, "T06", 2));
        var wall = await WallPage.OpenAsync(browser.Chromium, app.BaseAddress, await app.DeviceKeyAsync(DeviceRole.Display), holdPage: 1);

        await Assertions.Expect(wall.Tile("T05")).ToHaveAttributeAsync("data-condition", "Stale");
        await Assertions.Expect(wall.Tile("T05").Locator("svg.tile-icon")).ToHaveCountAsync(1); // a shape beside the word
        await Assertions.Expect(wall.Tile("T05")).ToContainTextAsync("No data");
        await Assertions.Expect(wall.Tile("T06")).ToHaveAttributeAsync("data-condition", "Normal");

        await PostAsync(app, device,
            new TicketIssuedEvent { EventId = "w1", OccurredAt = app.Time.GetUtcNow(), Hall = "T05", Ticket = "A001", Business = "A" },
            new TicketIssuedEvent { EventId = "w2", OccurredAt = app.Time.GetUtcNow(), Hall = "T05", Ticket = "A002", Business = "A" });

        await Assertions.Expect(wall.Waiting).ToHaveTextAsync("2");
        await Assertions.Expect(wall.Tile("T05")).ToHaveAttributeAsync("data-condition", "Normal");
        app.DeleteData();
    }

    [Fact]
    public async Task Pages_rotate_and_a_bad_review_interrupts_the_rotation_then_it_resumes()
    {
        using var app = OpenHalls();
        using var device = await app.DeviceClientAsync();
        var wall = await WallPage.OpenAsync(browser.Chromium, app.BaseAddress, await app.DeviceKeyAsync(DeviceRole.Display));
        var first = await wall.CurrentPageAsync();
        await Assertions.Expect(wall.Wall).Not.ToHaveAttributeAsync("data-page", first.ToString(), new() { Timeout = Wait.Live });

        await PostAsync(app, device, new ReviewSubmittedEvent
        {
            EventId = "bad-1", OccurredAt = app.Time.GetUtcNow(), Hall = "T07", Window = 2, Level = 1,
            Tags = [ReviewTags.Impatient], Phone = "13700001234", Comment = "王五说太慢了",
        });

        await Assertions.Expect(wall.Alert).ToBeVisibleAsync(new() { Timeout = Wait.Live });
        await Assertions.Expect(wall.Alert).ToContainTextAsync("Window 2");
        await Assertions.Expect(wall.Alert).ToContainTextAsync("Very dissatisfied");
        var during = await wall.CurrentPageAsync();
        await Task.Delay(3_500); // longer than a rotation interval: the alert holds the screen
        Assert.Equal(during, await wall.CurrentPageAsync());
        await Assertions.Expect(wall.Alert).ToBeVisibleAsync();
        var text = await wall.Page.InnerTextAsync("body");
        Assert.DoesNotContain("13700001234", text, StringComparison.Ordinal);
        Assert.DoesNotContain("王五", text, StringComparison.Ordinal);

        await Assertions.Expect(wall.Alert).ToBeHiddenAsync(new() { Timeout = Wait.Live });
        await Assertions.Expect(wall.Wall).Not.ToHaveAttributeAsync("data-page", during.ToString(), new() { Timeout = Wait.Live });
        app.DeleteData();
    }

    [Fact]
    public async Task The_wall_reconnects_by_itself_after_the_server_restarts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "liveboard-tests", Guid.NewGuid().ToString("N"));
        var port = LiveBoardApp.FreePort();
        try
        {
            var key = await ServerProcess.RunCommandAsync(folder, "devices", "add", "wall", "display");
            var time = ShiftedTime.At(new TimeOnly(10, 0));
            using var first = await ServerProcess.StartAsync(folder, port, time: time);
            var wall = await WallPage.OpenAsync(browser.Chromium, first.BaseAddress, key, holdPage: 1);
            await Assertions.Expect(wall.ReconnectBanner).ToBeHiddenAsync();

            first.Kill();
            await Assertions.Expect(wall.ReconnectBanner).ToBeVisibleAsync(new() { Timeout = Wait.Live });
            await Assertions.Expect(wall.ReconnectBanner).ToContainTextAsync("not live");

            using var second = await ServerProcess.StartAsync(folder, port, time: time);
            await Assertions.Expect(wall.ReconnectBanner).ToBeHiddenAsync(new() { Timeout = 30_000 });
            // Live again: the county clock, pushed by the server each second, moves.
            var clock = await wall.Page.GetByTestId("wall-clock").InnerTextAsync();
            await Assertions.Expect(wall.Page.GetByTestId("wall-clock")).Not.ToHaveTextAsync(clock, new() { Timeout = Wait.Live });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_wall_speaks_chinese_from_its_url_and_refuses_a_revoked_key()
    {
        // The server's own threads (the ingest writer among them) run in the machine's culture, as
        // on an English-language server; the wall must still speak the language of its URL.
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        using var app = OpenHalls();
        var keys = app.Services.GetRequiredService<DeviceKeys>();
        var (record, key) = await keys.CreateAsync("wall", DeviceRole.Display, null);
        var wall = await WallPage.OpenAsync(browser.Chromium, app.BaseAddress, key, culture: "zh-CN", holdPage: 1);
        // Judge renders caused by events (they start on the ingest path), not the prerendered
        // page: record the culture of every render, since a later clock tick would hide a flicker.
        await wall.Page.EvaluateAsync(@"() => {
            window.culturesSeen = [];
            new MutationObserver(() => window.culturesSeen.push(document.querySelector('[data-testid=wall]').dataset.culture))
                .observe(document.querySelector('[data-testid=wall]'), { subtree: true, childList: true, characterData: true, attributes: true });
        }");
        using var device = await app.DeviceClientAsync();
        await PostAsync(app, device, new TicketIssuedEvent { EventId = "zh-1", OccurredAt = app.Time.GetUtcNow(), Hall = "T01", Ticket = "A001", Business = "A" });
        await Assertions.Expect(wall.Waiting).ToHaveTextAsync("1");
        var seen = await wall.Page.EvaluateAsync<string[]>("() => window.culturesSeen");
        Assert.NotEmpty(seen);
        Assert.All(seen, culture => Assert.Equal("zh-CN", culture));

        await Assertions.Expect(wall.Page.Locator(".wall-title")).ToHaveTextAsync("清溪县政务服务实时监控");
        await Assertions.Expect(wall.Tile("T01")).ToContainTextAsync("城关镇");
        await Assertions.Expect(wall.Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        Assert.Matches(DateInChinese(), await wall.Page.Locator(".wall-date").InnerTextAsync());

        await keys.RevokeAsync(record.Id);
        var again = await browser.Chromium.NewPageAsync();
        await again.GotoAsync($"{app.BaseAddress}wall?key={Uri.EscapeDataString(key)}");
        await Assertions.Expect(again.GetByTestId("wall-denied")).ToBeVisibleAsync();
        Assert.Equal(0, await again.GetByTestId("wall").CountAsync());
        app.DeleteData();
    }

    [Fact]
    public async Task An_open_wall_and_hall_board_blank_within_seconds_when_their_key_is_revoked()
    {
        using var app = OpenHalls();
        var keys = app.Services.GetRequiredService<DeviceKeys>();
        var revocations = app.Services.GetRequiredService<DeviceRevocations>();
        var (wallKey, wallSecret) = await keys.CreateAsync("wall to revoke", DeviceRole.Display, null);
        var (otherKey, otherSecret) = await keys.CreateAsync("wall that stays", DeviceRole.Display, null);
        var t01 = app.Services.GetRequiredService<ReferenceData>().HallByCode("T01")!.Id;
        var (boardKey, boardSecret) = await keys.CreateAsync("T01 hall screen", DeviceRole.Display, t01);
        var wall = await WallPage.OpenAsync(browser.Chromium, app.BaseAddress, wallSecret, holdPage: 1);
        var other = await WallPage.OpenAsync(browser.Chromium, app.BaseAddress, otherSecret, holdPage: 1);
        var board = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        await board.GotoAsync($"{app.BaseAddress}halls/T01?key={Uri.EscapeDataString(boardSecret)}&culture=en");
        await Circuit.LiveAsync(board);
        await Assertions.Expect(board.GetByTestId("hall-clock")).ToBeVisibleAsync();
        // Each open page (its circuit) watches its key.
        Assert.Equal((1, 1, 1), (revocations.OpenWith(wallKey.Id), revocations.OpenWith(otherKey.Id), revocations.OpenWith(boardKey.Id)));

        await keys.RevokeAsync(wallKey.Id);
        await keys.RevokeAsync(boardKey.Id);

        // Blank, with the reason, in seconds (the limit only ends a broken run); the other wall goes on.
        var denied = wall.Page.GetByTestId("wall-denied");
        await Assertions.Expect(denied).ToHaveAttributeAsync("data-reason", "revoked", new() { Timeout = Wait.Live });
        await Assertions.Expect(denied).ToHaveTextAsync("This display's key was revoked.");
        Assert.Equal(0, await wall.Page.GetByTestId("wall").CountAsync());
        await Assertions.Expect(board.GetByTestId("display-revoked")).ToHaveTextAsync("This display's key was revoked.", new() { Timeout = Wait.Live });
        Assert.Equal(0, await board.GetByTestId("hall-clock").CountAsync());
        await Assertions.Expect(other.Wall).ToBeVisibleAsync();
        Assert.Equal((0, 1, 0), (revocations.OpenWith(wallKey.Id), revocations.OpenWith(otherKey.Id), revocations.OpenWith(boardKey.Id)));
        app.DeleteData();
    }

    [GeneratedRegex(@"^\d{4}年\d{1,2}月\d{1,2}日 星期.$")]
    private static partial Regex DateInChinese();
}
