using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LiveBoard.Server.Data;
using LiveBoard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveBoard.IntegrationTests;

/// <summary>The key ring lives in the database; with a certificate configured, its keys are stored encrypted.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task With_a_certificate_the_keys_in_the_database_are_encrypted_and_still_protect_and_unprotect()
    {
        var folder = Directory.CreateTempSubdirectory("liveboard-keyring").FullName;
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=LiveBoard key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var pfx = Path.Combine(folder, "keyring.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));

        using var app = new LiveBoardApp(extra: new Dictionary<string, string?>
        {
            ["LiveBoard:KeyRing:CertificatePath"] = pfx,
            ["LiveBoard:KeyRing:CertificatePassword"] = "pfx-password",
        });
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var secret = protector.Protect("13800000000");

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LiveBoardDb>>().CreateDbContextAsync();
        var key = Assert.Single(await db.DataProtectionKeys.ToListAsync());
        Assert.Contains("encryptedSecret", key.Xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal);
        Assert.Equal("13800000000", protector.Unprotect(secret));
        app.DeleteData();
        Directory.Delete(folder, recursive: true);
    }
}
