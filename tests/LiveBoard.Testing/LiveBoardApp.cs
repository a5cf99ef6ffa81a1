using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.Testing;

/// <summary>
/// The real LiveBoard on a free loopback port (Kestrel, not the in-memory test server), with the
/// demo county in a temporary SQLite database and the simulator off, so tests control every event.
/// Start a second instance on the same <see cref="DataFolder"/> to test a restart.
/// </summary>
public sealed class LiveBoardApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection> configureServices;
    private readonly string environment;

    /// <param name="dataFolder">An existing app's folder, to start it again on the same database.</param>
    /// <param name="extra">Configuration on top of the test defaults.</param>
    /// <param name="services">Extra services (the benchmark's baseline endpoints).</param>
    /// <param name="countyTime">The county's time of day on <see cref="ShiftedTime.WorkingDay"/> when the app starts; 10:00 (halls open) if not given.</param>
    /// <param name="port">A fixed loopback port (to restart on the same address); 0 for any free one.</param>
    /// <param name="time">The app's clock, when a test needs another day (or shares one clock between two apps); wins over <paramref name="countyTime"/>.</param>
    /// <param name="environment">The hosting environment: "Testing" unless a test needs to see how Development or Production answers.</param>
    public LiveBoardApp(string? dataFolder = null, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null,
        TimeOnly? countyTime = null, int port = 0, ShiftedTime? time = null, string environment = "Testing")
    {
        this.environment = environment;
        Time = time ?? ShiftedTime.At(countyTime ?? new TimeOnly(10, 0));
        configureServices = collection =>
        {
            collection.AddSingleton<TimeProvider>(Time);
            services?.Invoke(collection);
        };
        DataFolder = dataFolder ?? Path.Combine(Path.GetTempPath(), "liveboard-tests", Guid.NewGuid().ToString("N"));
        settings = new()
        {
            ["LiveBoard:Database:Path"] = Path.Combine(DataFolder, "liveboard.db"),
            ["LiveBoard:Demo:Seed"] = "true",
            ["LiveBoard:Demo:Simulate"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;
        // The factory finds src/Server through an attribute that only test projects get; the
        // benchmark uses this class too, so point it there explicitly.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LIVEBOARD_SERVER", ServerFolder());
        UseKestrel(port);
        StartServer();
        Services.GetRequiredService<EventJournal>().Ready.Wait(TimeSpan.FromSeconds(30));
    }

    public string DataFolder { get; }

    /// <summary>The app's clock: stamp test events with it (<c>Time.GetUtcNow()</c>).</summary>
    public ShiftedTime Time { get; }

    /// <summary>A free loopback port, for an app that must come back on the same address.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ServerFolder() => Path.Combine(SolutionFolder(), "src", "Server");

    public static string SolutionFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LiveBoard.sln")))
                return folder.FullName;
        }
        throw new DirectoryNotFoundException("LiveBoard.sln not found above " + AppContext.BaseDirectory);
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // Outside Development the framework does not read the static web assets manifest of the
        // build output; without it the pre-compressed blazor.web.js a browser asks for is missing.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(configureServices);
    }

    /// <summary>An HTTP client on the real port, authenticated with a new device key.</summary>
    public async Task<HttpClient> DeviceClientAsync(DeviceRole role = DeviceRole.Sender, int? hallId = null)
    {
        var (_, secret) = await Services.GetRequiredService<DeviceKeys>().CreateAsync($"test {role}", role, hallId);
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>An account change as the admin's tools make it (AccountService is scoped, like Identity's managers).</summary>
    public async Task<T> AccountsAsync<T>(Func<Server.Features.Accounts.AccountService, Task<T>> change)
    {
        await using var scope = Services.CreateAsyncScope();
        return await change(scope.ServiceProvider.GetRequiredService<Server.Features.Accounts.AccountService>());
    }

    public async Task<string> DeviceKeyAsync(DeviceRole role, int? hallId = null) =>
        (await Services.GetRequiredService<DeviceKeys>().CreateAsync($"test {role}", role, hallId)).Secret;

    public LiveState State => Services.GetRequiredService<LiveState>();

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, IngestEvent e) =>
        await client.PostAsJsonAsync("/api/v1/events", e, LiveJson.Options);

    public static async Task<HttpResponseMessage> PostBatchAsync(HttpClient client, params IngestEvent[] events) =>
        await client.PostAsJsonAsync("/api/v1/events/batch", new IngestBatch { Events = events }, LiveJson.Options);

    /// <summary>Removes the temporary database when the test is done with it.</summary>
    public void DeleteData()
    {
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
