using LiveBoard.Client.Model;

namespace LiveBoard.Client.Alerts;

/// <summary>
/// The alert workflow's rules in one place: which steps the alert's state allows, and what each
/// step must say. The inbox (AlertBook) refuses by these rules; the screen offers only the steps
/// they allow and checks a step's form by them before it is sent.
/// </summary>
public static class AlertWorkflow
{
    /// <summary>The steps in the order the screen offers them.</summary>
    public static readonly IReadOnlyList<AlertCommand> Steps =
    [
        AlertCommand.Acknowledge, AlertCommand.Assign, AlertCommand.Comment, AlertCommand.RecordReturnCall, AlertCommand.Resolve,
        AlertCommand.Appeal, AlertCommand.UpholdAppeal, AlertCommand.RejectAppeal, AlertCommand.Reopen,
    ];

    public static bool IsClosed(AlertStatus status) => status is AlertStatus.Resolved or AlertStatus.Closed;

    /// <summary>Why the alert's state does not allow the step, or null when it does.</summary>
    public static AlertRefusal? StateRefusal(AlertView alert, bool returnCallRecorded, AlertCommand command, bool isDirector)
    {
        var closed = IsClosed(alert.Status);
        return command switch
        {
            AlertCommand.Acknowledge when alert.Status != AlertStatus.Open => AlertRefusal.NotOpen,
            AlertCommand.Resolve when closed => AlertRefusal.AlreadyClosed,
            AlertCommand.Resolve when alert.Kind == AlertKind.BadReview && !returnCallRecorded && alert.Appeal != AppealState.Upheld => AlertRefusal.ReturnCallFirst,
            AlertCommand.Reopen when !closed => AlertRefusal.NotClosed,
            AlertCommand.Appeal when alert.Kind != AlertKind.BadReview || alert.Appeal != AppealState.None => AlertRefusal.NotAppealable,
            AlertCommand.UpholdAppeal or AlertCommand.RejectAppeal when !isDirector => AlertRefusal.MayNotDecideAppeal,
            AlertCommand.UpholdAppeal or AlertCommand.RejectAppeal when alert.Appeal != AppealState.Pending => AlertRefusal.NoAppealPending,
            _ => null,
        };
    }

    /// <summary>
    /// What is wrong with or missing from the step's form, or null when it says what the step needs.
    /// Every step's note is within <see cref="TextLimits.AlertNote"/> and text; an assignee's name within a user name's.
    /// Whether the assignee exists and may handle the hall, only the inbox can tell.
    /// </summary>
    public static AlertRefusal? InputRefusal(AlertRequest request) => request switch
    {
        { Note.Length: > TextLimits.AlertNote } => AlertRefusal.NoteTooLong,
        { Note: { } note } when !TextRules.IsText(note, multiLine: true) => AlertRefusal.NoteNotText,
        { AssignTo: { } name } when name.Length > TextLimits.UserName || !TextRules.IsText(name) => AlertRefusal.NoSuchAssignee,
        _ => Required(request),
    };

    private static AlertRefusal? Required(AlertRequest request) => request.Command switch
    {
        AlertCommand.Assign when string.IsNullOrWhiteSpace(request.AssignTo) => AlertRefusal.AssigneeRequired,
        AlertCommand.Comment when string.IsNullOrWhiteSpace(request.Note) => AlertRefusal.CommentRequired,
        AlertCommand.RecordReturnCall when string.IsNullOrWhiteSpace(request.Note) || request.Rating is not (>= 1 and <= 5) => AlertRefusal.ReturnCallRequired,
        AlertCommand.Resolve when string.IsNullOrWhiteSpace(request.Note) => AlertRefusal.ResolutionRequired,
        AlertCommand.Appeal when string.IsNullOrWhiteSpace(request.Note) => AlertRefusal.AppealReasonRequired,
        _ => null,
    };

    /// <summary>
    /// The steps the screen offers for this alert: those its state allows, less those that mean
    /// nothing there (a return call for an alert that has no citizen; assigning a closed alert).
    /// </summary>
    public static IReadOnlyList<AlertCommand> Offered(AlertView alert, bool returnCallRecorded, bool isDirector) =>
        [.. Steps.Where(step => StateRefusal(alert, returnCallRecorded, step, isDirector) is null && step switch
        {
            AlertCommand.RecordReturnCall => alert.Kind == AlertKind.BadReview && !IsClosed(alert.Status),
            AlertCommand.Assign => !IsClosed(alert.Status),
            _ => true,
        })];

    /// <summary>Steps that need words (or a rating) from the person: these open a dialog.</summary>
    public static bool NeedsForm(AlertCommand command) => command != AlertCommand.Acknowledge;
}
