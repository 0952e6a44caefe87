using System.Text.Json.Nodes;
using Dapper;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage.Tests;

public sealed class FactsTests
{
    private const string Home = "http://www.qingshan.gov.cn/";
    private const string Xxgk = "http://www.qingshan.gov.cn/xxgk/";

    private static async Task<(TestStore T, long SiteRun)> StoreWithSiteAsync()
    {
        var t = await TestStore.CreateAsync();
        try
        {
            var run = await t.Store.StartRunAsync(TestStore.Night1, "siteaudit 0.1.0", "{}", default);
            return (t, await t.Store.StartSiteAsync(run, TestStore.Site(Home), TestStore.Night1, default));
        }
        catch
        {
            await t.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task Fetches_round_trip_and_a_later_insert_of_the_same_url_replaces()
    {
        var (t, siteRun) = await StoreWithSiteAsync();
        await using var _ = t;
        var full = new FetchRecord(Home, FetchRecord.Ok, 200, "https://www.qingshan.gov.cn/", "text/html; charset=utf-8",
            true, "青山县人民政府", 0, 321, TestStore.Night1.AddSeconds(5), null, "\"abc\"", "Tue, 01 Jul 2025 00:00:00 GMT",
            new JsonObject { ["rendered"] = true, ["charset"] = "gb2312" });
        await t.Store.AddFetchesAsync(siteRun, [full, TestStore.Fetch(Xxgk, DeadReason.Timeout, null)], default);
        await t.Store.AddFetchesAsync(siteRun, [TestStore.Fetch(Xxgk)], default); // retried later: now ok

        var facts = t.Store.Facts(siteRun);
        var got = await facts.GetFetchAsync(Home, default);
        Assert.NotNull(got);
        Assert.Equal(full with { Meta = null }, got with { Meta = null });
        Assert.Equal(full.Meta!.ToJsonString(), got.Meta!.ToJsonString());
        Assert.Equal(FetchRecord.Ok, (await facts.GetFetchAsync(Xxgk, default))!.Outcome);
        Assert.Null(await facts.GetFetchAsync(Home + "missing", default));
        using var conn = t.Raw();
        Assert.Equal(2, conn.ExecuteScalar<long>("SELECT COUNT(*) FROM fetches"));
    }

    [Fact]
    public async Task Failed_fetches_are_every_outcome_but_ok()
    {
        var (t, siteRun) = await StoreWithSiteAsync();
        await using var _ = t;
        await t.Store.AddFetchesAsync(siteRun,
        [
            TestStore.Fetch(Home),
            TestStore.Fetch(Home + "a.pdf", DeadReason.Http4xx, 404, crawled: false),
            TestStore.Fetch(Home + "b.html", DeadReason.Soft404, 200),
            TestStore.Fetch("http://other.gov.cn/", DeadReason.Dns, null, crawled: false),
        ], default);

        var failed = new List<string>();
        await foreach (var f in t.Store.Facts(siteRun).GetFailedFetchesAsync(default)) failed.Add(f.Url);

        Assert.Equal([Home + "a.pdf", Home + "b.html", "http://other.gov.cn/"], failed);
    }

    [Fact]
    public async Task Links_from_a_page_keep_document_order()
    {
        var (t, siteRun) = await StoreWithSiteAsync();
        await using var _ = t;
        LinkRecord[] links =
        [
            new(Home, Home + "z.html", "a", "最后", null),
            new(Home, Home + "a.html", "a", "首页", null),
            new(Xxgk, Home + "x.html", "a", "别的", null),
            new(Home, Home + "logo.png", "img", null, "标志"),
        ];
        await t.Store.AddLinksAsync(siteRun, links[..2], default);
        await t.Store.AddLinksAsync(siteRun, links[2..], default);

        var fromHome = await t.Store.Facts(siteRun).GetLinksFromAsync(Home, default);

        Assert.Equal([links[0], links[1], links[3]], fromHome);
    }

    [Fact]
    public async Task Links_are_found_by_the_text_key_of_their_text_or_title()
    {
        var (t, siteRun) = await StoreWithSiteAsync();
        await using var _ = t;
        LinkRecord[] links =
        [
            new(Home, Xxgk, "a", "政府信息\u00A0公开", null),                // nbsp inside the label
            new(Home, Home + "gkzn/", "area", null, "【公开指南】"),          // only a title (image map)
            new(Xxgk, Home + "gkzn/index.html", "a", "»公开 指南", "更多"),
            new(Home, Home + "news/", "a", "新闻", null),
            new(Home, Home + "blank", "a", "", ""),                         // no text at all
        ];
        await t.Store.AddLinksAsync(siteRun, links, default);
        var facts = t.Store.Facts(siteRun);

        Assert.Equal([links[0], links[1], links[2]],
            await facts.FindLinksByTextKeyAsync([TextKey.Of("政府信息公开"), TextKey.Of("公开指南")], default));
        Assert.Equal([links[2]], await facts.FindLinksByTextKeyAsync(["更多"], default)); // by title
        Assert.Empty(await facts.FindLinksByTextKeyAsync([""], default));
        Assert.Empty(await facts.FindLinksByTextKeyAsync([], default));
    }

    [Fact]
    public async Task Referrers_are_distinct_in_crawl_order_and_limited()
    {
        var (t, siteRun) = await StoreWithSiteAsync();
        await using var _ = t;
        var dead = Home + "uploads/a.pdf";
        await t.Store.AddLinksAsync(siteRun,
        [
            new(Home + "p3.html", dead, "a", "附件", null),
            new(Home + "p1.html", dead, "a", "附件", null),
            new(Home + "p3.html", dead, "a", "下载", null),
            new(Home + "p2.html", Home + "other.pdf", "a", "附件", null),
            new(Home + "p2.html", dead, "a", "附件", null),
        ], default);
        var facts = t.Store.Facts(siteRun);

        Assert.Equal([Home + "p3.html", Home + "p1.html", Home + "p2.html"], await facts.GetReferrersAsync(dead, 10, default));
        Assert.Equal([Home + "p3.html", Home + "p1.html"], await facts.GetReferrersAsync(dead, 2, default));
        Assert.Empty(await facts.GetReferrersAsync(Home + "nowhere", 10, default));
    }

    [Fact]
    public async Task Facts_of_one_site_run_do_not_see_another()
    {
        var (t, siteRun) = await StoreWithSiteAsync();
        await using var _ = t;
        var run2 = await t.Store.StartRunAsync(TestStore.Night1.AddDays(1), "siteaudit 0.1.0", "{}", default);
        var other = await t.Store.StartSiteAsync(run2, TestStore.Site(Home), TestStore.Night1.AddDays(1), default);
        await t.Store.AddFetchesAsync(other, [TestStore.Fetch(Home, DeadReason.Timeout, null)], default);
        await t.Store.AddLinksAsync(other, [new(Home, Xxgk, "a", "政府信息公开", null)], default);

        var facts = t.Store.Facts(siteRun);
        Assert.Null(await facts.GetFetchAsync(Home, default));
        Assert.Empty(await facts.GetLinksFromAsync(Home, default));
        Assert.Empty(await facts.FindLinksByTextKeyAsync(["政府信息公开"], default));
        Assert.Empty(await facts.GetReferrersAsync(Xxgk, 5, default));
        await foreach (var f in facts.GetFailedFetchesAsync(default)) Assert.Fail($"unexpected {f.Url}");
    }

    [Fact]
    public async Task Concurrent_batches_from_many_sites_are_all_written()
    {
        await using var t = await TestStore.CreateAsync();
        var run = await t.Store.StartRunAsync(TestStore.Night1, "siteaudit 0.1.0", "{}", default);
        const int sites = 8, batches = 20, perBatch = 250;
        var siteRuns = new long[sites];
        for (var s = 0; s < sites; s++)
            siteRuns[s] = await t.Store.StartSiteAsync(run, TestStore.Site($"http://s{s}.gov.cn/"), TestStore.Night1, default);

        await Task.WhenAll(siteRuns.Select(siteRun => Task.Run(async () =>
        {
            for (var b = 0; b < batches; b++)
            {
                var page = $"http://x.gov.cn/p{b}.html";
                var links = Enumerable.Range(0, perBatch).Select(i => new LinkRecord(page, $"http://x.gov.cn/t{i}", "a", $"链接{i}", null)).ToList();
                await t.Store.AddLinksAsync(siteRun, links, default);
                await t.Store.AddFetchesAsync(siteRun, [TestStore.Fetch(page)], default);
                // Reads go on while others write.
                Assert.Equal(perBatch, (await t.Store.Facts(siteRun).GetLinksFromAsync(page, default)).Count);
            }
        })));

        using var conn = t.Raw();
        Assert.Equal(sites * batches * perBatch, conn.ExecuteScalar<long>("SELECT COUNT(*) FROM links"));
        var last = await t.Store.Facts(siteRuns[3]).GetLinksFromAsync($"http://x.gov.cn/p{batches - 1}.html", default);
        Assert.Equal(Enumerable.Range(0, perBatch).Select(i => $"http://x.gov.cn/t{i}"), last.Select(l => l.ToUrl));
    }

    [Fact]
    public async Task A_cancelled_batch_writes_nothing()
    {
        var (t, siteRun) = await StoreWithSiteAsync();
        await using var _ = t;
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            t.Store.AddLinksAsync(siteRun, [new(Home, Xxgk, "a", "x", null)], cts.Token));

        Assert.Empty(await t.Store.Facts(siteRun).GetLinksFromAsync(Home, default));
        await t.Store.AddLinksAsync(siteRun, [new(Home, Xxgk, "a", "x", null)], default); // the store still works
    }

    [Fact]
    public async Task A_batch_for_an_unknown_site_run_is_rejected_whole()
    {
        var (t, siteRun) = await StoreWithSiteAsync();
        await using var _ = t;

        await Assert.ThrowsAsync<ArgumentException>(() =>
            t.Store.AddFetchesAsync(siteRun + 100, [TestStore.Fetch(Home)], default));
        await t.Store.AddFetchesAsync(siteRun, [TestStore.Fetch(Home)], default);
    }
}
