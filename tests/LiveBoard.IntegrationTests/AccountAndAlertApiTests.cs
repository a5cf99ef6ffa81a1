using System.Net;
using System.Net.Http.Json;
using LiveBoard.Client.Alerts;
using LiveBoard.Client.Model;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Accounts;
using LiveBoard.Server.Features.Alerts;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests;

/// <summary>Sign-in through the real form post, lockout, and the alerts API's role boundaries.</summary>
public sealed class AccountAndAlertApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private LiveBoardApp App => fixture.App;

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password) =>
        await SignInClient.PostAsync(client, await SignInClient.AntiforgeryTokenAsync(client), user, password);

    // A browser-like client: keeps cookies, does not follow redirects (the tests read them).
    private HttpClient Browser() => SignInClient.Browser(App.BaseAddress);

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = Browser();
        var response = await SignInAsync(client, user, AccountsModule.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // On to the user's landing page (LandingTests says which), not back to the form.
        Assert.DoesNotContain("signin", response.Headers.Location?.OriginalString ?? "signin", StringComparison.Ordinal);
        return client;
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

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await App.AccountsAsync(accounts => accounts.CreateAsync("locktest", "Lock Test", "Right-password-1", Client.Account.UserRole.Leader));
        var client = Browser();

        for (var i = 0; i < AccountService.MaxFailedSignIns; i++)
            Assert.Contains("error=", (await SignInAsync(client, "locktest", "wrong")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        var locked = await SignInAsync(client, "locktest", "Right-password-1");

        Assert.Contains("error=locked", locked.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(locked.Headers.Location!.OriginalString + "&culture=en"));
        Assert.Contains("locked for 15 minutes", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_without_the_antiforgery_token_is_refused()
    {
        var response = await Browser().PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "leader", ["password"] = AccountsModule.DemoPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_hall_manager_reaches_only_their_hall_through_the_api()
    {
        var own = await RaiseAsync("T01");
        var other = await RaiseAsync("T02");
        using var manager = await SignedInAsync("manager.t01");

        var list = await manager.GetFromJsonAsync<List<AlertView>>("/api/v1/alerts", LiveBoard.Server.Live.LiveJson.Options);
        Assert.Contains(list!, a => a.Id == own);
        Assert.DoesNotContain(list!, a => a.Id == other);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/alerts/{other}")).StatusCode);
        var act = await manager.PostAsJsonAsync($"/api/v1/alerts/{other}/actions", new AlertRequest(AlertCommand.Acknowledge, 0), LiveBoard.Server.Live.LiveJson.Options);
        Assert.Equal(HttpStatusCode.NotFound, act.StatusCode);
        Assert.Equal("application/problem+json", act.Content.Headers.ContentType?.MediaType);
        var notFound = await act.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.Equal(("no-such-alert", "No such alert in your hall."), ((string?)notFound!["code"], (string?)notFound["detail"]));
        var mine = await manager.PostAsJsonAsync($"/api/v1/alerts/{own}/actions", new AlertRequest(AlertCommand.Acknowledge, 0), LiveBoard.Server.Live.LiveJson.Options);
        Assert.Equal(HttpStatusCode.NoContent, mine.StatusCode);
        var stale = await manager.PostAsJsonAsync($"/api/v1/alerts/{own}/actions", new AlertRequest(AlertCommand.Comment, 0, "late"), LiveBoard.Server.Live.LiveJson.Options);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("changed-meanwhile", (string?)(await stale.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["code"]);
        var unresolved = await manager.PostAsJsonAsync($"/api/v1/alerts/{own}/actions", new AlertRequest(AlertCommand.Resolve, 1), LiveBoard.Server.Live.LiveJson.Options);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unresolved.StatusCode);
        Assert.Equal("resolution-required", (string?)(await unresolved.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["code"]);
    }

    [Fact]
    public async Task Leaders_read_alerts_but_cannot_act_and_strangers_get_401()
    {
        var id = await RaiseAsync("T03");
        using var leader = await SignedInAsync("leader");

        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/v1/alerts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync($"/api/v1/alerts/{id}/actions", new AlertRequest(AlertCommand.Acknowledge, 0), LiveBoard.Server.Live.LiveJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Browser().GetAsync("/api/v1/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Browser().GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_attendance_csv_opens_in_a_spreadsheet_and_stays_in_the_managers_hall()
    {
        using var manager = await SignedInAsync("manager.t01");

        var response = await manager.GetAsync("/api/v1/halls/T01/attendance.csv?month=2026-11");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(System.Text.Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("staff,position,absences,absences without approval,late returns", lines[0]);
        Assert.True(lines.Length > 10);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/api/v1/halls/T02/attendance.csv")).StatusCode);
    }

    [Fact]
    public async Task A_staff_member_reads_their_own_attendance_only()
    {
        using var staff = await SignedInAsync("staff.t01");

        var lines = (await staff.GetStringAsync("/api/v1/halls/T01/attendance.csv?month=2026-11")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        var own = Assert.Single(lines[1..]);
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        var name = await db.Users.Where(u => u.UserName == "staff.t01").Join(db.Staff, u => u.StaffId, s => s.Id, (u, s) => s.Name).SingleAsync();
        Assert.StartsWith(name + ",", own, StringComparison.Ordinal);
    }
}
