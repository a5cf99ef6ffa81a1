using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace LiveBoard.Bench;

/// <summary>
/// The benchmark's hub client: the JSON hub protocol over a bare WebSocket (handshake
/// {"protocol":"json","version":1}, records ending in 0x1E). Kept beside the official client (which
/// the tests use) for one reason: P1 and P5 timestamp each push the moment its frame arrives and
/// must not parse it — the official client deserialises every message of 1,000 clients on the
/// machine under test, which would measure the client, not LiveBoard. Not for tests: it decodes
/// each frame alone and never pings.
/// </summary>
public sealed class RawHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket socket = new();
    private readonly Channel<JsonObject> pushes = Channel.CreateUnbounded<JsonObject>();
    private readonly Dictionary<string, TaskCompletionSource<JsonNode?>> pending = [];
    private readonly CancellationTokenSource stop = new();
    private Task? receiving;
    private int invocationId;

    /// <summary>Every pushed "deltas" message, each as its array of deltas.</summary>
    public ChannelReader<JsonObject> Pushes => pushes.Reader;

    /// <summary>
    /// For the benchmark: each pushed record as received, with its Stopwatch timestamp. When set,
    /// pushes are not parsed (parsing 1,000 clients' messages would load the machine under test).
    /// </summary>
    public Action<string, long>? OnRawPush { get; set; }

    public static async Task<RawHubClient> ConnectAsync(Uri baseAddress, string? key, CancellationToken cancellationToken = default)
    {
        var client = new RawHubClient();
        var uri = new UriBuilder(baseAddress) { Scheme = baseAddress.Scheme == "https" ? "wss" : "ws", Path = "/hubs/live" };
        if (key is not null)
            uri.Query = "access_token=" + Uri.EscapeDataString(key);
        await client.socket.ConnectAsync(uri.Uri, cancellationToken);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}", cancellationToken);
        var handshake = await client.ReceiveRecordsAsync(cancellationToken);
        if (handshake.Count == 0 || handshake[0] != "{}")
            throw new InvalidOperationException($"Handshake failed: {string.Join("", handshake)}");
        client.receiving = Task.Run(client.ReceiveLoopAsync, CancellationToken.None);
        return client;
    }

    public async Task<JsonNode?> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref invocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var done = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (pending)
            pending[id] = done;
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }), stop.Token);
        return await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task SendAsync(string json, CancellationToken cancellationToken) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, cancellationToken);

    private readonly StringBuilder partial = new();
    private readonly byte[] buffer = new byte[64 * 1024];

    private async Task<List<string>> ReceiveRecordsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
                return [];
            partial.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            var text = partial.ToString();
            var last = text.LastIndexOf(RecordSeparator);
            if (last < 0)
                continue;
            partial.Clear().Append(text[(last + 1)..]);
            return [.. text[..last].Split(RecordSeparator)];
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var records = await ReceiveRecordsAsync(stop.Token);
                if (records.Count == 0)
                    break;
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                foreach (var record in records)
                {
                    if (OnRawPush is not null && record.StartsWith("{\"type\":1,", StringComparison.Ordinal))
                    {
                        OnRawPush(record, now);
                        continue;
                    }
                    var message = JsonNode.Parse(record)!.AsObject();
                    switch ((int)message["type"]!)
                    {
                        case 1:
                            pushes.Writer.TryWrite(message);
                            break;
                        case 3:
                            TaskCompletionSource<JsonNode?>? done;
                            lock (pending)
                                pending.Remove((string)message["invocationId"]!, out done);
                            if (message["error"] is { } error)
                                done?.TrySetException(new InvalidOperationException((string?)error));
                            else
                                done?.TrySetResult(message["result"]);
                            break;
                        case 7:
                            return;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            pushes.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
        if (receiving is not null)
            await receiving.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        socket.Dispose();
        stop.Dispose();
    }
}
