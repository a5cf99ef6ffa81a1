using LiveBoard.Server.Data;

namespace LiveBoard.Server.Features.Backups;

/// <summary>
/// Scheduled online backups of the SQLite database (LiveBoard:Backup), and the operator's
/// <c>dotnet run --project src/Server -- backup</c> for one now (before an upgrade). PostgreSQL is the
/// database administrator's to back up (README, Backups). No endpoint: nobody reaches a backup over HTTP.
/// </summary>
public static class BackupsModule
{
    public static IServiceCollection AddBackups(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BackupOptions>(configuration.GetSection("LiveBoard:Backup"));
        if (DatabaseSetup.Options(configuration).Provider != DatabaseProvider.Sqlite)
            return services;
        services.AddSingleton<DatabaseBackup>();
        if (configuration.GetSection("LiveBoard:Backup").Get<BackupOptions>() is not { Enabled: false })
            services.AddHostedService(sp => sp.GetRequiredService<DatabaseBackup>());
        return services;
    }

    public static async Task<int> RunCommandAsync(IServiceProvider services, string[] args)
    {
        if (args is not ["backup"])
        {
            await Console.Error.WriteLineAsync("usage: backup   (a backup of the SQLite database now, into LiveBoard:Backup:Folder)");
            return 2;
        }
        if (services.GetService<DatabaseBackup>() is not { } backup)
        {
            await Console.Error.WriteLineAsync("LiveBoard backs up SQLite only; back PostgreSQL up with pg_dump or pg_basebackup (README, Backups).");
            return 2;
        }
        var made = await backup.BackUpAsync();
        Console.WriteLine($"Backed up to {made.FullName}");
        return 0;
    }
}
