using System.Diagnostics.CodeAnalysis;

namespace LiveBoard.Server.Common;

public static class LocalUrl
{
    /// <summary>
    /// Whether a redirect target from a request is a path of this site (no open redirect): "/" and
    /// not "//" or "/\" (another host to a browser), and no control characters (browsers drop tabs
    /// and newlines, so "/\t/evil.example" would become "//evil.example").
    /// </summary>
    public static bool IsLocal([NotNullWhen(true)] string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl);

    /// <summary>A redirect target from a request if it is local; else "/".</summary>
    public static string OrRoot(string? url) => IsLocal(url) ? url : "/";
}
