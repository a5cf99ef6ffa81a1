using LiveBoard.Client.Model;
using LiveBoard.Server.Features.Halls;
using LiveBoard.Server.Features.Staff;

namespace LiveBoard.UnitTests;

/// <summary>The county search finds staff the way people type their names: pinyin joined, spaced, begun, or as initials.</summary>
public sealed class CountySearchTests
{
    [Theory]
    [InlineData("Wang Tao", "wangtao tao wt")]
    [InlineData("Wáng Tāo", "wangtao tao wt")]
    [InlineData("WangTao", "wangtao tao wt")]
    [InlineData("Wang Jianguo", "wangjianguo jianguo wjg")]
    [InlineData("Ouyang Xiu", "ouyangxiu xiu oyx")]
    [InlineData("Lü Na", "lvna na ln")]
    [InlineData("Zhang Xinge", "zhangxinge xinge zxg")] // xin-ge: pinyin would write Xing'e for xing-e
    [InlineData("Li Fangan", "lifangan fangan lfg")]
    [InlineData("Chen Xi'an", "chenxian xian an cxa")] // an apostrophe parts syllables like a space
    [InlineData("Li", "li l")]
    [InlineData("Smith", "smith s")] // not pinyin: one word, one initial
    [InlineData("", "")]
    public void The_key_holds_the_joined_pinyin_each_later_name_and_the_initials(string pinyin, string key) =>
        Assert.Equal(key, StaffSearchKey.Of(pinyin));

    [Theory]
    [InlineData("wangtao", "王涛")]
    [InlineData("WANGTAO", "王涛")]
    [InlineData("WangTao", "王涛")]
    [InlineData("wang tao", "王涛")]
    [InlineData("Wang Tao", "王涛")]
    [InlineData("wangt", "王涛 王婷")]
    [InlineData("wt", "王涛 王婷 吴涛")] // the initials collide: all three, by pinyin
    [InlineData("WT", "王涛 王婷 吴涛")]
    [InlineData("王涛", "王涛")]
    [InlineData("涛", "王涛 吴涛")]
    [InlineData("tao", "王涛 吴涛")]
    [InlineData("wjg", "王建国")]
    [InlineData("jianguo", "王建国")]
    [InlineData("oyx", "欧阳修")]
    [InlineData("lvna", "吕娜")]
    [InlineData("lü na", "吕娜")]
    [InlineData("ang", "")] // inside a syllable is not where anyone starts typing
    [InlineData("wtx", "")]
    public async Task Staff_are_found_by_pinyin_joined_spaced_begun_or_as_initials_and_by_chinese_name(string query, string names)
    {
        using var database = await SearchCountyAsync();
        var hits = await new CountySearch(database.Factory).FindAsync(query);
        Assert.Equal(names, string.Join(' ', hits.Where(h => h.Kind == "Staff").Select(h => h.Title)));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("%%")]
    [InlineData("w%")]
    [InlineData("_ao")]
    [InlineData("%税%")]
    public async Task Wildcards_are_plain_characters_and_match_nothing_here(string query)
    {
        using var database = await SearchCountyAsync();
        Assert.Empty(await new CountySearch(database.Factory).FindAsync(query));
    }

    [Fact]
    public async Task Windows_are_found_by_hall_and_number_or_business_in_either_language()
    {
        using var database = await SearchCountyAsync();
        var search = new CountySearch(database.Factory);
        Assert.Equal(["搜索镇便民服务中心 · 2"], (await search.FindAsync("S01 2")).Select(h => h.Title));
        Assert.Equal(["搜索镇便民服务中心 · 1"], (await search.FindAsync("social")).Select(h => h.Title));
        Assert.Equal(["搜索镇便民服务中心 · 2"], (await search.FindAsync("户籍")).Select(h => h.Title));
    }

    [Fact]
    public async Task Writing_a_staff_members_pinyin_renews_the_key()
    {
        using var database = await SearchCountyAsync();
        await using (var db = database.Open())
        {
            var member = db.Staff.Single(s => s.Name == "王婷");
            member.Pinyin = "Wang Tingting";
            await db.SaveChangesAsync();
        }
        Assert.Equal("王婷", Assert.Single(await new CountySearch(database.Factory).FindAsync("wangtingt")).Title);
    }

    /// <summary>One hall, two windows, and staff whose names collide the way real names do.</summary>
    private static async Task<TestDatabase> SearchCountyAsync()
    {
        var database = await TestDatabase.CreateAsync(seed: false);
        await using var db = database.Open();
        var hall = new Hall
        {
            Code = "S01", Name = "搜索镇便民服务中心", NameEn = "Search Township Service Hall", Kind = HallKind.Township, Capacity = 50,
            Hours = [new HallHours { Day = DayOfWeek.Monday, OpensAt = new TimeOnly(8, 30), LunchStartsAt = new TimeOnly(12, 0), LunchEndsAt = new TimeOnly(13, 30), ClosesAt = new TimeOnly(17, 30) }],
        };
        var social = new Business { Code = "A", Name = "社保业务", NameEn = "Social security", Department = new() { Code = "HRSS", Name = "人社局", NameEn = "Human Resources and Social Security" } };
        var household = new Business { Code = "C", Name = "户籍业务", NameEn = "Household registration", Department = new() { Code = "PSB", Name = "公安局", NameEn = "Public Security" } };
        hall.Windows.Add(new ServiceWindow { Hall = hall, Number = 1, Business = social, ReviewCode = "S01W1" });
        hall.Windows.Add(new ServiceWindow { Hall = hall, Number = 2, Business = household, ReviewCode = "S01W2" });
        db.Halls.Add(hall);
        foreach (var (name, pinyin) in new[]
        {
            ("王涛", "Wang Tao"), ("王婷", "Wang Ting"), ("吴涛", "Wu Tao"), ("王建国", "Wang Jianguo"), ("欧阳修", "Ouyang Xiu"), ("吕娜", "Lü Na"),
        })
        {
            db.Staff.Add(new StaffMember { Number = pinyin, Name = name, Pinyin = pinyin, Position = "窗口受理员", WorkPhone = "0739-6000000", Hall = hall, Window = hall.Windows[0] });
        }
        await db.SaveChangesAsync();
        return database;
    }
}
