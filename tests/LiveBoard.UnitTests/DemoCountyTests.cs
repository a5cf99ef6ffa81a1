using LiveBoard.Client.Model;
using LiveBoard.Server.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.UnitTests;

public sealed class DemoCountyTests
{
    [Fact]
    public async Task The_demo_county_has_the_halls_windows_and_staff_a_real_county_has()
    {
        using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        var halls = await db.Halls.Include(h => h.Windows).ThenInclude(w => w.Business).ToListAsync();

        var county = Assert.Single(halls, h => h.Kind == HallKind.County);
        Assert.Equal(40, county.Windows.Count);
        Assert.Equal(12, county.Windows.Select(w => w.Business!.DepartmentId).Distinct().Count());
        var townships = halls.Where(h => h.Kind == HallKind.Township).ToList();
        Assert.Equal(20, townships.Count);
        Assert.All(townships, t => Assert.InRange(t.Windows.Count, 3, 8));
        var staff = await db.Staff.CountAsync();
        Assert.InRange(staff, 250, 350);
        var codes = await db.Windows.Select(w => w.ReviewCode).ToListAsync();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(await db.Staff.Select(s => s.Pinyin).ToListAsync(), p => Assert.Matches("^[A-Z][a-z]+ [A-Z][a-z]+$", p));
    }

    [Fact]
    public async Task The_demo_county_is_the_same_every_time()
    {
        using var first = await TestDatabase.CreateAsync();
        using var second = await TestDatabase.CreateAsync();
        await using var a = first.Open();
        await using var b = second.Open();

        var staffA = await a.Staff.OrderBy(s => s.Id).Select(s => s.Name + s.WorkPhone + s.WindowId).ToListAsync();
        var staffB = await b.Staff.OrderBy(s => s.Id).Select(s => s.Name + s.WorkPhone + s.WindowId).ToListAsync();
        Assert.Equal(staffA, staffB);
        Assert.Equal(DemoCounty.ReviewCodeFor("CTY", 1), await a.Windows.Where(w => w.HallId == 1 && w.Number == 1).Select(w => w.ReviewCode).SingleAsync());
    }

    [Fact]
    public async Task Seeding_a_database_that_has_data_changes_nothing()
    {
        using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        var before = await db.Staff.CountAsync();

        await DemoCounty.SeedIfEmptyAsync(db, TestDatabase.ClockAt(new ManualTime(TestDatabase.MondayMorning)));

        Assert.Equal(before, await db.Staff.CountAsync());
        Assert.Equal(21, await db.Halls.CountAsync());
    }
}
