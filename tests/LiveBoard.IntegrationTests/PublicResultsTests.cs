using System.Net;
using System.Text.RegularExpressions;
using LiveBoard.Client.Reports;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Reports;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests;

/// <summary>
/// The county's results for the public: every hall's figures without signing in, the same figures
/// as the statistics, no staff member or citizen named, framing only by the configured website.
/// </summary>
public sealed partial class PublicResultsTests : IDisposable
{
    private readonly LiveBoardApp app = new(extra: new Dictionary<string, string?>
    {
        ["LiveBoard:PublicResults:FrameAncestors:0"] = "https://www.county.example.gov.cn",
        ["LiveBoard:PublicBaseUrl"] = "https://liveboard.county.example.gov.cn",
    });

    public void Dispose()
    {
        app.Dispose();
        app.DeleteData();
    }

    [Fact]
    public async Task Anyone_sees_every_halls_figures_as_the_statistics_count_them_and_no_one_is_named()
    {
        using var citizen = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await citizen.GetAsync(new Uri("/public?culture=en", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reports = app.Services.GetRequiredService<ReportBook>();
        var month = ReportPeriod.Containing(PeriodKind.Month, reports.Today);
        var stats = await reports.StatsAsync(month, StatsUnit.Hall);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        Assert.Equal(await db.Halls.CountAsync(), HallRow().Count(page));
        var county = Regex.Match(page, """data-testid="public-county".*?</tr>""", RegexOptions.Singleline).Value;
        Assert.Contains($"{stats.Total.Reviews} ratings", county, StringComparison.Ordinal);
        Assert.Contains($">{stats.Total.Bad}<", county, StringComparison.Ordinal);
        // A public screen never names a staff member, and never shows a citizen's comment or phone.
        var names = await db.Staff.Select(s => s.Name).ToListAsync();
        Assert.DoesNotContain(names, name => page.Contains(name, StringComparison.Ordinal));
        var comments = await db.Reviews.Where(r => r.Comment != null && r.Comment.Length > 3).Select(r => r.Comment!).Take(50).ToListAsync();
        Assert.DoesNotContain(comments, comment => page.Contains(comment, StringComparison.Ordinal));
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Only_the_configured_website_may_frame_the_results_and_nothing_else_may_be_framed()
    {
        using var citizen = new HttpClient { BaseAddress = app.BaseAddress };

        var results = await citizen.GetAsync(new Uri("/public", UriKind.Relative));
        var signIn = await citizen.GetAsync(new Uri("/signin", UriKind.Relative));

        Assert.Contains("frame-ancestors https://www.county.example.gov.cn", results.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", signIn.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lobby_poster_carries_the_public_address_as_a_QR_code()
    {
        using var citizen = new HttpClient { BaseAddress = app.BaseAddress };

        var poster = await citizen.GetStringAsync(new Uri("/public/poster", UriKind.Relative));

        Assert.Contains("https://liveboard.county.example.gov.cn/public", poster, StringComparison.Ordinal);
        Assert.Contains("<svg", poster, StringComparison.Ordinal);
    }

    [GeneratedRegex("""data-testid="public-hall-[^"]+""")]
    private static partial Regex HallRow();
}
