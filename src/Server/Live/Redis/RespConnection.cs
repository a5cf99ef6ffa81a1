using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace LiveBoard.Server.Live.Redis;

/// <summary>A reply from Redis (RESP2): simple string, error, integer, bulk string (null allowed) or array.</summary>
public sealed record RespValue(char Kind, string? Text = null, long Number = 0, IReadOnlyList<RespValue>? Items = null)
{
    public bool IsError => Kind == '-';
}

public sealed class RedisException(string message) : Exception(message);

/// <summary>
/// One connection to Redis speaking RESP2: commands go out as arrays of bulk strings, replies are
/// parsed as they come. Only what LiveBoard uses: AUTH, SELECT, PING, PUBLISH, SUBSCRIBE and the
/// push messages that follow. StackExchange.Redis does not restore here (docs/decisions/0008-scale-out.md).
/// Not thread-safe: one caller at a time (the bus gives each connection one loop).
/// </summary>
public sealed class RespConnection : IAsyncDisposable
{
    private readonly TcpClient client;
    private readonly NetworkStream stream;
    private readonly byte[] buffer = new byte[64 * 1024];
    private int start, end;

    private RespConnection(TcpClient client)
    {
        this.client = client;
        stream = client.GetStream();
    }

    /// <summary>Connects, authenticates and selects the database; throws if Redis refuses any of it.</summary>
    public static async Task<RespConnection> ConnectAsync(RedisEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(timeout);
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, connectTimeout.Token);
            var connection = new RespConnection(client);
            if (endpoint.Password is { } password)
                Expect(await connection.CommandAsync(connectTimeout.Token, endpoint.User is { } user ? ["AUTH", user, password] : ["AUTH", password]), "AUTH");
            if (endpoint.Database != 0)
                Expect(await connection.CommandAsync(connectTimeout.Token, "SELECT", endpoint.Database.ToString(CultureInfo.InvariantCulture)), "SELECT");
            return connection;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static void Expect(RespValue reply, string command)
    {
        if (reply.IsError)
            throw new RedisException($"{command} refused: {reply.Text}");
    }

    /// <summary>Sends one command and reads its reply. An error reply is returned, not thrown.</summary>
    public async Task<RespValue> CommandAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        await SendAsync(cancellationToken, arguments);
        return await ReadAsync(cancellationToken);
    }

    public async Task SendAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var size = 16 + arguments.Sum(a => Encoding.UTF8.GetMaxByteCount(a.Length) + 16);
        var output = new byte[size];
        var at = Write(output, 0, $"*{arguments.Length}\r\n");
        foreach (var argument in arguments)
        {
            var length = Encoding.UTF8.GetByteCount(argument);
            at = Write(output, at, $"${length}\r\n");
            at += Encoding.UTF8.GetBytes(argument, 0, argument.Length, output, at);
            at = Write(output, at, "\r\n");
        }
        await stream.WriteAsync(output.AsMemory(0, at), cancellationToken);
    }

    private static int Write(byte[] output, int at, string ascii) => at + Encoding.ASCII.GetBytes(ascii, 0, ascii.Length, output, at);

    /// <summary>Reads the next reply or push message; throws <see cref="IOException"/> when the server closed the connection.</summary>
    public async Task<RespValue> ReadAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken);
        var kind = line[0];
        var rest = line[1..];
        switch (kind)
        {
            case '+':
            case '-':
                return new RespValue(kind, rest);
            case ':':
                return new RespValue(kind, Number: long.Parse(rest, CultureInfo.InvariantCulture));
            case '$':
                var length = int.Parse(rest, CultureInfo.InvariantCulture);
                if (length < 0)
                    return new RespValue(kind);
                var bytes = await ReadExactAsync(length + 2, cancellationToken);
                return new RespValue(kind, Encoding.UTF8.GetString(bytes, 0, length));
            case '*':
                var count = int.Parse(rest, CultureInfo.InvariantCulture);
                if (count < 0)
                    return new RespValue(kind);
                var items = new RespValue[count];
                for (var i = 0; i < count; i++)
                    items[i] = await ReadAsync(cancellationToken);
                return new RespValue(kind, Items: items);
            default:
                throw new RedisException($"Unexpected reply from Redis: '{line}'.");
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (newline > start && buffer[newline - 1] == '\r')
            {
                var line = Encoding.UTF8.GetString(buffer, start, newline - 1 - start);
                start = newline + 1;
                return line;
            }
            await FillAsync(cancellationToken);
        }
    }

    private async Task<byte[]> ReadExactAsync(int count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var copied = 0;
        while (copied < count)
        {
            if (start == end)
                await FillAsync(cancellationToken);
            var take = Math.Min(count - copied, end - start);
            Buffer.BlockCopy(buffer, start, result, copied, take);
            start += take;
            copied += take;
        }
        return result;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.Length)
            throw new RedisException("A Redis reply line is longer than the read buffer.");
        var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
        if (read == 0)
            throw new IOException("Redis closed the connection.");
        end += read;
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}

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

    /// <summary>For logs and health: never the password.</summary>
    public override string ToString() => $"redis://{Host}:{Port}/{Database}";
}
