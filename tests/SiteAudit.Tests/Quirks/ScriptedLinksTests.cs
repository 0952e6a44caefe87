using SiteAudit.Crawling.Extraction;
using SiteAudit.Crawling.Quirks;

namespace SiteAudit.Tests.Quirks;

public class ScriptedLinksTests
{
    private static readonly Uri Page = new("http://x.gov.cn/zwgk/index.html");

    private static List<(string Url, string Tag)> Links(string body) =>
        LinkExtractor.Extract($"<html><body>{body}</body></html>", Page).Links.Select(l => (l.Target.AbsoluteUri, l.Tag)).ToList();

    [Theory]
    [InlineData("window.open('/a.html')", "/a.html")]
    [InlineData("window.open(\"b/c.html\",\"_blank\")", "b/c.html")]
    [InlineData("location.href='/d.html';return false;", "/d.html")]
    [InlineData("window.location = \"/e.html\"", "/e.html")]
    [InlineData("if (x == 'y') location.replace('/f.html')", "/f.html")]
    public void ReadsLiteralUrlsFromHandlers(string code, string expected) =>
        Assert.Equal([expected], ScriptedLinks.FromHandler(code));

    [Fact]
    public void IgnoresComputedUrlsAndComparisons() =>
        Assert.Empty(ScriptedLinks.FromHandler("location.href = base + page; if (location.href == 'x') {}"));

    [Fact]
    public void OnclickAndJavascriptHrefsBecomeLinks()
    {
        var links = Links("""
            <span onclick="window.open('/gkzn/index.html')">政府信息公开指南</span>
            <a href="javascript:window.open('/zd/index.html')">政府信息公开制度</a>
            <a href="javascript:;">nothing</a>
            """);
        Assert.Equal([("http://x.gov.cn/gkzn/index.html", "a"), ("http://x.gov.cn/zd/index.html", "a")], links);
        var extract = LinkExtractor.Extract("<span onclick=\"window.open('/g.html')\">政府信息<br>公开指南</span>", Page);
        Assert.Equal("政府信息公开指南", extract.Links.Single().Text);
    }

    [Fact]
    public void AScriptRedirectPageLeadsOnButAFunctionInAFullPageDoesNot()
    {
        Assert.Equal([("http://x.gov.cn/portal/index.html", "script-redirect")],
            Links("<script>window.location.href=\"/portal/index.html\";</script>"));
        var article = string.Concat(Enumerable.Repeat("政务公开工作动态正文内容。", 30));
        Assert.Empty(Links($"<p>{article}</p><script>function go(){{ location.href='/search.jsp?q='; }}</script>"));
    }

    [Fact]
    public void PdfViewersAlsoLinkTheirFile()
    {
        var links = Links("<a href=\"/pdfjs/web/viewer.html?file=/uploads/a.pdf\">附件</a>");
        Assert.Contains(("http://x.gov.cn/uploads/a.pdf", "a"), links);
        Assert.Contains(("http://x.gov.cn/pdfjs/web/viewer.html?file=/uploads/a.pdf", "a"), links);
    }
}
