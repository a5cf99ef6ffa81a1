using LiveBoard.Client.Account;
using LiveBoard.Client.Alerts;
using LiveBoard.Client.Model;

namespace LiveBoard.ComponentTests;

/// <summary>The alert inbox: its grid, only the steps the alert's state allows, and the steps' dialogs with their checks.</summary>
public sealed class AlertTests : LiveBoardContext
{
    private IRenderedComponent<ContainerFragment> RenderSteps(AlertDetail detail, bool director = false) => RenderWithProviders(b =>
    {
        b.OpenComponent<AlertSteps>(0);
        b.AddComponentParameter(1, nameof(AlertSteps.Detail), detail);
        b.AddComponentParameter(2, nameof(AlertSteps.IsDirector), director);
        b.AddComponentParameter(3, nameof(AlertSteps.Send), (Func<AlertRequest, Task<AlertOutcome>>)(request => Inbox.ActAsync(new(), detail.Alert.Id, request)));
        b.CloseComponent();
    });

    private static string[] Buttons(IRenderedComponent<ContainerFragment> cut) =>
        [.. cut.FindAll("[data-testid=alert-steps] [data-testid^=act-]").Select(b => b.TextContent.Trim())];

    public static TheoryData<string, AlertDetail, bool, string[]> States => new()
    {
        { "a new bad review", FakeInbox.Detail(FakeInbox.Alert(1, AlertKind.BadReview)), false,
            ["Acknowledge", "Assign", "Comment", "Record the return call", "Appeal the review"] },
        { "a bad review after its return call", FakeInbox.Detail(FakeInbox.Alert(1, AlertKind.BadReview, AlertStatus.Acknowledged), returnCall: "已回访"), false,
            ["Assign", "Comment", "Record the return call", "Resolve", "Appeal the review"] },
        { "a bad review under appeal, for its hall manager", FakeInbox.Detail(FakeInbox.Alert(1, AlertKind.BadReview, AlertStatus.Appealed, AppealState.Pending)), false,
            ["Assign", "Comment", "Record the return call"] },
        { "a bad review under appeal, for the director", FakeInbox.Detail(FakeInbox.Alert(1, AlertKind.BadReview, AlertStatus.Appealed, AppealState.Pending)), true,
            ["Assign", "Comment", "Record the return call", "Uphold the appeal", "Reject the appeal"] },
        // A unit may still appeal a review once it is resolved (a mistaken or malicious one): the inbox allows it.
        { "a resolved bad review", FakeInbox.Detail(FakeInbox.Alert(1, AlertKind.BadReview, AlertStatus.Resolved), returnCall: "已回访"), false,
            ["Comment", "Appeal the review", "Reopen"] },
        { "a resolved silent hall", FakeInbox.Detail(FakeInbox.Alert(1, AlertKind.SilentHall, AlertStatus.Resolved)), false,
            ["Comment", "Reopen"] },
        { "a silent hall", FakeInbox.Detail(FakeInbox.Alert(1, AlertKind.SilentHall)), false,
            ["Acknowledge", "Assign", "Comment", "Resolve"] },
        { "an acknowledged long wait", FakeInbox.Detail(FakeInbox.Alert(1, AlertKind.LongWait, AlertStatus.Acknowledged)), false,
            ["Assign", "Comment", "Resolve"] },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Only_the_steps_the_alerts_state_allows_are_offered(string state, AlertDetail detail, bool director, string[] offered)
    {
        var cut = RenderSteps(detail, director);

        Assert.True(offered.SequenceEqual(Buttons(cut)), $"{state}: {string.Join(", ", Buttons(cut))}");
    }

    [Fact]
    public void Acknowledging_needs_nothing_more_and_is_sent_at_once()
    {
        var cut = RenderSteps(FakeInbox.Detail(FakeInbox.Alert(1, AlertKind.BadReview)));

        cut.Find("[data-testid=act-acknowledge]").Click();

        Assert.Equal(AlertCommand.Acknowledge, Assert.Single(Inbox.Requests).Command);
        Assert.Empty(cut.FindAll("[data-testid=step-dialog]"));
    }

    [Fact]
    public void Resolving_asks_for_the_rectification_and_sends_nothing_without_it()
    {
        var cut = RenderSteps(FakeInbox.Detail(FakeInbox.Alert(1, AlertKind.SilentHall)));

        cut.Find("[data-testid=act-resolve]").Click();
        // The note stops where the inbox and the column do.
        Assert.Equal(TextLimits.AlertNote.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.WaitForElement("textarea[data-testid=step-note]").GetAttribute("maxlength"));
        cut.Find("[data-testid=step-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Describe the rectification.", cut.Find("[data-testid=step-dialog]").TextContent, StringComparison.Ordinal));
        Assert.Empty(Inbox.Requests);

        cut.Find("textarea[data-testid=step-note]").Change("已补发通知，恢复数据上报");
        cut.Find("[data-testid=step-submit]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=step-dialog]")));
        var sent = Assert.Single(Inbox.Requests);
        Assert.Equal((AlertCommand.Resolve, "已补发通知，恢复数据上报"), (sent.Command, sent.Note));
    }

    [Fact]
    public void A_return_call_needs_its_outcome_and_the_citizens_rating_of_the_fix()
    {
        var cut = RenderSteps(FakeInbox.Detail(FakeInbox.Alert(1, AlertKind.BadReview, AlertStatus.Acknowledged)));

        cut.Find("[data-testid=act-return-call]").Click();
        cut.WaitForElement("textarea[data-testid=step-note]").Change("已电话回访，群众认可整改");
        cut.Find("[data-testid=step-submit]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Choose the citizen's rating of the fix (1–5).", cut.Find("[data-testid=step-rating-error]").TextContent.Trim()));
        Assert.Empty(Inbox.Requests);

        // The fourth of five stars.
        cut.FindAll("[data-testid=step-rating] .mud-rating-item")[3].Click();
        cut.Find("[data-testid=step-submit]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=step-dialog]")));
        var sent = Assert.Single(Inbox.Requests);
        Assert.Equal((AlertCommand.RecordReturnCall, "已电话回访，群众认可整改", (int?)4), (sent.Command, sent.Note, sent.Rating));
    }

    [Fact]
    public void When_someone_else_acted_first_the_dialog_says_so_and_keeps_what_was_typed()
    {
        Inbox.Answer = new AlertOutcome(AlertRefusal.ChangedMeanwhile);
        var cut = RenderSteps(FakeInbox.Detail(FakeInbox.Alert(1, AlertKind.SilentHall)));

        cut.Find("[data-testid=act-comment]").Click();
        cut.WaitForElement("textarea[data-testid=step-note]").Change("已联系镇里");
        cut.Find("[data-testid=step-submit]").Click();

        cut.WaitForAssertion(() => Assert.Equal("ChangedMeanwhile", cut.Find("[data-testid=action-problem]").GetAttribute("data-code")));
        Assert.Contains("Someone else changed this alert a moment ago", cut.Find("[data-testid=action-problem]").TextContent, StringComparison.Ordinal);
        Assert.Equal("已联系镇里", cut.Find("textarea[data-testid=step-note]").GetAttribute("value") ?? cut.Find("textarea[data-testid=step-note]").TextContent);
    }

    [Fact]
    public async Task The_inbox_lists_the_hall_managers_alerts_filters_them_by_the_readers_words_and_opens_one()
    {
        Inbox.Alerts.Add(FakeInbox.Alert(1, AlertKind.SilentHall));
        Inbox.Alerts.Add(FakeInbox.Alert(2, AlertKind.BadReview, dueAt: StillFeed.TenOClock.AddDays(4).AddHours(2)));
        Inbox.Alerts.Add(FakeInbox.Alert(3, AlertKind.LongWait, hallId: 3)); // another hall's: never shown
        SignIn(UserRole.HallManager, hall: 2);

        var cut = RenderWithProviders(b => { b.OpenComponent<AlertInbox>(0); b.CloseComponent(); });

        Assert.Equal(["BadReview", "SilentHall"], cut.FindAll(".alert-row").Select(r => r.GetAttribute("data-kind")!).Order());
        Assert.Equal("2 open", cut.Find("[data-testid=open-count]").TextContent.Trim());
        // The deadline on the county clock: four days and two hours from 10:00.
        Assert.Contains("4 d 2 h left", cut.Find("[data-testid=alert-2]").Closest("tr")!.TextContent, StringComparison.Ordinal);

        await cut.InvokeAsync(() => cut.Find("input[data-testid=alert-filter]").Input("bad review"));
        cut.WaitForAssertion(() => Assert.Equal(["BadReview"], cut.FindAll(".alert-row").Select(r => r.GetAttribute("data-kind")!)));

        cut.Find("[data-testid=alert-2]").Click();
        cut.WaitForAssertion(() => Assert.Equal("材料没有一次说清楚", cut.Find("[data-testid=detail-comment]").TextContent));
        Assert.Contains("Bad review", cut.Find("[data-testid=detail-title]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=act-acknowledge]"));
    }

    [Fact]
    public void A_county_leader_reads_the_alerts_but_is_offered_no_step()
    {
        Inbox.Alerts.Add(FakeInbox.Alert(2, AlertKind.BadReview));
        SignIn(UserRole.Leader);
        var cut = RenderWithProviders(b => { b.OpenComponent<AlertInbox>(0); b.CloseComponent(); });

        cut.Find("[data-testid=alert-2]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=detail-comment]")));
        Assert.Empty(cut.FindAll("[data-testid=alert-steps]"));
    }
}
