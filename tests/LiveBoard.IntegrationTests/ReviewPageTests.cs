using System.Net;
using System.Text.RegularExpressions;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests;

/// <summary>The citizen review page through real HTTP: every refusal, one rating per visit, XSS, rate limits.</summary>
public sealed partial class ReviewPageTests : IDisposable
{
    private readonly LiveBoardApp app = new(extra: new Dictionary<string, string?>
    {
        ["LiveBoard:Reviews:PerClientPerTenMinutes"] = "1000",
        ["LiveBoard:Reviews:PerWindowPerTenMinutes"] = "1000",
    });

    public void Dispose()
    {
        app.Dispose();
        app.DeleteData();
    }

    private async Task<string> CodeAsync(string hall, int window)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        return await db.Windows.Where(w => w.Hall!.Code == hall && w.Number == window).Select(w => w.ReviewCode).SingleAsync();
    }

    private static HttpClient Phone(LiveBoardApp on) => SignInClient.Browser(on.BaseAddress);

    private static Task<HttpResponseMessage> RateAsync(HttpClient phone, string code, params (string Name, string Value)[] fields) =>
        RateAsync(phone, code, Guid.NewGuid().ToString("N"), fields);

    // eventId: the form's hidden id, the same for the same form sent again.
    private static async Task<HttpResponseMessage> RateAsync(HttpClient phone, string code, string eventId, params (string Name, string Value)[] fields)
    {
        var page = await phone.GetStringAsync($"/r/{code}?culture=en");
        var values = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", Hidden("__RequestVerificationToken").Match(page).Groups[1].Value),
            new("eventId", eventId),
        };
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await phone.PostAsync($"/r/{code}", new FormUrlEncodedContent(values));
    }

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private async Task<int> ReviewsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        return await db.Reviews.CountAsync();
    }

    [Fact]
    public async Task A_rating_is_stored_and_the_citizen_is_thanked()
    {
        using var phone = Phone(app);
        var before = app.State.County().ReviewsToday;

        var response = await RateAsync(phone, await CodeAsync("T02", 1), ("level", "5"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var thanks = await phone.GetStringAsync(response.Headers.Location!.OriginalString + "?culture=en");
        Assert.Contains("Thank you for your rating.", WebUtility.HtmlDecode(thanks), StringComparison.Ordinal);
        Assert.Equal(before + 1, app.State.County().ReviewsToday);
    }

    [Fact]
    public async Task Every_refusal_is_explained_and_keeps_what_the_citizen_wrote()
    {
        using var phone = Phone(app);
        var code = await CodeAsync("T02", 2);
        var before = await ReviewsAsync();

        var noLevel = await RateAsync(phone, code, ("comment", "我的留言"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noLevel.StatusCode);
        var text = await TextAsync(noLevel);
        Assert.Contains("Choose how satisfied you are.", text, StringComparison.Ordinal);
        Assert.Contains("我的留言", text, StringComparison.Ordinal);

        Assert.Contains("tick at least one box", await TextAsync(await RateAsync(phone, code, ("level", "1"))), StringComparison.Ordinal);
        Assert.Contains("The phone number can only have digits", await TextAsync(await RateAsync(phone, code, ("level", "4"), ("phone", "call me maybe"))), StringComparison.Ordinal);
        Assert.Contains("too long", await TextAsync(await RateAsync(phone, code, ("level", "4"), ("comment", new string('长', 501)))), StringComparison.Ordinal);
        Assert.Contains("cannot find that ticket", await TextAsync(await RateAsync(phone, code, ("level", "4"), ("ticket", "Z999"))), StringComparison.Ordinal);
        Assert.Equal(before, await ReviewsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync("/r/not-a-code")).StatusCode);
    }

    [Fact]
    public async Task Control_characters_and_made_up_tags_are_refused_and_a_form_sent_twice_is_stored_once()
    {
        using var phone = Phone(app);
        var code = await CodeAsync("T02", 3);
        var before = await ReviewsAsync();

        // A NUL never reaches the page: ASP.NET Core's form reader refuses the body (400). Other control characters are the page's to refuse.
        Assert.Equal(HttpStatusCode.BadRequest, (await RateAsync(phone, code, ("level", "4"), ("comment", "ok\u0000"))).StatusCode);
        var control = await RateAsync(phone, code, ("level", "4"), ("comment", "ok\u001b[2J\u0007"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, control.StatusCode);
        Assert.Contains("characters that cannot be kept", await TextAsync(control), StringComparison.Ordinal);
        // Tags by the form's names only: not a number, not a list.
        foreach (var tag in new[] { "64", "Impatient,Indifferent", "None", "impatient" })
        {
            var madeUp = await RateAsync(phone, code, ("level", "1"), ("tags", tag));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, madeUp.StatusCode);
            Assert.Contains("Tick the boxes of this page only.", await TextAsync(madeUp), StringComparison.Ordinal);
        }
        // Line breaks in a comment are text.
        Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(phone, code, ("level", "4"), ("comment", "第一行\r\n第二行"))).StatusCode);

        // The same form sent again (a double tap, or back, another answer, submit): thanked, stored once.
        var form = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(phone, code, form, ("level", "5"))).StatusCode);
        var again = await RateAsync(phone, code, form, ("level", "2"), ("tags", "Impatient"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.EndsWith("/thanks", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(before + 2, await ReviewsAsync());
    }

    [Fact]
    public async Task A_ticket_is_rated_once()
    {
        using var device = await app.DeviceClientAsync();
        var now = app.Time.GetUtcNow();
        (await LiveBoardApp.PostBatchAsync(device,
            new TicketIssuedEvent { EventId = "i", OccurredAt = now, Hall = "T03", Ticket = "A777", Business = "A" },
            new TicketCalledEvent { EventId = "c", OccurredAt = now, Hall = "T03", Ticket = "A777", Window = 2 })).EnsureSuccessStatusCode();
        using var phone = Phone(app);
        var code = await CodeAsync("T03", 2);

        Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(phone, code, ("level", "4"), ("ticket", "a777"))).StatusCode);
        var second = await RateAsync(phone, code, ("level", "1"), ("tags", "Impatient"), ("ticket", "A777"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Contains("already been rated", await TextAsync(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_in_a_comment_is_stored_as_text_and_never_rendered()
    {
        using var phone = Phone(app);
        const string attack = "<script>alert('x')</script><img src=x onerror=alert(1)>";

        var refused = await RateAsync(phone, await CodeAsync("T04", 1), ("comment", attack));

        var html = await refused.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_ratings_from_one_client_are_refused_with_a_readable_message()
    {
        using var limited = new LiveBoardApp(extra: new Dictionary<string, string?> { ["LiveBoard:Reviews:PerClientPerTenMinutes"] = "2" });
        try
        {
            using var phone = Phone(limited);
            string code;
            await using (var db = await limited.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync())
                code = await db.Windows.Where(w => w.Hall!.Code == "T05").Select(w => w.ReviewCode).FirstAsync();

            Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(phone, code, ("level", "5"))).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(phone, code, ("level", "4"))).StatusCode);
            var third = await RateAsync(phone, code, ("level", "3"));

            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
            Assert.Contains("try again in a few minutes", await TextAsync(third), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync($"/r/{code}")).StatusCode); // reading the page is never limited
        }
        finally
        {
            limited.Dispose();
            limited.DeleteData();
        }
    }

    [GeneratedRegex("name=\"(?:__RequestVerificationToken)\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex HiddenToken();

    private static Regex Hidden(string _) => HiddenToken();
}
