using System.Diagnostics;

namespace LiveBoard.Testing;

/// <summary>
/// The suite is run under Debian's faketime to prove it passes at any hour. redis-server and
/// PostgreSQL do not survive libfaketime (redis-server never listens: "unexpected recursive calls to
/// clock_gettime()"), and they need no fake clock: the app's clock is fixed by the tests themselves.
/// </summary>
public static class RealClock
{
    public static ProcessStartInfo WithoutFakeTime(this ProcessStartInfo start)
    {
        foreach (var name in start.Environment.Keys.Where(k => k == "LD_PRELOAD" || k.StartsWith("FAKETIME", StringComparison.Ordinal) || k == "DONT_FAKE_MONOTONIC").ToList())
            start.Environment.Remove(name);
        return start;
    }
}
