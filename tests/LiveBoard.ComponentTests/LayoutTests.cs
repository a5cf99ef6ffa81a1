using LiveBoard.Client.Account;
using LiveBoard.Client.Layout;
using LiveBoard.Client.Model;
using Microsoft.AspNetCore.Components;

namespace LiveBoard.ComponentTests;

/// <summary>The laptop screens' frame: the links each role is shown, the open-alert badge, the theme and language switches.</summary>
public sealed class LayoutTests : LiveBoardContext
{
    private static readonly string[] AllLinks = ["nav-me", "nav-hall", "nav-history", "nav-alerts", "nav-qr", "nav-reports", "nav-rankings", "nav-admin", "nav-audit"];

    public LayoutTests()
    {
        Feed.Halls.Add(StillFeed.Hall(2, "T01", "城关镇便民服务中心", "Chengguan Township Service Hall"));
    }

    private IRenderedComponent<MainLayout> RenderLayout(ThemeMode theme = ThemeMode.Light, string path = "") 
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(path);
        return Render<MainLayout>(p => p
            .AddCascadingValue(theme)
            .Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p data-testid=\"body\">the page</p>"))));
    }

    public static TheoryData<UserRole, string[], string> Roles => new()
    {
        // Each link under the policy of the page it opens (PolicyRules), the hall's only for those who belong to one.
        { UserRole.Leader, ["nav-alerts", "nav-reports", "nav-rankings"], "" },
        { UserRole.Director, ["nav-alerts", "nav-qr", "nav-reports", "nav-rankings", "nav-audit"], "" },
        { UserRole.Admin, ["nav-qr", "nav-reports", "nav-rankings", "nav-admin"], "admin" },
        { UserRole.HallManager, ["nav-hall", "nav-history", "nav-alerts", "nav-qr", "nav-reports"], "halls/T01" },
        { UserRole.Staff, ["nav-me", "nav-hall"], "me" },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public void Each_role_is_shown_the_links_to_the_pages_it_may_open_and_no_others(UserRole role, string[] shown, string home)
    {
        SignIn(role, hall: role is UserRole.HallManager or UserRole.Staff ? 2 : null);

        var cut = RenderLayout();

        Assert.Equal(shown, AllLinks.Where(id => cut.FindAll($"[data-testid={id}]").Count > 0));
        Assert.Equal(home.Length == 0 ? "/" : home, cut.Find("a[data-testid=nav-home]").GetAttribute("href"));
        Assert.Equal("王芳", cut.Find("[data-testid=signed-in-as]").TextContent);
        if (role == UserRole.HallManager)
        {
            Assert.Equal("halls/T01", cut.Find("[data-testid=nav-hall]").GetAttribute("href"));
            Assert.Equal("halls/T01/history", cut.Find("[data-testid=nav-history]").GetAttribute("href"));
        }
        Assert.Equal("the page", cut.Find("main[data-circuit=live] [data-testid=body]").TextContent);
    }

    [Fact]
    public void Nobody_signed_in_sees_only_the_language_and_theme_switches()
    {
        var cut = RenderLayout();

        Assert.DoesNotContain(AllLinks, id => cut.FindAll($"[data-testid={id}]").Count > 0);
        Assert.Empty(cut.FindAll("[data-testid=sign-out]"));
        Assert.NotNull(cut.Find("[data-testid=culture-zh]"));
        Assert.NotNull(cut.Find("[data-testid=theme-dark]"));
    }

    [Fact]
    public void The_page_being_shown_is_marked_in_the_top_bar()
    {
        SignIn(UserRole.Leader);

        var cut = RenderLayout(path: "reports?period=month");

        Assert.Equal("page", cut.Find("[data-testid=nav-reports]").GetAttribute("aria-current"));
        Assert.Null(cut.Find("[data-testid=nav-rankings]").GetAttribute("aria-current"));
    }

    [Fact]
    public void The_alerts_link_carries_the_number_of_open_alerts_the_user_may_read_and_it_follows_new_ones()
    {
        Inbox.Alerts.Add(FakeInbox.Alert(1, AlertKind.BadReview));
        Inbox.Alerts.Add(FakeInbox.Alert(2, AlertKind.SilentHall));
        Inbox.Alerts.Add(FakeInbox.Alert(3, AlertKind.LongWait, hallId: 3)); // another hall's
        Inbox.Alerts.Add(FakeInbox.Alert(4, AlertKind.LongWait, status: AlertStatus.Resolved));
        SignIn(UserRole.HallManager, hall: 2);

        var cut = RenderLayout();

        Assert.Equal("2", cut.Find("[data-testid=open-alert-badge] .mud-badge").TextContent.Trim());
        cut.InvokeAsync(() => Inbox.Raise(FakeInbox.Alert(5, AlertKind.OverCapacity)));
        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid=open-alert-badge] .mud-badge").TextContent.Trim()));
    }

    [Fact]
    public void A_new_alert_on_an_open_page_is_announced_until_dismissed_and_leads_to_it()
    {
        Inbox.Alerts.Add(FakeInbox.Alert(1, AlertKind.SilentHall));
        SignIn(UserRole.HallManager, hall: 2);
        var cut = RenderLayout();
        Assert.Empty(cut.FindAll("[data-testid=new-alert]")); // what was open before is no news

        cut.InvokeAsync(() => Inbox.Raise(FakeInbox.Alert(7, AlertKind.BadReview)));

        cut.WaitForAssertion(() => Assert.Equal("New alert · Bad review · Chengguan Township Service Hall · Window 2 · Very dissatisfied · Impatient",
            cut.Find("[data-testid=new-alert]").TextContent.Trim()));
        var show = cut.Find(".mud-snackbar .mud-snackbar-content-action button");
        Assert.Equal("Show", show.TextContent.Trim());
        show.Click();
        Assert.EndsWith("/alerts?alert=7", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_burst_of_new_alerts_chimes_once_with_the_newest_and_what_was_open_before_does_not()
    {
        Inbox.Alerts.Add(FakeInbox.Alert(1, AlertKind.SilentHall));
        SignIn(UserRole.HallManager, hall: 2);
        var cut = RenderLayout();
        cut.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, i => i.Identifier == "liveboard.isMuted"));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "liveboard.announce");

        cut.InvokeAsync(() => Inbox.Raise(FakeInbox.Alert(7, AlertKind.BadReview)));

        cut.WaitForAssertion(() => Assert.Equal("New alert · Bad review",
            Assert.Single(JSInterop.Invocations, i => i.Identifier == "liveboard.announce").Arguments[0]));
    }

    [Fact]
    public void The_alert_sound_can_be_muted_and_the_browser_remembers_it()
    {
        JSInterop.Setup<bool>("liveboard.isMuted").SetResult(false);
        SignIn(UserRole.HallManager, hall: 2);
        var cut = RenderLayout();
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-testid=alert-sound]").GetAttribute("aria-pressed")));

        cut.InvokeAsync(() => cut.Find("[data-testid=alert-sound]").Click());

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=alert-sound]").GetAttribute("aria-pressed")));
        Assert.Equal(true, Assert.Single(JSInterop.Invocations, i => i.Identifier == "liveboard.setMuted").Arguments[0]);
    }

    [Fact]
    public void Leaders_of_another_hall_hear_of_nothing_and_staff_never()
    {
        SignIn(UserRole.Staff, hall: 2);
        var cut = RenderLayout();

        cut.InvokeAsync(() => Inbox.Raise(FakeInbox.Alert(7, AlertKind.BadReview)));

        Assert.Empty(cut.FindAll("[data-testid=new-alert]"));
        Assert.Empty(cut.FindAll("[data-testid=open-alert-badge]"));
    }

    [Theory]
    [InlineData(ThemeMode.Light, "theme-dark", "value=dark", "rgba(244,246,249,1)")]
    [InlineData(ThemeMode.Dark, "theme-light", "value=light", "rgba(17,22,29,1)")]
    public void The_theme_switch_offers_the_other_theme_and_remembers_it_through_the_preference_endpoint(ThemeMode theme, string switchId, string value, string background)
    {
        SignIn(UserRole.Leader);

        var cut = RenderLayout(theme, "alerts?alert=3");

        var toggle = cut.Find($"[data-testid={switchId}]");
        Assert.Equal($"preferences/theme?{value}&redirect=%2Falerts%3Falert%3D3", toggle.GetAttribute("href"));
        Assert.Equal("_top", toggle.GetAttribute("target"));
        // The whole page takes the theme's colours: MudBlazor's background is the chosen palette's.
        Assert.Contains($"--mud-palette-background: {background};", cut.Find("style.mud-theme-provider").TextContent, StringComparison.Ordinal);
    }
}
