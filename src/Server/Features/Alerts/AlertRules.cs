using LiveBoard.Client.Live;
using LiveBoard.Client.Model;
using LiveBoard.Server.Live;

namespace LiveBoard.Server.Features.Alerts;

/// <summary>A condition that should have an open alert now, with the facts it holds on (no text: the screens word them).</summary>
public sealed record AlertCondition(AlertKind Kind, int HallId, string Key, int? WindowId = null, int? StaffId = null, long? ReviewId = null,
    ReviewLevel? Level = null, ReviewTags Tags = ReviewTags.None, int? Count = null, int? OutOf = null, int? Minutes = null);

/// <summary>
/// The alert rules, as pure functions of the live picture (and, for bad reviews, of the event):
/// each returns the conditions that hold now. The monitor opens an alert for a new condition and
/// closes a transient alert whose condition no longer holds. Thresholds per hall.
/// </summary>
public static class AlertRules
{
    /// <summary>Every bad review, at once: one alert per review, with the rectification deadline.</summary>
    public static AlertCondition? BadReview(LiveEvent e) =>
        e is { Type: EventType.ReviewSubmitted, Level: { } level } && level.IsBad()
            ? new AlertCondition(AlertKind.BadReview, e.HallId, $"review:{e.Sequence}", e.WindowId, e.StaffId, e.Sequence, level, e.Tags ?? ReviewTags.None)
            : null;

    /// <summary>Negative rate: ≥ share of bad reviews among ≥ minimum reviews in the window.</summary>
    public static AlertCondition? NegativeRate(int hallId, IReadOnlyList<(DateTimeOffset At, bool Bad)> reviews, DateTimeOffset now, AlertThresholds t)
    {
        var recent = reviews.Where(r => now - r.At <= t.NegativeWindow).ToList();
        var bad = recent.Count(r => r.Bad);
        return recent.Count >= t.NegativeMinimum && bad >= t.NegativeShare * recent.Count
            ? new AlertCondition(AlertKind.NegativeRate, hallId, $"negative:{hallId}", Count: bad, OutOf: recent.Count, Minutes: Whole(t.NegativeWindow))
            : null;
    }

    /// <summary>The time-based rules, from a hall's live picture.</summary>
    public static IEnumerable<AlertCondition> FromHall(HallLiveView hall, DateTimeOffset now, AlertThresholds t)
    {
        if (!hall.IsOpen)
            yield break;
        if (hall.InHall > hall.Capacity)
            yield return new(AlertKind.OverCapacity, hall.HallId, $"capacity:{hall.HallId}", Count: hall.InHall, OutOf: hall.Capacity);
        if (hall.OldestWaitingSince is { } since && now - since > t.LongWait)
            yield return new(AlertKind.LongWait, hall.HallId, $"wait:{hall.HallId}", Minutes: Whole(now - since));
        // Silent: nothing heard for the threshold, counted from opening time when nothing came yet today.
        var heard = hall.LastEventAt is { } last && last > hall.OpenedAt ? last : hall.OpenedAt;
        if (now - heard > t.SilentAfter)
            yield return new(AlertKind.SilentHall, hall.HallId, $"silent:{hall.HallId}", Minutes: Whole(t.SilentAfter));
        var waiting = hall.Queues.Where(q => q.Waiting > 0).ToDictionary(q => q.Code, q => q.Waiting);
        foreach (var window in hall.Windows)
        {
            // Unstaffed while citizens wait for its business ("leaving the post without reason").
            if (!window.Staffed && waiting.TryGetValue(window.BusinessCode, out var citizens))
                yield return new(AlertKind.UnstaffedWindow, hall.HallId, $"unstaffed:{window.WindowId}", window.WindowId, Count: citizens);
            foreach (var staff in window.Staff)
            {
                if (staff.Whereabouts is not null and not Whereabouts.In && staff.ExpectedBackAt is { } back && now - back > t.OverdueAfter)
                    yield return new(AlertKind.OverdueReturn, hall.HallId, $"overdue:{staff.StaffId}", window.WindowId, staff.StaffId, Minutes: Whole(now - back));
            }
        }
    }

    private static int Whole(TimeSpan span) => (int)Math.Round(span.TotalMinutes, MidpointRounding.AwayFromZero);

    /// <summary>Transient alerts close by themselves when their condition clears; bad reviews never do.</summary>
    public static bool ClosesByItself(AlertKind kind) => kind is not AlertKind.BadReview;
}
