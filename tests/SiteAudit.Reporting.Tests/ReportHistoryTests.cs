using System.Text.Json.Nodes;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting.Tests;

/// <summary>The earlier runs a report's trend compares with, read from a real SQLite store.</summary>
public sealed class ReportHistoryTests : SqliteStoreTest
{
    /// <summary>A finished run of the given sites, each with <c>errors</c> dead links; returns its id.</summary>
    private async Task<string> RunAsync(DateTimeOffset at, params (SiteTarget Site, int Errors)[] sites)
    {
        var runId = await Store.StartRunAsync(at, "siteaudit test", "{}", CancellationToken.None);
        foreach (var (site, errors) in sites)
        {
            var id = await Store.StartSiteAsync(runId, site, at, CancellationToken.None);
            var findings = Enumerable.Range(0, errors)
                .Select(i => new Finding(RuleIds.LinkDead, Severity.Error, $"{site.Url}dead{i}.html", site.Url.AbsoluteUri, null, "链接不可用：HTTP 404",
                    new JsonObject { ["reason"] = "http-4xx", ["status"] = 404 }))
                .ToList();
            await Store.FinishSiteAsync(id, new SiteOutcome(SiteStatus.Audited, new SiteStats(10, 20, 1000), [], findings, at.AddMinutes(1)), CancellationToken.None);
        }
        await Store.FinishRunAsync(runId, RunStatus.Completed, at.AddMinutes(2), CancellationToken.None);
        return runId;
    }

    [Fact]
    public async Task Earlier_finished_runs_that_share_a_site_oldest_first()
    {
        var qingshan = Site("http://www.qingshan.gov.cn/", "qingshan");
        var other = Site("http://www.other.gov.cn/", "other");
        var first = await RunAsync(Night, (qingshan, 3), (other, 9));
        await RunAsync(Night.AddDays(1), (other, 1)); // none of this run's sites: not part of its trend
        var second = await RunAsync(Night.AddDays(2), (qingshan, 2));
        var current = await RunAsync(Night.AddDays(3), (qingshan, 1));
        await RunAsync(Night.AddDays(4), (qingshan, 0)); // later than the report's run

        var report = (await Store.LoadRunAsync(current, CancellationToken.None))!;
        var history = await ReportHistory.LoadAsync(Store, report, 9, CancellationToken.None);

        Assert.Equal([first, second], history.Select(r => r.RunId));
        Assert.Equal(3, history[0].Find(report.Sites[0])!.Errors);
        Assert.Equal(100 - 3 * SiteVerdict.ErrorPoints, history[0].Find(report.Sites[0])!.Score);
        Assert.Equal([second], (await ReportHistory.LoadAsync(Store, report, 1, CancellationToken.None)).Select(r => r.RunId));
    }

    [Fact]
    public async Task A_site_whose_address_changed_is_found_by_its_slug()
    {
        var earlier = await RunAsync(Night, (Site("http://127.0.0.1:40001/", "qingshan-demo"), 2));
        var current = await RunAsync(Night.AddHours(1), (Site("http://127.0.0.1:40002/", "qingshan-demo"), 1));
        var report = (await Store.LoadRunAsync(current, CancellationToken.None))!;
        var history = await ReportHistory.LoadAsync(Store, report, 9, CancellationToken.None);
        Assert.Equal([earlier], history.Select(r => r.RunId));
        Assert.Equal(2, history[0].Find(report.Sites[0])!.Errors);
    }
}
