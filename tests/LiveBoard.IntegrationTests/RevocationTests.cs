using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LiveBoard.IntegrationTests;

/// <summary>
/// Issue 17, part 5: a revoked display key kept an open hub connection receiving. Now every connection
/// opened with the key is closed within seconds — when it is revoked in this process, and when another
/// process revokes it (the command line here; another instance in ScaleOut/RevocationAcrossInstancesTests).
/// </summary>
public sealed class RevocationTests(ITestOutputHelper output)
{
    /// <summary>Whether a hub client's connection ends within the limit (which only ends a broken run).</summary>
    public static async Task<bool> ClosedAsync(HubClient hub, TimeSpan limit)
    {
        using var wait = new CancellationTokenSource(limit);
        try
        {
            while (await hub.Pushes.WaitToReadAsync(wait.Token))
                hub.Pushes.TryRead(out _);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Revoking_a_key_closes_its_open_hub_connections_and_no_other()
    {
        using var app = new LiveBoardApp();
        try
        {
            var keys = app.Services.GetRequiredService<DeviceKeys>();
            var (revoked, revokedSecret) = await keys.CreateAsync("wall A", DeviceRole.Display, null);
            var (_, keptSecret) = await keys.CreateAsync("wall B", DeviceRole.Display, null);
            await using var first = await HubClient.ConnectAsync(app.BaseAddress, revokedSecret);
            await using var second = await HubClient.ConnectAsync(app.BaseAddress, revokedSecret);
            await using var kept = await HubClient.ConnectAsync(app.BaseAddress, keptSecret);
            foreach (var hub in new[] { first, second, kept })
                await hub.InvokeAsync("Join", "county", null);

            await keys.RevokeAsync(revoked.Id);

            var closed = new[] { await ClosedAsync(first, TimeSpan.FromSeconds(20)), await ClosedAsync(second, TimeSpan.FromSeconds(20)) };
            var keptClosed = await ClosedAsync(kept, TimeSpan.FromSeconds(3));
            // The one left open still receives.
            using var device = await app.DeviceClientAsync();
            (await LiveBoardApp.PostAsync(device, new DoorCountedEvent { EventId = Guid.NewGuid().ToString(), OccurredAt = app.Time.GetUtcNow(), Hall = "T03", In = 1 })).EnsureSuccessStatusCode();
            var received = await kept.Pushes.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
            // And the revoked key opens nothing new.
            var reconnect = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => HubClient.ConnectAsync(app.BaseAddress, revokedSecret));
            output.WriteLine($"connections with the revoked key closed: {closed.Count(c => c)} of {closed.Length}; with the other key: {(keptClosed ? 1 : 0)} of 1; a new connection with the revoked key: {reconnect.Message}");

            Assert.Equal(2, closed.Count(c => c));
            Assert.False(keptClosed);
            Assert.Equal("deltas", (string?)received["target"]);
            Assert.Contains("401", reconnect.Message, StringComparison.Ordinal);
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    [Fact]
    public async Task A_key_revoked_by_another_process_closes_the_connection_here_within_seconds()
    {
        using var app = new LiveBoardApp();
        try
        {
            var (key, secret) = await app.Services.GetRequiredService<DeviceKeys>().CreateAsync("wall", DeviceRole.Display, null);
            await using var hub = await HubClient.ConnectAsync(app.BaseAddress, secret);
            await hub.InvokeAsync("Join", "county", null);

            // The operator's command, a process of its own on the same database.
            var said = await ServerProcess.RunCommandAsync(app.DataFolder, "devices", "revoke", key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

            var closed = await ClosedAsync(hub, TimeSpan.FromSeconds(30));
            output.WriteLine($"the command said: {said}; the connection here closed: {closed}");
            Assert.Equal($"Device key {key.Id} revoked.", said);
            Assert.True(closed);
            Assert.Equal(0, app.Services.GetRequiredService<DeviceRevocations>().OpenWith(key.Id));
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }
}
