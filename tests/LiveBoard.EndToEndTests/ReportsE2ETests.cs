using LiveBoard.Client.Reports;
using LiveBoard.Server.Features.Reports;
using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveBoard.EndToEndTests;

/// <summary>A leader reads statistics and rankings, exports them and prints last month's; a hall manager may not.</summary>
public sealed class ReportsE2ETests(Browser browser) : IClassFixture<Browser>, IDisposable
{
    // The demo county comes with 30 days of history: last month has figures and gets published.
    private readonly LiveBoardApp app = new();

    public void Dispose()
    {
        app.Dispose();
        app.DeleteData();
    }

    private async Task<IPage> LeaderAsync(string returnUrl)
    {
        var page = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await SignIn.AsAsync(page, app.BaseAddress, "leader", returnUrl);
        return page;
    }

    [Fact]
    public async Task A_leader_picks_a_period_and_unit_and_reads_a_table_that_adds_up_and_exports_it()
    {
        var page = await LeaderAsync("/reports?culture=en");
        await Circuit.LiveAsync(page);
        // MudBlazor's selects: each choice is a new address, so the view can be bookmarked.
        await page.GetByTestId("period-kind").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Week" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("period=week", StringComparison.Ordinal));
        await Circuit.LiveAsync(page);
        await page.GetByTestId("stats-by").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Township" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("period=week", StringComparison.Ordinal) && url.Contains("by=township", StringComparison.Ordinal));

        var rows = page.GetByTestId("stats-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(21); // the county centre and 20 townships; the total is the footer
        await Assertions.Expect(page.GetByTestId("stats-row-CTY")).ToHaveCountAsync(1);
        var reviews = await page.GetByTestId("stats-table").Locator("tbody [data-testid=stats-reviews-cell]").AllInnerTextsAsync();
        var total = await page.GetByTestId("stats-table").Locator("tfoot [data-testid=stats-total-reviews]").InnerTextAsync();
        var perRow = reviews.Sum(r => int.Parse(r, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(perRow, int.Parse(total, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("stats-reviews").Locator(".kpi-value")).ToHaveTextAsync(total);
        // 13 columns, and nothing scrolls sideways on a 1,440 px screen.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("stats-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("period,unit,code", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(23, csv.Trim().Split('\n').Length); // header, the county centre, 20 townships, total
    }

    [Fact]
    public async Task Last_months_ranking_is_published_and_prints_from_its_snapshot()
    {
        await app.Services.GetRequiredService<StatsRoller>().RollAsync(default);
        await app.Services.GetRequiredService<StatsRoller>().PublishAsync(default);
        var reports = app.Services.GetRequiredService<IReports>();
        var lastMonth = ReportPeriod.Containing(PeriodKind.Month, reports.Today).Previous;
        var published = await reports.RankingAsync(lastMonth, RankingScope.Townships);
        Assert.True(published.Frozen);

        var page = await LeaderAsync($"/rankings?period=month&date={lastMonth.Start:yyyy-MM}&culture=en");
        await Assertions.Expect(page.GetByTestId("ranking-status")).ToContainTextAsync("Published");
        var best = page.GetByTestId("best-townships").Locator("tbody tr");
        await Assertions.Expect(best).ToHaveCountAsync(Math.Min(10, published.Best.Count()));
        await Assertions.Expect(best.First).ToContainTextAsync(published.Best.First().Name.En);

        await page.GetByTestId("ranking-print").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/rankings/print", StringComparison.Ordinal));
        // In county time (Asia/Shanghai has no daylight saving: UTC+8), never UTC.
        await Assertions.Expect(page.GetByTestId("print-status")).ToContainTextAsync($"Published {published.FrozenAt!.Value.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}");
        // Printed to A4 by the browser itself: a real PDF comes out.
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4" });
        Assert.True(pdf.Length > 10_000);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
    }

    [Fact]
    public async Task A_hall_manager_reads_their_own_halls_statistics_and_not_the_county_rankings()
    {
        var page = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await SignIn.AsAsync(page, app.BaseAddress, "manager.t01", "/reports?by=township&culture=en");
        await Assertions.Expect(page.GetByTestId("stats-hall")).ToContainTextAsync("Chengguan");
        // No township (or county) view is offered, and asking for one gives the hall's windows.
        await Circuit.LiveAsync(page);
        await page.GetByTestId("stats-by").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(3);
        Assert.Equal(["Window", "Staff member", "Department"], (await page.Locator(".mud-popover-open .mud-list-item").AllInnerTextsAsync()).Select(t => t.Trim()));
        await page.Keyboard.PressAsync("Escape");
        var codes = await page.GetByTestId("stats-table").Locator("tbody tr .code").AllInnerTextsAsync();
        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.StartsWith("T01-", code, StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("nav-rankings")).ToHaveCountAsync(0);

        var csv = await page.APIRequest.GetAsync($"{app.BaseAddress}api/v1/reports/stats.csv?by=window");
        Assert.Equal(200, csv.Status);
        var rows = (await csv.TextAsync()).Trim().Split('\n').Skip(1).ToList();
        Assert.All(rows.SkipLast(1), row => Assert.Contains(",T01-", row, StringComparison.Ordinal));

        await page.GotoAsync($"{app.BaseAddress}rankings");
        Assert.Contains("/forbidden", page.Url, StringComparison.Ordinal);
        Assert.Equal(403, (await page.APIRequest.GetAsync($"{app.BaseAddress}api/v1/reports/ranking.csv")).Status);
    }
}
