namespace LiveBoard.EndToEndTests;

/// <summary>
/// How long a test waits for a pushed change to show. Generous on purpose: on a loaded 2-core CI
/// machine a render can take seconds, and a page that never receives the push still fails (nothing
/// here polls). How fast a change shows is measured in the benchmark (P2), never in a test.
/// </summary>
public static class Wait
{
    public const float Live = 20_000;
}
