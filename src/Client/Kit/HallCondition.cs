using LiveBoard.Client.Live;

namespace LiveBoard.Client.Kit;

/// <summary>The state a hall tile shows; always as a shape and a word, never by colour alone.</summary>
public enum HallCondition
{
    Normal,
    Busy,
    OverCapacity,
    Stale,
    Closed,
}

public static class HallConditions
{
    /// <summary>Busy from this share of the capacity, or from this longest wait.</summary>
    public const double BusyShare = 0.8;
    public static readonly TimeSpan BusyWait = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Closed outside opening hours. Open but silent for longer than <paramref name="staleAfter"/>
    /// (or never heard from today): stale — the figures must not pass for live.
    /// </summary>
    public static HallCondition Of(HallLiveView hall, DateTimeOffset now, TimeSpan staleAfter)
    {
        if (!hall.IsOpen)
            return HallCondition.Closed;
        if (hall.LastEventAt is not { } last || now - last > staleAfter)
            return HallCondition.Stale;
        if (hall.InHall > hall.Capacity)
            return HallCondition.OverCapacity;
        if (hall.InHall >= hall.Capacity * BusyShare || (hall.OldestWaitingSince is { } since && now - since >= BusyWait))
            return HallCondition.Busy;
        return HallCondition.Normal;
    }

    /// <summary>A shape per state from MudBlazor's Material set (an SVG: no font can lack it): the wall's tiles and the laptop screens.</summary>
    public static string MaterialIcon(this HallCondition condition) => condition switch
    {
        HallCondition.Normal => MudBlazor.Icons.Material.Filled.CheckCircle,
        HallCondition.Busy => MudBlazor.Icons.Material.Filled.Warning,
        HallCondition.OverCapacity => MudBlazor.Icons.Material.Filled.Error,
        HallCondition.Stale => MudBlazor.Icons.Material.Filled.HelpOutline,
        _ => MudBlazor.Icons.Material.Filled.Bedtime,
    };

    public static MudBlazor.Color MaterialColor(this HallCondition condition) => condition switch
    {
        HallCondition.Normal => MudBlazor.Color.Success,
        HallCondition.Busy => MudBlazor.Color.Warning,
        HallCondition.OverCapacity => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    public static string CssClass(this HallCondition condition) => condition switch
    {
        HallCondition.Normal => "normal",
        HallCondition.Busy => "busy",
        HallCondition.OverCapacity => "over",
        HallCondition.Stale => "stale",
        _ => "closed",
    };

    /// <summary>English text; the screens pass it through the localizer.</summary>
    public static string Label(this HallCondition condition) => condition switch
    {
        HallCondition.Normal => "Normal",
        HallCondition.Busy => "Busy",
        HallCondition.OverCapacity => "Over capacity",
        HallCondition.Stale => "No data",
        _ => "Closed",
    };
}
