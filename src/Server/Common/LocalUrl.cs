namespace LiveBoard.Server.Common;

public static class LocalUrl
{
    /// <summary>A redirect target from a request, only if it is a path of this site (no open redirect); else "/".</summary>
    public static string OrRoot(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
