using System.Security.Cryptography;
using System.Text;
using LiveBoard.Client.Admin;
using LiveBoard.Client.Model;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Admin;
using LiveBoard.Server.Features.DirectorDuty;
using LiveBoard.Server.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Demo;

/// <summary>
/// The demo county "Qingxi": one county administrative service hall with 40 windows across 12
/// departments and 20 township halls with 3–8 windows each, about 300 staff. Deterministic (fixed
/// random seed, no clock), so screenshots and tests see the same county every time.
/// </summary>
public static class DemoCounty
{
    private sealed record DepartmentSeed(string Code, string Name, string NameEn);
    private sealed record BusinessSeed(string Code, string Department, string Name, string NameEn, int Minutes);

    private static readonly DepartmentSeed[] Departments =
    [
        new("HRSS", "人力资源和社会保障局", "Human Resources and Social Security"),
        new("MIB", "医疗保障局", "Medical Insurance Bureau"),
        new("NRB", "自然资源局（不动产登记中心）", "Natural Resources (Real Estate Registration)"),
        new("PSB", "公安局", "Public Security Bureau"),
        new("AMR", "市场监督管理局", "Market Regulation"),
        new("TAX", "税务局", "Taxation Bureau"),
        new("HPF", "住房公积金管理中心", "Housing Provident Fund"),
        new("CA", "民政局", "Civil Affairs"),
        new("TPB", "公安交警大队", "Traffic Police"),
        new("HUD", "住房和城乡建设局", "Housing and Urban-Rural Development"),
        new("UTL", "水电气公共服务", "Water, Power and Gas"),
        new("GSA", "政务服务管理局", "Government Services Administration"),
    ];

    // The code's first letter prefixes the ticket numbers (A023 is the 23rd social-security ticket).
    private static readonly BusinessSeed[] Businesses =
    [
        new("A", "HRSS", "社会保险", "Social insurance", 9),
        new("B", "HRSS", "就业创业", "Employment", 8),
        new("C", "MIB", "医疗保险", "Medical insurance", 7),
        new("D", "NRB", "不动产登记", "Real estate registration", 18),
        new("E", "PSB", "户籍办理", "Household registration", 10),
        new("F", "PSB", "出入境", "Exit and entry", 12),
        new("G", "AMR", "营业执照", "Business licences", 15),
        new("H", "TAX", "税务办理", "Tax", 11),
        new("J", "HPF", "公积金", "Housing fund", 9),
        new("K", "CA", "婚姻登记", "Marriage registration", 14),
        new("L", "CA", "社会救助", "Social assistance", 12),
        new("M", "TPB", "车驾管", "Vehicles and licences", 10),
        new("N", "HUD", "建设审批", "Construction permits", 20),
        new("P", "UTL", "水电气", "Utilities", 6),
        new("R", "GSA", "综合受理", "General acceptance", 8),
    ];

    // Windows of the county hall per business code (40 in all).
    private static readonly (string Business, int Count)[] CountyWindows =
    [
        ("R", 2), ("A", 4), ("B", 2), ("C", 3), ("D", 5), ("E", 3), ("F", 2), ("G", 4),
        ("H", 4), ("J", 3), ("K", 2), ("L", 1), ("M", 2), ("N", 2), ("P", 1),
    ];

    // What a township hall offers, in the order windows are added (3 to 8 of them).
    private static readonly string[] TownshipBusinesses = ["R", "A", "C", "L", "E", "D", "H", "P"];

    private static readonly (string Name, string NameEn)[] Townships =
    [
        ("城关镇", "Chengguan"), ("东坝镇", "Dongba"), ("西河乡", "Xihe"), ("南山镇", "Nanshan"),
        ("北岗乡", "Beigang"), ("石桥镇", "Shiqiao"), ("柳林镇", "Liulin"), ("桃源乡", "Taoyuan"),
        ("青龙镇", "Qinglong"), ("白马乡", "Baima"), ("长岭镇", "Changling"), ("新华镇", "Xinhua"),
        ("红星乡", "Hongxing"), ("龙潭镇", "Longtan"), ("黄村镇", "Huangcun"), ("古城镇", "Gucheng"),
        ("金沙乡", "Jinsha"), ("杨柳镇", "Yangliu"), ("水口镇", "Shuikou"), ("梅溪乡", "Meixi"),
    ];

    private static readonly (string Hanzi, string Pinyin)[] Surnames =
    [
        ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
        ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
        ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("林", "Lin"),
        ("罗", "Luo"), ("高", "Gao"), ("郑", "Zheng"), ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song"),
    ];

    private static readonly (string Hanzi, string Pinyin)[] GivenNameCharacters =
    [
        ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
        ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"),
        ("杰", "jie"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀", "xiu"), ("霞", "xia"),
        ("平", "ping"), ("刚", "gang"), ("桂", "gui"), ("华", "hua"), ("建", "jian"), ("国", "guo"),
        ("文", "wen"), ("红", "hong"), ("玲", "ling"), ("婷", "ting"), ("鹏", "peng"), ("宇", "yu"),
    ];

    /// <summary>
    /// Makes the demo county through the organisation's import, as an administrator would: the
    /// county as a workbook built in memory, read, checked and applied by the same code (so every
    /// demo start exercises the import), then the director roster.
    /// </summary>
    public static async Task SeedIfEmptyAsync(LiveBoardDb db, CountyClock clock, CancellationToken cancellationToken = default)
    {
        if (await db.Halls.AnyAsync(cancellationToken))
            return;

        var random = new Random(20261122);
        var workbook = OrganisationWorkbook.Workbook(Organisation(random));
        var (proposal, problems) = OrganisationAdmin.Read([new ImportFile("demo-county.xlsx", workbook)], deactivateMissing: false);
        var (current, accounts) = await OrganisationStore.LoadAsync(db, cancellationToken);
        var plan = proposal is null ? null : OrganisationCheck.Plan(current, proposal, accounts, OrganisationStore.NewReviewCode);
        if (plan is null || problems.Count > 0 || plan.Problems.Count > 0)
            throw new InvalidOperationException("The demo county's workbook does not import: " + string.Join("; ", problems.Concat(plan?.Problems ?? []).Select(p => $"{p.Sheet} row {p.Row} {p.Column}: {p.Code} {string.Join(", ", p.Args)}")));
        await OrganisationStore.ApplyAsync(db, new AuditTrail(clock), AuditTrail.System, plan, cancellationToken);

        // Director service days: the 1st, 11th and 21st of each month, departments in turn,
        // for the current year (the roster is data; an admin edits it later).
        var county = await db.Halls.SingleAsync(h => h.Code == CountyHallCode, cancellationToken);
        var departmentList = await db.Departments.ToDictionaryAsync(d => d.Code, cancellationToken);
        var year = clock.Today.Year;
        var turn = 0;
        for (var month = 1; month <= 12; month++)
        {
            foreach (var day in new[] { 1, 11, 21 })
            {
                var department = departmentList[Departments[turn++ % Departments.Length].Code];
                var (surname, _) = Surnames[random.Next(Surnames.Length)];
                var (first, _) = GivenNameCharacters[random.Next(GivenNameCharacters.Length)];
                db.DirectorDuty.Add(new DirectorDutyShift
                {
                    Date = new DateOnly(year, month, day), Hall = county, Department = department,
                    DirectorName = surname + first, Position = "局长",
                });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The demo county as the rows of its workbook. Deterministic: the random stream is drawn in a fixed order.</summary>
    private static OrganisationRows Organisation(Random random)
    {
        var businessDepartment = Businesses.ToDictionary(b => b.Code, b => b.Department);
        var halls = new List<HallRow> { new(CountyHallCode, "清溪县政务服务中心", "Qingxi County Administrative Service Centre", HallKind.County, 260) };
        var windows = new List<WindowRow>();
        var number = 1;
        foreach (var (business, count) in CountyWindows)
        {
            for (var i = 0; i < count; i++)
                windows.Add(NewWindow(CountyHallCode, number++, business));
        }
        for (var t = 0; t < Townships.Length; t++)
        {
            var (name, nameEn) = Townships[t];
            var windowCount = 3 + random.Next(6);
            var code = $"T{t + 1:00}";
            halls.Add(new(code, $"{name}便民服务中心", $"{nameEn} Township Service Hall", HallKind.Township, 30 + (windowCount * 8)));
            for (var w = 0; w < windowCount; w++)
                windows.Add(NewWindow(code, w + 1, TownshipBusinesses[w]));
        }

        // Weekdays 8:30–17:30 with the lunch break; the county centre also opens at weekends
        // ("no closing at weekends"), so the demo has something to show whenever it is started.
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        var weekend = new[] { DayOfWeek.Saturday, DayOfWeek.Sunday };
        var hours = halls.SelectMany(h => weekdays.Select(d => new HoursRow(h.Code, d, new TimeOnly(8, 30), new TimeOnly(17, 30), new TimeOnly(12, 0), new TimeOnly(13, 30)))
            .Concat((h.Kind == HallKind.County ? weekend : []).Select(d => new HoursRow(h.Code, d, new TimeOnly(9, 0), new TimeOnly(17, 0), new TimeOnly(12, 0), new TimeOnly(13, 30))))).ToList();

        var staff = new List<StaffRow>();
        var usedNames = new HashSet<string>();
        void NewStaff(HallRow hall, WindowRow? window, string position)
        {
            string name, pinyin;
            do
            {
                var (surname, surnamePinyin) = Surnames[random.Next(Surnames.Length)];
                var (first, firstPinyin) = GivenNameCharacters[random.Next(GivenNameCharacters.Length)];
                if (random.Next(3) == 0)
                {
                    name = surname + first;
                    pinyin = $"{surnamePinyin} {Capitalise(firstPinyin)}";
                }
                else
                {
                    var (second, secondPinyin) = GivenNameCharacters[random.Next(GivenNameCharacters.Length)];
                    name = surname + first + second;
                    pinyin = $"{surnamePinyin} {Capitalise(firstPinyin)}{secondPinyin}";
                }
            }
            while (!usedNames.Add(name));
            var phone = $"0739-{(hall.Kind == HallKind.County ? 8 : 6)}{random.Next(100_000, 999_999)}";
            // The staff number the county keeps; the same S00001… a database made before staff numbers gave its staff.
            staff.Add(new StaffRow($"S{staff.Count + 1:00000}", name, pinyin, position, hall.Code, window?.Number,
                window is null ? "GSA" : businessDepartment[window.Business], phone));
        }

        foreach (var hall in halls)
        {
            NewStaff(hall, null, hall.Kind == HallKind.County ? "中心主任" : "便民服务中心主任");
            if (hall.Kind == HallKind.County)
                NewStaff(hall, null, "中心副主任");
            foreach (var window in windows.Where(w => w.Hall == hall.Code))
            {
                // Every window is staffed in pairs, a clerk and a back-up ("A/B post" rule), so a
                // window is only unstaffed when both are away.
                NewStaff(hall, window, "窗口受理员");
                NewStaff(hall, window, "AB岗后备受理员");
            }
        }

        return new OrganisationRows(halls, hours,
            [.. Departments.Select(d => new DepartmentRow(d.Code, d.Name, d.NameEn))],
            [.. Businesses.Select(b => new BusinessRow(b.Code, b.Name, b.NameEn, b.Department, b.Minutes))],
            windows, staff);
    }

    private static WindowRow NewWindow(string hallCode, int number, string business) => new(hallCode, number, business, "", ReviewCodeFor(hallCode, number));

    /// <summary>The demo county hall's code.</summary>
    public const string CountyHallCode = "CTY";

    /// <summary>A stable, hard-to-guess code for the window's QR link.</summary>
    public static string ReviewCodeFor(string hallCode, int windowNumber)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"liveboard-demo-review:{hallCode}:{windowNumber}"));
        return Convert.ToHexStringLower(hash)[..10];
    }

    private static string Capitalise(string syllable) => char.ToUpperInvariant(syllable[0]) + syllable[1..];
}
