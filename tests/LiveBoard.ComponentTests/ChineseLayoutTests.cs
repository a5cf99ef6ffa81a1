using LiveBoard.Client.Account;
using LiveBoard.Client.Layout;
using Microsoft.AspNetCore.Components;

namespace LiveBoard.ComponentTests;

/// <summary>The language switch, and the frame in Chinese.</summary>
public sealed class ChineseLayoutTests() : LiveBoardContext("zh-CN")
{
    [Fact]
    public void In_chinese_the_links_speak_chinese_and_the_switch_marks_chinese_as_chosen()
    {
        SignIn(UserRole.Leader);
        Services.GetRequiredService<NavigationManager>().NavigateTo("rankings");

        var cut = Render<MainLayout>(p => p.AddCascadingValue(ThemeMode.Light).Add(l => l.Body, (RenderFragment)(_ => { })));

        Assert.Equal("预警", cut.Find("[data-testid=nav-alerts]").TextContent.Trim());
        Assert.Equal("排名", cut.Find("[data-testid=nav-rankings]").TextContent.Trim());
        Assert.Equal("深色", cut.Find("[data-testid=theme-dark]").TextContent.Trim());
        var chinese = cut.Find("[data-testid=culture-zh]");
        var english = cut.Find("[data-testid=culture-en]");
        Assert.Equal("true", chinese.GetAttribute("aria-current"));
        Assert.Null(english.GetAttribute("aria-current"));
        // Each names its language in that language, marked so, and goes back to this page in it.
        Assert.Equal(("中文", "zh-CN"), (chinese.TextContent.Trim(), chinese.GetAttribute("lang")));
        Assert.Equal(("English", "en"), (english.TextContent.Trim(), english.GetAttribute("lang")));
        Assert.Equal("preferences/culture?value=en&redirect=%2Frankings", english.GetAttribute("href"));
    }
}
