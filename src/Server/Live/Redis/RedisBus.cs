using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveBoard.Server.Common;
using StackExchange.Redis;

namespace LiveBoard.Server.Live.Redis;

/// <summary>
/// The bus across instances, on StackExchange.Redis. Every committed event is delivered to this
/// instance's own live state at once (so an instance keeps serving what it accepts while Redis is
/// down), then published on a Redis channel for the others. Redis pub/sub is fire-and-forget, and the
/// client's is lossy across an outage: whatever it drops is read back from the shared journal by
/// sequence number — at once when the connection is restored, and by a tail check every second. The
/// live state applies each sequence once, so an event arriving both ways is not applied twice.
/// </summary>
public sealed partial class RedisBus(RedisEndpoint endpoint, JournalReader journal, LiveMetrics metrics, ILogger<RedisBus> logger) : BackgroundService, ILiveBus
{
    private static readonly TimeSpan TailCheckEvery = TimeSpan.FromSeconds(1);

    private readonly string origin = Guid.NewGuid().ToString("N");
    // PUBLISH ignores the database number, so the setting's number names the channels too:
    // two deployments sharing one Redis on different databases do not hear each other.
    private readonly RedisChannel eventsChannel = RedisChannel.Literal($"liveboard:{endpoint.Database.ToString(CultureInfo.InvariantCulture)}:events");
    private readonly RedisChannel alertsChannel = RedisChannel.Literal($"liveboard:{endpoint.Database.ToString(CultureInfo.InvariantCulture)}:alerts");
    private readonly RedisChannel organisationChannel = RedisChannel.Literal($"liveboard:{endpoint.Database.ToString(CultureInfo.InvariantCulture)}:organisation");
    private readonly Handlers<IReadOnlyList<LiveEvent>> eventHandlers = new();
    private readonly Handlers<bool> alertHandlers = new();
    private readonly Handlers<bool> organisationHandlers = new();

    // An organisation notice this instance could not send (Redis away): sent when the connection is back.
    private volatile bool organisationNoticeOwed;
    private readonly Lock deliveryGate = new();
    private readonly SemaphoreSlim tailCheck = new(1, 1);
    private long delivered;
    private ConnectionMultiplexer? redis;
    private volatile bool subscribed;
    private CancellationToken stopping;

    private sealed record Envelope([property: JsonPropertyName("o")] string Origin, [property: JsonPropertyName("e")] IReadOnlyList<LiveEvent>? Events);

    public bool IsConnected => redis is { IsConnected: true } && subscribed;

    public void Publish(IReadOnlyList<LiveEvent> events)
    {
        Deliver(events, BusRoute.Local);
        PublishToOthers(eventsChannel, new Envelope(origin, events));
    }

    public IDisposable Subscribe(Action<IReadOnlyList<LiveEvent>> handler) => eventHandlers.Add(handler);

    public void PublishAlertsChanged() => PublishToOthers(alertsChannel, new Envelope(origin, null));

    public IDisposable SubscribeAlertsChanged(Action handler) => alertHandlers.Add(_ => handler());

    public void PublishOrganisationChanged()
    {
        // Unlike events, an organisation change is in no journal the others tail: if it cannot be
        // sent now it is owed, and sent once Redis is back (the others reload on resubscribing too).
        organisationNoticeOwed = !PublishToOthers(organisationChannel, new Envelope(origin, null));
    }

    public IDisposable SubscribeOrganisationChanged(Action handler) => organisationHandlers.Add(_ => handler());

    /// <summary>Fire and forget; while Redis is down nothing is queued, the others read these events from the journal. False when it was not sent.</summary>
    private bool PublishToOthers(RedisChannel channel, Envelope envelope)
    {
        if (redis is not { IsConnected: true } connection)
            return false;
        try
        {
            connection.GetSubscriber().Publish(channel, JsonSerializer.Serialize(envelope, LiveJson.Options), CommandFlags.FireAndForget);
            return true;
        }
        catch (RedisConnectionException)
        {
            // Lost between the check and the write: the journal has the events.
            return false;
        }
    }

    /// <summary>After every (re)subscription: reload (a notice may have been missed), and send one still owed.</summary>
    private void OrganisationResubscribed()
    {
        organisationHandlers.Invoke(true);
        if (organisationNoticeOwed)
            PublishOrganisationChanged();
    }

    /// <summary>Hands events to the handlers; remembers the highest sequence seen for the tail check.</summary>
    private void Deliver(IReadOnlyList<LiveEvent> events, BusRoute route)
    {
        if (events.Count == 0)
            return;
        lock (deliveryGate)
            delivered = Math.Max(delivered, events.Max(e => e.Sequence));
        metrics.Delivered(events, route);
        eventHandlers.Invoke(events);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        delivered = await new Outage(logger, "Reading the journal's end for the Redis bus").RetryAsync(journal.LastSequenceAsync, stoppingToken);
        // Never throws for an unreachable Redis (AbortOnConnectFail off): it keeps trying in the background.
        redis = await ConnectionMultiplexer.ConnectAsync(endpoint.Options());
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            await SubscribeAsync(stoppingToken);
            await TailAsync(stoppingToken);
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    /// <summary>Subscribes once Redis answers; the client resubscribes by itself after every reconnect.</summary>
    private async Task SubscribeAsync(CancellationToken stoppingToken)
    {
        var outage = new Outage(logger, "Subscribing on Redis", ceiling: TimeSpan.FromSeconds(1));
        while (true)
        {
            try
            {
                if (redis!.IsConnected)
                {
                    var subscriber = redis.GetSubscriber();
                    // Message queues, not handlers: they hand messages over one at a time, in order.
                    (await subscriber.SubscribeAsync(eventsChannel)).OnMessage(m => OnMessage(m.Channel, m.Message));
                    (await subscriber.SubscribeAsync(alertsChannel)).OnMessage(m => OnMessage(m.Channel, m.Message));
                    (await subscriber.SubscribeAsync(organisationChannel)).OnMessage(m => OnMessage(m.Channel, m.Message));
                    subscribed = true;
                    LogConnected(endpoint);
                    await CatchUpAsync(stoppingToken);
                    alertHandlers.Invoke(true);
                    OrganisationResubscribed();
                    outage.Ended();
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken);
            }
            // Redis refusing, or the journal's catch-up failing (the database away): try again.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                await outage.BackOffAsync(ex, stoppingToken);
            }
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (subscribed)
            LogLost(e.ConnectionType, e.FailureType, e.Exception?.Message);
        subscribed = false;
    }

    /// <summary>Back after an outage: read whatever pub/sub dropped in the meantime from the journal.</summary>
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        LogRestored(e.ConnectionType, endpoint);
        subscribed = redis?.IsConnected ?? false;
        _ = Task.Run(async () =>
        {
            try
            {
                await CatchUpAsync(stopping);
                alertHandlers.Invoke(true);
                OrganisationResubscribed();
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                // The tail check reads it within a second or so (and logs an outage once).
                LogRestoredCatchUpFailed(ex);
            }
        }, stopping);
    }

    private void OnMessage(RedisChannel channel, RedisValue payload)
    {
        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>((string)payload!, LiveJson.Options);
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
        else if (channel == organisationChannel)
            organisationHandlers.Invoke(true);
        else if (envelope.Events is { Count: > 0 } events)
            Deliver(events, BusRoute.Redis);
    }

    /// <summary>The safety net under pub/sub: whatever is in the journal beyond what was delivered is read and delivered.</summary>
    private async Task TailAsync(CancellationToken stoppingToken)
    {
        var outage = new Outage(logger, "The Redis bus's tail check of the journal");
        using var timer = new PeriodicTimer(TailCheckEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CatchUpAsync(stoppingToken);
                outage.Ended();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                await outage.BackOffAsync(ex, stoppingToken);
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
                Deliver(missed, BusRoute.Journal);
                from = missed[^1].Sequence;
            }
        }
        finally
        {
            tailCheck.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis bus subscribed at {Endpoint}.")]
    private partial void LogConnected(RedisEndpoint endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis {Connection} connection lost ({Failure}: {Reason}); reconnecting. Events in the meantime are read from the journal.")]
    private partial void LogLost(ConnectionType connection, ConnectionFailureType failure, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis {Connection} connection restored at {Endpoint}; reading what was missed from the journal.")]
    private partial void LogRestored(ConnectionType connection, RedisEndpoint endpoint);


    [LoggerMessage(Level = LogLevel.Warning, Message = "A message on the Redis channel could not be read; ignored (the journal has the events).")]
    private partial void LogUnreadable(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reading what was missed after Redis came back failed; the tail check reads it.")]
    private partial void LogRestoredCatchUpFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Count} events after sequence {After} from the journal that the bus had not delivered.")]
    private partial void LogCaughtUp(int count, long after);
}
