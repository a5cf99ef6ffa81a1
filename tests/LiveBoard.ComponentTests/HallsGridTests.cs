using LiveBoard.Client.Live;
using LiveBoard.Client.Pages;

namespace LiveBoard.ComponentTests;

/// <summary>The overview's halls: every hall with its live figures, its state as an icon and a word, sorting and filtering.</summary>
public sealed class HallsGridTests : LiveBoardContext
{
    private readonly List<HallLiveView> halls =
    [
        StillFeed.Hall(1, "CTY", "清溪县政务服务中心", "Qingxi County Administrative Service Centre", waiting: 7, inHall: 30, served: 120),
        StillFeed.Hall(2, "T01", "城关镇便民服务中心", "Chengguan Township Service Hall", waiting: 2, inHall: 95, served: 40),
        StillFeed.Hall(3, "T02", "东坝镇便民服务中心", "Dongba Township Service Hall", waiting: 12, inHall: 20, served: 9, lastEventAgo: TimeSpan.FromMinutes(25)),
        StillFeed.Hall(4, "T03", "梅溪乡便民服务中心", "Meixi Township Service Hall", open: false),
    ];

    private IRenderedComponent<ContainerFragment> RenderGrid() => RenderWithProviders(b =>
    {
        b.OpenComponent<HallsGrid>(0);
        b.AddComponentParameter(1, nameof(HallsGrid.Halls), halls);
        b.AddComponentParameter(2, nameof(HallsGrid.Now), StillFeed.TenOClock);
        b.CloseComponent();
    });

    private static List<string> Codes(IRenderedComponent<ContainerFragment> cut) =>
        [.. cut.FindAll("tbody tr [data-testid^=hall-T], tbody tr [data-testid=hall-CTY]").Select(a => a.GetAttribute("data-testid")!["hall-".Length..])];

    [Fact]
    public void Every_hall_shows_its_figures_and_its_state_as_an_icon_and_a_word_measured_on_the_county_clock()
    {
        var cut = RenderGrid();

        Assert.Equal(["CTY", "T01", "T02", "T03"], Codes(cut));
        var row = cut.Find("[data-testid=hall-T02]").Closest("tr")!;
        Assert.Equal("12", row.QuerySelector("[data-testid=hall-waiting]")!.TextContent);
        Assert.Contains("20 / 100", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("12 min", row.TextContent, StringComparison.Ordinal); // the longest wait, from the county's 10:00
        Assert.Contains("updated 25 min ago", row.TextContent, StringComparison.Ordinal);
        // Silent for 25 minutes while open: not live, and it says so with a shape as well as a word.
        var state = row.QuerySelector("[data-testid=hall-state]")!;
        Assert.Equal("No data", state.TextContent.Trim());
        Assert.NotNull(state.QuerySelector("svg"));
        Assert.Equal("Busy", cut.Find("[data-testid=hall-T01]").Closest("tr")!.QuerySelector("[data-testid=hall-state]")!.TextContent.Trim());
        Assert.Equal("Closed", cut.Find("[data-testid=hall-T03]").Closest("tr")!.QuerySelector("[data-testid=hall-state]")!.TextContent.Trim());
        Assert.Equal("halls/T02", cut.Find("[data-testid=hall-T02]").GetAttribute("href"));
    }

    [Fact]
    public void Sorting_by_waiting_puts_the_longest_queue_first_and_again_the_shortest()
    {
        var cut = RenderGrid();
        var waitingHeader = cut.FindAll("th").Single(th => th.TextContent.Contains("Waiting", StringComparison.Ordinal));

        waitingHeader.QuerySelector(".sortable-column-header")!.Click();
        Assert.Equal(["T03", "T01", "CTY", "T02"], Codes(cut));

        cut.FindAll("th").Single(th => th.TextContent.Contains("Waiting", StringComparison.Ordinal)).QuerySelector(".sortable-column-header")!.Click();
        Assert.Equal(["T02", "CTY", "T01", "T03"], Codes(cut));
    }

    [Fact]
    public async Task The_filter_finds_halls_by_name_code_or_state_as_the_reader_sees_them()
    {
        var cut = RenderGrid();

        await cut.InvokeAsync(() => cut.Find("input[data-testid=halls-filter]").Input("dongba"));
        cut.WaitForAssertion(() => Assert.Equal(["T02"], Codes(cut)));

        await cut.InvokeAsync(() => cut.Find("input[data-testid=halls-filter]").Input("closed"));
        cut.WaitForAssertion(() => Assert.Equal(["T03"], Codes(cut)));

        await cut.InvokeAsync(() => cut.Find("input[data-testid=halls-filter]").Input("nowhere"));
        cut.WaitForAssertion(() => Assert.Equal("No hall matches the filter.", cut.Find("[data-testid=no-halls]").TextContent.Trim()));
    }
}
