using LiveBoard.Client.Account;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Demo;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Accounts;

/// <summary>
/// Sign-in with local accounts and the role policies. Who may use it: anyone may try to sign in
/// (five wrong passwords lock the account for 15 minutes); signing out needs a session.
/// </summary>
public static partial class AccountsModule
{
    public const string DemoPassword = "LiveBoard-demo-2026";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<AccountService>();
        // Scoped: it asks the authorization service, whose handlers may be scoped.
        services.AddScoped<Landing>();
        services.AddCascadingAuthenticationState();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
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
            AccountService accounts, Landing landing, HttpContext http) =>
        {
            var (outcome, user) = await accounts.CheckAsync(userName, password, http.RequestAborted);
            if (outcome != SignInOutcome.SignedIn)
            {
                var keep = LocalUrl.IsLocal(returnUrl) ? $"&returnUrl={Uri.EscapeDataString(returnUrl)}" : "";
                return Results.LocalRedirect($"/signin?error={(outcome == SignInOutcome.Locked ? "locked" : "invalid")}{keep}");
            }
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user!);
            return Results.LocalRedirect(await landing.ForAsync(user!, returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();

        endpoints.MapPost("/account/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/signin");
        }).RequireAuthorization().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>
    /// User administration from the command line (the admin's pages are still to come):
    /// <c>dotnet run --project src/Server -- users add|list|unlock|reset …</c>. New and reset
    /// passwords are generated and printed once.
    /// </summary>
    public static async Task<int> RunCommandAsync(IServiceProvider services, string[] args)
    {
        var accounts = services.GetRequiredService<AccountService>();
        var factory = services.GetRequiredService<IDbContextFactory<LiveBoardDb>>();
        await using var db = await factory.CreateDbContextAsync();
        switch (args)
        {
            case ["users", "add", var name, var role, .. var rest] when Enum.TryParse<UserRole>(role, ignoreCase: true, out var parsed):
                int? hallId = null;
                if (rest is [var code, ..])
                {
                    hallId = (await db.Halls.FirstOrDefaultAsync(h => h.Code == code))?.Id;
                    if (hallId is null)
                    {
                        await Console.Error.WriteLineAsync($"no hall '{code}'");
                        return 2;
                    }
                }
                if (parsed is UserRole.HallManager or UserRole.Staff && hallId is null)
                {
                    await Console.Error.WriteLineAsync("hall managers and staff need a hall code");
                    return 2;
                }
                var password = AccountService.NewPassword();
                await accounts.CreateAsync(name, name, password, parsed, hallId);
                Console.WriteLine($"User '{name}' ({parsed}). Initial password, shown once:");
                Console.WriteLine(password);
                return 0;
            case ["users", "list"]:
                foreach (var u in await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync())
                    Console.WriteLine($"{u.UserName,-16} {u.Role,-12} hall={u.HallId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",-4} {(u.LockedUntil is not null ? "locked" : "")}");
                return 0;
            case ["users", "unlock", var name]:
                var changed = await db.Users.Where(u => u.UserName == name).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockedUntil, (DateTimeOffset?)null).SetProperty(x => x.FailedSignIns, 0));
                Console.WriteLine(changed == 1 ? $"'{name}' unlocked." : $"No user '{name}'.");
                return changed == 1 ? 0 : 1;
            case ["users", "reset", var name]:
                if (await accounts.ResetPasswordAsync(name) is not { } fresh)
                {
                    await Console.Error.WriteLineAsync($"No user '{name}'.");
                    return 1;
                }
                Console.WriteLine($"New password for '{name}', shown once:");
                Console.WriteLine(fresh);
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: users add <name> <leader|director|hallmanager|staff|admin> [hall code] | users list | users unlock <name> | users reset <name>");
                return 2;
        }
    }


    /// <summary>
    /// The first start creates an admin and prints its password once. The demo county also gets
    /// documented demo users (README), all with <see cref="DemoPassword"/>.
    /// </summary>
    public static async Task EnsureAccountsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<LiveBoardDb>>();
        var accounts = services.GetRequiredService<AccountService>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("LiveBoard.Accounts");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
            return;
        var password = AccountService.NewPassword();
        await accounts.CreateAsync("admin", "Administrator", password, UserRole.Admin, cancellationToken: cancellationToken);
        LogAdminCreated(logger, password);

        if (!services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed)
            return;
        var county = await db.Halls.SingleAsync(h => h.Code == "CTY", cancellationToken);
        var chengguan = await db.Halls.SingleAsync(h => h.Code == "T01", cancellationToken);
        var clerk = await db.Staff.Where(s => s.HallId == chengguan.Id && s.WindowId != null).OrderBy(s => s.Id).FirstAsync(cancellationToken);
        await accounts.CreateAsync("leader", "县领导 Leader", DemoPassword, UserRole.Leader, cancellationToken: cancellationToken);
        await accounts.CreateAsync("director", "中心主任 Director", DemoPassword, UserRole.Director, cancellationToken: cancellationToken);
        await accounts.CreateAsync("manager.cty", "县中心大厅负责人", DemoPassword, UserRole.HallManager, county.Id, cancellationToken: cancellationToken);
        await accounts.CreateAsync("manager.t01", "城关镇大厅负责人", DemoPassword, UserRole.HallManager, chengguan.Id, cancellationToken: cancellationToken);
        await accounts.CreateAsync("staff.t01", clerk.Name, DemoPassword, UserRole.Staff, chengguan.Id, clerk.Id, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First start: created the user 'admin' with the password {Password} — shown this once; sign in and change it.")]
    private static partial void LogAdminCreated(ILogger logger, string password);
}
