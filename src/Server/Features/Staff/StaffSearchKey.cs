using System.Globalization;
using System.Text;
using LiveBoard.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Staff;

/// <summary>
/// What the county search matches typed pinyin against: space-separated tokens, lower case, no
/// tone marks, ü as v (as people type it). For "Wang Jianguo": the whole name joined
/// ("wangjianguo"), the name from each later word on ("jianguo"), and the syllables' initials
/// ("wjg"). A query matches when it is the start of a token, so "wangtao", "wangt", "wang tao",
/// "wt" and "tao" all find 王涛. The key is stored with the staff member
/// (<see cref="StaffMember.SearchKey"/>) because splitting pinyin into syllables is C#, not SQL.
/// </summary>
public static class StaffSearchKey
{
    /// <summary>The column's length; a longer key (only for an absurdly long name) is cut, which still matches its start.</summary>
    public const int MaxLength = 300;

    /// <summary>The key for a pinyin spelling as the county's staff list writes it ("Wang Tao", "Ouyang Xiu", "Lü Na").</summary>
    public static string Of(string pinyin)
    {
        var words = Words(pinyin);
        if (words.Count == 0)
            return "";
        var tokens = new List<string>();
        for (var i = 0; i < words.Count; i++)
            tokens.Add(string.Concat(words.Skip(i)));
        tokens.Add(string.Concat(words.SelectMany(Syllables).Select(s => s[0])));
        var key = string.Join(' ', tokens.Distinct());
        return key.Length <= MaxLength ? key : key[..MaxLength];
    }

    /// <summary>
    /// A typed query as it is matched against keys, normalised like them; "" when it is not pinyin
    /// (Chinese, a window number like "T05 3", or a stray "%"), so it matches no key at all.
    /// </summary>
    public static string Query(string text) =>
        Plain(text).All(c => IsLetter(c) || c is ' ' or '\'' or '’' or '-') ? string.Concat(Words(text)) : "";

    private static bool IsLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    /// <summary>
    /// Rows written before the key existed (the migration adds the column empty): fills them once.
    /// Called right after migrating; cheap when there is nothing to fill.
    /// </summary>
    public static async Task FillMissingAsync(LiveBoardDb db, CancellationToken cancellationToken = default)
    {
        var missing = await db.Staff.Where(s => s.SearchKey == "" && s.Pinyin != "").ToListAsync(cancellationToken);
        foreach (var member in missing)
            member.RefreshSearchKey();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Lower-case letter runs. A word ends at anything that is not a letter (space, apostrophe,
    /// hyphen, tone number) and before a capital that follows a small letter ("WangTao").
    /// </summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var previousWasLower = false;
        foreach (var c in Plain(text))
        {
            if (c is >= 'A' and <= 'Z' && previousWasLower)
                Flush();
            if (IsLetter(c))
            {
                word.Append(char.ToLowerInvariant(c));
                previousWasLower = c is >= 'a' and <= 'z';
            }
            else
            {
                Flush();
            }
        }
        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0)
                words.Add(word.ToString());
            word.Clear();
            previousWasLower = false;
        }
    }

    /// <summary>Tone marks dropped (ā → a), ü written v; anything else left for <see cref="Words"/> to judge.</summary>
    private static string Plain(string text)
    {
        var decomposed = text.Replace('ü', 'v').Replace('Ü', 'V').Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                plain.Append(c);
        }
        return plain.ToString();
    }

    /// <summary>
    /// A word split into pinyin syllables ("jianguo" → jian, guo). Within a word a syllable never
    /// starts with a, o or e (pinyin writes an apostrophe there: Xi'an), which settles the usual
    /// ambiguities: "xinge" is xin-ge, "fangan" is fan-gan. A word that is not pinyin stays whole.
    /// </summary>
    private static IEnumerable<string> Syllables(string word)
    {
        var parts = new List<string>();
        var dead = new bool[word.Length]; // positions known not to start a valid rest
        return Split(0) ? parts : [word];

        bool Split(int at)
        {
            if (at == word.Length)
                return true;
            if (dead[at])
                return false;
            for (var length = Math.Min(LongestSyllable, word.Length - at); length > 0; length--)
            {
                var candidate = word.Substring(at, length);
                if (!Known.Contains(candidate) || (at > 0 && candidate[0] is 'a' or 'o' or 'e'))
                    continue;
                parts.Add(candidate);
                if (Split(at + length))
                    return true;
                parts.RemoveAt(parts.Count - 1);
            }
            dead[at] = true;
            return false;
        }
    }

    private const int LongestSyllable = 6;

    // Every syllable of Mandarin pinyin, ü as v; lyu and nyu as passports spell 吕 and 女.
    private static readonly HashSet<string> Known = [.. """
        a ai an ang ao e ei en eng er o ou
        ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
        pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
        ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu
        fa fan fang fei fen feng fo fou fu
        da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo
        ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo
        na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nun nuo nv nve nyu
        la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve lyu
        ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo
        ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo
        ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
        ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun
        qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
        xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
        zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo
        cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo
        sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo
        ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
        za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo
        ca cai can cang cao ce cen ceng ci cong cou cu cuan cui cun cuo
        sa sai san sang sao se sen seng si song sou su suan sui sun suo
        ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun
        wa wai wan wang wei wen weng wo wu
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)];
}
