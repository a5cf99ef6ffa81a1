using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LiveBoard.Client.Model;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests;

/// <summary>One app for the class: each test uses its own ticket numbers.</summary>
public sealed class AppFixture : IDisposable
{
    public LiveBoardApp App { get; } = new();

    public void Dispose()
    {
        App.Dispose();
        App.DeleteData();
    }
}

public sealed class IngestApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private LiveBoardApp App => fixture.App;

    private TicketIssuedEvent Issued(string ticket, string hall = "CTY", string business = "A") =>
        new() { EventId = Guid.NewGuid().ToString(), OccurredAt = App.Time.GetUtcNow(), Hall = hall, Ticket = ticket, Business = business };

    private T Fresh<T>(T e) where T : IngestEvent => e with { EventId = Guid.NewGuid().ToString(), OccurredAt = App.Time.GetUtcNow(), Hall = e.Hall ?? "CTY" };

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<int> WaitingAtAsync(string hall) => App.State.Hall((await HallIdAsync(hall)))!.Waiting;

    private async Task<int> HallIdAsync(string code)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        return await db.Halls.Where(h => h.Code == code).Select(h => h.Id).SingleAsync();
    }

    [Fact]
    public async Task The_halls_are_listed_from_the_database()
    {
        using var client = new HttpClient { BaseAddress = App.BaseAddress };

        var halls = await client.GetFromJsonAsync<JsonArray>("/api/v1/halls");

        Assert.Equal(21, halls!.Count);
        Assert.Equal("CTY", (string?)halls[0]!["code"]);
        Assert.Equal(40, halls[0]!["windows"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_acknowledged_event_is_in_the_database_and_on_the_live_state()
    {
        using var client = await App.DeviceClientAsync();
        var before = await WaitingAtAsync("T02");

        var response = await LiveBoardApp.PostAsync(client, Issued("A101", hall: "T02"));

        response.EnsureSuccessStatusCode();
        var ack = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var sequence = (long)ack["sequence"]!;
        Assert.False((bool)ack["duplicate"]!);
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        Assert.True(await db.Journal.AnyAsync(e => e.Sequence == sequence));
        Assert.Equal("A101", (await db.Tickets.SingleAsync(t => t.Id == sequence)).Number);
        Assert.Equal(before + 1, await WaitingAtAsync("T02"));
    }

    [Fact]
    public async Task A_retried_event_is_acknowledged_again_and_applied_once()
    {
        using var client = await App.DeviceClientAsync();
        var e = Issued("A102", hall: "T03");
        var before = await WaitingAtAsync("T03");

        var first = await (await LiveBoardApp.PostAsync(client, e)).Content.ReadFromJsonAsync<JsonObject>();
        var second = await (await LiveBoardApp.PostAsync(client, e)).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal((long)first!["sequence"]!, (long)second!["sequence"]!);
        Assert.True((bool)second["duplicate"]!);
        Assert.Equal(before + 1, await WaitingAtAsync("T03"));
    }

    [Fact]
    public async Task Requests_without_a_valid_key_are_refused()
    {
        using var anonymous = new HttpClient { BaseAddress = App.BaseAddress };
        await ProblemAsync(await LiveBoardApp.PostAsync(anonymous, Issued("A103")), HttpStatusCode.Unauthorized);

        using var wrong = new HttpClient { BaseAddress = App.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "lbk_000000000000_not-a-key");
        await ProblemAsync(await LiveBoardApp.PostAsync(wrong, Issued("A103")), HttpStatusCode.Unauthorized);

        using var display = await App.DeviceClientAsync(DeviceRole.Display);
        await ProblemAsync(await LiveBoardApp.PostAsync(display, Issued("A103")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once()
    {
        var keys = App.Services.GetRequiredService<DeviceKeys>();
        var (key, secret) = await keys.CreateAsync("to revoke", DeviceRole.Sender, null);
        using var client = new HttpClient { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await LiveBoardApp.PostAsync(client, Issued("A104"))).EnsureSuccessStatusCode();

        await keys.RevokeAsync(key.Id);

        await ProblemAsync(await LiveBoardApp.PostAsync(client, Issued("A105")), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Malformed_json_is_refused_naming_where_it_broke()
    {
        using var client = await App.DeviceClientAsync();

        var wrongKind = await client.PostAsync("/api/v1/events", new StringContent("{\"type\":\"door.counted\",\"in\":\"lots\"}", Encoding.UTF8, "application/json"));
        var problem = await ProblemAsync(wrongKind, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["in"]);

        var truncated = await client.PostAsync("/api/v1/events", new StringContent("{\"type\":\"door.counted\",\"in\":3", Encoding.UTF8, "application/json"));
        problem = await ProblemAsync(truncated, HttpStatusCode.BadRequest);
        Assert.Contains("line 1", (string?)problem["errors"]!["$"]![0], StringComparison.Ordinal);

        var unknownType = await client.PostAsync("/api/v1/events", new StringContent("{\"type\":\"coffee.made\"}", Encoding.UTF8, "application/json"));
        problem = await ProblemAsync(unknownType, HttpStatusCode.BadRequest);
        Assert.Contains("ticket.issued", problem["errors"]!.ToJsonString(), StringComparison.Ordinal);

        var noType = await client.PostAsync("/api/v1/events", new StringContent("{\"hall\":\"CTY\",\"in\":1}", Encoding.UTF8, "application/json"));
        problem = await ProblemAsync(noType, HttpStatusCode.BadRequest);
        Assert.Contains("missing \"type\"", (string?)problem["errors"]!["type"]![0], StringComparison.Ordinal);

        var batchWithoutType = await client.PostAsync("/api/v1/events/batch", new StringContent("{\"events\":[{\"hall\":\"CTY\"}]}", Encoding.UTF8, "application/json"));
        await ProblemAsync(batchWithoutType, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_halls_and_impossible_transitions_are_refused_naming_the_field()
    {
        using var client = await App.DeviceClientAsync();

        var problem = await ProblemAsync(await LiveBoardApp.PostAsync(client, Issued("A106", hall: "ATLANTIS")), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Unknown hall", (string?)problem["errors"]!["hall"]![0], StringComparison.Ordinal);
        // Codes to branch on, beside the English.
        Assert.Equal("invalid", (string?)problem["code"]);
        Assert.Equal("unknown-hall", (string?)problem["codes"]!["hall"]);

        (await LiveBoardApp.PostAsync(client, Issued("A107"))).EnsureSuccessStatusCode();
        problem = await ProblemAsync(await LiveBoardApp.PostAsync(client, Fresh(new TicketCompletedEvent { Ticket = "A107", Outcome = TicketOutcome.Done })), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("only a called ticket", (string?)problem["errors"]!["ticket"]![0], StringComparison.Ordinal);
        Assert.Equal("ticket-not-in-that-state", (string?)problem["codes"]!["ticket"]);
    }

    [Fact]
    public async Task An_oversized_body_is_refused()
    {
        using var client = await App.DeviceClientAsync();
        var huge = new StringContent("{\"type\":\"door.counted\",\"note\":\"" + new string('x', 64 * 1024) + "\"}", Encoding.UTF8, "application/json");

        await ProblemAsync(await client.PostAsync("/api/v1/events", huge), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_device_limited_to_one_hall_cannot_report_for_another()
    {
        using var client = await App.DeviceClientAsync(DeviceRole.Sender, await HallIdAsync("T04"));

        (await LiveBoardApp.PostAsync(client, Issued("A108", hall: "T04"))).EnsureSuccessStatusCode();
        var problem = await ProblemAsync(await LiveBoardApp.PostAsync(client, Issued("A108", hall: "T05")), HttpStatusCode.Forbidden);
        Assert.NotNull(problem["errors"]!["hall"]);
        Assert.Equal("hall-not-allowed", (string?)problem["code"]);
    }

    [Fact]
    public async Task A_batch_is_stored_whole_or_not_at_all()
    {
        using var client = await App.DeviceClientAsync();
        var before = await WaitingAtAsync("T06");

        var refused = await LiveBoardApp.PostBatchAsync(client, Issued("A201", "T06"), Issued("A202", "T06"), Fresh(new TicketCalledEvent { Hall = "T06", Ticket = "A999", Window = 1 }));
        var problem = await ProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknown-ticket", (string?)problem["codes"]!["events[2].ticket"]);
        Assert.Equal(before, await WaitingAtAsync("T06"));

        // Later events may build on earlier ones in the same batch.
        var accepted = await LiveBoardApp.PostBatchAsync(client, Issued("A201", "T06"), Issued("A202", "T06"), Fresh(new TicketCalledEvent { Hall = "T06", Ticket = "A201", Window = 1 }));
        accepted.EnsureSuccessStatusCode();
        var acks = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["events"]!.AsArray();
        Assert.Equal(3, acks.Count);
        Assert.True((long)acks[0]!["sequence"]! < (long)acks[2]!["sequence"]!);
        Assert.Equal(before + 1, await WaitingAtAsync("T06"));
    }

    [Fact]
    public async Task Concurrent_requests_never_both_win_the_same_transition()
    {
        using var client = await App.DeviceClientAsync();
        (await LiveBoardApp.PostAsync(client, Issued("A301", "T07"))).EnsureSuccessStatusCode();
        (await LiveBoardApp.PostAsync(client, Fresh(new TicketCalledEvent { Hall = "T07", Ticket = "A301", Window = 1 }))).EnsureSuccessStatusCode();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            LiveBoardApp.PostAsync(client, Fresh(new TicketCompletedEvent { Hall = "T07", Ticket = "A301", Outcome = TicketOutcome.Done }))));

        Assert.Equal(1, attempts.Count(r => r.IsSuccessStatusCode));
        Assert.Equal(19, attempts.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_ingest_api()
    {
        using var client = new HttpClient { BaseAddress = App.BaseAddress };

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/events/batch", document, StringComparison.Ordinal);
        Assert.Contains("ticket.issued", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_citizens_phone_is_stored_protected_and_never_in_the_event_log()
    {
        using var client = await App.DeviceClientAsync();

        var response = await LiveBoardApp.PostAsync(client, Fresh(new ReviewSubmittedEvent { Hall = "T08", Window = 1, Level = 1, Tags = [ReviewTags.LowEfficiency], Phone = "13912345678", Comment = "排队太久" }));

        response.EnsureSuccessStatusCode();
        var sequence = (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["sequence"]!;
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        var review = await db.Reviews.SingleAsync(r => r.Id == sequence);
        Assert.DoesNotContain("13912345678", review.ContactPhone, StringComparison.Ordinal);
        Assert.Equal("排队太久", review.Comment);
        var payload = await db.Journal.Where(e => e.Sequence == sequence).Select(e => e.Payload).SingleAsync();
        Assert.DoesNotContain("13912345678", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("排队太久", payload, StringComparison.Ordinal);
    }
}
