using LiveBoard.Server.Common;
using LiveBoard.Server.Features.Demo;

namespace LiveBoard.UnitTests;

public sealed class CountyClockTests
{
    private static readonly TimeZoneInfo Shanghai = CountyClock.FindZone("Asia/Shanghai");

    [Fact]
    public void The_county_day_starts_at_midnight_in_the_county_not_on_the_machine()
    {
        // 16:30 UTC on the 22nd is 00:30 on the 23rd in the county.
        var clock = new CountyClock(new ManualTime(new DateTimeOffset(2026, 11, 22, 16, 30, 0, TimeSpan.Zero)), Shanghai);

        Assert.Equal(new DateOnly(2026, 11, 23), clock.Today);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.Zero), clock.StartOf(clock.Today).ToUniversalTime());
        Assert.Equal(0, clock.Now.Hour);
    }

    [Fact]
    public void A_sped_up_demo_clock_runs_faster_from_where_it_started()
    {
        var time = new ManualTime(TestDatabase.MondayMorning);
        var clock = new CountyClock(time, Shanghai, TimeSpan.FromHours(1), speed: 60);

        Assert.Equal(11, clock.Now.Hour);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(12, clock.Now.Hour);
    }

    [Theory]
    [InlineData(14, 0, 11.5)] // 22:00 in the county: ahead to 09:30 the next day
    [InlineData(1, 0, 0)]     // 09:00: open, no shift
    [InlineData(4, 0, 2.5)]   // 12:00, the lunch break: ahead to 14:30
    [InlineData(0, 0, 1.5)]   // 08:00, before opening: ahead to 09:30
    public void The_demo_clock_is_shifted_into_opening_hours_only_when_the_halls_are_closed(int utcHour, int utcMinute, double expectedHours)
    {
        var offset = DemoOptions.OffsetIntoOpeningHours(new DateTimeOffset(2026, 11, 23, utcHour, utcMinute, 0, TimeSpan.Zero), Shanghai);

        Assert.Equal(TimeSpan.FromHours(expectedHours), offset);
    }
}
