using SiteAudit.Crawling.Extraction;

namespace SiteAudit.Tests.Crawling;

public class LinkExtractorTests
{
    private static readonly Uri Page = new("http://www.qingshan.gov.cn/zwgk/zfxxgk/index.html");

    private static IReadOnlyList<ExtractedLink> Links(string body, Uri? page = null) =>
        LinkExtractor.Extract($"<html><head><title>t</title></head><body>{body}</body></html>", page ?? Page).Links;

    [Fact]
    public void ExtractsEveryKindOfLinkResolvedAgainstThePage()
    {
        var links = Links("""
            <a href="gkzn/index.html">指南</a>
            <map><area href="/map.html" alt="地图"></map>
            <iframe src="../frame.html"></iframe><frame src="f.html">
            <img src="/img/a.png" alt="logo"><script src="/js/a.js"></script>
            <link rel="stylesheet" href="/css/a.css"><embed src="/v.swf"><video><source src="/v.mp4"></video>
            """);
        Assert.Equal(new[]
        {
            "http://www.qingshan.gov.cn/zwgk/zfxxgk/gkzn/index.html", "http://www.qingshan.gov.cn/map.html",
            "http://www.qingshan.gov.cn/zwgk/frame.html", "http://www.qingshan.gov.cn/zwgk/zfxxgk/f.html",
            "http://www.qingshan.gov.cn/img/a.png", "http://www.qingshan.gov.cn/js/a.js", "http://www.qingshan.gov.cn/css/a.css",
            "http://www.qingshan.gov.cn/v.swf", "http://www.qingshan.gov.cn/v.mp4",
        }, links.Select(l => l.Target.AbsoluteUri));
        Assert.Equal("指南", links[0].Text);
        Assert.Equal("地图", links[1].Title);
    }

    [Fact]
    public void SkipsSchemesThatAreNotCheckedAndBareFragmentsAndComments()
    {
        var links = Links("""
            <a href="mailto:a@b.cn">m</a><a href="tel:0591">t</a><a href="javascript:;">j</a><a href="javascript:void(0);">j</a>
            <a href="data:text/plain,x">d</a><a href="#top">top</a><a hhref="javascript:;">typo</a><a ms-attr-href="el.url">tpl</a>
            <!-- <a href="/commented.html">old</a> -->
            <a href=" /real.html ">real</a>
            """);
        Assert.Equal(["http://www.qingshan.gov.cn/real.html"], links.Select(l => l.Target.AbsoluteUri));
    }

    [Fact]
    public void HonoursBaseHref()
    {
        var links = LinkExtractor.Extract("""
            <html><head><base href="http://www.qingshan.gov.cn/xxgk/"></head><body><a href="a/b.html">x</a></body></html>
            """, Page).Links;
        Assert.Equal("http://www.qingshan.gov.cn/xxgk/a/b.html", links.Single().Target.AbsoluteUri);
    }

    [Fact]
    public void DecodesCharacterReferencesInHrefsButKeepsBareAmpersandWords()
    {
        var links = Links("""<a href="/list.jsp?a=1&amp;b=2">x</a><a href="/q?x=1&copy=2">y</a>""");
        Assert.Equal("http://www.qingshan.gov.cn/list.jsp?a=1&b=2", links[0].Target.AbsoluteUri);
        Assert.Equal("http://www.qingshan.gov.cn/q?x=1&copy=2", links[1].Target.AbsoluteUri);
    }

    [Theory]
    [InlineData("0;url=../index.html", "../index.html")]
    [InlineData("5; URL='http://x.cn/a.html'", "http://x.cn/a.html")]
    [InlineData("0", null)]
    public void ReadsMetaRefreshTargets(string content, string? expected) =>
        Assert.Equal(expected, LinkExtractor.RefreshTarget(content));

    [Fact]
    public void MetaRefreshIsANavigationLink()
    {
        var extract = LinkExtractor.Extract("""<html><head><meta http-equiv="refresh" content="0;url=../"></head></html>""", Page);
        var link = Assert.Single(extract.Links);
        Assert.Equal("meta-refresh", link.Tag);
        Assert.True(link.IsNavigation);
        Assert.Equal("http://www.qingshan.gov.cn/zwgk/", link.Target.AbsoluteUri);
    }

    [Fact]
    public void LabelsSplitByBrAndWhitespaceAreJoined()
    {
        var link = Links("<a href=\"/gkzn/\">政府信息<br>公开指南</a>").Single();
        Assert.Equal("政府信息公开指南", link.Text);
    }

    [Fact]
    public void ReadsTitleAndGovernmentMeta()
    {
        var extract = LinkExtractor.Extract("""
            <html><head><meta name="SiteName" content="青山县人民政府"><meta name="ColumnName" content="政府信息公开指南">
            <meta name="PubDate" content="2024-03-23 10:00"><title>政府信息公开指南_
            		青山县人民政府</title></head></html>
            """, Page);
        Assert.Equal("政府信息公开指南_ 青山县人民政府", extract.Title);
        Assert.Equal("政府信息公开指南", extract.Meta["ColumnName"]!.GetValue<string>());
        Assert.Equal("2024-03-23 10:00", extract.Meta["PubDate"]!.GetValue<string>());
    }
}

public class MediaLinkTests
{
    private static readonly Uri Page = new("http://www.qingshan.gov.cn/a/p.html");

    [Fact]
    public void MediaSourcesAndSrcsetCandidatesAreLinks()
    {
        var links = LinkExtractor.Extract("""
            <video src="v.mp4"><track src="sub.vtt"></video><audio src="/a.mp3"></audio>
            <img src="s.jpg" srcset="m.jpg 2x,  l.jpg   3x"><picture><source srcset="w.webp 800w, x.webp 1600w"></picture>
            """, Page).Links.Select(l => l.Target.AbsolutePath).ToList();
        Assert.Equal(["/a/v.mp4", "/a/sub.vtt", "/a.mp3", "/a/m.jpg", "/a/l.jpg", "/a/s.jpg", "/a/w.webp", "/a/x.webp"], links);
    }

    [Fact]
    public void CodePageLabelsAreUnderstood() =>
        Assert.Equal(1250, SiteAudit.Crawling.Extraction.HtmlDecoder.Usable("cp1250")!.CodePage);
}
