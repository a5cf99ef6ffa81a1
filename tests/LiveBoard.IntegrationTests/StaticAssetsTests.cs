using System.Net;
using System.Text.RegularExpressions;
using LiveBoard.Testing;
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
    [Theory]
    [InlineData("leader", "/")]
    [InlineData("manager.t01", "/alerts")]
    public async Task Every_stylesheet_and_script_of_a_signed_in_page_arrives_compressed(string user, string path)
    {
        // As the published server does: a build-output run otherwise re-sends every file whose time on
        // disk differs from the manifest's (to the second) as "gzip" at level 0, for hot reload.
        using var app = new LiveBoardApp(extra: new Dictionary<string, string?> { ["ReloadStaticAssetsAtRuntime"] = "false" });
        using var client = await SignInClient.ForAsync(app.BaseAddress, user);
        var page = await client.GetStringAsync(path);
        var assets = Asset().Matches(page).Select(m => m.Groups["url"].Value).Distinct().ToList();
        Assert.Contains(assets, a => a.EndsWith("MudBlazor.min.css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith("MudBlazor.min.js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("blazor.web", StringComparison.Ordinal));

        var problems = new List<string>();
        long onTheWire = System.Text.Encoding.UTF8.GetByteCount(page);
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
        output.WriteLine($"{path} as {user}: {onTheWire:N0} bytes on the first load (document, stylesheets, scripts)");
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
