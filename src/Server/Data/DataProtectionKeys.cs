using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Data;

/// <summary>One data protection key (XML as ASP.NET Core writes it).</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}

/// <summary>
/// Keeps the data protection key ring in the database, so every instance reads the same keys:
/// a cookie or antiforgery token issued by one instance is valid on the others, and a citizen's
/// protected phone number can be read wherever the alert is opened. (The EF Core package for this
/// is not on the registry here; this is the whole of what it does.)
/// </summary>
public sealed class DatabaseKeyRepository(IDbContextFactory<LiveBoardDb> databases) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = databases.CreateDbContext();
        return [.. db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).AsEnumerable().Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = databases.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

public static class DataProtectionSetup
{
    public static IServiceCollection AddDatabaseKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("LiveBoard");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IDbContextFactory<LiveBoardDb>>((options, databases) => options.XmlRepository = new DatabaseKeyRepository(databases));
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
