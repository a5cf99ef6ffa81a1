using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests.ScaleOut;

/// <summary>Two instances on one PostgreSQL and one Redis: each instance's /metrics tells its own story.</summary>
[Collection(ScaleOutCollection.Name)]
public sealed class TelemetryAcrossInstancesTests(ScaleOutFixture fixture) : IAsyncLifetime, IDisposable
{
    private readonly ShiftedTime time = ShiftedTime.At(new TimeOnly(10, 0));
    private LiveBoardApp a = null!, b = null!;

    public async Task InitializeAsync()
    {
        var settings = ScaleOutSettings.For(await fixture.Postgres.CreateDatabaseAsync(), fixture.Redis);
        a = new LiveBoardApp(extra: settings, time: time);
        b = new LiveBoardApp(extra: settings, time: time);
        for (var attempt = 0; attempt < 100 && !(a.Services.GetRequiredService<ILiveBus>().IsConnected && b.Services.GetRequiredService<ILiveBus>().IsConnected); attempt++)
            await Task.Delay(100);
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

    [Fact]
    public async Task Events_committed_at_A_are_counted_by_As_writer_and_by_Bs_bus()
    {
        const string Redis = "liveboard_bus_route=\"redis\"", Journal = "liveboard_bus_route=\"journal\"", Local = "liveboard_bus_route=\"local\"";
        var beforeA = await Scrape.FromAsync(a.BaseAddress);
        var beforeB = await Scrape.FromAsync(b.BaseAddress);
        using var device = await a.DeviceClientAsync();

        long last = 0;
        for (var i = 0; i < 3; i++)
        {
            var e = new DoorCountedEvent { EventId = Guid.NewGuid().ToString(), OccurredAt = time.GetUtcNow(), Hall = "T11", In = 1 };
            var response = await LiveBoardApp.PostAsync(device, e);
            response.EnsureSuccessStatusCode();
            last = (long)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sequence"]!;
        }
        for (var attempt = 0; attempt < 100 && b.State.LastSequence < last; attempt++)
            await Task.Delay(100);
        Assert.True(b.State.LastSequence >= last, "B never saw A's events.");

        var afterA = await Scrape.FromAsync(a.BaseAddress);
        var afterB = await Scrape.FromAsync(b.BaseAddress);
        double Delta(Scrape after, Scrape before, string name, string? label = null) => after.Value(name, label) - before.Value(name, label);

        // A wrote them and handed each commit to its own live state.
        Assert.Equal(3, Delta(afterA, beforeA, "liveboard_ingest_events_total"));
        Assert.Equal(3, Delta(afterA, beforeA, "liveboard_bus_lag_seconds_count", Local));
        // B wrote nothing; it received them from Redis (or read them from the journal, whichever came first).
        Assert.Equal(0, Delta(afterB, beforeB, "liveboard_ingest_events_total"));
        Assert.Equal(0, Delta(afterB, beforeB, "liveboard_bus_lag_seconds_count", Local));
        Assert.True(Delta(afterB, beforeB, "liveboard_bus_lag_seconds_count", Redis) + Delta(afterB, beforeB, "liveboard_bus_lag_seconds_count", Journal) >= 1);
    }
}
