using System.Collections;
using System.Globalization;
using System.Resources;
using System.Xml.Linq;
using MudBlazor;

namespace LiveBoard.ComponentTests;

/// <summary>MudBlazor's own words on our screens (data grid, pager, dialog, snackbar, form) have a Chinese translation.</summary>
public sealed class MudTextsTests
{
    private static readonly string[] Shown = ["MudDataGrid_", "MudDataGridPager_", "MudDialog_", "MudSnackbar_", "MudFormComponent_", "MudInput_Clear", "MudRating", "MudAlert_", "MudChip_", "MudBaseDatePicker_", "MudDateRangePicker_"];

    [Fact]
    public void Every_MudBlazor_text_of_the_components_we_use_has_chinese()
    {
        var mud = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudDataGrid<>).Assembly)
            .GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).Where(key => Shown.Any(key.StartsWith)).ToList();
        var chinese = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "MudTexts.zh-CN.resx")).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

        Assert.NotEmpty(mud);
        Assert.Empty(mud.Where(key => !chinese.Contains(key)).Order());
    }
}
