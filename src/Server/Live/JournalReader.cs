using System.Text.Json;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Live;

/// <summary>Reads accepted events back from the journal: for rebuilds at start and for gap healing.</summary>
public sealed class JournalReader(IDbContextFactory<LiveBoardDb> databases)
{
    public async Task<List<LiveEvent>> ReadReceivedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var payloads = await db.Journal.AsNoTracking().Where(e => e.ReceivedAt >= since)
            .OrderBy(e => e.Sequence).Select(e => e.Payload).ToListAsync(cancellationToken);
        return [.. payloads.Select(Deserialize)];
    }

    public async Task<List<LiveEvent>> ReadAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var payloads = await db.Journal.AsNoTracking().Where(e => e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence).Take(limit).Select(e => e.Payload).ToListAsync(cancellationToken);
        return [.. payloads.Select(Deserialize)];
    }

    public async Task<long> LastSequenceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Journal.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
    }

    public static LiveEvent Deserialize(string payload) =>
        JsonSerializer.Deserialize<LiveEvent>(payload, LiveJson.Options) ?? throw new InvalidDataException("Empty journal payload.");

    public static string Serialize(LiveEvent e) => JsonSerializer.Serialize(e, LiveJson.Options);
}
