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
}
