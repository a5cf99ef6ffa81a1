using LiveBoard.Client.Live;
using LiveBoard.Client.Model;
using LiveBoard.Server.Live;

namespace LiveBoard.Server.Features.Alerts;

/// <summary>A condition that should have an open alert now.</summary>
public sealed record AlertCondition(AlertKind Kind, int HallId, string Key, string Summary, int? WindowId = null, int? StaffId = null, long? ReviewId = null);

/// <summary>
/// The alert rules, as pure functions of the live picture (and, for bad reviews, of the event):
/// each returns the conditions that hold now. The monitor opens an alert for a new condition and
/// closes a transient alert whose condition no longer holds. Thresholds per hall.
/// </summary>
public static class AlertRules
{
    /// <summary>Every bad review, at once: one alert per review, with the rectification deadline.</summary>
    public static AlertCondition? BadReview(LiveEvent e, string hallName, int windowNumber) =>
        e is { Type: EventType.ReviewSubmitted, Level: { } level } && level.IsBad()
            ? new AlertCondition(AlertKind.BadReview, e.HallId, $"review:{e.Sequence}",
                $"{hallName} · {windowNumber}号窗口 · {(level == ReviewLevel.VeryDissatisfied ? "非常不满意" : "不满意")}", e.WindowId, e.StaffId, e.Sequence)
            : null;

    /// <summary>Negative rate: ≥ share of bad reviews among ≥ minimum reviews in the window.</summary>
    public static AlertCondition? NegativeRate(int hallId, string hallName, IReadOnlyList<(DateTimeOffset At, bool Bad)> reviews, DateTimeOffset now, AlertThresholds t)
    {
        var recent = reviews.Where(r => now - r.At <= t.NegativeWindow).ToList();
        var bad = recent.Count(r => r.Bad);
        return recent.Count >= t.NegativeMinimum && bad >= t.NegativeShare * recent.Count
            ? new AlertCondition(AlertKind.NegativeRate, hallId, $"negative:{hallId}",
                $"{hallName} · {t.NegativeWindow.TotalMinutes:0} 分钟内差评 {bad}/{recent.Count}")
            : null;
    }

    /// <summary>The time-based rules, from a hall's live picture.</summary>
    public static IEnumerable<AlertCondition> FromHall(HallLiveView hall, DateTimeOffset now, AlertThresholds t)
    {
        if (!hall.IsOpen)
            yield break;
        if (hall.InHall > hall.Capacity)
            yield return new(AlertKind.OverCapacity, hall.HallId, $"capacity:{hall.HallId}", $"{hall.Name} · 超员 {hall.InHall}/{hall.Capacity}");
        if (hall.OldestWaitingSince is { } since && now - since > t.LongWait)
            yield return new(AlertKind.LongWait, hall.HallId, $"wait:{hall.HallId}", $"{hall.Name} · 最长等候 {(now - since).TotalMinutes:0} 分钟");
        // Silent: nothing heard for the threshold, counted from opening time when nothing came yet today.
        var heard = hall.LastEventAt is { } last && last > hall.OpenedAt ? last : hall.OpenedAt;
        if (now - heard > t.SilentAfter)
            yield return new(AlertKind.SilentHall, hall.HallId, $"silent:{hall.HallId}", $"{hall.Name} · 超过 {t.SilentAfter.TotalMinutes:0} 分钟无数据");
        var waitingBusinesses = hall.Queues.Where(q => q.Waiting > 0).Select(q => q.Code).ToHashSet();
        foreach (var window in hall.Windows)
        {
            // Unstaffed while citizens wait for its business ("leaving the post without reason").
            if (!window.Staffed && waitingBusinesses.Contains(window.BusinessCode))
                yield return new(AlertKind.UnstaffedWindow, hall.HallId, $"unstaffed:{window.WindowId}", $"{hall.Name} · {window.Number}号窗口无人在岗，有群众等候", window.WindowId);
            foreach (var staff in window.Staff)
            {
                if (staff.Whereabouts is not null and not Whereabouts.In && staff.ExpectedBackAt is { } back && now - back > t.OverdueAfter)
                    yield return new(AlertKind.OverdueReturn, hall.HallId, $"overdue:{staff.StaffId}", $"{hall.Name} · {staff.Name} 逾期未归 {(now - back).TotalMinutes:0} 分钟", window.WindowId, staff.StaffId);
            }
        }
    }

    /// <summary>Transient alerts close by themselves when their condition clears; bad reviews never do.</summary>
    public static bool ClosesByItself(AlertKind kind) => kind is not AlertKind.BadReview;
}
