using System.Text;
using System.Text.Json;
using SiteAudit.Tests.Content;
using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Quirks;

/// <summary>
/// A 集约化 portal whose 主动公开基本目录 is a gkmlpt shell: every category list exists only behind the JSON API, so the
/// plain-HTTP crawl (--render never) must read the API to judge the columns and check the records' links.
/// </summary>
public class GkmlptPortalTests
{
    private const string Sid = "4401";

    private static string Api(int category, int page = 1) => $"/gkmlpt/api/all/{category}?page={page}&sid={Sid}";

    private static string Post(int id) => $"/gkmlpt/content/0/{id / 100}/post_{id}.html";

    private static string Record(int id, string title, int daysAgo, string? extra = null) =>
        $$"""{"id": {{id}}, "title": {{JsonSerializer.Serialize(title)}}, "url": "{{Post(id)}}", "created_at": "{{ContentPortal.Day(daysAgo)}} 09:00:00"{{extra}}}""";

    private static string Answer(int total, IEnumerable<string> records) =>
        $$"""{"classify": {"post_count": {{total}}}, "total": {{total}}, "articles": [{{string.Join(",\n", records)}}]}""";

    private static List<JsonElement> Of(JsonElement site, string rule) => site.Findings(rule).ToList();

    private static JsonElement Column(JsonElement site, string id) =>
        site.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    [Fact]
    public async Task Catalogue_lists_only_in_the_json_api_are_columns_with_dates_links_and_pages()
    {
        await using var server = await FakeServer.StartAsync();
        var tree = """
            [{"id": 101, "name": "通知公告"}, {"id": 102, "name": "工作动态"}, {"id": 103, "name": "政策文件"},
             {"id": 104, "name": "人事信息"}, {"id": 105, "name": "规划计划"},
             {"id": 106, "name": "政府信息公开年报", "jump_url": "/xxgk/gknb/"}]
            """;
        var portal = new ContentPortal(server)
            .ColumnPage("主动公开基本目录", "/gkmlpt/index", $"<div id=\"app\"></div>{GkmlptTests.Config(Sid, tree)}");
        var home = portal.Serve();

        // 通知公告: newest record 300 days old (first-level columns: 183 days).
        server.Bytes(Api(101), Json(Answer(2, [Record(1001, "关于开展消防检查的通知", 300), Record(1002, "关于公布收费目录的公告", 400)])), "application/json; charset=utf-8");
        // 工作动态: 30 records, 20 a page; the second page holds a dead record and is reached only by the API's pagination.
        server.Bytes(Api(102), Json(Answer(30, Enumerable.Range(0, 20).Select(i => Record(2000 + i, $"县政府召开第{i}次常务会议", i + 1)))), "application/json");
        server.Bytes(Api(102, 2), Json(Answer(30, Enumerable.Range(20, 10).Select(i => Record(2000 + i, $"县政府召开第{i}次常务会议", i + 1)))), "application/json");
        // 政策文件: one fresh record whose attachment is gone.
        server.Bytes(Api(103), Json(Answer(1, [Record(3001, "关于印发某某管理办法的通知", 10,
            """, "attachment": [{"name": "某某管理办法.pdf", "url": "/attachment/0/30/3001.pdf"}]""")])), "application/json");
        // 人事信息: the API answers an HTML error page; 规划计划: garbage labelled JSON. Neither column can be judged.
        server.Html(Api(104), "<html><head><title>提示</title></head><body><h1>系统繁忙，请稍后再试</h1></body></html>");
        server.Bytes(Api(105), Encoding.UTF8.GetBytes("{{{ not json <a href=\"/bogus.html\">x</a>"), "application/json");
        server.Html("/xxgk/gknb/", $"<html><body><h1>政府信息公开年报</h1><ul><li><a href=\"{Post(9001)}\">测试县政府信息公开工作年度报告</a><span>{ContentPortal.Day(60)}</span></li></ul></body></html>");
        server.MapPrefix("/gkmlpt/content/", ctx => FakeServer.WriteAsync(ctx, 200,
            Encoding.UTF8.GetBytes("<html><head><meta charset=\"utf-8\"><title>文章</title></head><body><p>正文内容。</p></body></html>"), "text/html; charset=utf-8"));
        server.Status(Post(2025), 404);
        server.Status("/attachment/0/30/3001.pdf", 404);

        using var audit = new AuditHarness();
        var site = await audit.AuditUrlAsync(home);

        var notices = Column(site, "notices");
        Assert.Equal(server.Url(Api(101)), notices.GetProperty("url").GetString());
        Assert.Equal("name", notices.GetProperty("matchedBy").GetString());
        Assert.Equal(server.Url("/gkmlpt/index"), Column(site, "catalog").GetProperty("url").GetString());

        var stale = Assert.Single(Of(site, "column.stale"));
        Assert.Equal("notices", stale.GetProperty("column").GetString());
        Assert.Equal(ContentPortal.Day(300), stale.GetProperty("evidence").GetProperty("latestDate").GetString());

        // Both pages of 工作动态 were read: 30 items, the newest from yesterday.
        var news = Column(site, "news");
        Assert.Equal(30, news.GetProperty("itemCount").GetInt32());
        Assert.Equal(ContentPortal.Day(1), news.GetProperty("latestItemDate").GetString());
        Assert.Contains($"GET {Api(102, 2)}", server.RequestLog);

        // Dead links inside records, found through the API (the second page's record refers from the second page).
        Assert.Equal([server.Url("/attachment/0/30/3001.pdf"), server.Url(Post(2025))], site.DeadUrls());
        var referrers = site.DeadLink(server.Url(Post(2025))).GetProperty("evidence").GetProperty("referrers").EnumerateArray().Select(r => r.GetString());
        Assert.Contains(server.Url(Api(102, 2)), referrers);

        // The unreadable APIs: no verdict on their columns, nothing read out of them.
        Assert.Empty(Of(site, "column.empty"));
        Assert.DoesNotContain($"GET /bogus.html", server.RequestLog);
        Assert.False(Column(site, "personnel").TryGetProperty("itemCount", out var count) && count.ValueKind == JsonValueKind.Number && count.GetInt32() > 0);
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>Columns that no link names, known by the ColumnName meta tag their pages carry (《政府网站发展指引》).</summary>
public class ColumnNameMetaPortalTests
{
    private static string Page(string title, string body, string? columnName = null, int? pubDaysAgo = null) => $"""
        <!DOCTYPE html><html><head><meta charset="utf-8"><meta name="SiteName" content="测试县人民政府">
        {(columnName is null ? "" : $"<meta name=\"ColumnName\" content=\"{columnName}\">")}
        {(pubDaysAgo is { } d ? $"<meta name=\"ArticleTitle\" content=\"{title}\"><meta name=\"PubDate\" content=\"{ContentPortal.Day(d)} 09:30\">" : "")}
        <title>{title}_测试县人民政府</title></head><body>
        <div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/xxgk/">政府信息公开</a></li></ul></div>
        {body}
        <div class="footer"><p>主办：测试县人民政府办公室</p></div></body></html>
        """;

    [Fact]
    public async Task A_column_named_only_in_its_list_pages_meta_is_found_and_judged_and_an_article_never_stands_for_it()
    {
        await using var server = await FakeServer.StartAsync();
        // The homepage links straight to an article of 通知公告 (shallower than the list page) and to a 工作动态 article
        // whose column has no list page anywhere.
        server.Html("/", Page("首页", """
            <ul class="list"><li><a href="/xxgk/ggl/t1.html">关于开展消防检查的通知</a></li>
            <li><a href="/xxgk/dt/t9.html">县领导调研安全生产工作</a></li></ul>
            """));
        server.Html("/xxgk/", Page("政府信息公开", """<div class="menu"><a href="/xxgk/ggl/">青山公告栏</a></div>"""));
        server.Html("/xxgk/ggl/", Page("青山公告栏", $"""
            <ul class="list"><li><a href="/xxgk/ggl/t1.html">关于开展消防检查的通知</a><span>{ContentPortal.Day(300)}</span></li>
            <li><a href="/xxgk/ggl/t2.html">关于公布收费目录的公告</a><span>{ContentPortal.Day(400)}</span></li></ul>
            """, columnName: "通知公告"));
        server.Html("/xxgk/ggl/t1.html", Page("关于开展消防检查的通知", "<p>正文。</p>", "通知公告", 300));
        server.Html("/xxgk/ggl/t2.html", Page("关于公布收费目录的公告", "<p>正文。</p>", "通知公告", 400));
        server.Html("/xxgk/dt/t9.html", Page("县领导调研安全生产工作", "<p>正文。</p>", "工作动态", 100));

        using var audit = new AuditHarness();
        var site = await audit.AuditUrlAsync(server.Url("/"));

        var columns = site.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal("meta", columns["notices"].GetProperty("matchedBy").GetString());
        Assert.Equal(server.Url("/xxgk/ggl/"), columns["notices"].GetProperty("url").GetString());
        // 工作动态 exists (its article says so) but has no list page: found, never judged from the article.
        Assert.True(columns["news"].GetProperty("found").GetBoolean());
        Assert.Equal("meta", columns["news"].GetProperty("matchedBy").GetString());

        var stale = site.Findings("column.stale").ToList();
        Assert.Equal(["notices"], stale.Select(f => f.GetProperty("column").GetString()));
        Assert.Equal(ContentPortal.Day(300), stale[0].GetProperty("evidence").GetProperty("latestDate").GetString());
        Assert.DoesNotContain(site.Findings("column.empty"), f => f.GetProperty("column").GetString() is "news" or "notices");
    }
}
