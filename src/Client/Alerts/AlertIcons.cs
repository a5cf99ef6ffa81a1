using LiveBoard.Client.Model;
using MudBlazor;

namespace LiveBoard.Client.Alerts;

/// <summary>
/// An icon per alert kind from MudBlazor's Material set (an SVG path: no font can lack it), so the
/// list reads without colour. The wall keeps its own shapes.
/// </summary>
public static class AlertIcons
{
    public static string Of(AlertKind kind) => kind switch
    {
        AlertKind.BadReview => Icons.Material.Filled.SentimentVeryDissatisfied,
        AlertKind.NegativeRate => Icons.Material.Filled.TrendingDown,
        AlertKind.UnstaffedWindow => Icons.Material.Filled.PersonOff,
        AlertKind.OverdueReturn => Icons.Material.Filled.AlarmOn,
        AlertKind.OverCapacity => Icons.Material.Filled.Groups,
        AlertKind.LongWait => Icons.Material.Filled.HourglassBottom,
        _ => Icons.Material.Filled.SignalWifiOff,
    };
}
