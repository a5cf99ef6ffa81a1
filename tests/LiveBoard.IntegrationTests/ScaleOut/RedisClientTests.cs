using LiveBoard.Server.Live.Redis;
using StackExchange.Redis;

namespace LiveBoard.IntegrationTests.ScaleOut;

/// <summary>The bus's Redis settings against a real redis-server (StackExchange.Redis underneath).</summary>
[Collection(ScaleOutCollection.Name)]
public sealed class RedisClientTests(ScaleOutFixture fixture)
{
    [Fact]
    public async Task The_setting_authenticates_selects_its_database_and_carries_a_large_multi_byte_message()
    {
        var endpoint = RedisEndpoint.Parse(fixture.Redis.Setting.Replace("/0", "/3", StringComparison.Ordinal));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(endpoint.Options());
        Assert.Equal(3, redis.GetDatabase().Database);
        var received = new TaskCompletionSource<string>();
        (await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("test:channel"))).OnMessage(m => received.TrySetResult(m.Message!));

        // Multi-byte text and a payload far larger than one network read both arrive whole.
        var large = "好评" + new string('x', 100_000);
        Assert.Equal(1, await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("test:channel"), large));
        Assert.Equal(large, await received.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_as_an_authentication_failure()
    {
        // The bus keeps retrying in the background (AbortOnConnectFail off); asked to give up at once,
        // the client says why.
        var options = RedisEndpoint.Parse($"redis://:not-the-password@127.0.0.1:{fixture.Redis.Port}").Options();
        options.AbortOnConnectFail = true;
        var refused = await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync(options));
        Assert.Equal(ConnectionFailureType.AuthenticationFailure, refused.FailureType);
    }

    [Theory]
    [InlineData("redis://127.0.0.1", "127.0.0.1", 6379, null, null, 0)]
    [InlineData("redis.internal:6380", "redis.internal", 6380, null, null, 0)]
    [InlineData("redis://app:s%40cret@10.0.0.5:7000/2", "10.0.0.5", 7000, "app", "s@cret", 2)]
    [InlineData("redis://:only-password@localhost/1", "localhost", 6379, null, "only-password", 1)]
    public void The_one_setting_reads_as_an_endpoint(string setting, string host, int port, string? user, string? password, int database) =>
        Assert.Equal(new RedisEndpoint(host, port, user, password, database), RedisEndpoint.Parse(setting));

    [Fact]
    public void A_malformed_setting_says_what_it_should_look_like() =>
        Assert.Contains("redis://", Assert.Throws<FormatException>(() => RedisEndpoint.Parse("http://x")).Message, StringComparison.Ordinal);

    [Fact]
    public void The_password_never_appears_in_logs() =>
        Assert.DoesNotContain("s@cret", RedisEndpoint.Parse("redis://app:s%40cret@10.0.0.5:7000/2").ToString(), StringComparison.Ordinal);
}
