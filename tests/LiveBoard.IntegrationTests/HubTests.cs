using System.Text.Json.Nodes;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests;

public sealed class HubTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private LiveBoardApp App => fixture.App;

    private DoorCountedEvent Door(string hall, int people) =>
        new() { EventId = Guid.NewGuid().ToString(), OccurredAt = App.Time.GetUtcNow(), Hall = hall, In = people };

    private static async Task<List<JsonObject>> NextDeltasAsync(HubClient hub, int count)
    {
        var deltas = new List<JsonObject>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (deltas.Count < count)
        {
            var push = await hub.Pushes.ReadAsync(timeout.Token);
            if ((string?)push["target"] == "deltas")
                deltas.AddRange(push["arguments"]![0]!.AsArray().Select(d => d!.AsObject()));
        }
        return deltas;
    }

    [Fact]
    public async Task A_client_gets_a_snapshot_then_ordered_deltas_then_resumes_without_gaps_or_repeats()
    {
        var key = await App.DeviceKeyAsync(DeviceRole.Display);
        using var device = await App.DeviceClientAsync();
        long lastSeen;

        await using (var hub = await HubClient.ConnectAsync(App.BaseAddress, key))
        {
            var joined = (await hub.InvokeAsync("Join", "T09", null))!;
            Assert.Equal("T09", (string?)joined["hall"]!["code"]);
            var snapshotSequence = (long)joined["sequence"]!;

            (await LiveBoardApp.PostAsync(device, Door("T09", 2))).EnsureSuccessStatusCode();
            (await LiveBoardApp.PostAsync(device, Door("T10", 5))).EnsureSuccessStatusCode(); // another hall: not for this client
            (await LiveBoardApp.PostAsync(device, Door("T09", 3))).EnsureSuccessStatusCode();

            var deltas = await NextDeltasAsync(hub, 2);
            Assert.Equal([2, 3], deltas.Select(d => (int)d["in"]!));
            Assert.All(deltas, d => Assert.Equal("T09", (string?)d["hall"]));
            Assert.True((long)deltas[0]["seq"]! > snapshotSequence);
            Assert.True((long)deltas[1]["seq"]! > (long)deltas[0]["seq"]!);
            lastSeen = (long)deltas[1]["seq"]!;
        }

        // While disconnected, two more events for the hall happen.
        (await LiveBoardApp.PostAsync(device, Door("T09", 7))).EnsureSuccessStatusCode();
        (await LiveBoardApp.PostAsync(device, Door("T09", 11))).EnsureSuccessStatusCode();

        await using var again = await HubClient.ConnectAsync(App.BaseAddress, key);
        var resumed = (await again.InvokeAsync("Join", "T09", lastSeen))!;
        var missed = resumed["deltas"]!.AsArray();
        Assert.Equal([7, 11], missed.Select(d => (int)d!["in"]!));
        Assert.Null(resumed["hall"]);
    }

    [Fact]
    public async Task Review_deltas_carry_no_comment_and_no_phone()
    {
        await using var hub = await HubClient.ConnectAsync(App.BaseAddress, await App.DeviceKeyAsync(DeviceRole.Display));
        await hub.InvokeAsync("Join", "county", null);
        using var device = await App.DeviceClientAsync();

        (await LiveBoardApp.PostAsync(device, new ReviewSubmittedEvent
        {
            EventId = Guid.NewGuid().ToString(), OccurredAt = App.Time.GetUtcNow(), Hall = "T11", Window = 1, Level = 1,
            Tags = [Client.Model.ReviewTags.Indifferent], Phone = "13800001111", Comment = "张三 13800001111",
        })).EnsureSuccessStatusCode();

        JsonObject review;
        do
            review = (await NextDeltasAsync(hub, 1))[^1];
        while ((string?)review["type"] != "review.submitted");
        Assert.Equal("very-dissatisfied", (string?)review["level"]);
        Assert.DoesNotContain("13800001111", review.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("张三", review.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hub_needs_a_display_key_and_a_hall_key_stays_in_its_hall()
    {
        // Without a key the hub answers 401 to the WebSocket upgrade.
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => HubClient.ConnectAsync(App.BaseAddress, key: null));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);

        var hallKey = await App.Services.GetRequiredService<DeviceKeys>().CreateAsync("T12 screen", DeviceRole.Display, App.State.County().Halls.Single(h => h.Code == "T12").HallId);
        await using var hub = await HubClient.ConnectAsync(App.BaseAddress, hallKey.Secret);
        Assert.NotNull(await hub.InvokeAsync("Join", "T12", null));
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => hub.InvokeAsync("Join", "county", null));
    }
}
