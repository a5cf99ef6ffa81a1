using System.Security.Claims;
using LiveBoard.Client.Admin;
using LiveBoard.Client.Model;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests.ScaleOut;

/// <summary>
/// A change to the organisation made on one instance is live on the other within seconds, without a
/// restart (decision 0016): its validation, its live picture and its hub clients follow.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class OrganisationAcrossInstancesTests(ScaleOutFixture fixture) : IAsyncLifetime, IDisposable
{
    private readonly ShiftedTime time = ShiftedTime.At(new TimeOnly(10, 0));
    private LiveBoardApp a = null!, b = null!;

    private static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, "Admin")], "test"));

    public async Task InitializeAsync()
    {
        var settings = ScaleOutSettings.For(await fixture.Postgres.CreateDatabaseAsync(), fixture.Redis);
        a = new LiveBoardApp(extra: settings, time: time);
        b = new LiveBoardApp(extra: settings, time: time);
        await WaitUntilAsync(() => a.Services.GetRequiredService<ILiveBus>().IsConnected && b.Services.GetRequiredService<ILiveBus>().IsConnected);
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

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "Not within 20 s.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_hall_added_at_A_is_validated_drawn_and_announced_at_B_and_deactivated_at_B_it_leaves_A()
    {
        await using var hub = await HubClient.ConnectAsync(b.BaseAddress, await b.DeviceKeyAsync(DeviceRole.Display));
        await hub.InvokeAsync("Join", "county", null);
        var hall = new HallRow("T41", "新华镇便民服务中心", "Xinhua Township Service Hall", HallKind.Township, 40);
        var week = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new HoursRow("T41", d, new TimeOnly(8, 30), new TimeOnly(17, 30))).ToList();
        var atA = a.Services.GetRequiredService<IOrganisationAdmin>();

        Assert.True((await atA.SaveHallAsync(Admin, hall, week)).Applied);
        Assert.True((await atA.SaveWindowAsync(Admin, new WindowRow("T41", 1, "A", "", ""))).Applied);

        await WaitUntilAsync(() => b.State.County().Halls.Any(h => h.Code == "T41" && h.WindowCount == 1));
        Assert.NotNull(b.Services.GetRequiredService<ReferenceData>().HallByCode("T41"));
        using var device = await b.DeviceClientAsync();
        (await LiveBoardApp.PostAsync(device, new TicketIssuedEvent
        {
            EventId = "t41-A001", OccurredAt = time.GetUtcNow(), Hall = "T41", Ticket = "A001", Business = "A",
        })).EnsureSuccessStatusCode();
        await WaitUntilAsync(() => a.State.County().Halls.Single(h => h.Code == "T41").Waiting == 1);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while ((string?)(await hub.Pushes.ReadAsync(timeout.Token))["target"] != "organisation")
            {
            }
        }

        Assert.True((await b.Services.GetRequiredService<IOrganisationAdmin>().SetActiveAsync(Admin, OrganisationKind.Halls, "T41", active: false)).Applied);

        await WaitUntilAsync(() => a.State.County().Halls.All(h => h.Code != "T41"));
        Assert.Null(a.Services.GetRequiredService<ReferenceData>().HallByCode("T41"));
    }
}
