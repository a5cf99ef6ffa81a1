using System.Security.Claims;
using LiveBoard.Client.Account;
using LiveBoard.Client.Admin;
using LiveBoard.Client.Model;
using Microsoft.AspNetCore.Components.Forms;

namespace LiveBoard.ComponentTests;

/// <summary>
/// The organisation page: the empty county told what to do, the import's dry run (problems by sheet,
/// row and column, nothing to apply) and its confirmation, the edit dialog's own time check and the
/// server's refusals at their fields, search and the deactivated rows.
/// </summary>
public sealed class OrganisationPageTests : LiveBoardContext
{
    private readonly FakeOrganisationAdmin organisation = new();

    public OrganisationPageTests() => SignIn(UserRole.Admin, name: "Administrator");

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<IOrganisationAdmin>(organisation);

    private IRenderedComponent<ContainerFragment> RenderPage() =>
        RenderWithProviders(b => { b.OpenComponent<OrganisationPage>(0); b.CloseComponent(); });

    [Fact]
    public void An_empty_county_is_told_to_start_from_the_template_and_has_nothing_to_export()
    {
        organisation.Rows = OrganisationRows.Empty;

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Contains("No halls yet. Download the template", cut.Find("[data-testid=org-empty]").TextContent, StringComparison.Ordinal));
        Assert.Equal("api/v1/admin/organisation/template.xlsx", cut.Find("[data-testid=org-template]").GetAttribute("href"));
        Assert.True(cut.Find("[data-testid=org-export]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_dry_run_with_problems_lists_them_by_sheet_row_and_column_and_offers_nothing_to_apply()
    {
        organisation.DryRunAnswer = new ImportReport(
        [
            new ImportProblem(OrganisationKind.Windows, 142, OrganisationSheets.Number, ImportProblemCode.Duplicate, "CTY 1", "2"),
            new ImportProblem(OrganisationKind.Staff, 7, OrganisationSheets.Hall, ImportProblemCode.UnknownHall, "T99"),
        ], [], Applied: false);
        var cut = RenderPage();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([1, 2, 3], "county.xlsx"));
        cut.WaitForElement("[data-testid=org-import-file-name]");
        cut.Find("[data-testid=org-import-check]").Click();

        cut.WaitForAssertion(() => Assert.Contains("2 problems: nothing was applied.", cut.Find("[data-testid=org-import-problems-summary]").TextContent, StringComparison.Ordinal));
        var rows = cut.FindAll("[data-testid=org-import-problems] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Windows", StringComparison.Ordinal) && r.Contains("142", StringComparison.Ordinal) && r.Contains("Window number", StringComparison.Ordinal) && r.Contains("“CTY 1” comes twice (first in row 2).", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Staff", StringComparison.Ordinal) && r.Contains('7', StringComparison.Ordinal) && r.Contains("There is no hall “T99”.", StringComparison.Ordinal));
        // What the file said is marked as data, not as words of the reader's language.
        Assert.Equal(["CTY 1", "2", "T99"], cut.FindAll("[data-testid=org-import-problem] [translate=no]").Select(e => e.TextContent));
        Assert.Empty(cut.FindAll("[data-testid=org-import-apply]"));
        Assert.Equal("county.xlsx", Assert.Single(organisation.DryRuns).Single().Name);
        Assert.Empty(organisation.Imports);
    }

    [Fact]
    public void A_clean_dry_run_shows_what_it_would_change_and_applies_only_when_confirmed()
    {
        organisation.DryRunAnswer = new ImportReport([], [new(OrganisationKind.Halls, 1, 0, 0, 20), new(OrganisationKind.Staff, 3, 1, 0, 298)], Applied: false);
        var cut = RenderPage();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("大厅编码 Hall code\nT21", "halls.csv"));
        cut.WaitForElement("[data-testid=org-import-file-name]");
        cut.Find("[data-testid=org-import-check]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Apply these 5 changes", cut.Find("[data-testid=org-import-apply]").TextContent, StringComparison.Ordinal));
        Assert.Equal([["Halls", "1", "0", "0", "20"], ["Staff", "3", "1", "0", "298"]],
            cut.FindAll("[data-testid=org-import-count]").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToArray());
        Assert.Empty(organisation.Imports);

        organisation.Rows = organisation.Rows with { Halls = [.. organisation.Rows.Halls, new HallRow("T21", "新桥镇便民服务中心", "Xinqiao Township Service Hall", HallKind.Township, 60)] };
        cut.Find("[data-testid=org-import-apply]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Imported: 5 changes", cut.Find("[data-testid=org-import-applied]").TextContent, StringComparison.Ordinal));
        Assert.Equal("halls.csv", Assert.Single(organisation.Imports).Single().Name);
        cut.WaitForAssertion(() => Assert.Contains("T21", cut.Find("[data-testid=org-halls]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_time_that_is_not_a_time_is_refused_in_the_dialog_and_the_servers_refusal_stays_at_its_field()
    {
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=org-halls] [data-testid=org-row-key]");

        cut.Find("[data-testid=org-new]").Click();
        cut.WaitForElement("[data-testid=organisation-dialog]");
        await cut.InvokeAsync(() => cut.Find("input[data-testid=org-code]").Change("T21"));
        await cut.InvokeAsync(() => cut.Find("input[data-testid=org-name]").Change("新桥镇便民服务中心"));
        await cut.InvokeAsync(() => cut.Find("input[data-testid=org-name-en]").Change("Xinqiao Township Service Hall"));
        await cut.InvokeAsync(() => cut.Find("[data-day=Monday] input[data-testid=org-day-opens]").Change("8.30"));
        cut.Find("[data-testid=org-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Monday · Opens: “8.30” is not a time such as 08:30.", cut.Find("[data-testid=org-problems]").TextContent, StringComparison.Ordinal));
        Assert.Empty(organisation.SavedHalls);

        await cut.InvokeAsync(() => cut.Find("[data-day=Monday] input[data-testid=org-day-opens]").Change("08:30"));
        organisation.SaveAnswer = new ImportReport([new ImportProblem(OrganisationKind.Halls, 2, OrganisationSheets.Code, ImportProblemCode.Duplicate, "T21", "5")], [], Applied: false);
        cut.Find("[data-testid=org-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("“T21” comes twice (first in row 5).", cut.Find("[data-testid=organisation-dialog]").TextContent, StringComparison.Ordinal));
        var (hall, hours) = Assert.Single(organisation.SavedHalls);
        Assert.Equal(new HallRow("T21", "新桥镇便民服务中心", "Xinqiao Township Service Hall", HallKind.Township, 100), hall);
        Assert.Equal(5, hours.Count);
        Assert.Equal(new HoursRow("T21", DayOfWeek.Monday, new(8, 30), new(17, 0), new(12, 0), new(13, 30)), hours[0]);
        Assert.Equal("T21", cut.Find("input[data-testid=org-code]").GetAttribute("value"));

        organisation.SaveAnswer = new ImportReport([], [new(OrganisationKind.Halls, 1, 0, 0, 0)], Applied: true);
        cut.Find("[data-testid=org-submit]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=organisation-dialog]")));
        Assert.Equal(2, organisation.SavedHalls.Count);
    }

    [Fact]
    public async Task Search_finds_staff_by_position_and_deactivated_staff_appear_only_when_asked_for()
    {
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=org-halls] [data-testid=org-row-key]");
        cut.FindAll(".mud-tab")[4].Click();
        cut.WaitForElement("[data-testid=org-staff]");

        Assert.Equal(["S00001", "S00002"], Keys(cut, "org-staff"));
        await cut.InvokeAsync(() => cut.Find("input[data-testid=org-search]").Input("AB岗"));
        cut.WaitForAssertion(() => Assert.Equal(["S00002"], Keys(cut, "org-staff")));

        await cut.InvokeAsync(() => cut.Find("input[data-testid=org-search]").Input(""));
        cut.Find("input[data-testid=org-show-inactive]").Change(true);
        cut.WaitForAssertion(() => Assert.Equal(["S00001", "S00002", "S00003"], Keys(cut, "org-staff")));
        Assert.Contains("Reactivate", cut.Find("[data-testid=org-row-actions][data-key=S00003]").TextContent, StringComparison.Ordinal);
    }

    private static List<string> Keys(IRenderedComponent<ContainerFragment> cut, string grid) =>
        [.. cut.FindAll($"[data-testid={grid}] [data-testid=org-row-key]").Select(k => k.TextContent.Trim())];
}

/// <summary>The organisation in memory: a hall with two windows and three staff (one deactivated); what was sent, and what the next call answers.</summary>
public sealed class FakeOrganisationAdmin : IOrganisationAdmin
{
    public OrganisationRows Rows { get; set; } = new(
        [new HallRow("CTY", "清溪县政务服务中心", "Qingxi County Administrative Service Centre", HallKind.County, 260)],
        [new HoursRow("CTY", DayOfWeek.Monday, new(8, 30), new(17, 30), new(12, 0), new(13, 30))],
        [new DepartmentRow("HRSS", "人力资源和社会保障局", "Human Resources and Social Security")],
        [new BusinessRow("PENSION", "养老保险", "Pensions", "HRSS", 12)],
        [new WindowRow("CTY", 1, "PENSION", "", "QX7K2M9P"), new WindowRow("CTY", 2, "PENSION", "", "QX8L3N4R")],
        [
            new StaffRow("S00001", "王平", "Wang Ping", "窗口受理员", "CTY", 1, "HRSS", "0739-8562466"),
            new StaffRow("S00002", "徐宇静", "Xu Yujing", "AB岗后备受理员", "CTY", 2, "HRSS", "0739-8781090"),
            new StaffRow("S00003", "刘杰", "Liu Jie", "窗口受理员", "CTY", null, "HRSS", "0739-8263677", Active: false),
        ]);

    public ImportReport DryRunAnswer { get; set; } = new([], [], Applied: false);

    public ImportReport SaveAnswer { get; set; } = new([], [], Applied: true);

    public List<IReadOnlyList<ImportFile>> DryRuns { get; } = [];

    public List<IReadOnlyList<ImportFile>> Imports { get; } = [];

    public List<(HallRow Hall, IReadOnlyList<HoursRow> Hours)> SavedHalls { get; } = [];

    public Task<OrganisationRows> LoadAsync(CancellationToken cancellationToken = default) => Task.FromResult(Rows);

    public Task<ImportReport> SaveHallAsync(ClaimsPrincipal admin, HallRow hall, IReadOnlyList<HoursRow> hours, CancellationToken cancellationToken = default)
    {
        SavedHalls.Add((hall, hours));
        return Task.FromResult(SaveAnswer);
    }

    public Task<ImportReport> SaveDepartmentAsync(ClaimsPrincipal admin, DepartmentRow department, CancellationToken cancellationToken = default) => Task.FromResult(SaveAnswer);

    public Task<ImportReport> SaveBusinessAsync(ClaimsPrincipal admin, BusinessRow business, CancellationToken cancellationToken = default) => Task.FromResult(SaveAnswer);

    public Task<ImportReport> SaveWindowAsync(ClaimsPrincipal admin, WindowRow window, CancellationToken cancellationToken = default) => Task.FromResult(SaveAnswer);

    public Task<ImportReport> SaveStaffAsync(ClaimsPrincipal admin, StaffRow staff, CancellationToken cancellationToken = default) => Task.FromResult(SaveAnswer);

    public Task<ImportReport> SetActiveAsync(ClaimsPrincipal admin, OrganisationKind kind, string key, bool active, CancellationToken cancellationToken = default) => Task.FromResult(SaveAnswer);

    public Task<ImportReport> DryRunAsync(IReadOnlyList<ImportFile> files, bool deactivateMissing, CancellationToken cancellationToken = default)
    {
        DryRuns.Add(files);
        return Task.FromResult(DryRunAnswer);
    }

    public Task<ImportReport> ImportAsync(ClaimsPrincipal admin, IReadOnlyList<ImportFile> files, bool deactivateMissing, CancellationToken cancellationToken = default)
    {
        Imports.Add(files);
        return Task.FromResult(DryRunAnswer with { Applied = true });
    }
}
