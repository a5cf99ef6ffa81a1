using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;

namespace LiveBoard.Server.Live.Redis;

/// <summary>
/// The bus across instances. Every committed event is delivered to this instance's own live state
/// at once (so an instance keeps serving what it accepts while Redis is down), then published on a
/// Redis channel for the others. Redis pub/sub is fire-and-forget: whatever it drops — Redis down,
/// a connection cut mid-message — is read back from the shared journal by sequence number: at
/// once after every resubscribe, and by a tail check every second. The live state applies each
/// sequence once, so an event arriving both ways is not applied twice.
/// </summary>
public sealed partial class RedisBus(RedisEndpoint endpoint, JournalReader journal, ILogger<RedisBus> logger) : BackgroundService, ILiveBus
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TailCheckEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PingWhenSilentFor = TimeSpan.FromSeconds(5);

    private readonly string origin = Guid.NewGuid().ToString("N");
    // PUBLISH ignores SELECT, so the database number in the setting names the channels too:
    // two deployments sharing one Redis on different databases do not hear each other.
    private readonly string eventsChannel = $"liveboard:{endpoint.Database.ToString(CultureInfo.InvariantCulture)}:events";
    private readonly string alertsChannel = $"liveboard:{endpoint.Database.ToString(CultureInfo.InvariantCulture)}:alerts";
    private readonly Handlers<IReadOnlyList<LiveEvent>> eventHandlers = new();
    private readonly Handlers<bool> alertHandlers = new();
    private readonly Lock deliveryGate = new();
    private readonly SemaphoreSlim tailCheck = new(1, 1);
    private readonly Channel<(string Channel, string Message)> outbox = Channel.CreateBounded<(string, string)>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
    private long delivered;
    private volatile bool publisherUp, subscriberUp;

    private sealed record Envelope([property: JsonPropertyName("o")] string Origin, [property: JsonPropertyName("e")] IReadOnlyList<LiveEvent>? Events);

    public bool IsConnected => publisherUp && subscriberUp;

    public void Publish(IReadOnlyList<LiveEvent> events)
    {
        Deliver(events);
        outbox.Writer.TryWrite((eventsChannel, JsonSerializer.Serialize(new Envelope(origin, events), LiveJson.Options)));
    }

    public IDisposable Subscribe(Action<IReadOnlyList<LiveEvent>> handler) => eventHandlers.Add(handler);

    public void PublishAlertsChanged() =>
        outbox.Writer.TryWrite((alertsChannel, JsonSerializer.Serialize(new Envelope(origin, null), LiveJson.Options)));

    public IDisposable SubscribeAlertsChanged(Action handler) => alertHandlers.Add(_ => handler());

    /// <summary>Hands events to the handlers; remembers the highest sequence seen for the tail check.</summary>
    private void Deliver(IReadOnlyList<LiveEvent> events)
    {
        if (events.Count == 0)
            return;
        lock (deliveryGate)
            delivered = Math.Max(delivered, events.Max(e => e.Sequence));
        eventHandlers.Invoke(events);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        delivered = await journal.LastSequenceAsync(stoppingToken);
        await Task.WhenAll(SendAsync(stoppingToken), ReceiveAsync(stoppingToken), TailAsync(stoppingToken));
    }

    /// <summary>Publishes what this instance committed. While Redis is unreachable the queue is dropped: the others read those events from the journal.</summary>
    private async Task SendAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await RespConnection.ConnectAsync(endpoint, ConnectTimeout, stoppingToken);
                publisherUp = true;
                backoff = TimeSpan.FromMilliseconds(100);
                LogConnected("publisher", endpoint);
                while (await outbox.Reader.WaitToReadAsync(stoppingToken))
                {
                    while (outbox.Reader.TryRead(out var message))
                    {
                        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                        timeout.CancelAfter(CommandTimeout);
                        var reply = await connection.CommandAsync(timeout.Token, "PUBLISH", message.Channel, message.Message);
                        if (reply.IsError)
                            throw new RedisException($"PUBLISH refused: {reply.Text}");
                    }
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (publisherUp)
                    LogLost("publisher", ex);
                publisherUp = false;
                while (outbox.Reader.TryRead(out _))
                {
                }
                await Task.Delay(backoff, stoppingToken);
                backoff = Min(backoff * 2, MaxBackoff);
            }
        }
    }

    /// <summary>Hears the other instances. After every (re)subscribe it reads what it may have missed from the journal.</summary>
    private async Task ReceiveAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await RespConnection.ConnectAsync(endpoint, ConnectTimeout, stoppingToken);
                await connection.SendAsync(stoppingToken, "SUBSCRIBE", eventsChannel, alertsChannel);
                for (var confirmed = 0; confirmed < 2; confirmed++)
                {
                    var reply = await connection.ReadAsync(stoppingToken);
                    if (reply.IsError)
                        throw new RedisException($"SUBSCRIBE refused: {reply.Text}");
                }
                subscriberUp = true;
                backoff = TimeSpan.FromMilliseconds(100);
                LogConnected("subscriber", endpoint);
                await CatchUpAsync(stoppingToken);
                alertHandlers.Invoke(true);
                await ListenAsync(connection, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (subscriberUp)
                    LogLost("subscriber", ex);
                subscriberUp = false;
                await Task.Delay(backoff, stoppingToken);
                backoff = Min(backoff * 2, MaxBackoff);
            }
        }
    }

    private async Task ListenAsync(RespConnection connection, CancellationToken stoppingToken)
    {
        // A connection that went silent without closing (a cut cable) is noticed by a PING it
        // does not answer; pub/sub replies to it with ["pong", ""].
        var pingSent = false;
        while (true)
        {
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            silence.CancelAfter(PingWhenSilentFor);
            RespValue message;
            try
            {
                message = await connection.ReadAsync(silence.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // A read cancelled half-way through a message cannot be resumed: silent twice means reconnect.
                if (pingSent)
                    throw new RedisException("Redis did not answer a PING.");
                await connection.SendAsync(stoppingToken, "PING");
                pingSent = true;
                continue;
            }
            pingSent = false;
            if (message.Items is [{ Text: "message" }, { Text: var channel }, { Text: { } payload }])
                OnMessage(channel, payload);
        }
    }

    private void OnMessage(string? channel, string payload)
    {
        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>(payload, LiveJson.Options);
        }
        catch (JsonException ex)
        {
            LogUnreadable(ex);
            return;
        }
        if (envelope is null || envelope.Origin == origin)
            return;
        if (channel == alertsChannel)
            alertHandlers.Invoke(true);
        else if (envelope.Events is { Count: > 0 } events)
            Deliver(events);
    }

    /// <summary>The safety net under pub/sub: whatever is in the journal beyond what was delivered is read and delivered.</summary>
    private async Task TailAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TailCheckEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogTailFailed(ex);
            }
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await tailCheck.WaitAsync(cancellationToken);
        try
        {
            long from;
            lock (deliveryGate)
                from = delivered;
            if (await journal.LastSequenceAsync(cancellationToken) <= from)
                return;
            while (true)
            {
                var missed = await journal.ReadAfterAsync(from, 5_000, cancellationToken);
                if (missed.Count == 0)
                    return;
                LogCaughtUp(missed.Count, from);
                Deliver(missed);
                from = missed[^1].Sequence;
            }
        }
        finally
        {
            tailCheck.Release();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis {Role} connected to {Endpoint}.")]
    private partial void LogConnected(string role, RedisEndpoint endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis {Role} connection lost; reconnecting. Events in the meantime are read from the journal.")]
    private partial void LogLost(string role, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message on the Redis channel could not be read; ignored (the journal has the events).")]
    private partial void LogUnreadable(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the journal's tail failed; the next check tries again.")]
    private partial void LogTailFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Count} events after sequence {After} from the journal that the bus had not delivered.")]
    private partial void LogCaughtUp(int count, long after);
}
