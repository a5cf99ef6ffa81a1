using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LiveBoard.Client.Model;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Alerts;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests;

/// <summary>
/// Issue 17, part 4, through the real endpoints: what the tester got stored ("accepted garbage") is
/// refused, each refusal an RFC 7807 problem naming the field and saying why.
/// </summary>
public sealed class StrictInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private LiveBoardApp App => fixture.App;

    private string Now => App.Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode} instead of {(int)status}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.True(code == (string?)problem["codes"]?[field], $"'{field}' is not refused with '{code}': {text}");
        Assert.NotEmpty((string?)problem["errors"]![field]![0] ?? "");
        return problem;
    }

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static string Message(JsonObject problem, string field) => (string)problem["errors"]![field]![0]!;

    private async Task<int> StaffAtAsync(string hall)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        return await db.Staff.Where(s => s.Hall!.Code == hall).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
    }

    [Fact]
    public async Task Enums_by_name_times_with_offset_and_numbers_as_numbers()
    {
        using var device = await App.DeviceClientAsync();
        var staff = await StaffAtAsync("CTY");
        string Change(string whereabouts, string occurredAt) =>
            $$"""{"type":"whereabouts.changed","eventId":"{{Guid.NewGuid()}}","occurredAt":"{{occurredAt}}","hall":"CTY","staff":{{staff}},"whereabouts":{{whereabouts}}}""";

        // "in,out" was stored as "meeting" (enum flags); a number as a value.
        var flags = await ProblemAsync(await PostRawAsync(device, "/api/v1/events", Change("\"in,out\"", Now)), HttpStatusCode.BadRequest, "whereabouts", "not-one-of-the-names");
        Assert.Contains("in, out, meeting, travel, leave", Message(flags, "whereabouts"), StringComparison.Ordinal);
        await ProblemAsync(await PostRawAsync(device, "/api/v1/events", Change("2", Now)), HttpStatusCode.BadRequest, "whereabouts", "not-one-of-the-names");
        await ProblemAsync(await PostRawAsync(device, "/api/v1/events", Change("\"Meeting\"", Now)), HttpStatusCode.BadRequest, "whereabouts", "not-one-of-the-names");

        // A time without offset would have been read in the server machine's zone.
        var local = await ProblemAsync(await PostRawAsync(device, "/api/v1/events", Change("\"out\"", Now[..19])), HttpStatusCode.BadRequest, "occurredAt", "time-without-offset");
        Assert.Contains("offset from UTC", Message(local, "occurredAt"), StringComparison.Ordinal);

        // "in":"3" is a string, not a number.
        var text = await PostRawAsync(device, "/api/v1/events", $$"""{"type":"door.counted","eventId":"{{Guid.NewGuid()}}","occurredAt":"{{Now}}","hall":"CTY","in":"3"}""");
        Assert.Contains("numbers as numbers", Message(await ProblemAsync(text, HttpStatusCode.BadRequest, "in", "malformed"), "in"), StringComparison.Ordinal);
        // In a batch, the field says which event.
        var batch = await PostRawAsync(device, "/api/v1/events/batch", $$"""{"events":[{"type":"door.counted","eventId":"{{Guid.NewGuid()}}","occurredAt":"{{Now}}","hall":"CTY","in":1},{"type":"door.counted","eventId":"x","occurredAt":"2026-11-23T10:00:00","hall":"CTY","in":1}]}""");
        await ProblemAsync(batch, HttpStatusCode.BadRequest, "events[1].occurredAt", "time-without-offset");

        // What is right still goes in.
        (await PostRawAsync(device, "/api/v1/events", Change("\"out\"", Now))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Control_characters_an_expected_return_in_9999_and_an_untagged_bad_review_are_refused()
    {
        using var device = await App.DeviceClientAsync();
        var staff = await StaffAtAsync("T01");
        var now = App.Time.GetUtcNow();

        var nulNote = Guid.NewGuid().ToString();
        await ProblemAsync(await LiveBoardApp.PostAsync(device, new WhereaboutsChangedEvent
        {
            EventId = nulNote, OccurredAt = now, Hall = "T01", Staff = staff, Whereabouts = Whereabouts.Out, Note = "银行\0",
        }), HttpStatusCode.UnprocessableEntity, "note", "not-text");
        await ProblemAsync(await LiveBoardApp.PostAsync(device, new DoorCountedEvent { EventId = "door\u0000nul", OccurredAt = now, Hall = "T01", In = 1 }),
            HttpStatusCode.UnprocessableEntity, "eventId", "not-text");
        var far = await ProblemAsync(await LiveBoardApp.PostAsync(device, new WhereaboutsChangedEvent
        {
            EventId = Guid.NewGuid().ToString(), OccurredAt = now, Hall = "T01", Staff = staff, Whereabouts = Whereabouts.Leave, ExpectedBack = new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero),
        }), HttpStatusCode.UnprocessableEntity, "expectedBack", "too-far-ahead");
        Assert.Contains("At most 366 days after the change", Message(far, "expectedBack"), StringComparison.Ordinal);
        await ProblemAsync(await LiveBoardApp.PostAsync(device, new ReviewSubmittedEvent { EventId = Guid.NewGuid().ToString(), OccurredAt = now, Hall = "T01", Window = 1, Level = 1 }),
            HttpStatusCode.UnprocessableEntity, "tags", "tag-required");
        await ProblemAsync(await LiveBoardApp.PostAsync(device, new ReviewSubmittedEvent { EventId = Guid.NewGuid().ToString(), OccurredAt = now, Hall = "T01", Window = 1, Level = 5, Comment = new string('长', TextLimits.ReviewComment + 1) }),
            HttpStatusCode.UnprocessableEntity, "comment", "too-long");

        await using var db = await App.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        Assert.False(await db.Journal.AnyAsync(e => e.ClientEventId == nulNote));
    }

    [Fact]
    public async Task A_reused_event_id_with_another_body_is_a_conflict_also_after_a_restart()
    {
        var key = await App.DeviceKeyAsync(Server.Features.Devices.DeviceRole.Sender);
        using var device = new HttpClient { BaseAddress = App.BaseAddress, DefaultRequestHeaders = { Authorization = new("Bearer", key) } };
        var first = new DoorCountedEvent { EventId = "door-reused-1", OccurredAt = App.Time.GetUtcNow(), Hall = "T02", In = 2 };
        var stored = await (await LiveBoardApp.PostAsync(device, first)).Content.ReadFromJsonAsync<JsonObject>();

        // The same body again (a retry, even with the time written in another offset): a duplicate.
        var retry = await (await LiveBoardApp.PostAsync(device, first with { OccurredAt = first.OccurredAt!.Value.ToOffset(TimeSpan.FromHours(8)) })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.True((bool)retry!["duplicate"]!);
        Assert.Equal((long)stored!["sequence"]!, (long)retry["sequence"]!);
        // Another body under the same id: 409, and nothing stored.
        var conflict = await ProblemAsync(await LiveBoardApp.PostAsync(device, first with { In = 3 }), HttpStatusCode.Conflict, "eventId", "event-id-reused");
        Assert.Equal("event-id-reused", (string?)conflict["code"]);
        // In a batch it names the event, and the batch is stored whole or not at all.
        var batch = await LiveBoardApp.PostBatchAsync(device, new DoorCountedEvent { EventId = "door-reused-2", OccurredAt = App.Time.GetUtcNow(), Hall = "T02", In = 1 }, first with { Out = 1 });
        await ProblemAsync(batch, HttpStatusCode.Conflict, "events[1].eventId", "event-id-reused");

        // The fingerprint is kept with the event in the journal: a restarted server still knows it.
        var folder = Path.Combine(Path.GetTempPath(), "liveboard-tests", Guid.NewGuid().ToString("N"));
        string secret;
        using (var before = new LiveBoardApp(folder, time: App.Time))
        {
            secret = await before.DeviceKeyAsync(Server.Features.Devices.DeviceRole.Sender);
            using var client = new HttpClient { BaseAddress = before.BaseAddress, DefaultRequestHeaders = { Authorization = new("Bearer", secret) } };
            (await LiveBoardApp.PostAsync(client, first)).EnsureSuccessStatusCode();
        }
        using var restarted = new LiveBoardApp(folder, time: App.Time);
        try
        {
            using var same = new HttpClient { BaseAddress = restarted.BaseAddress, DefaultRequestHeaders = { Authorization = new("Bearer", secret) } };
            Assert.True((bool)(await (await LiveBoardApp.PostAsync(same, first)).Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!);
            await ProblemAsync(await LiveBoardApp.PostAsync(same, first with { In = 9 }), HttpStatusCode.Conflict, "eventId", "event-id-reused");
        }
        finally
        {
            restarted.Dispose();
            restarted.DeleteData();
        }
    }

    private async Task<long> RaiseAsync(string hallCode)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        var hall = await db.Halls.SingleAsync(h => h.Code == hallCode);
        var alert = new Alert { HallId = hall.Id, Kind = AlertKind.LongWait, Status = AlertStatus.Open, RaisedAt = App.Time.GetUtcNow(), Minutes = 50 };
        db.Alerts.Add(alert);
        await db.SaveChangesAsync();
        return alert.Id;
    }

    private async Task<string?> AssigneeAsync(long id)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        return await db.Alerts.Where(a => a.Id == id).Select(a => a.AssignedTo).SingleAsync();
    }

    [Fact]
    public async Task Alert_notes_are_limited_and_the_assignee_is_someone_who_may_handle_the_hall()
    {
        var id = await RaiseAsync("T01");
        using var director = await SignInClient.ForAsync(App.BaseAddress, "director");
        Task<HttpResponseMessage> Act(string json) => PostRawAsync(director, $"/api/v1/alerts/{id}/actions", json);

        // 20 MB was accepted (and the alert's GET grew to 22 MB): now a body over 32 KiB is refused before it is read.
        // (Expect: 100-continue, as a careful client sends a large body: the 413 comes before the body is sent.)
        using var large = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/alerts/{id}/actions")
        {
            Content = new StringContent($$"""{"command":"comment","expectedVersion":0,"note":"{{new string('x', 20 * 1024 * 1024)}}"}""", Encoding.UTF8, "application/json"),
            Headers = { ExpectContinue = true },
        };
        var huge = await director.SendAsync(large);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        await ProblemAsync(await Act($$"""{"command":"comment","expectedVersion":0,"note":"{{new string('x', TextLimits.AlertNote + 1)}}"}"""), HttpStatusCode.UnprocessableEntity, "note", "note-too-long");
        await ProblemAsync(await Act("""{"command":"comment","expectedVersion":0,"note":"ok\u0000"}"""), HttpStatusCode.UnprocessableEntity, "note", "note-not-text");
        await ProblemAsync(await Act("""{"expectedVersion":0,"note":"no command"}"""), HttpStatusCode.UnprocessableEntity, "command", "required");
        await ProblemAsync(await Act("""{"command":"comment,resolve","expectedVersion":0,"note":"x"}"""), HttpStatusCode.BadRequest, "command", "not-one-of-the-names");
        await ProblemAsync(await Act("""{"command":"comment","expectedVersion":"0","note":"x"}"""), HttpStatusCode.BadRequest, "expectedVersion", "malformed");

        // assignTo: nobody, a manager of another hall, a disabled manager of this hall, staff: 422 naming the field.
        int t01;
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync())
            t01 = await db.Halls.Where(h => h.Code == "T01").Select(h => h.Id).SingleAsync();
        await App.AccountsAsync(accounts => accounts.CreateAsync("manager.t01.b", "Second manager", "Right-password-1", Client.Account.UserRole.HallManager, t01));
        await App.AccountsAsync(accounts => accounts.SetDisabledAsync("manager.t01.b", disabled: true));
        foreach (var nobody in new[] { "nobody", "manager.cty", "manager.t01.b", "staff.t01", new string('m', TextLimits.UserName + 1) })
            await ProblemAsync(await Act($$"""{"command":"assign","expectedVersion":0,"assignTo":"{{nobody}}"}"""), HttpStatusCode.UnprocessableEntity, "assignTo", "no-such-assignee");
        Assert.Null(await AssigneeAsync(id));

        // This hall's manager (in any case: the stored name is the account's) or the director.
        Assert.Equal(HttpStatusCode.NoContent, (await Act("""{"command":"assign","expectedVersion":0,"assignTo":"Manager.T01"}""")).StatusCode);
        Assert.Equal("manager.t01", await AssigneeAsync(id));
        Assert.Equal(HttpStatusCode.NoContent, (await Act("""{"command":"assign","expectedVersion":1,"assignTo":"director"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Act($$"""{"command":"comment","expectedVersion":2,"note":"{{new string('x', TextLimits.AlertNote)}}"}""")).StatusCode);
    }

    [Fact]
    public async Task The_pages_inputs_stop_at_the_same_limits()
    {
        using var browser = SignInClient.Browser(App.BaseAddress);
        string code;
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync())
            code = await db.Windows.Select(w => w.ReviewCode).FirstAsync();

        var review = await browser.GetStringAsync($"/r/{code}");
        Assert.Contains($"<textarea name=\"comment\" maxlength=\"{TextLimits.ReviewComment}\"", review, StringComparison.Ordinal);
        Assert.Contains($"name=\"ticket\" maxlength=\"{TextLimits.Ticket}\"", review, StringComparison.Ordinal);
        Assert.Contains($"maxlength=\"{TextLimits.Phone}\"", review, StringComparison.Ordinal);
        Assert.Contains($"name=\"userName\" autocomplete=\"username\" maxlength=\"{TextLimits.UserName}\"", await browser.GetStringAsync("/signin"), StringComparison.Ordinal);
    }
}
