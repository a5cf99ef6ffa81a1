using System.Net;
using Microsoft.AspNetCore.Components;

namespace LiveBoard.Client.Kit;

/// <summary>
/// One of MudBlazor's Material icons as plain inline SVG markup, for the places that load no
/// MudBlazor (the printed report) or must stay light (the wall: a MudIcon is a component per icon,
/// and 21 tiles × several icons would cost the circuit memory it may not spend). An SVG path is
/// never a glyph a font may lack.
/// </summary>
public static class Svg
{
    public static MarkupString Icon(string icon, string? cssClass = null) =>
        new($"<svg class=\"icon{(cssClass is null ? "" : " " + WebUtility.HtmlEncode(cssClass))}\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\">{icon}</svg>");
}
