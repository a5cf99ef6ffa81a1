using System.Globalization;
using System.Security.Claims;
using LiveBoard.Client.Account;
using LiveBoard.Client.Alerts;
using LiveBoard.Client.Live;
using LiveBoard.Client.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Bunit.TestDoubles;
using MudBlazor;
using MudBlazor.Services;

namespace LiveBoard.ComponentTests;

/// <summary>
/// A bunit context with what the laptop screens need: MudBlazor (its services dispose only
/// asynchronously, hence IAsyncLifetime), the resource files in the reader's language, the real
/// role policies, a county clock that stands still, and an inbox in memory.
/// </summary>
public abstract class LiveBoardContext : BunitContext, IAsyncLifetime
{
    /// <summary>
    /// How long a WaitFor may wait for a render (a ceiling, not a measurement): debounced filters and
    /// MudBlazor's asynchronous first renders take seconds on a loaded 2-core machine, where bunit's
    /// default of one second made passing tests fail.
    /// </summary>
    static LiveBoardContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    protected LiveBoardContext(string culture = "en")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        // The machine is shared: give debounced filters and timers time to render, never a time to beat.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        Services.AddMudServices();
        AddServices(Services);
        Services.AddTransient<MudLocalizer, MudTexts>();
        Services.AddLocalization();
        Services.AddSingleton<ILiveFeed>(Feed);
        Services.AddSingleton(LiveRendering.Default);
        Services.AddSingleton<IAlertInbox>(Inbox);
        Services.AddSingleton<ICalendarCoverage>(Coverage);
        // The administration's services, in memory.
        Services.AddSingleton<LiveBoard.Client.Admin.IUserAdmin>(Users);
        Services.AddSingleton<LiveBoard.Client.Admin.IDeviceAdmin>(Devices);
        Services.AddSingleton<LiveBoard.Client.Admin.ICalendarAdmin>(Calendar);
        Services.AddSingleton<LiveBoard.Client.Admin.IAdminSetup>(Setup);
        Services.AddSingleton<LiveBoard.Client.Admin.IAdminChoices>(new FakeChoices());
        // bunit's signed-in user, judged by the real role policies (PolicyRules) and the framework's
        // own evaluation rather than bunit's list of granted policies.
        authorization = AddAuthorization();
        Services.AddAuthorizationBuilder().AddLiveBoardPolicies();
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
    }

    /// <summary>
    /// A test class's own services, added before anything is resolved (bunit refuses later ones).
    /// Called from the constructor: it may use the class's fields that have initializers.
    /// </summary>
    protected virtual void AddServices(IServiceCollection services)
    {
    }

    protected StillFeed Feed { get; } = new();

    protected FakeInbox Inbox { get; } = new();

    /// <summary>The working-day calendar holds 2026 only, as the demo's does.</summary>
    protected FakeCoverage Coverage { get; } = new([2026]);

    protected FakeUserAdmin Users { get; } = new();

    protected FakeDeviceAdmin Devices { get; } = new();

    protected FakeCalendarAdmin Calendar { get; } = new();

    /// <summary>21 halls set up, 2026's calendar only, on 2 December (next year's is due).</summary>
    protected FakeAdminSetup Setup { get; } = new();

    private readonly BunitAuthorizationContext authorization;

    /// <summary>Signs in a user of the role (a hall manager or staff member of the hall) before the first render.</summary>
    protected void SignIn(UserRole role, int? hall = null, string name = "王芳")
    {
        authorization.SetAuthorized("user");
        authorization.SetRoles(role.ToString());
        List<Claim> claims = [new(ClaimTypes.GivenName, name)];
        if (hall is { } id)
            claims.Add(new Claim(Policies.HallClaim, id.ToString(CultureInfo.InvariantCulture)));
        authorization.SetClaims([.. claims]);
    }

    /// <summary>The providers MudBlazor's dialogs, menus and snackbars render into, with the component after them.</summary>
    protected IRenderedComponent<ContainerFragment> RenderWithProviders(RenderFragment content) => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.AddContent(3, content);
    });

    /// <summary>
    /// Runs after the test class's constructor, which may still add the services its pages need:
    /// setting the renderer builds the service provider, after which bunit refuses new services.
    /// </summary>
    public Task InitializeAsync()
    {
        // As on a circuit: the components subscribe to live changes only when interactive.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
