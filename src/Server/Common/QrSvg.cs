using QRCoder;

namespace LiveBoard.Server.Common;

/// <summary>A QR code as inline SVG: sharp at any print size, and no image request (CSP img-src stays 'self' data:).</summary>
public static class QrSvg
{
    public static string Of(string url)
    {
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>
    /// The address citizens' phones reach the server at: the configured public address when there is
    /// one (behind a proxy), else the address the request came in on.
    /// </summary>
    public static string PublicRoot(IConfiguration configuration, string requestBase) =>
        (configuration["LiveBoard:PublicBaseUrl"] is { Length: > 0 } configured ? configured : requestBase).TrimEnd('/');
}
