using System.Globalization;
using StackExchange.Redis;

namespace LiveBoard.Server.Live.Redis;

/// <summary>
/// Where Redis is, from the one setting <c>LiveBoard:Redis</c>: <c>redis://[user:password@]host[:port][/database]</c>
/// (or just <c>host:port</c>).
/// </summary>
public sealed record RedisEndpoint(string Host, int Port, string? User, string? Password, int Database)
{
    public static RedisEndpoint Parse(string setting)
    {
        var text = setting.Contains("://", StringComparison.Ordinal) ? setting : "redis://" + setting;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "redis" || uri.Host.Length == 0)
            throw new FormatException($"LiveBoard:Redis must look like redis://[user:password@]host[:port][/database], not '{setting}'.");
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            (user, password) = parts.Length == 2
                ? (parts[0].Length > 0 ? Uri.UnescapeDataString(parts[0]) : null, Uri.UnescapeDataString(parts[1]))
                : (null, Uri.UnescapeDataString(parts[0]));
        }
        var path = uri.AbsolutePath.Trim('/');
        var database = path.Length == 0 ? 0 : int.Parse(path, CultureInfo.InvariantCulture);
        return new RedisEndpoint(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port, user, password, database);
    }

    /// <summary>
    /// The client's options. Publishes fail at once while Redis is down instead of queueing (a queued
    /// publish can "succeed" later with no one subscribed yet, and is then gone): the other instances
    /// read those events from the journal anyway. Reconnects are retried every 100 ms to 1 s, and a
    /// keep-alive finds a connection that went silent without closing.
    /// </summary>
    public ConfigurationOptions Options() => new()
    {
        EndPoints = { { Host, Port } },
        User = User,
        Password = Password,
        DefaultDatabase = Database,
        ClientName = "liveboard",
        AbortOnConnectFail = false,
        BacklogPolicy = BacklogPolicy.FailFast,
        ConnectTimeout = 2_000,
        AsyncTimeout = 2_000,
        SyncTimeout = 2_000,
        KeepAlive = 5,
        ReconnectRetryPolicy = new ExponentialRetry(100, 1_000),
    };

    /// <summary>For logs and health: never the password.</summary>
    public override string ToString() => $"redis://{Host}:{Port}/{Database}";
}
