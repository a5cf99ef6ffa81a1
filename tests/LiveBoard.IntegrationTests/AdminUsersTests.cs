using System.Net;
using LiveBoard.Client.Account;
using LiveBoard.Client.Admin;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Accounts;
using LiveBoard.Server.Features.Admin;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests;

/// <summary>
/// The admin's user administration (/admin/users' service) against the real app: a user created
/// there signs in with the password shown once, disabling ends their open session, a new password
/// replaces the old one, unlocking lifts a lockout, and the county never loses its last admin.
/// </summary>
public sealed class AdminUsersTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private LiveBoardApp App => fixture.App;

    private IUserAdmin Users => App.Services.GetRequiredService<IUserAdmin>();

    /// <summary>The first admin, as the page's signed-in user.</summary>
    private static readonly System.Security.Claims.ClaimsPrincipal Admin =
        AccountService.Principal(new UserAccount { Id = 1, UserName = "admin", DisplayName = "Administrator", Role = UserRole.Admin });

    private HttpClient Browser() => SignInClient.Browser(App.BaseAddress);

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password) =>
        await SignInClient.PostAsync(client, await SignInClient.AntiforgeryTokenAsync(client), user, password);

    private static bool SignedIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && !response.Headers.Location!.OriginalString.Contains("signin", StringComparison.Ordinal);

    private static bool SentToSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("signin", StringComparison.Ordinal);

    private static async Task<bool> RefusedWithinAsync(HttpClient client, TimeSpan limit)
    {
        for (var waited = TimeSpan.Zero; waited < limit; waited += TimeSpan.FromMilliseconds(500))
        {
            if (SentToSignIn(await client.GetAsync(new Uri("/rankings", UriKind.Relative))))
                return true;
            await Task.Delay(500);
        }
        return false;
    }

    private async Task<List<AuditEntry>> AuditAsync(string subject)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        return await db.Audit.AsNoTracking().Where(e => e.Area == AuditAreas.User && e.Subject == subject).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task A_user_the_admin_creates_signs_in_with_the_password_shown_once_and_the_audit_keeps_no_password()
    {
        var created = await Users.CreateAsync(Admin, new UserForm("Zhao.Lei", "赵磊", UserRole.HallManager, "T03"));

        Assert.True(created.Done, created.Refusal?.ToString());
        Assert.NotNull(created.Password);
        Assert.True(SignedIn(await SignInAsync(Browser(), "zhao.lei", created.Password)));
        var row = Assert.Single(await Users.ListAsync(), u => u.UserName == "zhao.lei");
        Assert.Equal((UserRole.HallManager, "T03", "赵磊"), (row.Role, row.HallCode, row.DisplayName));
        var reset = await Users.ResetPasswordAsync(Admin, "zhao.lei");
        var audit = await AuditAsync("zhao.lei");
        Assert.Equal([AuditActions.Created, AuditActions.PasswordReset], audit.Select(e => e.Action));
        Assert.Equal("admin", audit[0].Actor);
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        var hash = (await db.Users.SingleAsync(u => u.UserName == "zhao.lei")).PasswordHash!;
        foreach (var text in audit.SelectMany(e => new[] { e.Before, e.After }).OfType<string>())
        {
            Assert.DoesNotContain(created.Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(reset.Password!, text, StringComparison.Ordinal);
            Assert.DoesNotContain(hash, text, StringComparison.Ordinal);
            Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_forms_rules_and_a_taken_name_are_refused_and_nothing_is_created()
    {
        Assert.Equal(UserRefusal.UserNameInvalid, (await Users.CreateAsync(Admin, new UserForm("wang fang", "王芳", UserRole.Leader))).Refusal);
        Assert.Equal(UserRefusal.HallRequired, (await Users.CreateAsync(Admin, new UserForm("wang.fang", "王芳", UserRole.HallManager))).Refusal);
        Assert.Equal(UserRefusal.StaffRequired, (await Users.CreateAsync(Admin, new UserForm("wang.fang", "王芳", UserRole.Staff, "T01"))).Refusal);
        Assert.Equal(UserRefusal.NoSuchHall, (await Users.CreateAsync(Admin, new UserForm("wang.fang", "王芳", UserRole.HallManager, "X99"))).Refusal);
        Assert.Equal(UserRefusal.UserNameTaken, (await Users.CreateAsync(Admin, new UserForm("Leader", "Another", UserRole.Leader))).Refusal);
        var leader = AccountService.Principal(new UserAccount { Id = 2, UserName = "leader", DisplayName = "Leader", Role = UserRole.Leader });
        Assert.Equal(UserRefusal.MayNotAdminister, (await Users.CreateAsync(leader, new UserForm("wang.fang", "王芳", UserRole.Admin))).Refusal);

        Assert.DoesNotContain(await Users.ListAsync(), u => u.UserName == "wang.fang");
        Assert.Empty(await AuditAsync("wang.fang"));
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_open_session_and_enabling_lets_them_back()
    {
        var created = await Users.CreateAsync(Admin, new UserForm("disable.me", "Disable Me", UserRole.Leader));
        var laptop = Browser();
        Assert.True(SignedIn(await SignInAsync(laptop, "disable.me", created.Password!)));
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync(new Uri("/rankings", UriKind.Relative))).StatusCode);

        Assert.True((await Users.SetDisabledAsync(Admin, "disable.me", disabled: true)).Done);

        Assert.True(await RefusedWithinAsync(laptop, TimeSpan.FromSeconds(30)), "The disabled user's session still opens pages 30 s later.");
        Assert.False(SignedIn(await SignInAsync(Browser(), "disable.me", created.Password!)));
        Assert.True(Assert.Single(await Users.ListAsync(), u => u.UserName == "disable.me").Disabled);
        Assert.True((await Users.SetDisabledAsync(Admin, "disable.me", disabled: false)).Done);
        Assert.True(SignedIn(await SignInAsync(Browser(), "disable.me", created.Password!)));
        Assert.Equal([AuditActions.Created, AuditActions.Deactivated, AuditActions.Reactivated], (await AuditAsync("disable.me")).Select(e => e.Action));
    }

    [Fact]
    public async Task A_new_password_replaces_the_old_one_and_unlocking_lifts_a_lockout()
    {
        var created = await Users.CreateAsync(Admin, new UserForm("reset.me", "Reset Me", UserRole.Director));
        var reset = await Users.ResetPasswordAsync(Admin, "reset.me");
        Assert.False(SignedIn(await SignInAsync(Browser(), "reset.me", created.Password!)));
        Assert.True(SignedIn(await SignInAsync(Browser(), "reset.me", reset.Password!)));

        var client = Browser();
        for (var i = 0; i < AccountService.MaxFailedSignIns; i++)
            await SignInAsync(client, "reset.me", "wrong-password");
        Assert.Contains("error=locked", (await SignInAsync(client, "reset.me", reset.Password!)).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(Assert.Single(await Users.ListAsync(), u => u.UserName == "reset.me").Locked);

        Assert.True((await Users.UnlockAsync(Admin, "reset.me")).Done);

        Assert.True(SignedIn(await SignInAsync(Browser(), "reset.me", reset.Password!)));
        Assert.False(Assert.Single(await Users.ListAsync(), u => u.UserName == "reset.me").Locked);
    }

    [Fact]
    public async Task A_changed_role_takes_effect_at_the_next_sign_in_and_ends_the_old_session()
    {
        var created = await Users.CreateAsync(Admin, new UserForm("move.me", "Move Me", UserRole.Leader));
        var laptop = Browser();
        await SignInAsync(laptop, "move.me", created.Password!);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync(new Uri("/rankings", UriKind.Relative))).StatusCode);

        Assert.True((await Users.ChangeAsync(Admin, "move.me", new UserForm("", "Move Me", UserRole.HallManager, "T02"))).Done);

        Assert.True(await RefusedWithinAsync(laptop, TimeSpan.FromSeconds(30)), "The old session (a leader's) still opens the rankings.");
        var again = Browser();
        await SignInAsync(again, "move.me", created.Password!);
        // A hall manager of T02 now: the county's rankings are refused, their hall's board is not.
        Assert.Contains("forbidden", (await again.GetAsync(new Uri("/rankings", UriKind.Relative))).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(new Uri("/halls/T02", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_last_active_admin_can_be_neither_disabled_nor_demoted()
    {
        // Alone: refused, and said why.
        Assert.Equal(UserRefusal.LastAdmin, (await Users.SetDisabledAsync(Admin, "admin", disabled: true)).Refusal);
        Assert.Equal(UserRefusal.LastAdmin, (await Users.ChangeAsync(Admin, "admin", new UserForm("", "Administrator", UserRole.Leader))).Refusal);
        Assert.False(Assert.Single(await Users.ListAsync(), u => u.UserName == "admin").Disabled);

        // With a second admin, the first may go; then the second is the last.
        var second = await Users.CreateAsync(Admin, new UserForm("admin.two", "Second admin", UserRole.Admin));
        Assert.True(second.Done);
        Assert.True((await Users.SetDisabledAsync(Admin, "admin", disabled: true)).Done);
        Assert.Equal(UserRefusal.LastAdmin, (await Users.SetDisabledAsync(Admin, "admin.two", disabled: true)).Refusal);
        Assert.True((await Users.SetDisabledAsync(Admin, "admin", disabled: false)).Done);
    }
}
