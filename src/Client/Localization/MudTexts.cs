using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveBoard.Client.Localization;

/// <summary>
/// MudBlazor's own words (a data grid's "Filter", "Sort", the pager, a dialog's "Close") in the
/// reader's language. MudBlazor speaks English by itself; in Chinese it asks this localizer first
/// (MudTexts.zh-CN.resx, keyed by MudBlazor's resource names) and falls back to its English only
/// for a key we have not translated — which a component test forbids for the keys our screens show.
/// </summary>
public sealed class MudTexts(IStringLocalizer<MudTexts> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => texts[key];
}
