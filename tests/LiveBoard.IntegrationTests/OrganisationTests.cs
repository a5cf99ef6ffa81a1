using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LiveBoard.Client.Admin;
using LiveBoard.Client.Model;
using LiveBoard.Client.Reports;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Features.Organisation;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests;

/// <summary>
/// The organisation's import and export on the real app: a dry run changes nothing, an import is
/// all or nothing with one audit row per change and the same file twice changes nothing, an export
/// imported again changes nothing, a deactivated hall leaves the live screens and keeps its
/// statistics, the live state follows at once, and only an admin reaches any of it.
/// </summary>
public sealed class OrganisationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Base = "/api/v1/admin/organisation";

    private LiveBoardApp App => fixture.App;

    private IDbContextFactory<LiveBoardDb> Databases => App.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>();

    /// <summary>A signed-in admin and the antiforgery token its forms carry.</summary>
    private async Task<(HttpClient Client, string Token)> AdminAsync()
    {
        var password = (await App.AccountsAsync(accounts => accounts.ResetPasswordAsync("admin")))!;
        var client = await SignInClient.ForAsync(App.BaseAddress, "admin", password);
        return (client, SignInClient.TokenIn(await client.GetStringAsync("admin")));
    }

    private static MultipartFormDataContent Form(string token, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : OrganisationWorkbook.XlsxContentType);
            form.Add(file, "files", name);
        }
        return form;
    }

    private static async Task<JsonObject> ImportAsync(HttpClient admin, string token, bool apply, bool deactivateMissing, HttpStatusCode expected, params (string, byte[])[] files)
    {
        var response = await admin.PostAsync($"{Base}/import?apply={apply}&deactivateMissing={deactivateMissing}".ToLowerInvariant(), Form(token, files));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private static int Changes(JsonObject report) => report["counts"]!.AsArray().Sum(c => (int)c!["created"]! + (int)c["changed"]! + (int)c["deactivated"]!);

    private static int Count(JsonObject report, string kind, string what) =>
        (int)report["counts"]!.AsArray().Single(c => (string?)c!["kind"] == kind)![what]!;

    /// <summary>A township with two windows and two staff, in a workbook of three sheets (plus its hours).</summary>
    private static byte[] Township(string code, string staffPrefix, bool active = true) => OrganisationWorkbook.Workbook(OrganisationRows.Empty with
    {
        Halls = [new HallRow(code, $"{code}镇便民服务中心", $"{code} Township Service Hall", HallKind.Township, 40, active)],
        Hours = [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new HoursRow(code, d, new TimeOnly(8, 30), new TimeOnly(17, 30), new TimeOnly(12, 0), new TimeOnly(13, 30)))],
        Windows = [new WindowRow(code, 1, "A", "", ""), new WindowRow(code, 2, "R", "", "")],
        Staff = [new StaffRow($"{staffPrefix}1", "周明", "Zhou Ming", "窗口受理员", code, 1, "HRSS", "0739-6123456"),
                 new StaffRow($"{staffPrefix}2", "吴芳", "Wu Fang", "窗口受理员", code, 2, "", "0739-6123457")],
    }, kinds: [OrganisationKind.Halls, OrganisationKind.Hours, OrganisationKind.Windows, OrganisationKind.Staff]);

    private async Task<int> AuditRowsAsync()
    {
        await using var db = await Databases.CreateDbContextAsync();
        return await db.Audit.CountAsync();
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_change_and_changes_nothing_then_the_import_applies_it_once()
    {
        var (admin, token) = await AdminAsync();
        var audit = await AuditRowsAsync();
        var file = ("t31.xlsx", Township("T31", "T31-"));

        var dryRun = await ImportAsync(admin, token, apply: false, deactivateMissing: false, HttpStatusCode.OK, file);
        Assert.False((bool)dryRun["applied"]!);
        Assert.Equal((1, 5, 2, 2), (Count(dryRun, "halls", "created"), Count(dryRun, "hours", "created"), Count(dryRun, "windows", "created"), Count(dryRun, "staff", "created")));
        Assert.Null(App.Services.GetRequiredService<ReferenceData>().HallByCode("T31"));
        await using (var db = await Databases.CreateDbContextAsync())
            Assert.False(await db.Halls.AnyAsync(h => h.Code == "T31"));
        Assert.Equal(audit, await AuditRowsAsync());

        var imported = await ImportAsync(admin, token, apply: true, deactivateMissing: false, HttpStatusCode.OK, file);
        Assert.True((bool)imported["applied"]!);
        Assert.Equal(Changes(dryRun), Changes(imported));
        // One audit row per thing changed (a hall's week is one row), in the same commit.
        Assert.Equal(audit + 1 + 1 + 2 + 2, await AuditRowsAsync());
        // Live at once on this instance: validation and the live picture.
        var hall = App.Services.GetRequiredService<ReferenceData>().HallByCode("T31");
        Assert.NotNull(hall);
        Assert.Contains(App.State.County().Halls, h => h.Code == "T31" && h.WindowCount == 2 && h.IsOpen);

        var again = await ImportAsync(admin, token, apply: true, deactivateMissing: false, HttpStatusCode.OK, file);
        Assert.Equal(0, Changes(again));
        Assert.Equal(audit + 6, await AuditRowsAsync());
    }

    [Fact]
    public async Task The_export_imported_again_changes_nothing_as_a_workbook_or_as_csv_files()
    {
        var (admin, token) = await AdminAsync();
        var workbook = await admin.GetByteArrayAsync($"{Base}/export.xlsx");
        var csv = new List<(string, byte[])>();
        foreach (var sheet in OrganisationSheets.All)
            csv.Add((sheet.FileName, await admin.GetByteArrayAsync($"{Base}/export/{sheet.English.ToLowerInvariant()}.csv")));

        var fromWorkbook = await ImportAsync(admin, token, apply: true, deactivateMissing: true, HttpStatusCode.OK, ("export.xlsx", workbook));
        var fromCsv = await ImportAsync(admin, token, apply: true, deactivateMissing: true, HttpStatusCode.OK, [.. csv]);

        Assert.Equal(0, Changes(fromWorkbook));
        Assert.Equal(0, Changes(fromCsv));
        await using var db = await Databases.CreateDbContextAsync();
        Assert.Equal(await db.Staff.CountAsync(), Count(fromWorkbook, "staff", "unchanged"));
    }

    [Fact]
    public async Task A_bad_workbook_gets_its_problems_by_row_and_column_in_the_readers_language_and_changes_nothing()
    {
        var (admin, token) = await AdminAsync();
        var audit = await AuditRowsAsync();
        var bad = OrganisationWorkbook.Workbook(OrganisationRows.Empty with
        {
            Windows = [new WindowRow("T32", 1, "A", "", ""), new WindowRow("CTY", 1, "NOPE", "", "")],
        }, kinds: [OrganisationKind.Windows]);

        var refused = await ImportAsync(admin, token, apply: true, deactivateMissing: false, HttpStatusCode.UnprocessableEntity, ("bad.xlsx", bad));
        var problems = refused["report"]!["problems"]!.AsArray();

        Assert.Contains(problems, p => (string?)p!["sheet"] == "windows" && (int?)p["row"] == 2 && (string?)p["column"] == "hall" && (string?)p["code"] == "unknown-hall");
        Assert.Contains(problems, p => (int?)p!["row"] == 3 && (string?)p["column"] == "business" && (string?)p["code"] == "unknown-business");
        var chinese = await admin.PostAsync($"{Base}/import?culture=zh-CN", Form(token, ("bad.xlsx", bad)));
        var messages = (await chinese.Content.ReadFromJsonAsync<JsonObject>())!["problems"]!.AsArray().Select(p => (string?)p!["message"]).ToList();
        Assert.Contains("窗口 第 2 行 · 大厅编码: 没有编码为“T32”的大厅。", messages);
        Assert.Equal(audit, await AuditRowsAsync());

        var notAWorkbook = await admin.PostAsync($"{Base}/import", Form(token, ("county.xlsx", "not a zip"u8.ToArray())));
        Assert.Equal(HttpStatusCode.BadRequest, notAWorkbook.StatusCode);
        Assert.Equal("application/problem+json", notAWorkbook.Content.Headers.ContentType?.MediaType);
        var tooLarge = await admin.PostAsync($"{Base}/import", Form(token, ("huge.csv", new byte[OrganisationLimits.MaxFileBytes + 1])));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    [Fact]
    public async Task An_import_that_fails_midway_in_the_database_leaves_nothing_behind()
    {
        var (admin, token) = await AdminAsync();
        var audit = await AuditRowsAsync();
        await using (var db = await Databases.CreateDbContextAsync())
        {
            // The database refuses the last staff member of the file, after the hall and windows were written.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER refuse_boom BEFORE INSERT ON "Staff" WHEN NEW."Number" = 'BOOM2'
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
                """);
        }
        try
        {
            await ImportAsync(admin, token, apply: true, deactivateMissing: false, HttpStatusCode.Conflict, ("t33.xlsx", Township("T33", "BOOM")));

            await using var db = await Databases.CreateDbContextAsync();
            Assert.False(await db.Halls.AnyAsync(h => h.Code == "T33"));
            Assert.False(await db.Staff.AnyAsync(s => s.Number == "BOOM1"));
            Assert.False(await db.Windows.AnyAsync(w => w.Hall!.Code == "T33"));
            Assert.Equal(audit, await AuditRowsAsync());
            Assert.Null(App.Services.GetRequiredService<ReferenceData>().HallByCode("T33"));
        }
        finally
        {
            await using var db = await Databases.CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_boom;");
        }
    }

    [Fact]
    public async Task A_deactivated_hall_leaves_the_live_screens_and_event_validation_and_keeps_its_statistics()
    {
        var (admin, token) = await AdminAsync();
        var reports = App.Services.GetRequiredService<IReports>();
        var november = ReportPeriod.Containing(PeriodKind.Month, new DateOnly(2026, 11, 16));
        var before = (await reports.StatsAsync(november, StatsUnit.Hall)).Rows.Single(r => r.Code == "T08");
        Assert.True(before.Reviews > 0);
        using var device = await App.DeviceClientAsync();
        var hallOnly = OrganisationWorkbook.Workbook(OrganisationRows.Empty with
        {
            Halls = [new HallRow("T08", "桃源乡便民服务中心", "Taoyuan Township Service Hall", HallKind.Township, App.State.County().Halls.Single(h => h.Code == "T08").Capacity, Active: false)],
        }, kinds: [OrganisationKind.Halls]);

        var deactivated = await ImportAsync(admin, token, apply: true, deactivateMissing: false, HttpStatusCode.OK, ("t08.xlsx", hallOnly));

        Assert.Equal(1, Count(deactivated, "halls", "deactivated"));
        Assert.True(Count(deactivated, "windows", "deactivated") > 0);
        Assert.True(Count(deactivated, "staff", "deactivated") > 0);
        Assert.DoesNotContain(App.State.County().Halls, h => h.Code == "T08");
        var refused = await LiveBoardApp.PostAsync(device, new DoorCountedEvent { EventId = Guid.NewGuid().ToString(), OccurredAt = App.Time.GetUtcNow(), Hall = "T08", In = 1 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var after = (await reports.StatsAsync(november, StatsUnit.Hall)).Rows.Single(r => r.Code == "T08");
        Assert.Equal(before.Reviews, after.Reviews);
        await using (var db = await Databases.CreateDbContextAsync())
            Assert.True(await db.Halls.AnyAsync(h => h.Code == "T08" && !h.Active));

        // Back again: the hall only (its windows and staff are reactivated one by one, or by the next full import).
        var back = await ImportAsync(admin, token, apply: true, deactivateMissing: false, HttpStatusCode.OK,
            ("t08.xlsx", OrganisationWorkbook.Workbook(OrganisationRows.Empty with { Halls = [new HallRow("T08", "桃源乡便民服务中心", "Taoyuan Township Service Hall", HallKind.Township, 50)] }, kinds: [OrganisationKind.Halls])));
        Assert.Equal(1, Count(back, "halls", "changed"));
        Assert.Contains(App.State.County().Halls, h => h.Code == "T08" && h.WindowCount == 0);
    }

    [Fact]
    public async Task A_staff_member_moved_to_another_window_moves_on_the_live_board_with_their_whereabouts()
    {
        var admin = App.Services.GetRequiredService<IOrganisationAdmin>();
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "admin"), new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, "Admin")], "test"));
        var rows = await admin.LoadAsync();
        var clerk = rows.Staff.First(s => s.Hall == "T09" && s.Window == 1 && s.Active);
        var hall = App.State.County().Halls.Single(h => h.Code == "T09");
        var staffId = hall.Windows.Single(w => w.Number == 1).Staff.Single(s => s.Name == clerk.Name).StaffId;
        using var device = await App.DeviceClientAsync();
        (await LiveBoardApp.PostAsync(device, new WhereaboutsChangedEvent
        {
            EventId = Guid.NewGuid().ToString(), OccurredAt = App.Time.GetUtcNow(), Hall = "T09", Staff = staffId, Whereabouts = Whereabouts.Meeting,
        })).EnsureSuccessStatusCode();
        var heard = 0;
        using var subscription = App.State.Subscribe(hall.HallId, () => Interlocked.Increment(ref heard));

        var report = await admin.SaveStaffAsync(principal, clerk with { Window = 2 });

        Assert.True(report.Applied, string.Join("; ", report.Problems.Select(p => p.Code)));
        var board = App.State.Hall(hall.HallId)!;
        Assert.DoesNotContain(board.Windows.Single(w => w.Number == 1).Staff, s => s.StaffId == staffId);
        Assert.Equal(Whereabouts.Meeting, board.Windows.Single(w => w.Number == 2).Staff.Single(s => s.StaffId == staffId).Whereabouts);
        Assert.True(heard > 0, "A screen showing the hall was not told.");
    }

    public static TheoryData<string> EveryOtherRole => ["leader", "director", "manager.t01", "staff.t01"];

    [Theory]
    [MemberData(nameof(EveryOtherRole))]
    public async Task Every_organisation_endpoint_is_refused_to_every_other_role(string user)
    {
        using var client = await SignInClient.ForAsync(App.BaseAddress, user);
        var token = SignInClient.TokenIn(await client.GetStringAsync("signin"));
        foreach (var path in Gets)
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"{Base}/import", Form(token, ("t34.xlsx", Township("T34", "T34-"))))).StatusCode);
    }

    [Fact]
    public async Task Every_organisation_endpoint_asks_a_stranger_to_sign_in_and_serves_an_admin()
    {
        using var stranger = new HttpClient { BaseAddress = App.BaseAddress };
        foreach (var path in Gets)
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsync($"{Base}/import", Form("", ("t34.xlsx", Township("T34", "T34-"))))).StatusCode);
        var displayKey = new HttpClient { BaseAddress = App.BaseAddress };
        displayKey.DefaultRequestHeaders.Authorization = new("Bearer", await App.DeviceKeyAsync(DeviceRole.Display));
        Assert.Equal(HttpStatusCode.Unauthorized, (await displayKey.GetAsync($"{Base}/export.xlsx")).StatusCode);

        var (admin, _) = await AdminAsync();
        foreach (var path in Gets)
        {
            var response = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var template = await admin.GetByteArrayAsync($"{Base}/template.xlsx");
        var (sheets, problems) = OrganisationWorkbook.Read([new ImportFile("template.xlsx", template)]);
        Assert.Empty(problems);
        Assert.Equal(6, sheets.Count);
        Assert.Contains("大厅编码 Hall code", System.Text.Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"{Base}/template/halls.csv")), StringComparison.Ordinal);
    }

    private static readonly string[] Gets =
        [$"{Base}/template.xlsx", $"{Base}/template/halls.csv", $"{Base}/export.xlsx", $"{Base}/export/staff.csv"];
}
