using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Data;

/// <summary>Where the key ring's keys are encrypted at rest: a certificate (PFX) that every instance has.</summary>
public sealed class KeyRingOptions
{
    /// <summary>A PFX file with a private key; relative paths are under the content root. Empty: keys are stored unencrypted (the log says so).</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

public static class DataProtectionSetup
{
    /// <summary>
    /// The data protection key ring in the database (EF Core's PersistKeysToDbContext), so every
    /// instance reads the same keys: a cookie or antiforgery token issued by one instance is valid on
    /// the others, and a citizen's protected phone number can be read wherever the alert is opened.
    /// With a certificate configured the keys are encrypted with it; without, ASP.NET Core logs
    /// "No XML encryptor configured" and the database's own protection is all they have.
    /// </summary>
    public static IServiceCollection AddDatabaseKeyRing(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var keyRing = services.AddDataProtection().SetApplicationName("LiveBoard").PersistKeysToDbContext<LiveBoardDb>();
        var options = configuration.GetSection("LiveBoard:KeyRing").Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (options.CertificatePath is { Length: > 0 } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(path, environment.ContentRootPath), options.CertificatePassword,
                X509KeyStorageFlags.EphemeralKeySet);
            keyRing.ProtectKeysWithCertificate(certificate);
        }
        return services;
    }

    /// <summary>
    /// Up to version 0004 the keys were files beside the SQLite database; they are copied in once,
    /// so phone numbers protected before the upgrade stay readable.
    /// </summary>
    public static async Task ImportKeyFilesAsync(this IServiceProvider services, string folder, CancellationToken cancellationToken = default)
    {
        var keys = new DirectoryInfo(Path.Combine(folder, "keys"));
        if (!keys.Exists)
            return;
        await using var db = await services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync(cancellationToken);
        if (await db.DataProtectionKeys.AnyAsync(cancellationToken))
            return;
        foreach (var file in keys.GetFiles("*.xml").OrderBy(f => f.Name, StringComparer.Ordinal))
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = Path.GetFileNameWithoutExtension(file.Name), Xml = await File.ReadAllTextAsync(file.FullName, cancellationToken) });
        await db.SaveChangesAsync(cancellationToken);
    }
}
