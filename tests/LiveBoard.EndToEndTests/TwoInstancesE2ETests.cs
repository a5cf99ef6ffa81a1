using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;
using Microsoft.Playwright;

namespace LiveBoard.EndToEndTests;

/// <summary>
/// Two real server processes on one PostgreSQL database and one Redis: a wall and a hub client on B
/// follow what a device reports to A, with nothing missing or repeated across two Redis kills.
/// </summary>
public sealed class TwoInstancesE2ETests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_wall_on_instance_B_shows_what_was_reported_to_instance_A_across_a_Redis_restart()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var postgres = await PostgresServer.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "liveboard-tests", Guid.NewGuid().ToString("N")); // unused: the data is in PostgreSQL
        var settings = ScaleOutSettings.For(await postgres.CreateDatabaseAsync(), redis);
        // One county clock for both processes: 10:00 on a working day, halls open, whatever the hour the suite runs at.
        var time = ShiftedTime.At(new TimeOnly(10, 0));
        using var a = await ServerProcess.StartAsync(folder, LiveBoardApp.FreePort(), settings, time);
        using var b = await ServerProcess.StartAsync(folder, LiveBoardApp.FreePort(), settings, time);
        var wallKey = await ServerProcess.RunCommandAsync(folder, settings, "devices", "add", "wall", "display");
        var senderKey = await ServerProcess.RunCommandAsync(folder, settings, "devices", "add", "queue", "sender");
        using var device = new HttpClient { BaseAddress = a.BaseAddress };
        device.DefaultRequestHeaders.Authorization = new("Bearer", senderKey);

        var wall = await WallPage.OpenAsync(browser.Chromium, b.BaseAddress, wallKey, holdPage: 1);
        await using var hub = await HubClient.ConnectAsync(b.BaseAddress, wallKey);
        await hub.InvokeAsync("Join", "CTY", null);
        var waiting = int.Parse(await wall.Waiting.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        TicketIssuedEvent Issued(int n) => new() { EventId = $"A{n}", OccurredAt = time.GetUtcNow(), Hall = "CTY", Ticket = $"A{n}", Business = "A" };

        (await LiveBoardApp.PostBatchAsync(device, Issued(901), Issued(902))).EnsureSuccessStatusCode();
        await Assertions.Expect(wall.Waiting).ToHaveTextAsync($"{waiting + 2}", new() { Timeout = Wait.Live });

        // A stream of tickets at A; Redis is killed a third of the way and comes back at two thirds.
        var acked = new List<long>();
        for (var n = 1000; n < 1060; n++)
        {
            if (n == 1020)
                redis.Kill();
            if (n == 1040)
                await redis.StartAgainAsync();
            var response = await LiveBoardApp.PostAsync(device, Issued(n));
            response.EnsureSuccessStatusCode();
            acked.Add((long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["sequence"]!);
            await Task.Delay(20);
        }
        redis.Kill();
        (await LiveBoardApp.PostAsync(device, Issued(1100))).EnsureSuccessStatusCode();
        await redis.StartAgainAsync();
        // Nothing else happens after this restart: B must find the last ticket in the journal by itself.
        await Assertions.Expect(wall.Waiting).ToHaveTextAsync($"{waiting + 63}", new() { Timeout = Wait.Live });
        await Assertions.Expect(wall.ReconnectBanner).ToBeHiddenAsync();

        // The hub client on B got every ticket of the stream once, in order (the first two, then the stream, then the last).
        var received = new List<long>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (received.Count < 63)
        {
            var push = await hub.Pushes.ReadAsync(timeout.Token);
            if ((string?)push["target"] == "deltas")
                received.AddRange(push["arguments"]![0]!.AsArray().Select(d => (long)d!["seq"]!));
        }
        Assert.Equal(acked, received.Skip(2).Take(60));
        Assert.Equal(received.Count, received.Distinct().Count());
    }
}
