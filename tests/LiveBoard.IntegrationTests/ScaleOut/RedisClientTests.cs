using LiveBoard.Server.Live.Redis;

namespace LiveBoard.IntegrationTests.ScaleOut;

/// <summary>The project's own RESP client against a real redis-server.</summary>
[Collection(ScaleOutCollection.Name)]
public sealed class RedisClientTests(ScaleOutFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task It_authenticates_selects_a_database_and_carries_a_published_message_to_a_subscriber()
    {
        var endpoint = RedisEndpoint.Parse(fixture.Redis.Setting.Replace("/0", "/3", StringComparison.Ordinal));
        Assert.Equal(3, endpoint.Database);
        await using var subscriber = await RespConnection.ConnectAsync(endpoint, Timeout, default);
        await using var publisher = await RespConnection.ConnectAsync(endpoint, Timeout, default);
        await subscriber.SendAsync(default, "SUBSCRIBE", "test:channel");
        var confirmation = await subscriber.ReadAsync(default);
        Assert.Equal(["subscribe", "test:channel"], confirmation.Items!.Take(2).Select(i => i.Text));

        // Multi-byte text and a payload larger than one read buffer both arrive whole.
        var large = "好评" + new string('x', 100_000);
        Assert.Equal(1, (await publisher.CommandAsync(default, "PUBLISH", "test:channel", large)).Number);
        var message = await subscriber.ReadAsync(default);
        Assert.Equal(["message", "test:channel", large], message.Items!.Select(i => i.Text));
        Assert.Equal("PONG", (await publisher.CommandAsync(default, "PING")).Text);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_Redis_own_words()
    {
        var wrong = RedisEndpoint.Parse($"redis://:not-the-password@127.0.0.1:{fixture.Redis.Port}");
        var refused = await Assert.ThrowsAsync<RedisException>(() => RespConnection.ConnectAsync(wrong, Timeout, default));
        Assert.Contains("AUTH refused", refused.Message, StringComparison.Ordinal);
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
}
