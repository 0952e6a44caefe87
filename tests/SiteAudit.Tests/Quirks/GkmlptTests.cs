using System.Text.Json;
using SiteAudit.Crawling.Extraction;
using SiteAudit.Crawling.Quirks;

namespace SiteAudit.Tests.Quirks;

public class GkmlptTests
{
    private static readonly Uri Index = new("http://www.jy.gov.cn/bm/gkmlpt/index");
    private static readonly Uri Api = new("http://www.jy.gov.cn/bm/gkmlpt/api/all/721?page=1&sid=662021");

    /// <summary>The shape of a real /gkmlpt/index shell: a JS object literal whose TREE is JSON.</summary>
    internal static string Config(string sid, string tree) => $$"""
        <script>
          window._CONFIG = {
            SID: '{{sid}}',
            TREE: {{tree}},
            SERVICE_AREA_ID: 0
          };
        </script>
        """;

    private const string Tree = """
        [{"id": 720, "name": "法定主动公开内容", "post_count": 3, "children": [
            {"id": 721, "name": "通知公告", "children": []},
            {"id": "722", "name": "政策文件 [规范性文件]"}]},
         {"id": 730, "name": "政府信息公开年报", "jump_url": "/bm/xxgk/gknb/"},
         {"id": "x1", "name": "没有编号"},
         {"id": 740}]
        """;

    [Fact]
    public void TheCatalogueTreeBecomesOneListApiLinkPerCategory()
    {
        var links = Gkmlpt.CatalogLinks(Config("662021", Tree), Index).ToList();
        Assert.Equal(
        [
            ("/bm/gkmlpt/api/all/720?page=1&sid=662021", "法定主动公开内容"),
            ("/bm/gkmlpt/api/all/721?page=1&sid=662021", "通知公告"),
            ("/bm/gkmlpt/api/all/722?page=1&sid=662021", "政策文件 [规范性文件]"),
            ("/bm/xxgk/gknb/", "政府信息公开年报"),
        ], links);
    }

    [Theory]
    [InlineData("http://www.jy.gov.cn/xxgk/index.html", "662021", Tree)] // not a gkmlpt page: the API root is unknown
    [InlineData("http://www.jy.gov.cn/gkmlpt/index", "", Tree)]          // no SID
    [InlineData("http://www.jy.gov.cn/gkmlpt/index", "662021", "[{\"id\": 1, \"name\": \"缺右括号\"")]
    [InlineData("http://www.jy.gov.cn/gkmlpt/index", "662021", "[{id: 1, name: '不是JSON'}]")]
    public void NoApiUrlIsGuessed(string page, string sid, string tree) =>
        Assert.Empty(Gkmlpt.CatalogLinks(Config(sid, tree), new Uri(page)));

    [Fact]
    public void TheShellsCategoriesAreNamedLinksAndItsListIsScripted()
    {
        var extract = LinkExtractor.Extract($"<html><body><div id=\"app\"></div>{Config("662021", Tree)}</body></html>", Index);
        var notices = extract.Links.Single(l => l.Text == "通知公告");
        Assert.Equal("http://www.jy.gov.cn/bm/gkmlpt/api/all/721?page=1&sid=662021", notices.Target.AbsoluteUri);
        Assert.Equal("a", notices.Tag);
        Assert.True(notices.IsNavigation);
        Assert.Contains(extract.Links, l => l.Target.AbsoluteUri == "http://www.jy.gov.cn/bm/xxgk/gknb/");
        Assert.True(extract.Content!.ScriptedList);
    }

    [Fact]
    public void AnApiAnswerIsAListWithDatesAttachmentsAndPages()
    {
        var json = """
            {"classify": {"id": 721, "name": "通知公告", "post_count": 250}, "total": 250,
             "articles": [
               {"id": 1, "title": "关于开展消防检查的通知", "url": "http://www.jy.gov.cn/bm/gkmlpt/content/0/1/post_1.html",
                "display_publish_time": 1718697600, "created_at": "2020-01-01 00:00:00",
                "attachment": [{"name": "附件1.pdf", "url": "/bm/attachment/0/1/1.pdf"}]},
               {"id": 2, "title": "关于公布收费目录的公告", "post_url": "/bm/gkmlpt/content/0/2/post_2.html", "created_at": "2024-05-06 16:25:04"},
               {"id": 3, "title": "毫秒时间戳的记录", "url": "/bm/gkmlpt/content/0/3/post_3.html", "first_publish_time": "1718697600000"},
               {"id": 4, "title": "没有日期的记录", "url": "/bm/gkmlpt/content/0/4/post_4.html", "publish_time": 0},
               {"id": 5, "title": "没有链接的记录"},
               "not a record"
             ]}
            """;
        var list = Gkmlpt.ReadList(json, Api)!;
        Assert.Equal("通知公告", list.Name);
        Assert.Equal(250, list.Total);
        // 2024-06-18 08:00 in China is 1718697600; the API's dates are China dates.
        Assert.Equal([new DateOnly(2024, 6, 18), new DateOnly(2024, 5, 6), new DateOnly(2024, 6, 18), null],
            list.Articles.Select(a => a.Published));
        Assert.Equal(4, list.Articles.Count);
        Assert.Equal([("附件1.pdf", "/bm/attachment/0/1/1.pdf")], list.Articles[0].Attachments);
        // 6 records on the first page: the page size the platform uses, so 250 need pages 2 … 42.
        Assert.Equal(41, list.PageHrefs.Count);
        Assert.Equal("/bm/gkmlpt/api/all/721?page=2&sid=662021", list.PageHrefs[0]);
        Assert.Equal("/bm/gkmlpt/api/all/721?page=42&sid=662021", list.PageHrefs[^1]);
    }

    [Fact]
    public void OnlyTheFirstPageListsTheOthers()
    {
        var json = """{"total": 3, "articles": [{"title": "第二页的记录", "url": "/a.html", "created_at": "2024-01-05"}]}""";
        Assert.Empty(Gkmlpt.ReadList(json, new Uri("http://x.gov.cn/gkmlpt/api/all/1?page=2&sid=9"))!.PageHrefs);
        Assert.Equal(["/gkmlpt/api/all/1?page=2&sid=9", "/gkmlpt/api/all/1?page=3&sid=9"],
            Gkmlpt.ReadList(json, new Uri("http://x.gov.cn/gkmlpt/api/all/1?page=1&sid=9"))!.PageHrefs);
    }

    [Theory]
    [InlineData("<html><body><h1>系统繁忙</h1></body></html>")]
    [InlineData("{\"articles\": [{\"title\": \"截断")]
    [InlineData("{\"code\": 500, \"msg\": \"error\"}")]
    [InlineData("[{\"title\": \"数组\", \"url\": \"/a.html\"}]")]
    [InlineData("\u0000\u0001garbage")]
    [InlineData("")]
    public void AnythingButTheListJsonIsNotAList(string body) => Assert.Null(Gkmlpt.ReadList(body, Api));

    [Fact]
    public void TheApiAnswerExtractsToLinksAndOneDatedList()
    {
        var json = """
            {"total": 2, "articles": [
              {"title": "关于开展消防检查的通知", "url": "/bm/gkmlpt/content/0/1/post_1.html", "created_at": "2024-06-18 16:25:04",
               "attachment": [{"name": "附件.docx", "url": "/bm/attachment/1.docx"}]},
              {"title": "关于公布收费目录的公告", "url": "/bm/gkmlpt/content/0/2/post_2.html", "created_at": "2024-05-06 09:00:00"}]}
            """;
        var extract = LinkExtractor.ExtractJson(json, Api)!;
        Assert.Equal(
            ["http://www.jy.gov.cn/bm/gkmlpt/content/0/1/post_1.html", "http://www.jy.gov.cn/bm/attachment/1.docx", "http://www.jy.gov.cn/bm/gkmlpt/content/0/2/post_2.html"],
            extract.Links.Select(l => l.Target.AbsoluteUri));
        Assert.Equal("关于开展消防检查的通知", extract.Links[0].Text);
        Assert.Null(extract.VisibleText);
        var content = extract.Content!;
        var list = Assert.Single(content.Lists);
        Assert.Equal(["2024-06-18", "2024-05-06"], list.Items.Select(i => i.Date));
        Assert.Equal(2, content.ClaimedCount);
        Assert.False(content.SaysEmpty);
        Assert.True(LinkExtractor.ExtractJson("""{"total": 0, "articles": []}""", Api)!.Content!.SaysEmpty);
        Assert.Null(LinkExtractor.ExtractJson("""{"data": []}""", Api));
    }

    [Theory]
    [InlineData("\"2024-01-05 16:10:00\"", "2024-01-05")]
    [InlineData("1704441600", "2024-01-05")]   // 2024-01-05 16:00 China time
    [InlineData("1704387600", "2024-01-05")]   // 2024-01-05 01:00 China time, still 01-04 in UTC
    [InlineData("\"1704441600\"", "2024-01-05")]
    [InlineData("1704441600000", "2024-01-05")]
    [InlineData("0", null)]
    [InlineData("\"\"", null)]
    [InlineData("null", null)]
    public void RecordDatesAreChinaDates(string json, string? expected)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(expected, Gkmlpt.DateOf(doc.RootElement) is { } d ? DateParser.Iso(d) : null);
    }
}

public class PublicationMetaTests
{
    private static string? Published(string head, string body)
    {
        var html = $"<html><head>{head}</head><body>{body}</body></html>";
        return LinkExtractor.Extract(html, new Uri("http://x.gov.cn/a/t1.html")).Content!.Published;
    }

    [Fact]
    public void PubDateComesBeforeTheDateInTheText() =>
        Assert.Equal("2022-06-08", Published("<meta name=\"PubDate\" content=\"2022-06-08 12:34\">", "<p>发布时间：2022-11-30</p>"));

    [Fact]
    public void FirstPublishedTimeIsUsedWithoutPubDate() =>
        Assert.Equal("2021-01-12", Published("<meta name=\"firstpublishedtime\" content=\"2021-01-12 10:37:25\">", "<p>发布时间：2021-02-01</p>"));

    [Fact]
    public void AnUnreadableMetaDateFallsBackToTheText() =>
        Assert.Equal("2021-02-01", Published("<meta name=\"PubDate\" content=\"\">", "<p>发布时间：2021-02-01</p>"));
}
