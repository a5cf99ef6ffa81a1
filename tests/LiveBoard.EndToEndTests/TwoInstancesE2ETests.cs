using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;
using Microsoft.Playwright;

namespace LiveBoard.EndToEndTests;

/// <summary>
/// Two real server processes on one PostgreSQL database and one Redis: a wall open on B moves
/// when a device reports to A, and keeps moving across a Redis restart.
/// </summary>
public sealed class TwoInstancesE2ETests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_wall_on_instance_B_shows_what_was_reported_to_instance_A_across_a_Redis_restart()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var postgres = await PostgresServer.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "liveboard-tests", Guid.NewGuid().ToString("N")); // unused: the data is in PostgreSQL
        var settings = new Dictionary<string, string>
        {
            ["LiveBoard:Database:Provider"] = "PostgreSQL",
            ["LiveBoard:Database:ConnectionString"] = await postgres.CreateDatabaseAsync(),
            ["LiveBoard:Redis"] = redis.Setting,
        };
        using var a = await ServerProcess.StartAsync(folder, LiveBoardApp.FreePort(), settings);
        using var b = await ServerProcess.StartAsync(folder, LiveBoardApp.FreePort(), settings);
        var wallKey = await ServerProcess.RunCommandAsync(folder, settings, "devices", "add", "wall", "display");
        var senderKey = await ServerProcess.RunCommandAsync(folder, settings, "devices", "add", "queue", "sender");
        using var device = new HttpClient { BaseAddress = a.BaseAddress };
        device.DefaultRequestHeaders.Authorization = new("Bearer", senderKey);

        var wall = await WallPage.OpenAsync(browser.Chromium, b.BaseAddress, wallKey, holdPage: 1);
        var waiting = int.Parse(await wall.Waiting.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        TicketIssuedEvent Issued(string ticket) => new() { EventId = ticket, OccurredAt = DateTimeOffset.Now, Hall = "CTY", Ticket = ticket, Business = "A" };

        (await LiveBoardApp.PostBatchAsync(device, Issued("A901"), Issued("A902"))).EnsureSuccessStatusCode();
        await Assertions.Expect(wall.Waiting).ToHaveTextAsync($"{waiting + 2}", new() { Timeout = 5_000 });

        redis.Kill();
        (await LiveBoardApp.PostBatchAsync(device, Issued("A903"))).EnsureSuccessStatusCode();
        await redis.StartAgainAsync();
        // Nothing else happens after the restart: B must find A903 in the journal by itself.
        await Assertions.Expect(wall.Waiting).ToHaveTextAsync($"{waiting + 3}", new() { Timeout = 5_000 });
        await Assertions.Expect(wall.ReconnectBanner).ToBeHiddenAsync();
    }
}
