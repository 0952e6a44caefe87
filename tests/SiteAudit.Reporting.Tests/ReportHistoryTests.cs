using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;
using SiteAudit.Core.Sites;
using SiteAudit.Storage;

namespace SiteAudit.Reporting.Tests;

/// <summary>The earlier runs a report's trend compares with, read from a real SQLite store.</summary>
public sealed class ReportHistoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Night = new(2026, 11, 20, 2, 0, 0, TimeSpan.FromHours(8));
    private static readonly ProfileCatalog Catalog = new([Path.Combine(RepoPaths.Root, "profiles")]);

    private readonly TempDir dir = new();
    private SqliteAuditStore store = null!;

    public async Task InitializeAsync()
    {
        store = new SqliteAuditStore(dir.File("audit.db"), TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        dir.Dispose();
    }

    private static SiteTarget Site(string url, string slug) => SitesFileLoader.FromUrl(url, null, null, Catalog) with { Slug = slug };

    /// <summary>A finished run of the given sites, each with <c>errors</c> dead links; returns its id.</summary>
    private async Task<string> RunAsync(DateTimeOffset at, params (SiteTarget Site, int Errors)[] sites)
    {
        var runId = await store.StartRunAsync(at, "siteaudit test", "{}", CancellationToken.None);
        foreach (var (site, errors) in sites)
        {
            var id = await store.StartSiteAsync(runId, site, at, CancellationToken.None);
            var findings = Enumerable.Range(0, errors)
                .Select(i => new Finding(RuleIds.LinkDead, Severity.Error, $"{site.Url}dead{i}.html", site.Url.AbsoluteUri, null, "链接不可用：HTTP 404",
                    new JsonObject { ["reason"] = "http-4xx", ["status"] = 404 }))
                .ToList();
            await store.FinishSiteAsync(id, new SiteOutcome(SiteStatus.Audited, new SiteStats(10, 20, 1000), [], findings, at.AddMinutes(1)), CancellationToken.None);
        }
        await store.FinishRunAsync(runId, RunStatus.Completed, at.AddMinutes(2), CancellationToken.None);
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

        var report = (await store.LoadRunAsync(current, CancellationToken.None))!;
        var history = await ReportHistory.LoadAsync(store, report, 9, CancellationToken.None);

        Assert.Equal([first, second], history.Select(r => r.RunId));
        Assert.Equal(3, history[0].Find(report.Sites[0])!.Errors);
        Assert.Equal(100 - 3 * SiteVerdict.ErrorPoints, history[0].Find(report.Sites[0])!.Score);
        Assert.Equal([second], (await ReportHistory.LoadAsync(store, report, 1, CancellationToken.None)).Select(r => r.RunId));
    }

    [Fact]
    public async Task A_site_whose_address_changed_is_found_by_its_slug()
    {
        var earlier = await RunAsync(Night, (Site("http://127.0.0.1:40001/", "qingshan-demo"), 2));
        var current = await RunAsync(Night.AddHours(1), (Site("http://127.0.0.1:40002/", "qingshan-demo"), 1));
        var report = (await store.LoadRunAsync(current, CancellationToken.None))!;
        var history = await ReportHistory.LoadAsync(store, report, 9, CancellationToken.None);
        Assert.Equal([earlier], history.Select(r => r.RunId));
        Assert.Equal(2, history[0].Find(report.Sites[0])!.Errors);
    }
}
