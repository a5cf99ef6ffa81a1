namespace LiveBoard.Server.Features.Alerts;

/// <summary>Alert thresholds (LiveBoard:Alerts); <see cref="Halls"/> overrides them per hall code.</summary>
public sealed class AlertOptions
{
    /// <summary>Working days to verify, rectify and answer a bad review (5, 7 or 15 in the provinces).</summary>
    public int DeadlineWorkingDays { get; set; } = 5;

    public AlertThresholds Defaults { get; set; } = new();

    public Dictionary<string, AlertThresholds> Halls { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public AlertThresholds For(string hallCode) => Halls.TryGetValue(hallCode, out var own) ? own : Defaults;
}

public sealed class AlertThresholds
{
    /// <summary>Negative-rate rule: at least this share of bad reviews …</summary>
    public double NegativeShare { get; set; } = 0.5;
    /// <summary>… within this window …</summary>
    public TimeSpan NegativeWindow { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>… with at least this many reviews.</summary>
    public int NegativeMinimum { get; set; } = 4;
    /// <summary>The longest current wait that raises an alert.</summary>
    public TimeSpan LongWait { get; set; } = TimeSpan.FromMinutes(45);
    /// <summary>A hall open and silent this long raises an alert.</summary>
    public TimeSpan SilentAfter { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>A staff member this far past their expected return raises an alert.</summary>
    public TimeSpan OverdueAfter { get; set; } = TimeSpan.FromMinutes(10);
}
