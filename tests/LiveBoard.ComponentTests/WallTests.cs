using LiveBoard.Client.Live;
using LiveBoard.Client.Model;
using LiveBoard.Client.Reports;
using LiveBoard.Client.Wall;

namespace LiveBoard.ComponentTests;

/// <summary>The wall on its county clock: the figures, the take-over by a new bad review, the dim view after hours, the drift, a refused key.</summary>
public sealed class WallTests : LiveBoardContext
{
    private sealed class Displays : IDisplayAccess
    {
        public bool Known { get; set; } = true;

        public Task<DisplayGrant?> CheckAsync(string? key, CancellationToken cancellationToken = default) =>
            Task.FromResult(Known ? new DisplayGrant(1, "大厅大屏", null) : null);

        public IDisposable WhenRevoked(DisplayGrant grant, Action revoked) => new Watch();

        private sealed class Watch : IDisposable
        {
            public void Dispose() { }
        }
    }

    private readonly Displays displays = new();

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IDisplayAccess>(displays);
        services.AddSingleton<IDirectorRoster>(new NoDirectors());
        services.AddSingleton<IReports>(new NoReports());
        services.AddSingleton(new WallSettings(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10)));
    }

    private sealed class NoDirectors : IDirectorRoster
    {
        public Task<IReadOnlyList<DirectorOnDuty>> OnDutyAsync(DateOnly day, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<DirectorOnDuty>>([]);
    }

    private sealed class NoReports : IReports
    {
        public DateOnly Today => new(2026, 12, 2);
        public RankingView? CurrentWindowRanking => null;
        public Task<StatsTable> StatsAsync(ReportPeriod period, StatsUnit unit, int? hallId = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<StatsPoint>> SeriesAsync(ReportPeriod period, int? hallId = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<RankingView> RankingAsync(ReportPeriod period, RankingScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private void OpenWall(bool known = true)
    {
        displays.Known = known;
        Feed.Halls.Add(StillFeed.Hall(1, "CTY", "清溪县政务服务中心", "Qingxi County Administrative Service Centre", waiting: 7, inHall: 30));
        Feed.Halls.Add(StillFeed.Hall(2, "T01", "城关镇便民服务中心", "Chengguan Township Service Hall", waiting: 2, inHall: 95));
    }

    private static ReviewTickerItem Review(long sequence, ReviewLevel level) =>
        new(sequence, StillFeed.TenOClock.AddMinutes(-1), "T01", "城关镇便民服务中心", "Chengguan Township Service Hall", 2, level, ReviewTags.NotToldAllRequirements);

    private IRenderedComponent<Wall> RenderWall()
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("wall?key=lbk_test&page=1");
        return Render<Wall>();
    }

    [Fact]
    public void The_wall_shows_every_hall_as_a_tile_and_the_county_figures_in_plain_markup()
    {
        OpenWall();

        var cut = RenderWall();

        Assert.Equal(["tile-CTY", "tile-T01"], cut.FindAll("article.tile").Select(t => t.GetAttribute("data-testid")!));
        Assert.Equal("Busy", cut.Find("[data-testid=tile-T01] .tile-state").TextContent);
        Assert.Equal("10:00:00", cut.Find(".wall-time").TextContent); // the county's clock, not the machine's
        Assert.Equal("Wednesday 2 December 2026", cut.Find(".wall-date").TextContent);
        // Figures are markup in the wall itself: the only child components are the tiles and the ticker (P3).
        Assert.Empty(cut.FindComponents<LiveBoard.Client.Kit.Kpi>());
        Assert.Equal(2, cut.FindComponents<LiveBoard.Client.Kit.HallTile>().Count);
    }

    [Fact]
    public void The_title_names_the_county_of_its_centre_and_a_county_without_halls_is_told_it_has_none_set_up()
    {
        displays.Known = true;
        Feed.Halls.Add(StillFeed.Hall(1, "CTY", "松阳县政务服务中心", "Songyang County Administrative Service Centre"));

        var cut = RenderWall();

        Assert.Equal("Songyang County · Government service halls live", cut.Find(".wall-title").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=wall-no-halls]"));

        Feed.Halls.Clear();
        cut.InvokeAsync(Feed.Changed);

        cut.WaitForAssertion(() => Assert.Equal("No halls are set up yet", cut.Find("[data-testid=wall-no-halls]").TextContent.Trim()));
        Assert.Equal("Government service halls live", cut.Find(".wall-title").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=wall-after-hours]"));
    }

    [Fact]
    public void A_new_bad_review_takes_over_the_wall_and_one_already_there_at_the_start_does_not()
    {
        OpenWall();
        Feed.Reviews.Add(Review(1, ReviewLevel.Dissatisfied));
        var cut = RenderWall();
        Assert.Empty(cut.FindAll("[data-testid=wall-alert]"));

        Feed.Reviews.Insert(0, Review(2, ReviewLevel.VerySatisfied));
        cut.InvokeAsync(Feed.Changed);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=wall-alert]")));

        Feed.Reviews.Insert(0, Review(3, ReviewLevel.VeryDissatisfied));
        cut.InvokeAsync(Feed.Changed);

        cut.WaitForAssertion(() => Assert.Equal("Chengguan Township Service Hall · Window 2", cut.Find("[data-testid=wall-alert] .wall-alert-where").TextContent));
        var alert = cut.Find("[data-testid=wall-alert]");
        Assert.Equal("alert", alert.GetAttribute("role"));
        Assert.Contains("Very dissatisfied · Requirements not told at once", alert.QuerySelector(".wall-alert-what")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(alert.QuerySelector("svg.wall-alert-icon"));
        Assert.Empty(cut.FindAll("article.tile")); // the take-over has the whole screen

        // After its display time the rotation resumes.
        Feed.Now = Feed.Now.AddSeconds(31);
        cut.InvokeAsync(Feed.Changed);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=wall-alert]")));
        Assert.Equal(2, cut.FindAll("article.tile").Count);
    }

    [Fact]
    public void After_the_last_hall_closes_the_wall_dims_to_the_days_figures()
    {
        OpenWall();
        Feed.Now = StillFeed.TenOClock.AddHours(8).ToUniversalTime(); // 18:00, every hall closed at 17:00

        var cut = RenderWall();

        Assert.Contains("after-hours", cut.Find("[data-testid=wall]").ClassList);
        Assert.NotNull(cut.Find("[data-testid=wall-after-hours] svg.wall-closed-icon"));
        Assert.Empty(cut.FindAll("article.tile"));
    }

    [Fact]
    public void The_picture_drifts_a_few_pixels_a_minute_against_burn_in()
    {
        OpenWall();
        var cut = RenderWall();
        cut.InvokeAsync(Feed.Changed);
        cut.WaitForAssertion(() => Assert.Contains("translate(", cut.Find("[data-testid=wall]").GetAttribute("style"), StringComparison.Ordinal));
        var first = cut.Find("[data-testid=wall]").GetAttribute("style");

        Feed.Now = Feed.Now.AddMinutes(1);
        cut.InvokeAsync(Feed.Changed);

        cut.WaitForAssertion(() => Assert.NotEqual(first, cut.Find("[data-testid=wall]").GetAttribute("style")));
        Assert.Matches(@"translate\(-?[0-3]px, -?[0-3]px\)", cut.Find("[data-testid=wall]").GetAttribute("style"));
    }

    [Fact]
    public void An_unknown_key_shows_nothing_of_the_county()
    {
        OpenWall(known: false);

        var cut = RenderWall();

        Assert.Equal("This display key is unknown or has been revoked.", cut.Find("[data-testid=wall-denied]").TextContent.Trim());
        Assert.Empty(cut.FindAll("article.tile"));
    }
}
