using LiveBoard.Client.Account;
using LiveBoard.Client.Admin;
using LiveBoard.Client.Alerts;
using LiveBoard.Client.Model;
using MudBlazor;

namespace LiveBoard.ComponentTests;

/// <summary>
/// The administration's pages: the user dialog's checks and the server's refusals, the password and
/// key shown once, the last admin's protection said, the calendar's month grid and dry run, and the
/// deadline that counts Monday to Friday only saying so.
/// </summary>
public sealed class AdminSettingsTests : LiveBoardContext
{
    public AdminSettingsTests() => SignIn(UserRole.Admin, name: "Administrator");

    private IRenderedComponent<ContainerFragment> RenderPage<TPage>() where TPage : Microsoft.AspNetCore.Components.IComponent =>
        RenderWithProviders(b => { b.OpenComponent<TPage>(0); b.CloseComponent(); });

    [Fact]
    public void A_new_user_needs_a_user_name_and_a_name_and_nothing_is_sent_without_them()
    {
        var cut = RenderPage<UsersPage>();

        cut.Find("[data-testid=user-create]").Click();
        cut.WaitForElement("[data-testid=user-dialog]");
        cut.Find("[data-testid=user-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Enter a user name.", cut.Find("[data-testid=user-dialog]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Enter the name shown in the top bar", cut.Find("[data-testid=user-dialog]").TextContent, StringComparison.Ordinal);
        Assert.Empty(Users.Sent);

        cut.Find("input[data-testid=user-name]").Change("wang fang");
        cut.Find("input[data-testid=user-display-name]").Change("王芳");
        cut.Find("[data-testid=user-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("at most 64 letters, digits", cut.Find("[data-testid=user-dialog]").TextContent, StringComparison.Ordinal));
        Assert.Empty(Users.Sent);
    }

    [Fact]
    public void A_hall_manager_without_a_hall_is_refused_in_the_dialog()
    {
        var cut = RenderPage<UsersPage>();
        var manager = Users.Users[1] with { HallCode = null };
        var dialogs = Services.GetRequiredService<IDialogService>();

        cut.InvokeAsync(() => dialogs.ShowAsync<UserDialog>("x", new DialogParameters<UserDialog>
        {
            { d => d.Existing, manager }, { d => d.Send, form => Users.ChangeAsync(new(), manager.UserName, form) },
        }));
        cut.WaitForElement("[data-testid=user-dialog]");
        cut.Find("[data-testid=user-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Hall managers and staff need a hall.", cut.Find("[data-testid=user-dialog]").TextContent, StringComparison.Ordinal));
        Assert.Empty(Users.Sent);
    }

    [Fact]
    public void The_first_password_is_shown_once_with_a_copy_button_and_is_gone_when_the_dialog_closes()
    {
        var cut = RenderPage<UsersPage>();

        cut.Find("[data-testid=user-create]").Click();
        cut.WaitForElement("input[data-testid=user-name]").Change("Wang.Fang");
        cut.Find("input[data-testid=user-display-name]").Change("王芳");
        cut.Find("[data-testid=user-submit]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Fresh-Pass-2026x", cut.Find("input[data-testid=shown-secret]").GetAttribute("value")));
        Assert.Equal(new UserForm("Wang.Fang", "王芳", UserRole.Leader), Assert.Single(Users.Sent));
        Assert.Contains("Shown this once", cut.Find("[data-testid=shown-once-warning]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=copy-secret]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Copied.", cut.Find("[data-testid=copy-result]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=shown-screen-url]"));

        cut.Find("[data-testid=shown-done]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=shown-once]")));
        Assert.DoesNotContain("Fresh-Pass-2026x", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_taken_keeps_the_dialog_open_with_the_reason()
    {
        Users.Answer = new UserOutcome(UserRefusal.UserNameTaken);
        var cut = RenderPage<UsersPage>();

        cut.Find("[data-testid=user-create]").Click();
        cut.WaitForElement("input[data-testid=user-name]").Change("leader");
        cut.Find("input[data-testid=user-display-name]").Change("Another leader");
        cut.Find("[data-testid=user-submit]").Click();

        cut.WaitForAssertion(() => Assert.Equal("UserNameTaken", cut.Find("[data-testid=user-problem]").GetAttribute("data-code")));
        Assert.Equal("That user name is taken.", cut.Find("[data-testid=user-problem]").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=user-dialog]"));
        Assert.Empty(cut.FindAll("[data-testid=shown-once]"));
    }

    [Fact]
    public void Disabling_the_last_admin_is_refused_and_the_page_says_why()
    {
        Users.Answer = new UserOutcome(UserRefusal.LastAdmin);
        var cut = RenderPage<UsersPage>();

        cut.FindAll("[data-testid=user-disable]")[0].Click();
        // The confirmation first, then the refusal.
        cut.WaitForAssertion(() => Assert.Contains("Disable admin?", cut.Markup, StringComparison.Ordinal));
        cut.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Trim() == "Disable").Click();

        cut.WaitForAssertion(() => Assert.Contains("This is the last active administrator", cut.Markup, StringComparison.Ordinal));
        Assert.Equal(["disable admin"], Users.Asked);
    }

    [Fact]
    public void The_grid_finds_users_by_the_readers_words_and_offers_unlock_only_to_the_locked()
    {
        var cut = RenderPage<UsersPage>();

        Assert.Single(cut.FindAll("[data-testid=user-unlock]"));
        cut.Find("input[data-testid=user-search]").Input("hall manager");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=user-admin]")));
        Assert.Single(cut.FindAll("[data-testid^=user-manager]"));
    }

    [Fact]
    public void A_new_displays_key_is_shown_once_with_its_screen_address_and_qr_code()
    {
        var cut = RenderPage<DisplaysPage>();
        Assert.NotNull(cut.Find("[data-testid=devices-empty]"));

        cut.Find("[data-testid=device-create]").Click();
        cut.WaitForElement("[data-testid=device-dialog]");
        cut.Find("[data-testid=device-submit]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Enter a name that says where the device is", cut.Find("[data-testid=device-dialog]").TextContent, StringComparison.Ordinal));
        Assert.Empty(Devices.Sent);

        cut.Find("input[data-testid=device-name]").Change("Wall, lobby");
        cut.Find("[data-testid=device-submit]").Click();

        cut.WaitForAssertion(() => Assert.Equal("lbk_0123456789ab_secretsecretsecretsecretsecret", cut.Find("input[data-testid=shown-secret]").GetAttribute("value")));
        Assert.Equal(new DeviceForm("Wall, lobby", DeviceKind.Display), Assert.Single(Devices.Sent));
        Assert.EndsWith("wall?key=lbk_0123456789ab_secretsecretsecretsecretsecret", cut.Find("input[data-testid=shown-screen-url]").GetAttribute("value"), StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=shown-screen-qr] svg[data-qr]"));
    }

    [Fact]
    public void A_month_of_the_calendar_starts_on_monday_and_marks_holidays_and_make_up_days_with_a_sign_not_colour_alone()
    {
        var days = Calendar.Days.ToDictionary(d => d.Date);
        var cut = Render<CalendarMonth>(p => p.Add(m => m.Year, 2026).Add(m => m.Month, 10).Add(m => m.Days, days));

        var cells = cut.FindAll("[data-testid=calendar-day]");
        Assert.Equal(31, cells.Count);
        string Kind(int day) => cells[day - 1].GetAttribute("data-kind")!;
        Assert.Equal(("holiday", "holiday", "weekend", "workday", "make-up"), (Kind(1), Kind(2), Kind(3), Kind(5), Kind(10)));
        Assert.Contains("H", cells[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("W", cells[9].TextContent, StringComparison.Ordinal);
        Assert.Contains("国庆节调休", cells[9].GetAttribute("title"), StringComparison.Ordinal);
        // 1 October 2026 is a Thursday: seven weekday names, then three empty places before it.
        var grid = cut.Find("[data-testid=calendar-month] > div");
        Assert.Equal(7 + 3, grid.Children.TakeWhile(c => c.GetAttribute("data-testid") != "calendar-day").Count());
        Assert.Equal("Mo", grid.Children[0].TextContent);
    }

    [Fact]
    public void The_calendar_page_warns_that_next_year_is_missing_shows_a_dry_runs_problems_by_line_and_applies_only_a_clean_one()
    {
        Calendar.Result = new CalendarImportResult([new ImportLineProblem(3, "2027-02-15 春节补班 workday", ImportRefusal.MakeUpDayOnWeekday, "2027-02-15")], [], [], false);
        var cut = RenderPage<CalendarPage>();

        Assert.Contains("The working-day calendar for 2027 is missing", cut.Find("[data-testid=calendar-missing]").TextContent, StringComparison.Ordinal);
        Assert.Equal("2027", cut.Find("[data-testid=calendar-year]").GetAttribute("data-year"));
        cut.Find("textarea[data-testid=import-text]").Input("2027-02-15 春节补班 workday");
        cut.Find("[data-testid=import-check]").Click();

        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid=import-problem]").GetAttribute("data-line")));
        Assert.Contains("A make-up working day is a Saturday or Sunday", cut.Find("[data-testid=import-problem]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=import-apply]"));
        Assert.Equal([false], Calendar.Imports.Select(i => i.Apply));

        Calendar.Result = new CalendarImportResult([], [new CalendarYearChange(2027, 0, 0, 9, 1, true)], [new(new DateOnly(2027, 1, 1), "元旦", false)], false);
        cut.Find("textarea[data-testid=import-text]").Input("2027-01-01 元旦 holiday");
        cut.Find("[data-testid=import-check]").Click();
        cut.WaitForElement("[data-testid=import-apply]").Click();

        cut.WaitForAssertion(() => Assert.Equal([false, false, true], Calendar.Imports.Select(i => i.Apply)));
        Assert.Equal("2027-01-01 元旦 holiday", Calendar.Imports[^1].Source.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_deadline_in_a_year_without_a_calendar_says_it_counts_monday_to_friday_only(bool calendarFor2027)
    {
        if (calendarFor2027)
            Coverage.Years.Add(2027);
        var raised = StillFeed.TenOClock.AddDays(27); // 29 December 2026
        var alert = FakeInbox.Alert(1, AlertKind.BadReview, dueAt: raised.AddDays(8)) with { RaisedAt = raised };

        var cut = RenderWithProviders(b =>
        {
            b.OpenComponent<AlertGrid>(0);
            b.AddComponentParameter(1, nameof(AlertGrid.Alerts), (IReadOnlyList<AlertView>)[alert]);
            b.CloseComponent();
        });

        var notes = cut.FindAll("[data-testid=deadline-weekdays-only]");
        if (calendarFor2027)
            Assert.Empty(notes);
        else
            Assert.Contains("the working-day calendar for 2027 is missing", Assert.Single(notes).GetAttribute("aria-label"), StringComparison.Ordinal);
    }
}
