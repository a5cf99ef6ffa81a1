using System.Text;
using LiveBoard.Client.Admin;
using LiveBoard.Client.Model;
using LiveBoard.Server.Features.Organisation;
using static LiveBoard.Client.Admin.OrganisationSheets;

namespace LiveBoard.UnitTests;

/// <summary>
/// The organisation import's row checks, without a database: what a county's spreadsheet may say,
/// and every problem reported where the admin finds it — sheet, row, column.
/// </summary>
public sealed class OrganisationImportTests
{
    private static readonly TimeOnly Opens = new(8, 30), Lunch = new(12, 0), Back = new(13, 30), Closes = new(17, 30);

    /// <summary>Two halls, one department, two businesses, three windows, three staff.</summary>
    private static readonly OrganisationRows Small = new(
        [new("CTY", "清溪县政务服务中心", "County centre", HallKind.County, 200), new("T01", "城关镇便民服务中心", "Chengguan", HallKind.Township, 50)],
        [.. new[] { "CTY", "T01" }.SelectMany(h => new[] { DayOfWeek.Monday, DayOfWeek.Tuesday }.Select(d => new HoursRow(h, d, Opens, Closes, Lunch, Back)))],
        [new("HRSS", "人社局", "Human resources")],
        [new("A", "社会保险", "Social insurance", "HRSS", 9), new("B", "就业创业", "Employment", "HRSS", 8)],
        [new("CTY", 1, "A", "", "cty0000001"), new("CTY", 2, "B", "", "cty0000002"), new("T01", 1, "A", "", "t010000001")],
        [new("S1", "王涛", "Wang Tao", "窗口受理员", "CTY", 1, "HRSS", "0739-8000001"), new("S2", "李娜", "Li Na", "窗口受理员", "T01", 1, "", "0739-6000002"),
         new("S3", "张伟", "Zhang Wei", "中心主任", "CTY", null, "", "")]);

    private static readonly IReadOnlySet<string> Accounts = new HashSet<string>(["staff.t01", "admin"], StringComparer.OrdinalIgnoreCase);

    private static int codes;

    private static string NewCode() => $"new{Interlocked.Increment(ref codes):0000000}";

    private static OrganisationPlan Plan(OrganisationRows current, IReadOnlyList<ImportFile> files, bool deactivateMissing = false)
    {
        var (proposal, problems) = OrganisationAdmin.Read(files, deactivateMissing);
        Assert.NotNull(proposal);
        var plan = OrganisationCheck.Plan(current, proposal, Accounts, NewCode);
        return plan with { Problems = [.. problems, .. plan.Problems] };
    }

    private static ImportFile Xlsx(OrganisationRows rows, params OrganisationKind[] kinds) =>
        new("county.xlsx", OrganisationWorkbook.Workbook(rows, kinds: kinds.Length == 0 ? null : kinds));

    private static ImportFile Csv(string name, string content) => new(name, Encoding.UTF8.GetBytes(content));

    [Fact]
    public void The_template_reads_back_as_every_sheet_with_no_row_and_no_problem()
    {
        var (sheets, problems) = OrganisationWorkbook.Read([new ImportFile("template.xlsx", OrganisationWorkbook.Workbook(OrganisationRows.Empty, withReadMe: true))]);

        Assert.Empty(problems);
        Assert.Equal(All.Select(s => s.Kind), sheets.Select(s => s.Kind));
        Assert.All(sheets, s => Assert.Empty(s.Rows));
        Assert.All(sheets, s => Assert.Equal(Of(s.Kind).Columns.Select(c => c.Key).ToHashSet(), s.Columns));
    }

    [Fact]
    public void An_export_imported_again_changes_nothing()
    {
        var plan = Plan(Small, [Xlsx(Small)], deactivateMissing: true);

        Assert.Empty(plan.Problems);
        Assert.Empty(plan.Changes);
        Assert.All(plan.Counts, c => Assert.Equal(0, c.Changes));
        Assert.Equal(Small.Staff.Count, plan.Counts.Single(c => c.Kind == OrganisationKind.Staff).Unchanged);
    }

    [Fact]
    public void The_csv_export_imported_again_changes_nothing_even_with_a_name_that_looks_like_a_formula()
    {
        var tricky = Small with { Staff = [.. Small.Staff.Select((s, i) => i == 0 ? s with { Name = "=HYPERLINK(1)", Position = "-主任, \"A\"岗" } : s)] };
        var files = All.Select(s => Csv(s.FileName, OrganisationWorkbook.Csv(s.Kind, tricky))).ToList();
        Assert.StartsWith("'=HYPERLINK", OrganisationWorkbook.Csv(OrganisationKind.Staff, tricky).Split("\r\n")[1].Split(',')[1], StringComparison.Ordinal);

        var plan = Plan(tricky, files, deactivateMissing: true);

        Assert.Empty(plan.Problems);
        Assert.Empty(plan.Changes);
    }

    [Fact]
    public void Headers_are_read_in_Chinese_in_English_or_both_and_a_csv_is_recognised_by_its_headers()
    {
        var chinese = Csv("大厅.csv", "大厅编码,大厅名称,英文名称,县级或乡镇,容纳人数\r\nT02,东坝镇便民服务中心,Dongba,乡镇,40\r\n");
        var english = Csv("upload.csv", "Hall code,Name (Chinese),Name (English),County or township,Capacity\r\nT02,东坝镇便民服务中心,Dongba,township,40\r\n");
        var hours = Csv("week.csv", "Hall code,Weekday,Opens,Lunch starts,Lunch ends,Closes\r\nT02,周一,8:30,12:00,13:30,17:30\r\n");

        foreach (var halls in new[] { chinese, english })
        {
            var plan = Plan(Small, [halls, hours]);
            Assert.Empty(plan.Problems);
            Assert.Equal(new HallRow("T02", "东坝镇便民服务中心", "Dongba", HallKind.Township, 40), plan.Target.Halls.Single(h => h.Code == "T02"));
            Assert.Equal(1, plan.Counts.Single(c => c.Kind == OrganisationKind.Halls).Created);
        }
    }

    [Theory]
    [InlineData("8:30", 8, 30)]
    [InlineData("08:30", 8, 30)]
    [InlineData("0830", 8, 30)]
    [InlineData("8.30", 8, 30)]
    [InlineData("08:30:00", 8, 30)]
    [InlineData("0.354166666666667", 8, 30)] // Excel's time cell: a fraction of the day
    public void Times_are_read_as_a_county_spreadsheet_writes_them(string text, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), OrganisationValues.ParseTime(text));

    [Theory]
    [InlineData("周一", DayOfWeek.Monday)]
    [InlineData("星期日", DayOfWeek.Sunday)]
    [InlineData("周天", DayOfWeek.Sunday)]
    [InlineData("Sat", DayOfWeek.Saturday)]
    [InlineData("tuesday", DayOfWeek.Tuesday)]
    [InlineData("1", DayOfWeek.Monday)]
    [InlineData("7", DayOfWeek.Sunday)]
    [InlineData("周五 Fri", DayOfWeek.Friday)]
    public void Weekdays_are_read_in_either_language_or_as_numbers(string text, DayOfWeek day) =>
        Assert.Equal(day, OrganisationValues.ParseDay(text));

    [Fact]
    public void A_bad_workbook_lists_each_problem_by_sheet_row_and_column()
    {
        var bad = new OrganisationRows(
            [new("T02", "东坝镇", "Dongba", HallKind.Township, 40), new("t02", "重复", "Duplicate", HallKind.Township, 40), new("T03", new string('长', 101), "Long", HallKind.Township, 40)],
            [new("T02", DayOfWeek.Monday, Opens, Closes, new TimeOnly(7, 0), Back), new("T02", DayOfWeek.Tuesday, Opens, new TimeOnly(12, 0)),
             new("T02", DayOfWeek.Tuesday, new TimeOnly(11, 0), Closes), new("T03", DayOfWeek.Monday, Closes, Opens)],
            [],
            [],
            [new("T02", 1, "ZZ", "", ""), new("T02", 2, "A", "", ""), new("T02", 2, "B", "", "")],
            [new("S9", "赵六", "", "窗口受理员", "T02", 3, "", "call me"), new("S10", "钱七", "", "窗口受理员", "T02", 1, "", "", "nobody")]);
        // A staff member written at another hall's window ("T01-1") beside a number of their own.
        var staffRows = OrganisationWorkbook.Rows(OrganisationKind.Staff, bad).ToList();
        staffRows.Add(new Dictionary<string, string> { [StaffNumber] = "S11", [Name] = "孙八", [Position] = "窗口受理员", [Hall] = "T02", [Window] = "T01-1" });
        var csv = new StringBuilder(string.Join(',', OrganisationSheets.Staff.Columns.Select(c => c.Header)) + "\r\n");
        foreach (var row in staffRows)
            csv.Append(string.Join(',', OrganisationSheets.Staff.Columns.Select(c => row.GetValueOrDefault(c.Key, "")))).Append("\r\n");

        var plan = Plan(Small, [Xlsx(bad, OrganisationKind.Halls, OrganisationKind.Hours, OrganisationKind.Windows), Csv("staff.csv", csv.ToString())]);

        // Rows as the spreadsheet numbers them: the header is row 1.
        Expect(OrganisationKind.Halls, 3, Code, ImportProblemCode.Duplicate);
        Expect(OrganisationKind.Halls, 4, Name, ImportProblemCode.TooLong);
        Expect(OrganisationKind.Hours, 2, LunchStarts, ImportProblemCode.LunchOutsideHours);
        Expect(OrganisationKind.Hours, 4, Day, ImportProblemCode.HoursOverlap);
        Expect(OrganisationKind.Hours, 5, OrganisationSheets.Closes, ImportProblemCode.ClosesBeforeOpens);
        Expect(OrganisationKind.Windows, 2, Business, ImportProblemCode.UnknownBusiness);
        Expect(OrganisationKind.Windows, 4, Number, ImportProblemCode.Duplicate);
        Expect(OrganisationKind.Staff, 2, Window, ImportProblemCode.UnknownWindow);
        Expect(OrganisationKind.Staff, 2, Phone, ImportProblemCode.NotAPhoneNumber);
        Expect(OrganisationKind.Staff, 3, Account, ImportProblemCode.UnknownAccount);
        Expect(OrganisationKind.Staff, 4, Window, ImportProblemCode.WindowOfAnotherHall);

        void Expect(OrganisationKind sheet, int row, string column, ImportProblemCode code) =>
            Assert.Contains(plan.Problems, p => p.Sheet == sheet && p.Row == row && p.Column == column && p.Code == code);
    }

    [Fact]
    public void Cells_that_cannot_be_read_are_problems_at_their_cell()
    {
        var csv = Csv("halls.csv", "Hall code,Name (Chinese),Name (English),County or township,Capacity,Active\r\n"
            + "T05,南山镇,Nanshan,city,forty,maybe\r\n"
            + ",北岗乡,,乡镇,30,\r\n");

        var plan = Plan(Small, [csv]);

        Assert.Contains(plan.Problems, p => p is { Sheet: OrganisationKind.Halls, Row: 2, Column: Kind, Code: ImportProblemCode.NotAHallKind });
        Assert.Contains(plan.Problems, p => p is { Sheet: OrganisationKind.Halls, Row: 2, Column: Capacity, Code: ImportProblemCode.NotANumber });
        Assert.Contains(plan.Problems, p => p is { Sheet: OrganisationKind.Halls, Row: 2, Column: Active, Code: ImportProblemCode.NotYesOrNo });
        Assert.Contains(plan.Problems, p => p is { Sheet: OrganisationKind.Halls, Row: 3, Column: Code, Code: ImportProblemCode.Required });
        Assert.Contains(plan.Problems, p => p is { Sheet: OrganisationKind.Halls, Row: 3, Column: NameEn, Code: ImportProblemCode.Required });
    }

    [Fact]
    public void A_file_that_is_no_spreadsheet_or_lacks_a_column_says_so_for_the_file_or_the_sheet()
    {
        var (_, garbage) = OrganisationWorkbook.Read([new ImportFile("county.xlsx", [1, 2, 3, 4])]);
        var (_, text) = OrganisationWorkbook.Read([new ImportFile("county.txt", Encoding.UTF8.GetBytes("hello"))]);
        var (_, unknown) = OrganisationWorkbook.Read([Csv("data.csv", "a,b,c\r\n1,2,3\r\n")]);
        var (_, missing) = OrganisationWorkbook.Read([Csv("halls.csv", "Hall code,Name (Chinese)\r\nT09,x\r\n")]);

        Assert.Equal(ImportProblemCode.UnreadableFile, Assert.Single(garbage).Code);
        Assert.Equal(ImportProblemCode.NotASpreadsheet, Assert.Single(text).Code);
        Assert.Equal(ImportProblemCode.NoKnownSheet, Assert.Single(unknown).Code);
        Assert.Contains(missing, p => p is { Sheet: OrganisationKind.Halls, Row: null, Column: NameEn, Code: ImportProblemCode.MissingColumn });
    }

    [Fact]
    public void What_a_full_import_lacks_is_deactivated_only_when_asked_and_a_hall_takes_its_windows_and_staff_with_it()
    {
        var withoutTownship = Small with
        {
            Halls = [.. Small.Halls.Where(h => h.Code != "T01")],
            Hours = [.. Small.Hours.Where(h => h.Hall != "T01")],
            Windows = [.. Small.Windows.Where(w => w.Hall != "T01")],
            Staff = [.. Small.Staff.Where(s => s.Hall != "T01")],
        };

        var kept = Plan(Small, [Xlsx(withoutTownship)], deactivateMissing: false);
        var dropped = Plan(Small, [Xlsx(withoutTownship)], deactivateMissing: true);
        var hallOnly = Plan(Small, [Xlsx(OrganisationRows.Empty with { Halls = [.. Small.Halls.Select(h => h.Code == "T01" ? h with { Active = false } : h)] }, OrganisationKind.Halls)]);

        Assert.Empty(kept.Problems);
        Assert.Empty(kept.Changes);
        Assert.Empty(dropped.Problems);
        Assert.Equal((1, 1, 1), (Count(dropped, OrganisationKind.Halls), Count(dropped, OrganisationKind.Windows), Count(dropped, OrganisationKind.Staff)));
        Assert.Equal(2, dropped.Counts.Single(c => c.Kind == OrganisationKind.Hours).Deactivated);
        Assert.False(dropped.Target.Halls.Single(h => h.Code == "T01").Active);
        // Deactivated by a row of its own: its windows and staff (not in the file) go with it.
        Assert.Empty(hallOnly.Problems);
        Assert.Equal((1, 1, 1), (Count(hallOnly, OrganisationKind.Halls), Count(hallOnly, OrganisationKind.Windows), Count(hallOnly, OrganisationKind.Staff)));

        static int Count(OrganisationPlan plan, OrganisationKind kind) => plan.Counts.Single(c => c.Kind == kind).Deactivated;
    }

    [Fact]
    public void Deactivating_a_business_that_windows_not_in_the_file_still_serve_is_refused_with_who_uses_it()
    {
        var plan = Plan(Small, [Xlsx(OrganisationRows.Empty with { Businesses = [.. Small.Businesses.Where(b => b.Code != "A")] }, OrganisationKind.Businesses)], deactivateMissing: true);

        var problem = Assert.Single(plan.Problems);
        Assert.Equal((OrganisationKind.Businesses, (int?)null, ImportProblemCode.StillInUse), (problem.Sheet, problem.Row, problem.Code));
        Assert.Equal(["A", "CTY 1, T01 1", "2"], problem.Args);
    }

    [Fact]
    public void A_moved_staff_member_a_new_window_and_an_account_link_are_changes_and_keep_what_the_file_leaves_empty()
    {
        var changed = Small with
        {
            Windows = [.. Small.Windows, new WindowRow("T01", 2, "B", "", "")],
            // The clerk moves to the township's new window, the director gets an account; the review codes are left empty.
            Staff = [.. Small.Staff.Select(s => s.Number switch
            {
                "S1" => s with { Hall = "T01", Window = 2 },
                "S3" => s with { Account = "STAFF.T01" },
                _ => s,
            })],
        };
        var blankCodes = changed with { Windows = [.. changed.Windows.Select(w => w with { ReviewCode = "" })] };

        var plan = Plan(Small, [Xlsx(blankCodes)]);

        Assert.Empty(plan.Problems);
        Assert.Equal(1, plan.Counts.Single(c => c.Kind == OrganisationKind.Windows).Created);
        Assert.Equal(3, plan.Counts.Single(c => c.Kind == OrganisationKind.Windows).Unchanged);
        Assert.Equal(["S1", "S3"], plan.Changes.Where(c => c.Kind == OrganisationKind.Staff).Select(c => c.Subject));
        Assert.Equal(Small.Windows.Select(w => w.ReviewCode), plan.Target.Windows.Take(3).Select(w => w.ReviewCode));
        Assert.Matches("^new[0-9]{7}$", plan.Target.Windows.Single(w => w.Hall == "T01" && w.Number == 2).ReviewCode);
        Assert.Equal("staff.t01", plan.Target.Staff.Single(s => s.Number == "S3").Account);
        Assert.Equal(("T01", (int?)2), plan.Target.Staff.Single(s => s.Number == "S1") is var moved ? (moved.Hall, moved.Window) : default);
    }

    [Fact]
    public void Review_codes_and_accounts_belong_to_one_window_and_one_person()
    {
        var clash = Small with
        {
            Windows = [.. Small.Windows.Select(w => w.Number == 2 ? w with { ReviewCode = "cty0000001" } : w)],
            Staff = [.. Small.Staff.Select(s => s with { Account = s.Number is "S1" or "S2" ? "staff.t01" : "" })],
        };

        var plan = Plan(Small, [Xlsx(clash)]);

        Assert.Contains(plan.Problems, p => p is { Sheet: OrganisationKind.Windows, Row: 3, Column: ReviewCode, Code: ImportProblemCode.ReviewCodeTaken });
        Assert.Contains(plan.Problems, p => p is { Sheet: OrganisationKind.Staff, Row: 2, Column: Account, Code: ImportProblemCode.AccountLinkedTwice });
        Assert.Contains(plan.Problems, p => p is { Sheet: OrganisationKind.Staff, Row: 3, Column: Account, Code: ImportProblemCode.AccountLinkedTwice });
    }

    [Fact]
    public void An_open_hall_needs_opening_hours_and_a_week_given_replaces_the_old_one()
    {
        var noHours = Plan(Small, [Xlsx(OrganisationRows.Empty with { Halls = [new("T09", "新华镇", "Xinhua", HallKind.Township, 30)] })]);
        var saturday = Plan(Small, [Xlsx(OrganisationRows.Empty with { Hours = [new("T01", DayOfWeek.Saturday, new TimeOnly(9, 0), new TimeOnly(12, 0))] })]);

        Assert.Contains(noHours.Problems, p => p is { Sheet: OrganisationKind.Halls, Row: 2, Code: ImportProblemCode.NoOpeningHours });
        Assert.Empty(saturday.Problems);
        Assert.Equal([DayOfWeek.Saturday], saturday.Target.Hours.Where(h => h.Hall == "T01").Select(h => h.Day));
        Assert.Equal(2, saturday.Target.Hours.Count(h => h.Hall == "CTY"));
        Assert.Equal((1, 0, 2), saturday.Counts.Single(c => c.Kind == OrganisationKind.Hours) is var c ? (c.Created, c.Changed, c.Deactivated) : default);
    }
}
