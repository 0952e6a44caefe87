using System.Diagnostics;
using SiteAudit.Core.Model;
using Xunit.Abstractions;

namespace SiteAudit.Storage.Tests;

public sealed class ThroughputTests(ITestOutputHelper output)
{
    /// <summary>
    /// Link inserts are the hot path (millions of rows for a big site). Measures rows/s with the crawler's batch
    /// size (2000) and portal-like pages: 100 links each, 80 of them the site's navigation, 20 pointing at articles.
    /// SITEAUDIT_BENCH_LINKS=1000000 measures at scale. The bound is loose on purpose: it catches a lost prepared
    /// statement or a transaction per row, not a slow or busy machine.
    /// </summary>
    [Fact]
    public async Task Link_batches_insert_quickly()
    {
        var total = int.TryParse(Environment.GetEnvironmentVariable("SITEAUDIT_BENCH_LINKS"), out var n) ? n : 100_000;
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
        Assert.True(rate > 10_000, $"only {rate:N0} link rows/s");
    }
}
