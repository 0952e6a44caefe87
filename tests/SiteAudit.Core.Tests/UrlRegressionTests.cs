using SiteAudit.Core.Model;
using SiteAudit.Core.Urls;

namespace SiteAudit.Core.Tests;

/// <summary>
/// Bugs once found in Urls/ and Model/, kept as regression tests.
/// </summary>
public sealed class UrlRegressionTests
{
    [Theory]
    [InlineData("http://政府.cn/", "xn-mxtq1m-cn")] // today: "cn"
    [InlineData("http://例子.中国/", "xn-fsqu00a-xn-fiqs8s")] // today: "site"
    public void Slug_FromUrl_keeps_idn_hosts_of_a_non_normalised_uri(string url, string expected)
    {
        // Slug.FromUrl reads Uri.Host, which is the Unicode form for IDN hosts; its non-ASCII letters are dropped.
        Assert.Equal(expected, Slug.FromUrl(new Uri(url)));
    }

    [Theory]
    [InlineData("http://x.gov.cn\\a\\b.html", "http://x.gov.cn/a/b.html")] // today: returned unchanged (Resolve handles '\')
    [InlineData("HTTP://X.GOV.CN\\A", "http://x.gov.cn/A")] // today: returned unchanged, upper-case
    public void Normalize_string_treats_backslashes_like_Resolve(string input, string expected)
    {
        Assert.Equal(expected, UrlNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("mailto:a@b.cn")] // today: "mailto:a@b.cn/" (a '/' is appended)
    [InlineData("http://www.xiuning.gov.cn;")] // today: returned unchanged (qianxian.md line 1284)
    [InlineData("not a url")] // today: returned unchanged
    public void Normalize_string_does_not_pass_off_a_non_http_url_as_normalised(string input)
    {
        Assert.Null(UrlNormalizer.Normalize(input));
    }

    [Fact]
    public void Normalize_drops_the_trailing_dot_of_a_host()
    {
        // "x.gov.cn." and "x.gov.cn" are the same host; today the dot is kept, so the crawler sees two authorities.
        Assert.Equal("http://x.gov.cn/", UrlNormalizer.Normalize("http://x.gov.cn./"));
    }

    [Fact]
    public void TextKey_Display_does_not_turn_zero_width_characters_into_spaces()
    {
        // Real titles carry U+200B/U+FEFF inside words; today "政府\u200b信息" displays as "政府 信息".
        Assert.Equal("政府信息", TextKey.Display("政府\u200b信息"));
        Assert.Equal("通知公告", TextKey.Display("通知\ufeff公告"));
    }
}
