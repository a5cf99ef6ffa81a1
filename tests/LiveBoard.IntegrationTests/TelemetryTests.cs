using System.Globalization;
using System.Net;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;

namespace LiveBoard.IntegrationTests;

// AppFixture is per test class: the counts below are this class's app's events only (its meters are its host's, decision 0012).
public sealed class TelemetryTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private LiveBoardApp App => fixture.App;

    private DoorCountedEvent Door(string hall = "CTY", int people = 1) =>
        new() { EventId = Guid.NewGuid().ToString(), OccurredAt = App.Time.GetUtcNow(), Hall = hall, In = people };

    [Fact]
    public async Task The_scrape_counts_the_events_posted_through_the_ingest_API()
    {
        using var device = await App.DeviceClientAsync();
        var before = await Scrape.FromAsync(App.BaseAddress);

        // Six requests one after the other, so six commits: four single events, a batch of three,
        // and one more single; then a retry (a duplicate) and a refusal, which commit nothing.
        var retried = Door("T04");
        foreach (var e in new[] { Door("T01"), Door("T02"), Door("T03"), retried })
            (await LiveBoardApp.PostAsync(device, e)).EnsureSuccessStatusCode();
        (await LiveBoardApp.PostBatchAsync(device, Door("T05"), Door("T06"), Door("T07"))).EnsureSuccessStatusCode();
        (await LiveBoardApp.PostAsync(device, Door("T08"))).EnsureSuccessStatusCode();
        (await LiveBoardApp.PostAsync(device, retried)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await LiveBoardApp.PostAsync(device, Door("NOPE"))).StatusCode);

        var after = await Scrape.FromAsync(App.BaseAddress);
        Assert.Equal(8, after.Value("liveboard_ingest_events_total") - before.Value("liveboard_ingest_events_total"));
        // The writer's group size: six groups, eight events between them.
        Assert.Equal(6, after.Value("liveboard_ingest_group_size_count") - before.Value("liveboard_ingest_group_size_count"));
        Assert.Equal(8, after.Value("liveboard_ingest_group_size_sum") - before.Value("liveboard_ingest_group_size_sum"));
        Assert.Equal(6, after.Value("liveboard_ingest_commit_duration_seconds_count") - before.Value("liveboard_ingest_commit_duration_seconds_count"));
        // Each commit was delivered once through the in-process bus.
        Assert.Equal(6, after.Value("liveboard_bus_lag_seconds_count", "liveboard_bus_route=\"local\"") - before.Value("liveboard_bus_lag_seconds_count", "liveboard_bus_route=\"local\""));
        // The runtime's figures are there too. (ASP.NET Core's are, but they are enabled by meter
        // name, process-wide: with other tests' hosts in this process their counts are not this app's.)
        Assert.True(after.Value("dotnet_process_cpu_count") >= 1);
    }

    [Fact]
    public async Task The_scrape_counts_open_hub_connections()
    {
        var key = await App.DeviceKeyAsync(DeviceRole.Display);
        var before = (await Scrape.FromAsync(App.BaseAddress)).Value("liveboard_hub_connections");

        await using (var hub = await HubClient.ConnectAsync(App.BaseAddress, key))
        {
            // A hub call is answered only after the server has seen the connection open.
            await hub.InvokeAsync("Join", "county", null);
            Assert.Equal(before + 1, (await Scrape.FromAsync(App.BaseAddress)).Value("liveboard_hub_connections"));
        }

        // The server learns of the close after the client has gone: ask again until it has.
        var now = before + 1;
        for (var attempt = 0; attempt < 100 && now != before; attempt++)
        {
            await Task.Delay(100);
            now = (await Scrape.FromAsync(App.BaseAddress)).Value("liveboard_hub_connections");
        }
        Assert.Equal(before, now);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("Forwarded", "for=203.0.113.9")]
    public async Task The_scrape_is_refused_through_a_proxy(string header, string value)
    {
        using var http = new HttpClient { BaseAddress = App.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(header, value);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("liveboard_", await response.Content.ReadAsStringAsync());
    }
}

public sealed class TelemetrySwitchedOffTests
{
    [Fact]
    public async Task Without_Prometheus_there_is_no_scrape_endpoint()
    {
        using var app = new LiveBoardApp(extra: new Dictionary<string, string?> { ["LiveBoard:Telemetry:Prometheus:Enabled"] = "false" });
        try
        {
            using var http = new HttpClient { BaseAddress = app.BaseAddress };
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/metrics")).StatusCode);
        }
        finally
        {
            app.DeleteData();
        }
    }
}

/// <summary>One answer of <c>/metrics</c> in the Prometheus text format: <c>name{labels} value</c> per line.</summary>
internal sealed class Scrape(string text)
{
    public static async Task<Scrape> FromAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var response = await http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The sum over the series of <paramref name="name"/> (whose labels contain <paramref name="label"/>, when given); 0 when there is none yet.</summary>
    public double Value(string name, string? label = null)
    {
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal) || line.Length == name.Length || line[name.Length] is not ('{' or ' '))
                continue;
            var labelsEnd = line.LastIndexOf('}');
            var labels = labelsEnd > 0 ? line[name.Length..(labelsEnd + 1)] : "";
            if (label is not null && !labels.Contains(label, StringComparison.Ordinal))
                continue;
            // "value" or "value timestamp"
            var fields = line[(labelsEnd > 0 ? labelsEnd + 1 : name.Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            sum += double.Parse(fields[0], CultureInfo.InvariantCulture);
        }
        return sum;
    }
}
