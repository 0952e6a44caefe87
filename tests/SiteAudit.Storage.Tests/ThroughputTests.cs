using System.Diagnostics;
using SiteAudit.Core.Model;
using Xunit.Abstractions;

namespace SiteAudit.Storage.Tests;

public sealed class ThroughputTests(ITestOutputHelper output)
{
    /// <summary>
    /// Link inserts are the hot path (millions of rows for a big site). Measures rows/s with the crawler's batch
    /// size (2000) and portal-like pages: 100 links each, 80 of them the site's navigation, 20 pointing at articles.
    /// SITEAUDIT_BENCH_LINKS=1000000 measures at scale. Speed is printed, never asserted (a shared machine's load
    /// would make such a test flaky; figures belong in bench/README.md); what is asserted is that every row landed.
    /// </summary>
    [Fact]
    public async Task Link_batches_all_land_and_their_rate_is_printed()
    {
        var total = int.TryParse(Environment.GetEnvironmentVariable("SITEAUDIT_BENCH_LINKS"), out var n) ? n : 20_000;
        const int batchSize = 2000, linksPerPage = 100, navLinks = 80;
        const string site = "http://www.qingshan.gov.cn/";
        await using var t = await TestStore.CreateAsync();
        var run = await t.Store.StartRunAsync(TestStore.Night1, "bench", "{}", default);
        var siteRun = await t.Store.StartSiteAsync(run, TestStore.Site(site), TestStore.Night1, default);
        var batches = Enumerable.Range(0, total / batchSize).Select(b => Enumerable.Range(0, batchSize).Select(i =>
        {
            var row = b * batchSize + i;
            var page = $"{site}xxgk/zcwj/2024{row / linksPerPage % 12 + 1:00}/t20240105_{row / linksPerPage}.html";
            var target = i % linksPerPage < navLinks ? i % linksPerPage : row * 7919 % 500_000;
            return new LinkRecord(page, $"{site}xxgk/zcwj/202401/t20240105_{target}.html",
                target % 10 == 0 ? "img" : "a", $"关于印发第{target}号文件的通知", target % 10 == 0 ? "图片说明" : null);
        }).ToList()).ToList();

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches) await t.Store.AddLinksAsync(siteRun, batch, default);
        clock.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        var rows = batches.Count * batchSize;
        var rate = rows / clock.Elapsed.TotalSeconds;
        output.WriteLine($"{rows:N0} links in {clock.Elapsed.TotalMilliseconds:N0} ms (CPU {cpu.TotalMilliseconds:N0} ms): {rate:N0} rows/s");
        var facts = t.Store.Facts(siteRun);
        var firstPage = batches[0][0].FromUrl;
        Assert.Equal(batches[0].Count(l => l.FromUrl == firstPage), (await facts.GetLinksFromAsync(firstPage, default)).Count);
        var lastPage = batches[^1][^1].FromUrl;
        Assert.Equal(batches.SelectMany(b => b).Count(l => l.FromUrl == lastPage), (await facts.GetLinksFromAsync(lastPage, default)).Count);
    }
}
