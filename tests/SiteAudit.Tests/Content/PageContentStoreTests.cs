using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;
using SiteAudit.Crawling.Frontier;
using SiteAudit.Storage;

namespace SiteAudit.Tests.Content;

/// <summary>Page content through the SQLite store (migration 2): compressed, per site run, read back whole.</summary>
public class PageContentStoreTests
{
    [Fact]
    public async Task Content_written_by_the_recorder_is_read_back_by_the_facts()
    {
        var folder = Directory.CreateTempSubdirectory("siteaudit-content-");
        try
        {
            await using var store = new SqliteAuditStore(Path.Combine(folder.FullName, "a.db"), TimeProvider.System);
            await store.InitializeAsync(CancellationToken.None);
            var run = await store.StartRunAsync(DateTimeOffset.UtcNow, "test", "{}", CancellationToken.None);
            var profile = new Profile("p", "p", ProfileKinds.Government, "p.yaml", "03-31", new SectionSpec(["政府信息公开"], []), [], new Dictionary<string, int>());
            var site = await store.StartSiteAsync(run, new SiteTarget("测试", new Uri("http://a.test/"), "a-test", profile, []), DateTimeOffset.UtcNow, CancellationToken.None);

            var text = string.Concat(Enumerable.Repeat("主动公开的政府信息按机构职能、政策文件等分类。\n", 200));
            var content = new PageContent("2026-01-05", [new PageList("li|ul.list", [new ListItem("标题", "http://a.test/t1.html", "2026-01-05")])],
                34, true, false, true, text);
            var recorder = new CrawlRecorder(store, site);
            var fetch = new FetchRecord("http://a.test/list/", FetchRecord.Ok, 200, null, "text/html", true, "列表", 1, 5, DateTimeOffset.UtcNow);
            await recorder.AddAsync(fetch, [new LinkRecord("http://a.test/list/", "http://a.test/t1.html", "a", "2025年政府信息公开工作年度报告", null)], content, CancellationToken.None);
            await recorder.FlushAsync(CancellationToken.None);

            var facts = store.Facts(site);
            var read = await facts.GetPageContentAsync("http://a.test/list/", CancellationToken.None);
            Assert.NotNull(read);
            Assert.Equal(content.Published, read.Published);
            Assert.Equal(content.Lists.Single().Items, read.Lists.Single().Items);
            Assert.Equal((34, true, true), (read.ClaimedCount!.Value, read.ScriptedList, read.ScriptedRelations));
            Assert.Equal(text, read.Text);
            Assert.Null(await facts.GetPageContentAsync("http://a.test/other/", CancellationToken.None));
            Assert.Single(await facts.FindLinksContainingAsync(TextKey.Of("年度报告"), 10, CancellationToken.None));
            Assert.Empty(await facts.FindLinksContainingAsync("年报", 10, CancellationToken.None));
            // Compressed: the repeated text takes a small fraction of its size.
            Assert.True(PageContentCodec.Encode(content).Length < text.Length / 10);
        }
        finally
        {
            try { folder.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
