using SiteAudit.Core.Urls;

namespace SiteAudit.Core.Tests;

public sealed class UrlNormalizerTests
{
    private static readonly Uri Page = new("http://www.x.gov.cn/xxgk/zcwj/index.html");

    [Theory]
    [InlineData("HTTP://WWW.X.GOV.CN/Path/Page.HTML", "http://www.x.gov.cn/Path/Page.HTML")] // scheme and host only
    [InlineData("http://www.x.gov.cn:80/a", "http://www.x.gov.cn/a")]
    [InlineData("https://www.x.gov.cn:443/a", "https://www.x.gov.cn/a")]
    [InlineData("http://www.x.gov.cn:8080/a", "http://www.x.gov.cn:8080/a")]
    [InlineData("http://www.x.gov.cn:443/a", "http://www.x.gov.cn:443/a")]
    [InlineData("http://www.x.gov.cn", "http://www.x.gov.cn/")]
    [InlineData("http://www.x.gov.cn/a.html#top", "http://www.x.gov.cn/a.html")]
    [InlineData("http://www.x.gov.cn/a.html?p=1#top", "http://www.x.gov.cn/a.html?p=1")]
    [InlineData("http://www.x.gov.cn/a/b/../c/./d.html", "http://www.x.gov.cn/a/c/d.html")]
    [InlineData("http://www.x.gov.cn/a/../../../d.html", "http://www.x.gov.cn/d.html")]
    [InlineData("http://www.x.gov.cn/a.html?Q=A&b=%e4", "http://www.x.gov.cn/a.html?Q=A&b=%e4")] // query kept as is
    [InlineData("http://www.x.gov.cn/%e6%94%bf.html", "http://www.x.gov.cn/%E6%94%BF.html")]
    [InlineData("  http://www.x.gov.cn/a  ", "http://www.x.gov.cn/a")]
    [InlineData("http://www.x.gov.cn/政务公开/通知.html", "http://www.x.gov.cn/%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80/%E9%80%9A%E7%9F%A5.html")]
    [InlineData("http://www.x.gov.cn/a b.pdf", "http://www.x.gov.cn/a%20b.pdf")]
    [InlineData("http://政府.cn/", "http://xn--mxtq1m.cn/")]
    [InlineData("https://例子.中国/路径", "https://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84")]
    [InlineData("http://WWW.例子.中国:80/", "http://www.xn--fsqu00a.xn--fiqs8s/")]
    public void Normalize(string input, string expected)
    {
        Assert.Equal(expected, UrlNormalizer.Normalize(input));
        Assert.Equal(expected, UrlNormalizer.Normalize(new Uri(input.Trim())).AbsoluteUri);
    }

    [Fact]
    public void Normalize_is_idempotent()
    {
        foreach (var url in new[] { "HTTP://政府.cn:80/a/../b c#x", "https://www.x.gov.cn:8443/%E6%94%BF?a=1" })
        {
            var once = UrlNormalizer.Normalize(url);
            Assert.Equal(once, UrlNormalizer.Normalize(once!));
        }
    }

    [Theory]
    [InlineData("../a.html", "http://www.x.gov.cn/xxgk/a.html")]
    [InlineData("./202401/t20240105_1.html", "http://www.x.gov.cn/xxgk/zcwj/202401/t20240105_1.html")]
    [InlineData("/a.html", "http://www.x.gov.cn/a.html")]
    [InlineData("?page=2", "http://www.x.gov.cn/xxgk/zcwj/index.html?page=2")]
    [InlineData("index_1.html", "http://www.x.gov.cn/xxgk/zcwj/index_1.html")]
    [InlineData("//Other.GOV.cn:80/x#y", "http://other.gov.cn/x")]
    [InlineData("HTTPS://Y.GOV.CN", "https://y.gov.cn/")]
    [InlineData("..\\a.html", "http://www.x.gov.cn/xxgk/a.html")]
    [InlineData("\\xxgk\\gkzn\\index.html", "http://www.x.gov.cn/xxgk/gkzn/index.html")]
    [InlineData("http:\\\\y.gov.cn\\p", "http://y.gov.cn/p")]
    [InlineData("  /a.html\n", "http://www.x.gov.cn/a.html")]
    [InlineData("/a\t/b\r\n.html", "http://www.x.gov.cn/a/b.html")]
    [InlineData("\u00a0/nbsp.html", "http://www.x.gov.cn/nbsp.html")]
    [InlineData("\u3000/ideographic.html", "http://www.x.gov.cn/ideographic.html")]
    [InlineData("/政务/公开 文件.html", "http://www.x.gov.cn/%E6%94%BF%E5%8A%A1/%E5%85%AC%E5%BC%80%20%E6%96%87%E4%BB%B6.html")]
    [InlineData("政.html?q=政#政", "http://www.x.gov.cn/xxgk/zcwj/%E6%94%BF.html?q=%E6%94%BF")]
    [InlineData("https://例子.中国/路径", "https://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84")]
    [InlineData("http://www.x.gov.cn:0080/p", "http://www.x.gov.cn/p")]
    public void Resolve_relative_and_absolute_links(string href, string expected)
    {
        Assert.Equal(expected, UrlNormalizer.Resolve(Page, href)?.AbsoluteUri);
    }

    [Theory]
    [InlineData("mailto:xxgk@x.gov.cn")]
    [InlineData("MAILTO:xxgk@x.gov.cn")]
    [InlineData("tel:0310-1234567")]
    [InlineData("javascript:void(0)")]
    [InlineData(" JavaScript:window.open('a.html')")]
    [InlineData("java\nscript:void(0)")]
    [InlineData("data:text/html,hi")]
    [InlineData("ftp://ftp.x.gov.cn/a.zip")]
    [InlineData("#top")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Resolve_returns_null_for_links_that_are_not_checked(string? href)
    {
        Assert.Null(UrlNormalizer.Resolve(Page, href));
    }

    [Theory]
    [InlineData("http://www.x.gov.cn/", "www.x.gov.cn")]
    [InlineData("http://www.x.gov.cn:8080/", "www.x.gov.cn:8080")]
    [InlineData("https://www.x.gov.cn:443/", "www.x.gov.cn")]
    public void Authority(string url, string expected)
    {
        Assert.Equal(expected, UrlNormalizer.Authority(new Uri(url)));
    }
}
