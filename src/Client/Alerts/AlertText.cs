using LiveBoard.Client.Kit;
using LiveBoard.Client.Model;
using Microsoft.Extensions.Localization;

namespace LiveBoard.Client.Alerts;

/// <summary>
/// How the screens word an alert: its title from the kind, its summary from the facts, its state,
/// its audit trail and the workflow's refusals. English text here is the resource key; the server
/// sends facts and codes only (the API's English problem detail is <see cref="Refusal"/>).
/// </summary>
public static class AlertText
{
    /// <summary>A piece of a summary: UI words in the reader's language, or data as the county holds it (a name).</summary>
    public readonly record struct Part(string Text, bool IsData = false);

    public static IEnumerable<Part> Summary(AlertView alert, IStringLocalizer text)
    {
        var f = alert.Facts;
        Part? Words(bool known, string key, params object[] arguments) => known ? new Part(text[key, arguments]) : null;
        Part? Window() => Words(f.WindowNumber is not null, "Window {0}", f.WindowNumber ?? 0);
        IEnumerable<Part?> parts = alert.Kind switch
        {
            AlertKind.BadReview =>
                [Window(), f.Level is { } level ? new Part(text[ReviewText.Level(level)]) : null, .. ReviewText.Tags(f.Tags).Select(t => (Part?)new Part(text[t]))],
            AlertKind.NegativeRate => [Words(f is { Count: not null, OutOf: not null, Minutes: not null }, "{0} bad reviews of {1} in {2} min", f.Count ?? 0, f.OutOf ?? 0, f.Minutes ?? 0)],
            AlertKind.OverCapacity => [Words(f is { Count: not null, OutOf: not null }, "{0} in the hall, capacity {1}", f.Count ?? 0, f.OutOf ?? 0)],
            AlertKind.LongWait => [Words(f.Minutes is not null, "Longest wait {0} min", f.Minutes ?? 0)],
            AlertKind.SilentHall => [Words(f.Minutes is not null, "No data for over {0} min", f.Minutes ?? 0)],
            AlertKind.UnstaffedWindow => [Window(), Words(f.Count is not null, "{0} waiting", f.Count ?? 0)],
            _ => [f.StaffName is { } name ? new Part(name, IsData: true) : null, Window(), Words(f.Minutes is not null, "Overdue by {0} min", f.Minutes ?? 0)],
        };
        return parts.OfType<Part>();
    }

    /// <summary>The summary as one line of plain text (a browser notification).</summary>
    public static string SummaryLine(AlertView alert, IStringLocalizer text) => string.Join(" · ", Summary(alert, text).Select(p => p.Text));

    public static string Kind(AlertKind kind) => kind switch
    {
        AlertKind.BadReview => "Bad review",
        AlertKind.NegativeRate => "Many bad reviews",
        AlertKind.UnstaffedWindow => "Window unstaffed while citizens wait",
        AlertKind.OverdueReturn => "Overdue return",
        AlertKind.OverCapacity => "Hall over capacity",
        AlertKind.LongWait => "Long wait",
        _ => "Hall silent",
    };

    /// <summary>A step as the button that takes it says it.</summary>
    public static string Step(AlertCommand command) => command switch
    {
        AlertCommand.Acknowledge => "Acknowledge",
        AlertCommand.Assign => "Assign",
        AlertCommand.Comment => "Comment",
        AlertCommand.RecordReturnCall => "Record the return call",
        AlertCommand.Resolve => "Resolve",
        AlertCommand.Reopen => "Reopen",
        AlertCommand.Appeal => "Appeal the review",
        AlertCommand.UpholdAppeal => "Uphold the appeal",
        _ => "Reject the appeal",
    };

    /// <summary>The label of the text a step's dialog asks for; null when the step has none.</summary>
    public static string? NoteLabel(AlertCommand command) => command switch
    {
        AlertCommand.Comment => "Comment",
        AlertCommand.RecordReturnCall => "Outcome of the call",
        AlertCommand.Resolve => "Rectification",
        AlertCommand.Appeal => "Reason for the appeal",
        AlertCommand.Reopen or AlertCommand.UpholdAppeal or AlertCommand.RejectAppeal => "Note (optional)",
        _ => null,
    };

    public static string Status(AlertStatus status) => status switch
    {
        AlertStatus.Open => "Awaiting action",
        AlertStatus.Acknowledged => "Acknowledged",
        AlertStatus.Resolved => "Resolved",
        AlertStatus.Appealed => "Under appeal",
        _ => "Closed",
    };

    public static string Appeal(AppealState appeal) => appeal switch
    {
        AppealState.Pending => "Appeal pending",
        AppealState.Upheld => "Appeal upheld",
        AppealState.Rejected => "Appeal rejected",
        _ => "No appeal",
    };

    /// <summary>A step of the audit trail: a command a person gave, or what the monitor did.</summary>
    public static string Action(string action) => action switch
    {
        nameof(AlertCommand.Acknowledge) => "Acknowledged",
        nameof(AlertCommand.Assign) => "Assigned",
        nameof(AlertCommand.Comment) => "Commented",
        nameof(AlertCommand.RecordReturnCall) => "Recorded the return call",
        nameof(AlertCommand.Resolve) => "Resolved",
        nameof(AlertCommand.Reopen) => "Reopened",
        nameof(AlertCommand.Appeal) => "Appealed",
        nameof(AlertCommand.UpholdAppeal) => "Upheld the appeal",
        nameof(AlertCommand.RejectAppeal) => "Rejected the appeal",
        "Raised" => "Raised",
        "Cleared" => "Cleared: the condition no longer holds",
        "Escalated" => "Escalated to the centre director: the deadline passed",
        _ => action,
    };

    /// <summary>Why an action was refused; also the API's English problem detail.</summary>
    public static string Refusal(AlertRefusal refusal) => refusal switch
    {
        AlertRefusal.NoSuchAlert => "No such alert in your hall.",
        AlertRefusal.MayNotAct => "Only hall managers and the centre director act on alerts.",
        AlertRefusal.ChangedMeanwhile => "Someone else changed this alert a moment ago; it has been reloaded — check it and try again.",
        AlertRefusal.NotOpen => "Only an open alert can be acknowledged.",
        AlertRefusal.AssigneeRequired => "Say who handles it.",
        AlertRefusal.CommentRequired => "Write the comment.",
        AlertRefusal.ReturnCallRequired => "Record the outcome of the call and the citizen's rating of the fix (1–5).",
        AlertRefusal.AlreadyClosed => "The alert is already closed.",
        AlertRefusal.ResolutionRequired => "Describe the rectification.",
        AlertRefusal.ReturnCallFirst => "Record the return call first: every bad review gets one.",
        AlertRefusal.NotClosed => "The alert is not closed.",
        AlertRefusal.NotAppealable => "Only a bad review can be appealed, once.",
        AlertRefusal.AppealReasonRequired => "Give the reason for the appeal.",
        AlertRefusal.MayNotDecideAppeal => "Only the centre director decides appeals.",
        AlertRefusal.NoteTooLong => "The text is too long: at most {0} characters.",
        AlertRefusal.NoteNotText => "The text has characters that cannot be kept (control characters).",
        AlertRefusal.NoSuchAssignee => "Name an active user who handles this hall's alerts: its hall manager or the centre director (by user name).",
        _ => "There is no appeal to decide.",
    };
}
