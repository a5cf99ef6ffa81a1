using LiveBoard.Server.Features.Devices;
using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LiveBoard.IntegrationTests.ScaleOut;

/// <summary>Issue 17, part 5, across instances: a key revoked on A closes its hub connection on B (the revoked keys are read from the shared database).</summary>
[Collection(ScaleOutCollection.Name)]
public sealed class RevocationAcrossInstancesTests(ScaleOutFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_key_revoked_on_one_instance_closes_its_connections_on_the_other()
    {
        var settings = ScaleOutSettings.For(await fixture.Postgres.CreateDatabaseAsync(), fixture.Redis);
        var time = ShiftedTime.At(new TimeOnly(10, 0));
        using var a = new LiveBoardApp(extra: settings, time: time);
        using var b = new LiveBoardApp(extra: settings, time: time);
        var (key, secret) = await a.Services.GetRequiredService<DeviceKeys>().CreateAsync("wall on B", DeviceRole.Display, null);
        var (_, otherSecret) = await a.Services.GetRequiredService<DeviceKeys>().CreateAsync("wall that stays", DeviceRole.Display, null);
        await using var onB = await HubClient.ConnectAsync(b.BaseAddress, secret);
        await using var otherOnB = await HubClient.ConnectAsync(b.BaseAddress, otherSecret);
        await onB.InvokeAsync("Join", "county", null);
        await otherOnB.InvokeAsync("Join", "county", null);

        await a.Services.GetRequiredService<DeviceKeys>().RevokeAsync(key.Id);

        var closed = await RevocationTests.ClosedAsync(onB, TimeSpan.FromSeconds(30));
        var otherClosed = await RevocationTests.ClosedAsync(otherOnB, TimeSpan.FromSeconds(3));
        var reconnect = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => HubClient.ConnectAsync(b.BaseAddress, secret));
        output.WriteLine($"revoked on A: the connection on B closed {(closed ? 1 : 0)} of 1; the other key's {(otherClosed ? 1 : 0)} of 1; reconnecting to B: {reconnect.Message}");
        Assert.True(closed);
        Assert.False(otherClosed);
        Assert.Contains("401", reconnect.Message, StringComparison.Ordinal);
        Assert.Equal(0, b.Services.GetRequiredService<DeviceRevocations>().OpenWith(key.Id));
    }
}
