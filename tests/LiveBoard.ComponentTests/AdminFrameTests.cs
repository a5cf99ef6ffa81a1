using LiveBoard.Client.Account;
using LiveBoard.Client.Admin;

namespace LiveBoard.ComponentTests;

/// <summary>The administrator's start page (what is set up, what is missing) and the audit page (filters, before → after).</summary>
public sealed class AdminFrameTests : LiveBoardContext
{
    private readonly FakeSetup setup = new();
    private readonly FakeAuditLog log = new();

    public AdminFrameTests()
    {
        Services.AddSingleton<IAdminSetup>(setup);
        Services.AddSingleton<IAuditLog>(log);
        SignIn(UserRole.Admin);
    }

    [Fact]
    public void An_empty_county_is_told_to_start_with_the_organisation_and_the_missing_calendar()
    {
        setup.Status = new SetupStatus(0, 0, 0, 1, 0, [], 2026, NextYearDue: true);

        var cut = Render<AdminHome>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=admin-no-organisation]")));
        Assert.Contains("2026", cut.Find("[data-testid=admin-calendar-missing]").TextContent);
        Assert.Equal(["false", "false", "false", "false"],
            cut.FindAll("[data-testid^=admin-step-]").Select(step => step.GetAttribute("data-done")));
    }

    [Fact]
    public void In_december_a_county_with_this_years_calendar_is_warned_about_next_years()
    {
        setup.Status = new SetupStatus(21, 150, 322, 30, 2, [2026], 2026, NextYearDue: true);

        var cut = Render<AdminHome>();

        cut.WaitForAssertion(() => Assert.Contains("2027", cut.Find("[data-testid=admin-calendar-missing]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=admin-no-organisation]"));
        Assert.Contains("21 halls · 150 windows · 322 staff", cut.Find("[data-testid=admin-step-organisation]").TextContent);
        Assert.Equal("true", cut.Find("[data-testid=admin-step-organisation]").GetAttribute("data-done"));
        Assert.Equal("false", cut.Find("[data-testid=admin-step-calendar]").GetAttribute("data-done"));
    }

    [Fact]
    public void A_set_up_county_before_december_is_not_warned()
    {
        setup.Status = new SetupStatus(21, 150, 322, 30, 2, [2026], 2026, NextYearDue: false);

        var cut = Render<AdminHome>();

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=admin-step-calendar]").GetAttribute("data-done")));
        Assert.Empty(cut.FindAll("[data-testid=admin-calendar-missing]"));
    }

    [Fact]
    public void The_audit_shows_only_the_fields_a_change_changed()
    {
        log.Rows.Add(new AuditRow(7, StillFeed.TenOClock, "admin", "hall", "T07", "changed",
            """{"code":"T07","capacity":80,"nameEn":"Qiaotou"}""", """{"code":"T07","capacity":120,"nameEn":"Qiaotou"}"""));

        var cut = RenderWithProviders(b => { b.OpenComponent<AuditPage>(0); b.CloseComponent(); });

        cut.WaitForAssertion(() => Assert.Contains("T07", cut.Find("[data-testid=audit-row-7]").TextContent));
        var row = cut.Find("[data-testid=audit-row-7]").Closest("tr")!;
        Assert.Contains("Hall", row.TextContent);
        Assert.Contains("capacity:", row.TextContent);
        Assert.Equal("80", row.QuerySelector("del")!.TextContent);
        Assert.Equal("120", row.QuerySelector("ins")!.TextContent);
        Assert.DoesNotContain("nameEn", row.TextContent);
        Assert.Contains("2026-12-02 10:00:00", row.TextContent);
    }

    [Fact]
    public async Task Typing_a_name_asks_the_audit_for_it()
    {
        var cut = RenderWithProviders(b => { b.OpenComponent<AuditPage>(0); b.CloseComponent(); });
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=audit-empty]")));

        await cut.InvokeAsync(() => cut.Find("input[data-testid=audit-words]").Input("manager.t01"));

        cut.WaitForAssertion(() => Assert.Contains(log.Queries, q => q.Words == "manager.t01"));
    }

    private sealed class FakeSetup : IAdminSetup
    {
        public SetupStatus Status { get; set; } = new(0, 0, 0, 1, 0, [], 2026, false);

        public Task<SetupStatus> StatusAsync(CancellationToken cancellationToken = default) => Task.FromResult(Status);
    }

    private sealed class FakeAuditLog : IAuditLog
    {
        public List<AuditRow> Rows { get; } = [];

        public List<AuditQuery> Queries { get; } = [];

        public Task<IReadOnlyList<string>> AreasAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>([.. Rows.Select(r => r.Area).Distinct()]);

        public Task<AuditResults> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
        {
            Queries.Add(query);
            var rows = Rows.Where(r => query.Words is null || r.Actor.Contains(query.Words) || r.Subject.Contains(query.Words)).ToList();
            return Task.FromResult(new AuditResults(rows, rows.Count));
        }
    }
}
