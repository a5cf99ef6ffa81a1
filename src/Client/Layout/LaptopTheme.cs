using MudBlazor;

namespace LiveBoard.Client.Layout;

/// <summary>The laptop screens' two themes; the choice is remembered in a cookie (/preferences/theme).</summary>
public enum ThemeMode
{
    Light,
    Dark,
}

/// <summary>
/// MudBlazor's palette for the signed-in laptop screens, in the colours of app.css (whose custom
/// properties still style the pages' own parts), so MudBlazor's components and ours agree in both
/// themes. The wall keeps its own dark theme (app.css, .wall).
/// </summary>
public static class LaptopTheme
{
    /// <summary>Chinese first: MudBlazor's Roboto is not bundled, and Chinese text needs a CJK face.</summary>
    private static readonly string[] Fonts = ["Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5cc0",
            Secondary = "#586474",
            Success = "#1a7f37",
            Warning = "#8a5a00",
            Error = "#c0262d",
            Info = "#0b5cc0",
            Background = "#f4f6f9",
            Surface = "#ffffff",
            AppbarBackground = "#ffffff",
            AppbarText = "#17202b",
            TextPrimary = "#17202b",
            TextSecondary = "#586474",
            LinesDefault = "#d9e0e8",
            TableLines = "#d9e0e8",
            Divider = "#d9e0e8",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6aa8ff",
            Secondary = "#a3afbd",
            Success = "#5fcf80",
            Warning = "#f0b44c",
            Error = "#ff7b7b",
            Info = "#6aa8ff",
            Background = "#11161d",
            Surface = "#1a212b",
            AppbarBackground = "#1a212b",
            AppbarText = "#e8edf3",
            TextPrimary = "#e8edf3",
            TextSecondary = "#a3afbd",
            LinesDefault = "#2c3642",
            TableLines = "#2c3642",
            Divider = "#2c3642",
            DrawerBackground = "#1a212b",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            Button = new ButtonTypography { FontFamily = Fonts, TextTransform = "none", FontWeight = "600" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", AppbarHeight = "56px" },
    };
}
