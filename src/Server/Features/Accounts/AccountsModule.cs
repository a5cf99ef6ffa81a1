using LiveBoard.Client.Account;
using LiveBoard.Client.Admin;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Demo;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Accounts;

/// <summary>
/// Sign-in with local accounts (ASP.NET Core Identity) and the role policies. Who may use it: anyone
/// may try to sign in (five wrong passwords lock the account for 15 minutes); signing out needs a
/// session, and ends every session of that person.
/// </summary>
public static partial class AccountsModule
{
    public const string DemoPassword = "LiveBoard-demo-2026";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection("LiveBoard:Accounts"));
        services.AddScoped<AccountService>();
        services.AddSingleton<UserAdmin>();
        services.AddSingleton<IUserAdmin>(sp => sp.GetRequiredService<UserAdmin>());
        // Scoped: it asks the authorization service, whose handlers may be scoped.
        services.AddScoped<Landing>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();

        services.AddIdentityCore<UserAccount>(identity =>
            {
                AccountService.PasswordRules(identity.Password);
                identity.Lockout.MaxFailedAccessAttempts = AccountService.MaxFailedSignIns;
                identity.Lockout.DefaultLockoutTimeSpan = AccountService.LockoutTime;
                identity.Lockout.AllowedForNewUsers = true;
                // "Confirmed" means "not disabled" (ActiveAccounts); there is no e-mail confirmation.
                identity.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<LiveBoardDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>();
        services.AddScoped<IUserConfirmation<UserAccount>, ActiveAccounts>();
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<AccountOptions>>((stamp, accounts) => stamp.ValidationInterval = accounts.Value.RevalidateEvery);

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/signin";
            options.AccessDeniedPath = "/forbidden";
            options.Cookie.Name = "liveboard-session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = true;
            // The API answers 401/403 with problem details, never with a redirect to a page.
            options.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder().AddLiveBoardPolicies();
        return services;
    }

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder endpoints)
    {
        // A plain form post (antiforgery-checked by the framework) from the /signin page; then on to
        // the page asked for if the user may open it, else to where their role works (Landing).
        endpoints.MapPost("/account/signin", async ([FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl,
            AccountService accounts, Landing landing) =>
        {
            var (outcome, user) = await accounts.SignInAsync(userName, password);
            if (outcome != SignInOutcome.SignedIn)
            {
                var keep = LocalUrl.IsLocal(returnUrl) ? $"&returnUrl={Uri.EscapeDataString(returnUrl)}" : "";
                return Results.LocalRedirect($"/signin?error={(outcome == SignInOutcome.Locked ? "locked" : "invalid")}{keep}");
            }
            return Results.LocalRedirect(await landing.ForAsync(user!, returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();

        endpoints.MapPost("/account/signout", async (AccountService accounts, HttpContext http) =>
        {
            await accounts.SignOutAsync(http.User);
            return Results.LocalRedirect("/signin");
        }).RequireAuthorization().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>
    /// User administration from the command line, for recovery (an admin locked out, the last admin
    /// disabled) — day to day it is /admin/users: <c>dotnet run --project src/Server -- users add|list|unlock|reset …</c>.
    /// The same rules and audit as the page (the audit names the actor "console"); new and reset passwords
    /// are generated and printed once.
    /// </summary>
    public static async Task<int> RunCommandAsync(IServiceProvider services, string[] args)
    {
        var admin = services.GetRequiredService<UserAdmin>();
        switch (args)
        {
            case ["users", "add", var name, var role, .. var rest] when Enum.TryParse<UserRole>(role, ignoreCase: true, out var parsed):
                int? staffId = rest is [_, var staff, ..] && int.TryParse(staff, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
                var created = await admin.CreateAsync(UserAdmin.CommandLine, new UserForm(name, name, parsed, rest.FirstOrDefault(), staffId));
                if (!created.Done)
                    return await RefusedAsync(created.Refusal!.Value);
                Console.WriteLine($"User '{UserRules.NormalizeUserName(name)}' ({parsed}). Initial password, shown once:");
                Console.WriteLine(created.Password);
                return 0;
            case ["users", "list"]:
                foreach (var u in await admin.ListAsync())
                    Console.WriteLine($"{u.UserName,-16} {u.Role,-12} hall={u.HallCode ?? "-",-4} {(u.Disabled ? "disabled" : u.Locked ? "locked" : "")}");
                return 0;
            case ["users", "unlock", var name]:
                return await ReportAsync(await admin.UnlockAsync(UserAdmin.CommandLine, name), $"'{name}' unlocked.");
            case ["users", "disable", var name]:
                return await ReportAsync(await admin.SetDisabledAsync(UserAdmin.CommandLine, name, disabled: true), $"'{name}' disabled; their open sessions end within seconds.");
            case ["users", "enable", var name]:
                return await ReportAsync(await admin.SetDisabledAsync(UserAdmin.CommandLine, name, disabled: false), $"'{name}' enabled.");
            case ["users", "reset", var name]:
                var reset = await admin.ResetPasswordAsync(UserAdmin.CommandLine, name);
                if (!reset.Done)
                    return await RefusedAsync(reset.Refusal!.Value);
                Console.WriteLine($"New password for '{name}', shown once:");
                Console.WriteLine(reset.Password);
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: users add <name> <leader|director|hallmanager|staff|admin> [hall code] [staff id] | users list | users unlock|disable|enable|reset <name>");
                return 2;
        }
    }

    private static async Task<int> ReportAsync(UserOutcome outcome, string message)
    {
        if (!outcome.Done)
            return await RefusedAsync(outcome.Refusal!.Value);
        Console.WriteLine(message);
        return 0;
    }

    private static async Task<int> RefusedAsync(UserRefusal refusal)
    {
        await Console.Error.WriteLineAsync(refusal switch
        {
            UserRefusal.NoSuchUser => "No such user.",
            UserRefusal.UserNameTaken => "That user name is taken.",
            UserRefusal.UserNameInvalid => "A user name has at most 64 letters, digits and - . _ @ +.",
            UserRefusal.HallRequired => "Hall managers and staff need a hall code.",
            UserRefusal.NoSuchHall => "No hall with that code.",
            UserRefusal.StaffRequired or UserRefusal.NoSuchStaff => "Staff need the id of a staff member of their hall: users add <name> staff <hall code> <staff id>.",
            UserRefusal.LastAdmin => "That is the last active admin: nobody could administer the county.",
            _ => refusal.ToString(),
        });
        return refusal == UserRefusal.NoSuchUser ? 1 : 2;
    }

    /// <summary>
    /// The first start creates an admin and prints its password once. The demo county also gets
    /// documented demo users (README), all with <see cref="DemoPassword"/>.
    /// </summary>
    public static async Task EnsureAccountsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<LiveBoardDb>>();
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("LiveBoard.Accounts");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
            return;
        var password = AccountService.NewPassword();
        await accounts.CreateAsync("admin", "Administrator", password, UserRole.Admin);
        LogAdminCreated(logger, password);

        if (!services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed)
            return;
        var county = await db.Halls.SingleAsync(h => h.Code == "CTY", cancellationToken);
        var chengguan = await db.Halls.SingleAsync(h => h.Code == "T01", cancellationToken);
        var clerk = await db.Staff.Where(s => s.HallId == chengguan.Id && s.WindowId != null).OrderBy(s => s.Id).FirstAsync(cancellationToken);
        await accounts.CreateAsync("leader", "县领导 Leader", DemoPassword, UserRole.Leader);
        await accounts.CreateAsync("director", "中心主任 Director", DemoPassword, UserRole.Director);
        await accounts.CreateAsync("manager.cty", "县中心大厅负责人", DemoPassword, UserRole.HallManager, county.Id);
        await accounts.CreateAsync("manager.t01", "城关镇大厅负责人", DemoPassword, UserRole.HallManager, chengguan.Id);
        await accounts.CreateAsync("staff.t01", clerk.Name, DemoPassword, UserRole.Staff, chengguan.Id, clerk.Id);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First start: created the user 'admin' with the password {Password} — shown this once; sign in and change it.")]
    private static partial void LogAdminCreated(ILogger logger, string password);
}
