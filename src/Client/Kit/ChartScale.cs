namespace LiveBoard.Client.Kit;

/// <summary>
/// A value axis a reader can use: the step between gridlines is 1, 2 or 5 times a power of ten, and
/// the top of the axis is the first step at or above the largest value (0–200–400–600, never
/// 197–393–590). MudChart draws its ticks at a stated spacing; this says which.
/// </summary>
public readonly record struct ChartScale(double Step, double Max)
{
    public static ChartScale For(double largest, int atMostSteps = 5)
    {
        if (!(largest > 0) || double.IsInfinity(largest))
            return new(1, 1 * Math.Max(1, atMostSteps - 1));
        var rough = largest / Math.Max(1, atMostSteps - 1);
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(f => f * power).First(s => s >= rough);
        // Whole numbers of people or minutes: no step under 1.
        step = Math.Max(step, 1);
        return new(step, Math.Ceiling(largest / step) * step);
    }
}
