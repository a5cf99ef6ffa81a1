using Microsoft.Playwright;

namespace LiveBoard.EndToEndTests;

/// <summary>
/// Waits until a page's circuit is up (the layout marks it; a static page has none to wait for):
/// before that the page is the prerendered copy, whose buttons do nothing, so a click would be lost.
/// </summary>
public static class Circuit
{
    public static Task LiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("main[data-circuit=live], main[data-circuit=static]")).ToBeAttachedAsync(new() { Timeout = Wait.Live });
}
