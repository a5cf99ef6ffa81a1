using LiveBoard.Testing;

namespace LiveBoard.IntegrationTests.ScaleOut;

/// <summary>A private redis-server and PostgreSQL for the scale-out tests, started once and stopped after.</summary>
public sealed class ScaleOutFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;
    public PostgresServer Postgres { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Postgres = await PostgresServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutFixture>
{
    public const string Name = "scale-out";
}
