namespace LiveBoard.Testing;

public static class ScaleOutSettings
{
    /// <summary>Configuration for an instance on a shared PostgreSQL database, and Redis when given.</summary>
    public static Dictionary<string, string?> For(string connectionString, RedisServer? redis) => new()
    {
        ["LiveBoard:Database:Provider"] = "PostgreSQL",
        ["LiveBoard:Database:ConnectionString"] = connectionString,
        ["LiveBoard:Redis"] = redis?.Setting,
    };
}
