using System.Net;
using System.Text.RegularExpressions;
using LiveBoard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LiveBoard.IntegrationTests;

/// <summary>
/// The signed-in screens' CSS and scripts (MudBlazor's 627 KB stylesheet among them) arrive compressed
/// from MapStaticAssets, as a browser asks for them. Decision 14: MudBlazor's files are linked without
/// the fingerprint, because the fingerprinted route of a package's asset has no compressed variant.
/// The build serves gzip; the published output brotli as well.
/// </summary>
public sealed partial class StaticAssetsTests(ITestOutputHelper output)
{
    public static TheoryData<string?, string, bool> Screens => new()
    {
        // user (null: nobody signed in), address, whether the page is on MudBlazor's frame
        { "leader", "/", true },
        { "manager.t01", "/alerts", true },
        { "leader", "/reports?period=month&by=township", true },
        { "leader", "/reports?period=month&by=staff", true },
        { "leader", "/rankings", true },
        { "leader", "/rankings/print", false },
        { "manager.t01", "/halls/T01", true },
        { "manager.t01", "/halls/T01/history", true },
        { "manager.t01", "/qr", true },
        { "staff.t01", "/me", true },
        { null, "wall", false },
        { null, "review", false },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Every_stylesheet_and_script_of_a_screen_arrives_compressed_and_the_first_load_is_counted(string? user, string path, bool mudBlazor)
    {
        // As the published server does: a build-output run otherwise re-sends every file whose time on
        // disk differs from the manifest's (to the second) as "gzip" at level 0, for hot reload.
        using var app = new LiveBoardApp(extra: new Dictionary<string, string?> { ["ReloadStaticAssetsAtRuntime"] = "false" });
        using var client = user is null ? SignInClient.Browser(app.BaseAddress) : await SignInClient.ForAsync(app.BaseAddress, user);
        if (path == "wall")
            path = $"/wall?key={Uri.EscapeDataString(await app.DeviceKeyAsync(LiveBoard.Server.Features.Devices.DeviceRole.Display))}";
        else if (path == "review")
        {
            await using var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<LiveBoard.Server.Data.LiveBoardDb>>().CreateDbContextAsync();
            path = $"/r/{db.Windows.First(w => w.HallId == 2 && w.Number == 2).ReviewCode}";
        }
        // The document as a browser asks for it; Razor pages are not response-compressed, so it counts raw.
        using var documentRequest = new HttpRequestMessage(HttpMethod.Get, path);
        documentRequest.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br, zstd");
        using var documentResponse = await client.SendAsync(documentRequest);
        Assert.Equal(HttpStatusCode.OK, documentResponse.StatusCode);
        var document = await documentResponse.Content.ReadAsByteArrayAsync();
        var page = System.Text.Encoding.UTF8.GetString(document);
        var assets = Asset().Matches(page).Select(m => m.Groups["url"].Value).Distinct().ToList();
        Assert.Equal(mudBlazor, assets.Any(a => a.EndsWith("MudBlazor.min.css", StringComparison.Ordinal)));
        Assert.Equal(mudBlazor, assets.Any(a => a.EndsWith("MudBlazor.min.js", StringComparison.Ordinal)));
        // The citizen's page is a plain form: no script at all, and its own small stylesheet.
        Assert.Equal(path.StartsWith("/r/", StringComparison.Ordinal), !assets.Any(a => a.EndsWith(".js", StringComparison.Ordinal)));

        var problems = new List<string>();
        long onTheWire = document.Length;
        foreach (var asset in assets)
        {
            // What a browser sends; the client does not decompress, so the bytes are those on the wire.
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br, zstd");
            using var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"{asset} answered {(int)response.StatusCode}");
                continue;
            }
            var body = await response.Content.ReadAsByteArrayAsync();
            var encoding = string.Join(",", response.Content.Headers.ContentEncoding);
            var decoded = encoding switch
            {
                "br" => Decode(body, s => new System.IO.Compression.BrotliStream(s, System.IO.Compression.CompressionMode.Decompress)),
                "gzip" => Decode(body, s => new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionMode.Decompress)),
                _ => body.Length,
            };
            onTheWire += body.Length;
            output.WriteLine($"{asset}: {encoding} {body.Length:N0} bytes ({decoded:N0} decoded)");
            // Compressed for real: CSS and JS shrink to well under half.
            if (encoding is not ("br" or "gzip") || body.Length * 2 > decoded)
                problems.Add($"{asset} arrived {(encoding.Length == 0 ? "uncompressed" : encoding)}, {body.Length:N0} of {decoded:N0} bytes");
        }
        output.WriteLine($"{path.Split('?')[0]} as {user ?? "nobody"}: {onTheWire:N0} bytes on the first load (document {document.Length:N0}, {assets.Count} stylesheets and scripts)");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        app.DeleteData();
    }

    private static long Decode(byte[] body, Func<Stream, Stream> decoder)
    {
        using var input = decoder(new MemoryStream(body));
        using var decoded = new MemoryStream();
        input.CopyTo(decoded);
        return decoded.Length;
    }

    [GeneratedRegex("""<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="(?<url>[^"]+)""")]
    private static partial Regex Asset();
}
