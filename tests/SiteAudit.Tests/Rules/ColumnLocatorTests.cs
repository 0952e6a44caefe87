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
