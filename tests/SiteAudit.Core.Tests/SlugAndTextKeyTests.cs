using SiteAudit.Core.Model;
using SiteAudit.Core.Urls;

namespace SiteAudit.Core.Tests;

public sealed class SlugTests
{
    [Theory]
    [InlineData("http://www.cixian.gov.cn/", "cixian-gov-cn")]
    [InlineData("https://www.cixian.gov.cn/", "cixian-gov-cn")]
    [InlineData("http://cixian.gov.cn/", "cixian-gov-cn")]
    [InlineData("http://www.x.gov.cn:8080/", "x-gov-cn-8080")]
    [InlineData("http://www.bjxch.gov.cn/rwxc.html", "bjxch-gov-cn-rwxc-html")]
    [InlineData("http://www.tjbh.gov.cn/channels/13871.html", "tjbh-gov-cn-channels-13871-html")]
    [InlineData("http://www.x.gov.cn/?a=1", "x-gov-cn")]
    [InlineData("http://www./", "site")]
    public void From_url(string url, string expected)
    {
        Assert.Equal(expected, Slug.FromUrl(new Uri(url)));
    }

    [Theory]
    [InlineData("http://www.x.gov.cn/政务公开/")]
    [InlineData("http://xn--mxtq1m.cn/")]
    [InlineData("http://www.x.gov.cn:8443/a b/C.HTML")]
    public void Slugs_are_lower_case_ascii_letters_digits_and_dashes(string url)
    {
        var slug = Slug.FromUrl(UrlNormalizer.Normalize(new Uri(url)));
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", slug);
    }

    [Fact]
    public void Normalised_idn_hosts_keep_their_letters()
    {
        Assert.Equal("xn-mxtq1m-cn", Slug.FromUrl(UrlNormalizer.Normalize(new Uri("http://政府.cn/"))));
    }

    [Fact]
    public void Long_slugs_are_cut_to_80_characters()
    {
        var slug = Slug.FromUrl(new Uri("http://www." + new string('a', 60) + ".gov.cn/" + new string('b', 40)));
        Assert.True(slug.Length <= 80);
        Assert.DoesNotMatch("-$", slug);
    }

    [Fact]
    public void Unique_adds_numeric_suffixes()
    {
        var taken = new HashSet<string>();
        var slugs = new[] { "a", "a", "a", "a-2", "a-2", "b" }.Select(s => Slug.Unique(s, taken)).ToList();
        Assert.Equal(["a", "a-2", "a-3", "a-2-2", "a-2-3", "b"], slugs);
        Assert.Equal(slugs.Count, slugs.Distinct().Count());
    }

    [Fact]
    public void Same_host_over_http_and_https_or_with_and_without_www_gets_distinct_slugs_via_Unique()
    {
        var taken = new HashSet<string>();
        var slugs = new[] { "http://www.x.gov.cn/", "https://www.x.gov.cn/", "http://x.gov.cn/" }
            .Select(u => Slug.Unique(Slug.FromUrl(new Uri(u)), taken)).ToList();
        Assert.Equal(["x-gov-cn", "x-gov-cn-2", "x-gov-cn-3"], slugs);
    }
}

public sealed class TextKeyTests
{
    [Theory]
    [InlineData("政府信息\n公开指南")] // <br>-split label: text nodes joined by a line break
    [InlineData("政府信息\r\n公开指南")]
    [InlineData("政府信息 公开指南")]
    [InlineData("  政府信息公开指南  ")]
    [InlineData("政府信息\u00a0公开指南")] // &nbsp;
    [InlineData("政府信息\u3000公开指南")] // full-width space
    [InlineData("政府\u200b信息公开指南")] // zero-width space
    [InlineData("\ufeff政府信息公开指南")] // BOM / zero-width no-break space
    [InlineData("政府信息\u200c公开\u200d指南\u2060")]
    [InlineData("政府信息\t公开\u2028指南")]
    [InlineData("» 政府信息公开指南")]
    [InlineData("【政府信息公开指南】")]
    [InlineData("·政府信息公开指南")]
    [InlineData("● 政府信息公开指南 >")]
    public void Names_fold_to_the_same_key(string text)
    {
        Assert.Equal("政府信息公开指南", TextKey.Of(text));
    }

    [Theory]
    [InlineData("ＸＸＧＫ", "xxgk")]
    [InlineData("ｘｘｇｋ１２３", "xxgk123")]
    [InlineData("２０２４年度报告", "2024年度报告")]
    [InlineData("政策解读（图解）", "政策解读(图解)")]
    [InlineData("Ａ\u3000Ｂ", "ab")]
    [InlineData("GKML", "gkml")]
    public void Full_width_ascii_folds_to_half_width_lower_case(string text, string expected)
    {
        Assert.Equal(expected, TextKey.Of(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \u3000\u200b")]
    public void Empty_and_blank_give_an_empty_key(string? text)
    {
        Assert.Equal("", TextKey.Of(text));
    }

    [Theory]
    [InlineData("政府信息\n  公开\u3000指南", "政府信息 公开 指南")]
    [InlineData("\u200b 通知公告 \u00a0", "通知公告")]
    public void Display_collapses_white_space(string text, string expected)
    {
        Assert.Equal(expected, TextKey.Display(text));
    }
}
