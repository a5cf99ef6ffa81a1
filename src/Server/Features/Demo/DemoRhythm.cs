using LiveBoard.Client.Model;
using LiveBoard.Server.Live;

namespace LiveBoard.Server.Features.Demo;

/// <summary>
/// The demo county's rhythm, shared by the live simulator and the generated history so both
/// look alike: a service hall's daily shape, service times, outcomes and reviews.
/// </summary>
public static class DemoRhythm
{
    /// <summary>About one citizen per window every 12 minutes at the peak.</summary>
    public static double ArrivalsPerMinute(int windows) => windows / 12.0;

    /// <summary>Relative arrival rate over the day: morning peak, quiet before lunch, afternoon peak.</summary>
    public static double Shape(TimeOnly t) => t.Hour switch
    {
        8 => 0.6,
        9 or 10 => 1.0,
        11 => 0.7,
        13 => 0.5,
        14 or 15 => 0.9,
        16 => 0.5,
        _ => 0.3,
    };

    /// <summary>Minutes at the window: never under 40 % of the typical time, a long tail above it.</summary>
    public static double ServiceMinutes(Random random, int typicalMinutes) =>
        typicalMinutes * (0.4 + (-Math.Log(1 - random.NextDouble()) * 0.6));

    public static TicketOutcome Outcome(Random random) =>
        random.NextDouble() switch { < 0.92 => TicketOutcome.Done, < 0.98 => TicketOutcome.Incomplete, _ => TicketOutcome.Referred };

    /// <summary>
    /// About 3 % bad reviews (published good rates are higher, but a demo needs some to act on),
    /// concentrated where the business was not completed.
    /// </summary>
    public static (ReviewLevel Level, ReviewTags Tags) Review(Random random, TicketOutcome outcome)
    {
        var roll = random.NextDouble() - (outcome == TicketOutcome.Done ? 0 : 0.25);
        var level = roll switch { < 0.01 => 1, < 0.03 => 2, < 0.10 => 3, < 0.38 => 4, _ => 5 };
        var tags = level <= 2 ? Enum.GetValues<ReviewTags>()[1 + random.Next(14)]
            : level == 3 && random.NextDouble() < 0.3 ? ReviewTags.LowEfficiency : ReviewTags.None;
        return ((ReviewLevel)level, tags);
    }

    public static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }
        return count;
    }
}
