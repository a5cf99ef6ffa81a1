using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveBoard.Testing;

/// <summary>
/// The live hub as a device sees it, through the official SignalR .NET client: invoke a hub method,
/// and read every "deltas" push in the order it arrived.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly Channel<JsonObject> pushes = Channel.CreateUnbounded<JsonObject>();

    private HubClient(HubConnection connection)
    {
        this.connection = connection;
        connection.On<JsonElement>("deltas", deltas =>
            pushes.Writer.TryWrite(new JsonObject { ["target"] = "deltas", ["arguments"] = new JsonArray(JsonNode.Parse(deltas.GetRawText())) }));
        // Halls, windows or staff changed: join again for a fresh snapshot.
        connection.On("organisation", () => pushes.Writer.TryWrite(new JsonObject { ["target"] = "organisation" }));
        connection.Closed += _ =>
        {
            pushes.Writer.TryComplete();
            return Task.CompletedTask;
        };
    }

    /// <summary>Every pushed "deltas" message: <c>{"target":"deltas","arguments":[[…deltas…]]}</c>; and <c>{"target":"organisation"}</c>.</summary>
    public ChannelReader<JsonObject> Pushes => pushes.Reader;

    /// <summary>Connects with a display key (sent as the access token, as a wall's browser does); refused without one.</summary>
    public static async Task<HubClient> ConnectAsync(Uri baseAddress, string? key, CancellationToken cancellationToken = default)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/live"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                if (key is not null)
                    options.AccessTokenProvider = () => Task.FromResult<string?>(key);
            })
            .Build();
        await connection.StartAsync(cancellationToken);
        return new HubClient(connection);
    }

    /// <summary>Invokes a hub method; a refusal arrives as a <see cref="Microsoft.AspNetCore.SignalR.HubException"/>.</summary>
    public async Task<JsonNode?> InvokeAsync(string target, params object?[] arguments)
    {
        var result = await connection.InvokeCoreAsync<JsonElement>(target, arguments).WaitAsync(TimeSpan.FromSeconds(30));
        return JsonNode.Parse(result.GetRawText());
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
