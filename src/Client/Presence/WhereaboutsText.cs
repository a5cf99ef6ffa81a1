using LiveBoard.Client.Model;

namespace LiveBoard.Client.Presence;

/// <summary>English text (the resource keys) for what the whereabouts forms say.</summary>
public static class WhereaboutsText
{
    /// <summary>Why a change or a decision was refused.</summary>
    public static string Refusal(EventRefusal refusal) => refusal switch
    {
        EventRefusal.MayNotSet => "You may not change this person's whereabouts.",
        EventRefusal.ReturnAlreadyPast => "The expected return is already past.",
        EventRefusal.TooLong => "The note is too long: at most {0} characters.",
        EventRefusal.NotText => "The note has characters that cannot be kept (control characters).",
        EventRefusal.TooFarAhead => "The expected return is too far ahead: at most a year.",
        EventRefusal.MayNotDecide => "Only this hall's manager or the centre director decides.",
        EventRefusal.NotAwaitingDecision => "This request is not waiting for a decision.",
        EventRefusal.JournalUnavailable => "The board could not be updated just now; please try again.",
        _ => "The board did not accept this change.",
    };

    /// <summary>English text (the resource key) of a whereabouts; null is "not marked".</summary>
    public static string Label(Whereabouts? whereabouts) => whereabouts switch
    {
        Whereabouts.In => "In",
        Whereabouts.Out => "Out",
        Whereabouts.Meeting => "Meeting",
        Whereabouts.Travel => "Travel",
        Whereabouts.Leave => "Leave",
        _ => "Not marked",
    };

    /// <summary>A shape per whereabouts from MudBlazor's Material set (an SVG path: no font can lack it), so a card reads without colour.</summary>
    public static string Icon(Whereabouts? whereabouts) => whereabouts switch
    {
        Whereabouts.In => MudBlazor.Icons.Material.Filled.CheckCircle,
        Whereabouts.Out => MudBlazor.Icons.Material.Filled.DirectionsWalk,
        Whereabouts.Meeting => MudBlazor.Icons.Material.Filled.Groups,
        Whereabouts.Travel => MudBlazor.Icons.Material.Filled.Flight,
        Whereabouts.Leave => MudBlazor.Icons.Material.Filled.EventBusy,
        _ => MudBlazor.Icons.Material.Filled.HelpOutline,
    };

    /// <summary>Back later than announced.</summary>
    public static readonly string OverdueIcon = MudBlazor.Icons.Material.Filled.AlarmOn;

    /// <summary>Waiting for the hall manager's decision.</summary>
    public static readonly string PendingIcon = MudBlazor.Icons.Material.Filled.HourglassTop;
}
