using LiveBoard.Client;
using LiveBoard.Client.Localization;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Accounts;
using LiveBoard.Server.Features.Admin;
using LiveBoard.Server.Features.Alerts;
using LiveBoard.Server.Features.Backups;
using LiveBoard.Server.Features.Demo;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.DirectorDuty;
using LiveBoard.Server.Features.Halls;
using LiveBoard.Server.Features.Health;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Features.Organisation;
using LiveBoard.Server.Features.Preferences;
using LiveBoard.Server.Features.Public;
using LiveBoard.Server.Features.Reports;
using LiveBoard.Server.Features.Reviews;
using LiveBoard.Server.Features.Staff;
using LiveBoard.Server.Features.Telemetry;
using LiveBoard.Server.Features.Trends;
using LiveBoard.Server.Features.Wall;
using LiveBoard.Server.Live;
using MudBlazor;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

// Framework pieces.
builder.Services.AddProblemDetails();
builder.Services.AddWebSecurity(builder.Configuration);
// The database or Redis away: 503 with Retry-After, never 500 (docs/decisions/0013-surviving-outages.md).
builder.Services.AddExceptionHandler<OutageProblems>();
builder.Services.ConfigureHttpJsonOptions(json => LiveJson.Configure(json.SerializerOptions));
builder.Services.AddOpenApi();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
// The laptop screens' components (decision 14), in the reader's language.
builder.Services.AddMudServices();
builder.Services.AddTransient<MudLocalizer, MudTexts>();
// Keys in the database: protected phone numbers and cookies survive restarts and work on every instance.
builder.Services.AddDatabaseKeyRing(builder.Configuration, builder.Environment);

// LiveBoard, feature by feature.
builder.Services.AddCountyClock(builder.Configuration);
builder.Services.AddLiveBoardDatabase(builder.Configuration, builder.Environment);
builder.Services.AddPreferences(builder.Configuration);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddHalls();
builder.Services.AddOrganisation();
builder.Services.AddDevices();
builder.Services.AddIngest(builder.Configuration);
builder.Services.AddLive(builder.Configuration);
builder.Services.AddAlerts(builder.Configuration);
builder.Services.AddWall(builder.Configuration);
builder.Services.AddReviews(builder.Configuration);
builder.Services.AddWhereabouts();
builder.Services.AddDirectorDuty();
builder.Services.AddTrends();
builder.Services.AddReports(builder.Configuration);
builder.Services.AddPublicResults(builder.Configuration);
builder.Services.AddDemo(builder.Configuration);
builder.Services.AddAdmin();
builder.Services.AddAdminSettings();
builder.Services.AddHealth();
builder.Services.AddBackups(builder.Configuration);
builder.Services.AddTelemetry(builder.Configuration);

var app = builder.Build();

await app.Services.MigrateAsync();
await app.Services.ContinueDemoDayAsync();
if (DatabaseSetup.Options(builder.Configuration).Provider == DatabaseProvider.Sqlite)
    await app.Services.ImportKeyFilesAsync(DatabaseSetup.DataFolder(builder.Configuration, builder.Environment));
if (args is ["devices", ..])
    return await DevicesModule.RunCommandAsync(app.Services, args);
if (args is ["users", ..])
    return await AccountsModule.RunCommandAsync(app.Services, args);
if (args is ["backup", ..])
    return await BackupsModule.RunCommandAsync(app.Services, args);
await app.Services.SeedDemoCountyAsync();
await app.Services.EnsureCalendarAsync();
await app.Services.EnsureAccountsAsync();
await app.Services.StartLiveAsync();
var reviewPage = await app.Services.EnsureBuiltInDeviceAsync(ReviewsModule.ReviewPageDevice);
await app.Services.StartWhereaboutsAsync();

app.UseWebSecurity();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UsePreferences();
// After the language is known: the public results are cached per language.
app.UseOutputCache();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpenApi().AllowAnonymous();
app.MapHealth();
app.MapTelemetry();
app.MapPreferences();
app.MapAccounts();
app.MapHalls();
app.MapIngest();
app.MapLive();
app.MapAlerts();
app.MapReviews(reviewPage);
app.MapWhereabouts();
app.MapReports();
app.MapPublicResults();
app.MapAdmin();
app.MapOrganisation();
app.MapAdminSettings();
// WebSecurity sends the whole content security policy (frame-ancestors 'none' included); Blazor's
// own second header (frame-ancestors 'self') would only repeat part of it.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
