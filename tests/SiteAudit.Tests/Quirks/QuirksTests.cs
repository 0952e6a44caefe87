using HtmlAgilityPack;
using SiteAudit.Crawling.Extraction;
using SiteAudit.Crawling.Quirks;

namespace SiteAudit.Tests.Quirks;

public class TrsPaginationTests
{
    [Theory]
    [InlineData("createPageHTML(4, 0, \"index\", \"html\");", "index_1.html,index_2.html,index_3.html")]
    [InlineData("createPageHTML(3, 2, \"index\", \"html\");", "index.html,index_1.html")]
    [InlineData("createPageHTML('page_div', 3, 1, 'index', 'shtml', 45);", "index.shtml,index_2.shtml")]
    [InlineData("createPageHTML(1, 0, \"index\", \"html\");", "")]
    [InlineData("function createPageHTML(t,c,n,e){}", "")]
    public void PagesAreThoseTheScriptWouldWrite(string script, string expected) =>
        Assert.Equal(expected, string.Join(",", TrsPagination.PageHrefs(script)));

    [Fact]
    public void ListPagesGainTheirPagerLinks()
    {
        var links = LinkExtractor.Extract("<html><body><ul><li>a</li></ul><script>createPageHTML(3, 0, \"index\", \"html\");</script></body></html>",
            new Uri("http://x.gov.cn/zwgk/tzgg/index.html")).Links;
        Assert.Equal(["http://x.gov.cn/zwgk/tzgg/index_1.html", "http://x.gov.cn/zwgk/tzgg/index_2.html"], links.Select(l => l.Target.AbsoluteUri));
    }
}

public class HanwebDatastoreTests
{
    [Fact]
    public void RecordsAreLinksAndTheProxyIsNot()
    {
        var html = """
            <html><body><div id="4001"><script type="text/xml"><datastore>
            <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1"></a>]]></nextgroup>
            <recordset>
            <record><![CDATA[
            <li><a href="/art/2024/5/6/art_1001_1.html" title="关于印发某某办法的通知" target="_blank">关于印发某某办法的通知</a><span>2024-05-06</span></li>
            ]]></record>
            <record><![CDATA[<li><a href="/art/2024/5/7/art_1001_2.html?a=1&amp;b=2">第二条</a></li>]]></record>
            </recordset></datastore></script></div></body></html>
            """;
        var links = LinkExtractor.Extract(html, new Uri("http://x.gov.cn/col/col1001/index.html")).Links;
        Assert.Equal(["http://x.gov.cn/art/2024/5/6/art_1001_1.html", "http://x.gov.cn/art/2024/5/7/art_1001_2.html?a=1&b=2"],
            links.Select(l => l.Target.AbsoluteUri));
        Assert.Equal("关于印发某某办法的通知", links[0].Text);
        Assert.Equal("a", links[0].Tag);
    }
}

public class SoftNotFoundTests
{
    private static bool Says(string html)
    {
        var doc = new HtmlDocument();
        doc.LoadHtml(html);
        return SoftNotFound.SaysNotFound(doc, SoftNotFound.VisibleText(doc));
    }

    [Theory]
    [InlineData("<html><head><title>页面不存在</title></head><body><a href='/'>返回首页</a></body></html>", true)]
    [InlineData("<html><head><title>青山县人民政府</title></head><body><h2>抱歉，您访问的页面不存在或已被删除！</h2></body></html>", true)]
    [InlineData("<html><body><p>该信息已删除</p></body></html>", true)]
    [InlineData("<html><head><title>关于某某事项的通知</title></head><body><p>经查，申请人所述情况不存在。</p></body></html>", false)]
    public void JudgesByHeadlineOrAShortPage(string html, bool expected) => Assert.Equal(expected, Says(html));

    [Fact]
    public void AnArticleMentioningDeletionAtLengthIsNotSoft404()
    {
        var body = string.Concat(Enumerable.Repeat("本文介绍政府信息公开工作的开展情况，内容详实。", 20));
        Assert.False(Says($"<html><head><title>工作动态</title></head><body><p>{body}页面不存在的情况已整改。</p></body></html>"));
    }

    private static readonly Uri Home = new("http://x.gov.cn/");

    [Theory]
    [InlineData("http://x.gov.cn/zwgk/202401/t20240105_1.html", "http://x.gov.cn/", true)]
    [InlineData("http://x.gov.cn/zwgk/202401/t20240105_1.html", "http://x.gov.cn/index.html", true)]
    [InlineData("http://x.gov.cn/zwgk", "http://x.gov.cn/zwgk/", false)]
    [InlineData("http://x.gov.cn/index.html", "http://x.gov.cn/", false)]
    [InlineData("http://x.gov.cn/a.html", "http://y.gov.cn/", false)]
    public void RedirectToHome(string requested, string final, bool expected) =>
        Assert.Equal(expected, SoftNotFound.IsRedirectToHome(new Uri(requested), new Uri(final), Home));

    [Theory]
    [InlineData("http://x.gov.cn/zwgk/tzgg/202401/t20240105_1.html", "http://x.gov.cn/zwgk/tzgg/", 0, true)]
    [InlineData("http://x.gov.cn/zwgk/tzgg/202401/t20240105_1.html", "http://x.gov.cn/", 0, true)]
    [InlineData("http://x.gov.cn/zwgk/tzgg/202401/t20240105_1.html", "http://x.gov.cn/zwgk/tzgg/", 500, false)]
    [InlineData("http://x.gov.cn/zwgk/bszn/index.html", "https://zwfw.fujian.gov.cn/indexMain", 0, false)]
    [InlineData("http://x.gov.cn/zwgk/index.html", "http://x.gov.cn/zwgk/", 0, false)]
    public void RefreshToParent(string page, string target, int textLength, bool expected) =>
        Assert.Equal(expected, SoftNotFound.IsRefreshToParent(new Uri(page), new Uri(target), Home, textLength));
}
