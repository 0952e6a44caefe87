using SiteAudit.Core.Model;
using SiteAudit.Crawling.Extraction;
using SiteAudit.Crawling.Rendering;
using SiteAudit.Tests.Rules;

namespace SiteAudit.Tests.Rendering;

public class RenderDecisionTests
{
    private static readonly SiteTarget Site = new("县", new Uri("http://x.gov.cn/"), "x", ColumnLocatorTests.TestProfile(), []);

    private static string? Reason(RenderMode mode, string url, int depth, string html) =>
        new RenderDecision(Site, mode).Reason(new Uri(url), depth, html, LinkExtractor.Extract(html, new Uri(url)));

    private const string StaticHome = "<html><head><title>青山县人民政府</title></head><body><a href=\"/zwgk/\">政府信息公开</a><a href=\"/a\">a</a><a href=\"/b\">b</a></body></html>";

    [Fact]
    public void NeverAndAlwaysMeanWhatTheySay()
    {
        Assert.Null(Reason(RenderMode.Never, "http://x.gov.cn/", 0, "<html><body><script>build()</script></body></html>"));
        Assert.NotNull(Reason(RenderMode.Always, "http://x.gov.cn/", 0, StaticHome));
    }

    [Fact]
    public void AStaticHomepageWithItsSectionLinkIsNotRendered() =>
        Assert.Null(Reason(RenderMode.Auto, "http://x.gov.cn/", 0, StaticHome));

    [Theory]
    [InlineData("<html><body><div id=app></div><script src=\"/app.js\"></script></body></html>", "almost nothing")]
    [InlineData("<html><body><p>欢迎访问本站</p><a href=\"/news/\">新闻</a><a href=\"/a\">a</a><a href=\"/b\">b</a></body></html>", "homepage")]
    [InlineData("<html><body><script>document.write('<a href=\"/zwgk/\">政府信息公开</a>')</script><a href=\"/a\">a</a><a href=\"/b\">b</a><a href=\"/c\">c</a><p>正文</p></body></html>", "document.write")]
    public void ScriptBuiltHomepagesAreRendered(string html, string why) =>
        Assert.Contains(why, Reason(RenderMode.Auto, "http://x.gov.cn/", 0, html));

    [Fact]
    public void ASectionPageThatNamesNoColumnIsRendered()
    {
        var html = "<html><head><title>政府信息公开_青山县</title></head><body><div id=menu></div><a href=\"/\">首页</a><a href=\"/a\">a</a><a href=\"/b\">b</a><script>loadMenu()</script></body></html>";
        Assert.Contains("section", Reason(RenderMode.Auto, "http://x.gov.cn/zwgk/", 1, html));
    }

    [Fact]
    public void ScriptBuiltListPagesAreRenderedUpToTheBudgetCountedOncePerPage()
    {
        // A column page with header links and text, whose list a script fills: no publication date, no items.
        const string html = "<html><head><title>通知公告_青山县</title></head><body><a href=\"/\">首页</a><a href=\"/a\">a</a><a href=\"/b\">b</a>" +
                            "<p>当前位置：首页 &gt; 通知公告。本栏目发布县政府及部门的通知公告，欢迎查阅。</p><ul id=list></ul>" +
                            "<script>$.ajax({url:'/api/list'}).done(function(d){ $('#list').html(d); });</script></body></html>";
        var decision = new RenderDecision(Site, RenderMode.Auto);
        string? Ask(int n) => decision.Reason(new Uri($"http://x.gov.cn/col{n}/"), 2, html, LinkExtractor.Extract(html, new Uri($"http://x.gov.cn/col{n}/")));

        Assert.Contains("list is built by script", Ask(0));
        Assert.NotNull(Ask(0)); // asked again about the same page: still rendered, and no second page of the budget spent
        for (var n = 1; n < 200; n++) Assert.NotNull(Ask(n));
        Assert.Null(Ask(200));    // the site's budget is spent
        Assert.NotNull(Ask(7));   // a page already counted is still read as it was decided
    }

    [Fact]
    public void DeepPagesWhoseTitlesMentionTheSectionAreNotRendered()
    {
        var html = "<html><head><title>政府信息公开指南文章3_青山县</title></head><body><p>正文正文正文</p><a href=\"/\">首页</a><a href=\"/a\">a</a><a href=\"/b\">b</a><script>x()</script></body></html>";
        Assert.Null(Reason(RenderMode.Auto, "http://x.gov.cn/zwgk/gkzn/202401/t20240105_3.html", 3, html));
    }

    [Fact]
    public void TrsPagersAreNotAReasonToRender()
    {
        var html = "<html><head><title>通知公告</title></head><body><a href=\"/a\">a</a><a href=\"/b\">b</a><a href=\"/c\">c</a>" +
                   "<script>function createPageHTML(t,c,n,e){document.write('<a href=\"'+n+'_1.'+e+'\">2</a>');}createPageHTML(3,0,\"index\",\"html\");</script></body></html>";
        Assert.Null(Reason(RenderMode.Auto, "http://x.gov.cn/tzgg/index.html", 2, html));
    }

    [Fact]
    public void TemplatesThatNeededTheBrowserAreRememberedPerSite()
    {
        var decision = new RenderDecision(Site, RenderMode.Auto);
        var page = new Uri("http://x.gov.cn/xxgk/202401/t20240105_1.html");
        const string bare = "<html><head><title>文章</title></head><body><p>正文正文正文</p><a href=\"/\">首页</a><a href=\"/a\">a</a><a href=\"/b\">b</a></body></html>";
        var staticExtract = LinkExtractor.Extract(bare, page);
        Assert.Null(decision.Reason(page, 2, bare, staticExtract));
        var rendered = LinkExtractor.Extract(bare.Replace("</body>", string.Concat(Enumerable.Range(0, 8).Select(i => $"<a href=\"/r{i}\">{i}</a>")) + "</body>"), page);
        decision.Learn(page, staticExtract, rendered);
        var sibling = new Uri("http://x.gov.cn/xxgk/202402/t20240210_9.html");
        Assert.NotNull(decision.Reason(sibling, 2, bare, LinkExtractor.Extract(bare, sibling)));
        Assert.Equal("x.gov.cn/xxgk/#/", RenderDecision.TemplateOf(sibling));
    }
}
