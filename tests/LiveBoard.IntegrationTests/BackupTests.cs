using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Backups;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace LiveBoard.IntegrationTests;

/// <summary>
/// Issue 17, part 7: an online backup of the SQLite database taken while devices keep sending,
/// restored into a fresh instance (the README's restore: the copy becomes the new database file),
/// holds every event acknowledged before the backup started; the schedule keeps the newest N.
/// </summary>
public sealed class BackupTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_backup_taken_under_load_restores_every_event_acknowledged_before_it_began()
    {
        using var app = new LiveBoardApp();
        var restoredFolder = Path.Combine(Path.GetTempPath(), "liveboard-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using var device = await app.DeviceClientAsync();
            var acknowledged = new ConcurrentQueue<string>();
            var sent = 0;
            using var stop = new CancellationTokenSource();
            // Eight devices sending as fast as they are answered.
            var load = Enumerable.Range(0, 8).Select(sender => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var id = $"backup-{sender}-{i}";
                    Interlocked.Increment(ref sent);
                    var response = await LiveBoardApp.PostAsync(device, new DoorCountedEvent { EventId = id, OccurredAt = app.Time.GetUtcNow(), Hall = "T04", In = 1 });
                    if (response.IsSuccessStatusCode)
                        acknowledged.Enqueue((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["eventId"]!);
                }
            })).ToList();
            while (acknowledged.Count < 500)
                await Task.Delay(50);

            var beforeBackup = acknowledged.ToHashSet();
            var backup = await app.Services.GetRequiredService<DatabaseBackup>().BackUpAsync();
            var afterBackup = acknowledged.Count;
            while (acknowledged.Count < afterBackup + 200)
                await Task.Delay(50);
            await stop.CancelAsync();
            await Task.WhenAll(load);

            // The README's restore: the backup becomes the database file of a (new) instance.
            Directory.CreateDirectory(restoredFolder);
            File.Copy(backup.FullName, Path.Combine(restoredFolder, "liveboard.db"));
            using var restored = new LiveBoardApp(restoredFolder, time: app.Time);
            HashSet<string> inBackup;
            await using (var db = await restored.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync())
                inBackup = (await db.Journal.Select(e => e.ClientEventId).ToListAsync()).ToHashSet();
            var missing = beforeBackup.Count(id => !inBackup.Contains(id));
            var duringBackup = acknowledged.Skip(beforeBackup.Count).Take(afterBackup - beforeBackup.Count).Count(inBackup.Contains);
            // The restored instance serves: its state is the backup's, and it takes new events.
            using var again = new HttpClient { BaseAddress = restored.BaseAddress, DefaultRequestHeaders = { Authorization = device.DefaultRequestHeaders.Authorization } };
            var next = await LiveBoardApp.PostAsync(again, new DoorCountedEvent { EventId = "after-restore", OccurredAt = app.Time.GetUtcNow(), Hall = "T04", In = 1 });
            output.WriteLine($"sent {sent}, acknowledged {acknowledged.Count}; acknowledged before the backup began: {beforeBackup.Count}, in the restored database: {beforeBackup.Count - missing}, missing: {missing}");
            output.WriteLine($"acknowledged while it ran: {afterBackup - beforeBackup.Count}, of them in the backup: {duringBackup}; the backup {backup.Length / 1024 / 1024.0:0.0} MB; the restored instance took a new event: {(int)next.StatusCode}");

            // The operator's command, from another process while the server runs.
            var said = await ServerProcess.RunCommandAsync(app.DataFolder, "backup");
            output.WriteLine($"the backup command said: {said}");

            Assert.Equal(0, missing);
            Assert.True(beforeBackup.Count >= 500);
            Assert.StartsWith("Backed up to ", said, StringComparison.Ordinal);
            Assert.True(File.Exists(said["Backed up to ".Length..]));
            next.EnsureSuccessStatusCode();
            Assert.Equal(inBackup.Count + 1, restored.State.County().Sequence);
            restored.DeleteData();
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    [Fact]
    public async Task The_schedule_backs_up_every_interval_and_keeps_the_newest_n()
    {
        var log = new LogLines();
        using var app = new LiveBoardApp(extra: new Dictionary<string, string?>
        {
            ["LiveBoard:Backup:Every"] = "00:00:01",
            ["LiveBoard:Backup:Keep"] = "2",
            ["Logging:LogLevel:LiveBoard.Server.Features.Backups"] = "Information",
        }, services: s => s.AddSingleton<ILoggerProvider>(log));
        try
        {
            for (var i = 0; i < 600 && log.Count("Backed up the database") < 4; i++)
                await Task.Delay(100);
            var backup = app.Services.GetRequiredService<DatabaseBackup>();
            var made = log.Count("Backed up the database");
            // Stopped, so that no backup is between its completion and the deletion of the oldest while counting.
            app.Dispose();
            var files = Directory.GetFiles(backup.Folder);
            output.WriteLine($"backups logged: {made}; files in {backup.Folder} after the stop: {string.Join(", ", files.Select(Path.GetFileName))}");

            Assert.True(made >= 4);
            Assert.Equal(Path.Combine(app.DataFolder, "backups"), backup.Folder);
            // The newest two, and nothing half-written.
            Assert.Equal(2, files.Length);
            Assert.All(files, f => Assert.NotNull(DatabaseBackup.TakenAt(Path.GetFileName(f))));
            Assert.Equal(2, backup.Backups().Count);
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }
}
