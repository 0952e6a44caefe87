using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;
using SiteAudit.Rules.Columns;

namespace SiteAudit.Tests.Rules;

public class ColumnLocatorTests
{
    private const string Home = "http://www.qingshan.gov.cn/";

    internal static Profile TestProfile() => new(
        "test", "测试", ProfileKinds.Government, "test.yaml", "03-31",
        new SectionSpec(["政府信息公开", "信息公开", "政务公开"], ["zfxxgk", "xxgk", "zwgk"]),
        [
            new ColumnSpec("guide", "政府信息公开指南", ["信息公开指南", "公开指南"], ["zfxxgkzn", "xxgkzn", "gkzn"], true, null, null, 1),
            new ColumnSpec("rules", "政府信息公开制度", ["信息公开制度", "公开制度"], ["zfxxgkzd", "gkzd"], true, null, null, 2),
            new ColumnSpec("statutory", "法定主动公开内容", ["法定主动公开", "主动公开内容"], ["fdzdgknr"], true, null, null, 3),
            new ColumnSpec("catalog", "主动公开基本目录", ["主动公开目录", "信息公开目录", "公开目录"], ["gkml"], true, null, null, 4),
            new ColumnSpec("annual-report", "政府信息公开年报", ["政府信息公开工作年度报告", "信息公开年报", "年度报告"], ["zfxxgknb", "gknb"], true, null, null, 5),
            new ColumnSpec("news", "工作动态", ["政务动态", "要闻"], [], false, "dynamic", null, 6),
        ],
        new Dictionary<string, int> { ["dynamic"] = 14 });

    private static Task<ColumnMap> Locate(InMemoryFacts facts) =>
        new ColumnLocator().LocateAsync(TestProfile(), new Uri(Home), facts, CancellationToken.None);

    [Fact]
    public async Task FindsSectionByNameThenColumnsByNameAliasAndUrlHint()
    {
        var facts = new InMemoryFacts()
            .Page(Home, """<a href="/">首页</a><a href="/zwgk/">政府信息公开</a><a href="/news/">政务动态</a>""")
            .Page(Home + "zwgk/", """
                <a href="/zwgk/zn/">政府信息<br>公开指南</a>
                <a href="/zwgk/zd/">公开制度</a>
                <a href="/zwgk/fdzdgknr/">主动公开</a>
                <a href="/zwgk/nb/">信息公开年报</a>
                """);
        var map = await Locate(facts);
        Assert.Equal(Home + "zwgk/", map.SectionUrl);
        Assert.Equal(MatchKinds.Name, map.SectionMatchedBy);
        Assert.Equal((true, MatchKinds.Name, Home + "zwgk/zn/"), Of(map, "guide"));
        Assert.Equal((true, MatchKinds.Alias, Home + "zwgk/zd/"), Of(map, "rules"));
        Assert.Equal((true, MatchKinds.UrlHint, Home + "zwgk/fdzdgknr/"), Of(map, "statutory"));
        Assert.Equal((true, MatchKinds.Alias, Home + "zwgk/nb/"), Of(map, "annual-report"));
        Assert.False(map["catalog"]!.Found);
        Assert.Equal((true, MatchKinds.Alias, Home + "news/"), Of(map, "news")); // from the homepage
    }

    [Fact]
    public async Task FindsSectionByUrlHintWhenItsLabelIsUnusual()
    {
        var facts = new InMemoryFacts()
            .Page(Home, """<a href="/xxgk/index.html">阳光政务</a>""")
            .Page(Home + "xxgk/index.html", """<a href="gkml/">主动公开基本目录</a>""");
        var map = await Locate(facts);
        Assert.Equal(Home + "xxgk/index.html", map.SectionUrl);
        Assert.Equal(MatchKinds.UrlHint, map.SectionMatchedBy);
        Assert.True(map["catalog"]!.Found);
    }

    [Fact]
    public async Task LooksOneLevelBelowTheSection()
    {
        var facts = new InMemoryFacts()
            .Page(Home, """<a href="/zwgk/">政务公开</a>""")
            .Page(Home + "zwgk/", """<a href="/zwgk/zfxxgk/">政府信息公开</a>""")
            .Page(Home + "zwgk/zfxxgk/", """<a href="/zwgk/zfxxgk/ml/">主动公开基本目录</a>""");
        var map = await Locate(facts);
        Assert.True(map["catalog"]!.Found);
    }

    [Fact]
    public async Task FallsBackToAnExactlyNamedLinkAnywhere()
    {
        var facts = new InMemoryFacts()
            .Page(Home, """<a href="/zwgk/">政府信息公开</a><a href="/about/">关于</a>""")
            .Page(Home + "zwgk/", """<a href="/other/">其他</a>""")
            .Page(Home + "deep/page.html", """<a href="/deep/nb/">政府信息公开年报</a>""");
        var map = await Locate(facts);
        Assert.Equal((true, MatchKinds.Name, Home + "deep/nb/"), Of(map, "annual-report"));
    }

    [Fact]
    public async Task ArticleTitlesThatMerelyMentionAColumnAreNotItsLabelOnTheHomepage()
    {
        var facts = new InMemoryFacts()
            .Page(Home, """<a href="/zwgk/">政府信息公开</a><a href="/news/1.html">关于进一步做好政府信息公开指南修订工作的通知</a>""")
            .Page(Home + "zwgk/", """<a href="/x/">其他</a>""");
        var map = await Locate(facts);
        Assert.False(map["guide"]!.Found);
    }

    [Fact]
    public async Task NoSectionMeansColumnsAreSearchedFromTheHomepage()
    {
        var facts = new InMemoryFacts()
            .Page(Home, """<a href="/gkzn/">公开指南</a>""");
        var map = await Locate(facts);
        Assert.Null(map.SectionUrl);
        Assert.True(map["guide"]!.Found);
        Assert.False(map["rules"]!.Found);
    }

    private static (bool, string?, string?) Of(ColumnMap map, string id)
    {
        var c = map[id]!;
        return (c.Found, c.MatchedBy, c.Url);
    }
}

public class ColumnLocatorIndirectPagesTests
{
    private const string Home = "http://www.qingshan.gov.cn/";

    [Fact]
    public async Task LooksThroughAMetaRefreshHomepageAndAFramesetSection()
    {
        var facts = new InMemoryFacts()
            .Page(Home, """<html><head><meta http-equiv="refresh" content="0;url=/portal/index.html"></head></html>""")
            .Page(Home + "portal/index.html", """<a href="/zwgk/">政府信息公开</a>""")
            .Page(Home + "zwgk/", """<frameset><frame src="/zwgk/menu.html"><frame src="/zwgk/main.html"></frameset>""")
            .Page(Home + "zwgk/menu.html", """<a href="/zwgk/gkml/">主动公开基本目录</a>""");
        var map = await new ColumnLocator().LocateAsync(ColumnLocatorTests.TestProfile(), new Uri(Home), facts, CancellationToken.None);
        Assert.Equal(Home + "zwgk/", map.SectionUrl);
        Assert.True(map["catalog"]!.Found);
    }
}

public class ColumnLocatorMetaTests
{
    private const string Home = "http://www.qingshan.gov.cn/";

    private static string ListPage(string columnName) =>
        $"""<html><head><meta name="SiteName" content="青山县人民政府"><meta name="ColumnName" content="{columnName}"></head><body><ul><li><a href="/zwgk/col9/t1.html">某某通知</a></li></ul></body></html>""";

    private static string Article(string columnName) =>
        $"""<html><head><meta name="ColumnName" content="{columnName}"><meta name="ArticleTitle" content="某某通知"><meta name="PubDate" content="2026-01-05 09:00"></head><body><p>正文</p></body></html>""";

    private static Task<ColumnMap> Locate(InMemoryFacts facts) =>
        new ColumnLocator().LocateAsync(ColumnLocatorTests.TestProfile(), new Uri(Home), facts, CancellationToken.None);

    [Fact]
    public async Task AColumnNamedOnlyInItsListPagesMetaIsFoundThereNotAtAShallowerArticle()
    {
        var facts = new InMemoryFacts()
            // The homepage links straight to an article (depth 1); the list page is a level deeper, behind a label no name matches.
            .Page(Home, """<a href="/zwgk/">政府信息公开</a><a href="/zwgk/col9/t1.html">某某通知</a>""")
            .Page(Home + "zwgk/", """<a href="/zwgk/col9/">青山动态</a>""", depth: 1)
            .Page(Home + "zwgk/col9/t1.html", Article("工作动态"), depth: 1)
            .Page(Home + "zwgk/col9/", ListPage("工作动态"), depth: 2)
            .Page(Home + "zwgk/col9/sub/", ListPage("工作动态"), depth: 3);
        var map = await Locate(facts);
        var news = map["news"]!;
        Assert.Equal((true, MatchKinds.Meta, Home + "zwgk/col9/", "工作动态"), (news.Found, news.MatchedBy, news.Url, news.MatchedText));
        Assert.Empty(map.FoundInArticles);
    }

    [Fact]
    public async Task AnAliasInTheMetaCountsButNotAContainingName()
    {
        var facts = new InMemoryFacts()
            .Page(Home, """<a href="/zwgk/">政府信息公开</a>""")
            .Page(Home + "zwgk/", """<a href="/zwgk/a/">栏目一</a><a href="/zwgk/b/">栏目二</a>""", depth: 1)
            .Page(Home + "zwgk/a/", ListPage("公开制度"), depth: 2)
            .Page(Home + "zwgk/b/", ListPage("本机关政府信息公开年报汇编"), depth: 2);
        var map = await Locate(facts);
        Assert.Equal((true, MatchKinds.Meta, Home + "zwgk/a/"), (map["rules"]!.Found, map["rules"]!.MatchedBy, map["rules"]!.Url));
        Assert.False(map["annual-report"]!.Found);
    }

    [Fact]
    public async Task AStructuralMatchIsNeverDisplacedByMeta()
    {
        var facts = new InMemoryFacts()
            .Page(Home, """<a href="/zwgk/">政府信息公开</a>""")
            .Page(Home + "zwgk/", """<a href="/zwgk/dt/">工作动态</a><a href="/zwgk/x/">其他</a>""", depth: 1)
            .Page(Home + "zwgk/x/", ListPage("工作动态"), depth: 2);
        var news = (await Locate(facts))["news"]!;
        Assert.Equal((MatchKinds.Name, Home + "zwgk/dt/"), (news.MatchedBy, news.Url));
    }

    [Fact]
    public async Task AColumnKnownOnlyFromItsArticlesIsFoundButNotJudged()
    {
        var facts = new InMemoryFacts()
            .Page(Home, """<a href="/zwgk/">政府信息公开</a><a href="/zwgk/col9/t1.html">某某通知</a>""")
            .Page(Home + "zwgk/", """<p>信息公开</p>""", depth: 1)
            .Page(Home + "zwgk/col9/t1.html", Article("工作动态"), depth: 1);
        var map = await Locate(facts);
        Assert.True(map["news"]!.Found);
        Assert.Equal(MatchKinds.Meta, map["news"]!.MatchedBy);
        Assert.Equal(["news"], map.FoundInArticles);
    }
}
