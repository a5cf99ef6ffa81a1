using MudBlazor;

namespace LiveBoard.Client.Wall;

/// <summary>
/// The wall's dark palette as a MudBlazor theme. App renders its MudThemeProvider into the wall
/// document's head, outside the circuit: the wall's rules (app.css, .wall) read MudBlazor's
/// --mud-palette-* variables, and an open wall pays no circuit memory for the theme (P3).
/// Colours: high contrast on a near-black room screen; each state colour is always paired with a
/// shape on the wall (Material icons drawn as inline SVG), never told by colour alone.
/// </summary>
public static class WallTheme
{
    private static readonly string[] Fonts = ["Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteDark = new PaletteDark
        {
            Primary = "#58a6ff",
            Secondary = "#9fb0c6",
            Success = "#38d27a",
            Warning = "#ffc23d",
            Error = "#ff5a5a",
            Info = "#58a6ff",
            Dark = "#8691a0",
            Background = "#070b12",
            BackgroundGray = "#151e2b",
            Surface = "#101824",
            TextPrimary = "#f2f6fb",
            TextSecondary = "#aebdd0",
            LinesDefault = "#22324a",
            LinesInputs = "#1d2a3b",
            Divider = "#22324a",
            ActionDisabled = "#8691a0",
        },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = Fonts } },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = ".6rem" },
    };
}
