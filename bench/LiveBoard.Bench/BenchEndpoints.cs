using System.Text.Json;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.Bench;

/// <summary>
/// The baselines, added to the app under test only in the benchmark: a plaintext endpoint (the
/// HTTP ceiling of this machine) and the naive durable ingest — one SaveChanges, one transaction
/// per request, same SQLite file settings (WAL, synchronous=FULL) — that the group commit is
/// compared with.
/// </summary>
public sealed class BenchEndpoints : IStartupFilter
{
    private static long nextSequence = 1_000_000_000;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map("/bench/plaintext", branch => branch.Run(context => context.Response.WriteAsync("ok")));
        app.Map("/bench/savechanges", branch => branch.Run(async context =>
        {
            var e = await JsonSerializer.DeserializeAsync<IngestEvent>(context.Request.Body, LiveJson.Options);
            var factory = context.RequestServices.GetRequiredService<IDbContextFactory<LiveBoardDb>>();
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL;");
            db.Journal.Add(new JournalEntry
            {
                Sequence = Interlocked.Increment(ref nextSequence), DeviceId = 0, ClientEventId = e!.EventId!, Type = "door.counted",
                HallId = 1, OccurredAt = e.OccurredAt!.Value, ReceivedAt = DateTimeOffset.UtcNow, Payload = "{}",
            });
            await db.SaveChangesAsync();
            context.Response.StatusCode = 200;
        }));
        next(app);
    };
}
