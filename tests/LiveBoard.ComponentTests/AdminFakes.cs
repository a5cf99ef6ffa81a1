using System.Security.Claims;
using LiveBoard.Client.Account;
using LiveBoard.Client.Admin;

namespace LiveBoard.ComponentTests;

/// <summary>The administration's services in memory: what they list, what was asked of them, and what they answer next.</summary>
public sealed class FakeChoices : IAdminChoices
{
    public Task<IReadOnlyList<HallChoice>> HallsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<HallChoice>>([new("CTY", "清溪县政务服务中心", "Qingxi County Service Centre"), new("T01", "城关镇便民服务中心", "Chengguan Township Service Hall")]);

    public Task<IReadOnlyList<StaffChoice>> StaffAsync(string hallCode, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StaffChoice>>(hallCode == "T01" ? [new(7, "宋芳娜", "窗口受理员", "T01")] : []);

    public Task<IReadOnlyList<DepartmentChoice>> DepartmentsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DepartmentChoice>>([new("HRSS", "人力资源和社会保障局", "Human Resources and Social Security")]);
}

public sealed class FakeUserAdmin : IUserAdmin
{
    public List<UserRow> Users { get; } =
    [
        new(1, "admin", "Administrator", UserRole.Admin, null, null, null, null, null, StillFeed.TenOClock, Disabled: false, Locked: false),
        new(2, "manager.t01", "城关镇大厅负责人", UserRole.HallManager, "T01", "城关镇便民服务中心", "Chengguan Township Service Hall", null, null, StillFeed.TenOClock, false, Locked: true),
    ];

    public List<UserForm> Sent { get; } = [];

    public List<string> Asked { get; } = [];

    /// <summary>What the next change answers (a password is made up for those that make one).</summary>
    public UserOutcome Answer { get; set; } = new();

    public Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<UserRow>>([.. Users]);

    public Task<UserOutcome> CreateAsync(ClaimsPrincipal by, UserForm form, CancellationToken cancellationToken = default)
    {
        Sent.Add(form);
        return Task.FromResult(Answer.Done ? Answer with { Password = "Fresh-Pass-2026x" } : Answer);
    }

    public Task<UserOutcome> ChangeAsync(ClaimsPrincipal by, string userName, UserForm form, CancellationToken cancellationToken = default)
    {
        Sent.Add(form);
        return Task.FromResult(Answer);
    }

    public Task<UserOutcome> ResetPasswordAsync(ClaimsPrincipal by, string userName, CancellationToken cancellationToken = default)
    {
        Asked.Add($"reset {userName}");
        return Task.FromResult(Answer.Done ? Answer with { Password = "Reset-Pass-2026y" } : Answer);
    }

    public Task<UserOutcome> UnlockAsync(ClaimsPrincipal by, string userName, CancellationToken cancellationToken = default)
    {
        Asked.Add($"unlock {userName}");
        return Task.FromResult(Answer);
    }

    public Task<UserOutcome> SetDisabledAsync(ClaimsPrincipal by, string userName, bool disabled, CancellationToken cancellationToken = default)
    {
        Asked.Add($"{(disabled ? "disable" : "enable")} {userName}");
        return Task.FromResult(Answer);
    }
}

public sealed class FakeDeviceAdmin : IDeviceAdmin
{
    public List<DeviceRow> Devices { get; } = [];

    public List<DeviceForm> Sent { get; } = [];

    public Task<IReadOnlyList<DeviceRow>> ListAsync(bool includeRevoked, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DeviceRow>>([.. Devices.Where(d => includeRevoked || d.RevokedAt is null)]);

    public Task<DeviceOutcome> CreateAsync(ClaimsPrincipal by, DeviceForm form, string baseUrl, CancellationToken cancellationToken = default)
    {
        Sent.Add(form);
        var key = "lbk_0123456789ab_secretsecretsecretsecretsecret";
        return Task.FromResult(new DeviceOutcome(Key: new NewDeviceKey(9, form.Name, form.Kind, key,
            form.Kind == DeviceKind.Display ? $"{baseUrl}wall?key={key}" : null, form.Kind == DeviceKind.Display ? "<svg data-qr=\"1\"></svg>" : null)));
    }

    public Task<DeviceOutcome> RevokeAsync(ClaimsPrincipal by, int id, CancellationToken cancellationToken = default) => Task.FromResult(new DeviceOutcome());

    public Task<DeviceOutcome> RotateAsync(ClaimsPrincipal by, int id, string baseUrl, CancellationToken cancellationToken = default) => Task.FromResult(new DeviceOutcome());
}

public sealed class FakeAdminSetup : IAdminSetup
{
    public SetupStatus Status { get; set; } = new(21, 150, 322, 6, 1, [2026], 2026, NextYearDue: true);

    public Task<SetupStatus> StatusAsync(CancellationToken cancellationToken = default) => Task.FromResult(Status);
}

public sealed class FakeCalendarAdmin : ICalendarAdmin
{
    public List<CalendarEntry> Days { get; } =
    [
        new(new DateOnly(2026, 10, 1), "国庆节", false), new(new DateOnly(2026, 10, 2), "国庆节", false), new(new DateOnly(2026, 10, 10), "国庆节调休", true),
    ];

    public List<(ImportSource Source, bool Apply)> Imports { get; } = [];

    /// <summary>What a dry run answers; applying answers the same, applied, when it has no problem.</summary>
    public CalendarImportResult Result { get; set; } = new([], [], [], false);

    public Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<int>>([.. Days.Select(d => d.Date.Year).Distinct()]);

    public Task<IReadOnlyList<CalendarEntry>> YearAsync(int year, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CalendarEntry>>([.. Days.Where(d => d.Date.Year == year)]);

    public Task<CalendarImportResult> ImportAsync(ClaimsPrincipal by, ImportSource source, bool apply, CancellationToken cancellationToken = default)
    {
        Imports.Add((source, apply));
        return Task.FromResult(Result with { Applied = apply && Result.Problems.Count == 0 });
    }
}
