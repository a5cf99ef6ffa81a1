using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LiveBoard.Server.Features.Accounts;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests.ScaleOut;

/// <summary>
/// Two instances on one PostgreSQL database and one Redis, as behind a load balancer: what one
/// accepts, the other shows; a Redis outage loses and repeats nothing; sign-in works on either.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class TwoInstancesTests(ScaleOutFixture fixture) : IAsyncLifetime, IDisposable
{
    // One clock for both instances, as two servers synchronised by NTP share one.
    private readonly ShiftedTime time = ShiftedTime.At(new TimeOnly(10, 0));
    private LiveBoardApp a = null!, b = null!;

    public async Task InitializeAsync()
    {
        var settings = ScaleOutSettings.For(await fixture.Postgres.CreateDatabaseAsync(), fixture.Redis);
        // One after the other, as a deployment does: the first creates the schema and the demo county.
        a = new LiveBoardApp(extra: settings, time: time);
        b = new LiveBoardApp(extra: settings, time: time);
        await WaitUntilAsync(() => Task.FromResult(a.Services.GetRequiredService<ILiveBus>().IsConnected && b.Services.GetRequiredService<ILiveBus>().IsConnected));
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        a?.Dispose();
        b?.Dispose();
    }

    private DoorCountedEvent Door(int i) => new() { EventId = $"door-{i}", OccurredAt = time.GetUtcNow(), Hall = "T09", In = 1 };

    [Fact]
    public async Task Events_accepted_at_A_reach_a_hub_client_at_B_once_each_and_in_order_even_when_Redis_dies_mid_stream()
    {
        await using var hub = await HubClient.ConnectAsync(b.BaseAddress, await b.DeviceKeyAsync(DeviceRole.Display));
        await hub.InvokeAsync("Join", "T09", null);
        using var device = await a.DeviceClientAsync();
        using var health = new HttpClient { BaseAddress = b.BaseAddress };

        var acked = new List<long>();
        for (var i = 0; i < 150; i++)
        {
            if (i == 50)
            {
                fixture.Redis.Kill();
                // B says it is degraded while it cannot hear the others through Redis, and stays ready:
                // it serves, and reads the others' events from the journal.
                await WaitUntilAsync(async () => await ReadinessAsync(health) == (HttpStatusCode.OK, "Degraded"));
            }
            if (i == 100)
                await fixture.Redis.StartAgainAsync();
            var response = await LiveBoardApp.PostAsync(device, Door(i));
            response.EnsureSuccessStatusCode();
            acked.Add((long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["sequence"]!);
            await Task.Delay(10);
        }

        var received = new List<long>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (received.Count < acked.Count)
        {
            var push = await hub.Pushes.ReadAsync(timeout.Token);
            if ((string?)push["target"] == "deltas")
                received.AddRange(push["arguments"]![0]!.AsArray().Select(d => (long)d!["seq"]!));
        }
        Assert.Equal(acked, received);
        Assert.Equal(a.State.County().Sequence, b.State.County().Sequence);
        var hall = a.Services.GetRequiredService<ReferenceData>().HallByCode("T09")!.Id;
        Assert.Equal(a.State.Hall(hall)!.InHall, b.State.Hall(hall)!.InHall);
        await WaitUntilAsync(async () => await ReadinessAsync(health) == (HttpStatusCode.OK, "Healthy"));
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/health/live")).StatusCode);
    }

    private static async Task<(HttpStatusCode, string?)> ReadinessAsync(HttpClient health)
    {
        var response = await health.GetAsync("/health/ready");
        return (response.StatusCode, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]);
    }

    [Fact]
    public async Task Each_instance_validates_against_what_the_other_accepted()
    {
        using var atA = await a.DeviceClientAsync();
        using var atB = new HttpClient { BaseAddress = b.BaseAddress };
        atB.DefaultRequestHeaders.Authorization = atA.DefaultRequestHeaders.Authorization;
        var now = time.GetUtcNow();
        var issued = new TicketIssuedEvent { EventId = "issue-B900", OccurredAt = now, Hall = "CTY", Ticket = "B900", Business = "B" };

        (await LiveBoardApp.PostAsync(atA, issued)).EnsureSuccessStatusCode();
        // The same device retrying at the other instance: recognised, stored once.
        Assert.True((bool)(await (await LiveBoardApp.PostAsync(atB, issued)).Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!);
        // The other instance knows the ticket: it may be called there, and not issued again.
        (await LiveBoardApp.PostAsync(atB, new TicketCalledEvent { EventId = "call-B900", OccurredAt = now, Hall = "CTY", Ticket = "B900", Window = 5 })).EnsureSuccessStatusCode();
        var again = await LiveBoardApp.PostAsync(atB, issued with { EventId = "issue-B900-again" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        await WaitUntilAsync(() => Task.FromResult(a.State.County().InService == 1 && b.State.County().InService == 1));
    }

    [Fact]
    public async Task A_sign_in_form_from_A_posts_to_B_and_the_cookie_works_on_both()
    {
        var cookies = new CookieContainer(); // cookies are per host, not per port: one browser, two instances
        using var toA = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = a.BaseAddress };
        using var toB = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = b.BaseAddress };
        var token = await SignInClient.AntiforgeryTokenAsync(toA);
        var signIn = await SignInClient.PostAsync(toB, token, "leader", AccountsModule.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await toA.GetAsync("/api/v1/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await toB.GetAsync("/api/v1/alerts")).StatusCode);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await condition())
                return;
            await Task.Delay(100);
        }
        Assert.Fail("The condition did not hold within 10 seconds.");
    }
}
