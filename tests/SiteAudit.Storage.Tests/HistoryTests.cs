using System.Text.RegularExpressions;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage.Tests;

public sealed class HistoryTests
{
    private const string Qingshan = "http://www.qingshan.gov.cn/";
    private const string Lvshui = "http://www.lvshui.gov.cn/";
    private static readonly string DeadPdf = Qingshan + "uploads/a.pdf";
    private static readonly string DeadDoc = Qingshan + "uploads/b.doc";

    /// <summary>One nightly run auditing the given sites; returns the run id.</summary>
    private static async Task<string> RunAsync(
        IAuditStore store, DateTimeOffset night, params (string Url, Finding[] Findings)[] sites)
    {
        var run = await store.StartRunAsync(night, "siteaudit 0.1.0", """{"maxPages":100}""", default);
        foreach (var (url, findings) in sites)
        {
            var siteRun = await store.StartSiteAsync(run, TestStore.Site(url), night, default);
            await store.FinishSiteAsync(siteRun, TestStore.Outcome(night.AddMinutes(30), findings), default);
        }
        await store.FinishRunAsync(run, RunStatus.Completed, night.AddHours(1), default);
        return run;
    }

    private static Finding Dead(string url) => TestStore.Finding(RuleIds.LinkDead, url);

    private static async Task<SiteReport> SiteAsync(IAuditStore store, string run, string url) =>
        (await store.LoadRunAsync(run, default))!.Sites.Single(s => s.Url == url);

    [Fact]
    public async Task Findings_go_new_open_resolved_reopened_across_three_runs()
    {
        await using var t = await TestStore.CreateAsync();
        var store = t.Store;
        // 18:30 UTC on the 19th is already the 20th in China: firstSeen is a China date.
        var night1 = new DateTimeOffset(2026, 11, 19, 18, 0, 0, TimeSpan.Zero);
        var missing = TestStore.Finding(RuleIds.ColumnMissing, null, Severity.Warning, "guide");

        var run1 = await RunAsync(store, night1, (Qingshan, [Dead(DeadPdf), Dead(DeadDoc), missing]));
        var run2 = await RunAsync(store, night1.AddDays(1), (Qingshan, [Dead(DeadPdf)]));
        var run3 = await RunAsync(store, night1.AddDays(2), (Qingshan, [Dead(DeadPdf), Dead(DeadDoc)]));

        var s1 = await SiteAsync(store, run1, Qingshan);
        Assert.All(s1.Findings, f => Assert.Equal((FindingStates.New, "2026-11-20"), (f.State, f.FirstSeen)));
        Assert.Empty(s1.Resolved);

        var s2 = await SiteAsync(store, run2, Qingshan);
        var pdf2 = Assert.Single(s2.Findings);
        Assert.Equal((FindingStates.Open, "2026-11-20"), (pdf2.State, pdf2.FirstSeen));
        Assert.Equal(
            [
                new ResolvedFinding(RuleIds.ColumnMissing, null, "guide", missing.Fingerprint, "2026-11-20", run2),
                new ResolvedFinding(RuleIds.LinkDead, DeadDoc, null, Dead(DeadDoc).Fingerprint, "2026-11-20", run2),
            ],
            s2.Resolved);

        var s3 = await SiteAsync(store, run3, Qingshan);
        var byUrl = s3.Findings.ToDictionary(f => f.Url!);
        Assert.Equal((FindingStates.Open, "2026-11-20"), (byUrl[DeadPdf].State, byUrl[DeadPdf].FirstSeen));
        Assert.Equal((FindingStates.Reopened, "2026-11-20"), (byUrl[DeadDoc].State, byUrl[DeadDoc].FirstSeen));
        Assert.Empty(s3.Resolved); // the guide was resolved in run 2; run 3 compares with run 2 only
    }

    [Fact]
    public async Task An_unreachable_night_resolves_nothing()
    {
        await using var t = await TestStore.CreateAsync();
        await RunAsync(t.Store, TestStore.Night1, (Qingshan, [Dead(DeadPdf)]));
        var run2 = await t.Store.StartRunAsync(TestStore.Night1.AddDays(1), "siteaudit 0.1.0", "{}", default);
        var siteRun = await t.Store.StartSiteAsync(run2, TestStore.Site(Qingshan), TestStore.Night1.AddDays(1), default);
        var down = TestStore.Finding(RuleIds.SiteUnreachable, Qingshan);
        await t.Store.FinishSiteAsync(siteRun,
            TestStore.Outcome(TestStore.Night1.AddDays(1), down) with { Status = SiteStatus.Unreachable }, default);

        var site = await SiteAsync(t.Store, run2, Qingshan);
        Assert.Equal(SiteStatus.Unreachable, site.Status);
        Assert.Empty(site.Resolved); // the dead PDF was not re-checked, so it is not 已整改
    }

    [Fact]
    public async Task Different_sites_do_not_share_history()
    {
        await using var t = await TestStore.CreateAsync();
        var sameRuleAndUrl = Dead("http://www.gov.cn/shared.pdf");
        var run1 = await RunAsync(t.Store, TestStore.Night1, (Qingshan, [sameRuleAndUrl]), (Lvshui, []));
        var run2 = await RunAsync(t.Store, TestStore.Night1.AddDays(1), (Qingshan, []), (Lvshui, [sameRuleAndUrl]));

        var lvshui2 = await SiteAsync(t.Store, run2, Lvshui);
        Assert.Equal(FindingStates.New, Assert.Single(lvshui2.Findings).State);
        Assert.Empty(lvshui2.Resolved);
        Assert.Single((await SiteAsync(t.Store, run2, Qingshan)).Resolved);
        Assert.Equal(2, (await t.Store.LoadRunAsync(run1, default))!.Sites.Count);
    }

    [Fact]
    public async Task Duplicate_fingerprints_keep_the_first_finding()
    {
        await using var t = await TestStore.CreateAsync();
        var first = Dead(DeadPdf) with { Message = "第一条" };
        var run = await RunAsync(t.Store, TestStore.Night1, (Qingshan, [first, Dead(DeadPdf) with { Message = "第二条" }]));

        Assert.Equal("第一条", Assert.Single((await SiteAsync(t.Store, run, Qingshan)).Findings).Message);
    }

    [Fact]
    public async Task A_site_that_never_finished_loads_as_partial_and_is_not_previous()
    {
        await using var t = await TestStore.CreateAsync();
        var run1 = await RunAsync(t.Store, TestStore.Night1, (Qingshan, [Dead(DeadPdf)]));

        // Night 2: the process is killed during the crawl.
        var night2 = TestStore.Night1.AddDays(1);
        var run2 = await t.Store.StartRunAsync(night2, "siteaudit 0.1.0", "{}", default);
        var killed = await t.Store.StartSiteAsync(run2, TestStore.Site(Qingshan), night2, default);
        await t.Store.AddFetchesAsync(killed, [TestStore.Fetch(Qingshan), TestStore.Fetch(DeadPdf, DeadReason.Http4xx, 404, false)], default);

        var report2 = await t.Store.LoadRunAsync(run2, default);
        Assert.Equal(RunStatus.Running, report2!.Run.Status);
        Assert.Null(report2.Run.FinishedAt);
        var site = Assert.Single(report2.Sites);
        Assert.Equal(SiteStatus.Partial, site.Status);
        Assert.Equal(new SiteStats(1, 2, 0), site.Stats);
        Assert.Empty(site.Findings);
        Assert.Empty(site.Resolved);

        // Night 3 compares with night 1, the last one that finished.
        var run3 = await RunAsync(t.Store, TestStore.Night1.AddDays(2), (Qingshan, [Dead(DeadPdf)]));
        var finding = Assert.Single((await SiteAsync(t.Store, run3, Qingshan)).Findings);
        Assert.Equal((FindingStates.Open, "2026-11-20"), (finding.State, finding.FirstSeen));
        Assert.NotEqual(run1, run3);
    }

    [Fact]
    public async Task A_loaded_run_carries_what_was_stored()
    {
        await using var t = await TestStore.CreateAsync();
        var store = t.Store;
        var run = await store.StartRunAsync(TestStore.Night1, "siteaudit 0.1.0", "{}", default);
        var site = TestStore.Site(Qingshan);
        var siteRun = await store.StartSiteAsync(run, site, TestStore.Night1, default);
        ColumnResult[] columns =
        [
            new("guide", "公开指南", true, true, Qingshan + "xxgk/gkzn/", MatchKinds.Alias, "信息公开指南", 1, "2025-01-20"),
            new("annual-report", "政府信息公开年报", true, false, null, null, null),
        ];
        Finding[] findings =
        [
            TestStore.Finding(RuleIds.ColumnStale, Qingshan + "b", Severity.Warning, "notices"),
            TestStore.Finding(RuleIds.LinkDead, Qingshan + "z", Severity.Error),
            TestStore.Finding(RuleIds.ColumnMissing, null, Severity.Warning, "guide"),
            TestStore.Finding(RuleIds.GuideIncomplete, Qingshan + "g", Severity.Info),
            TestStore.Finding(RuleIds.LinkDead, Qingshan + "a", Severity.Error) with { PageUrl = Qingshan },
        ];
        var outcome = new SiteOutcome(SiteStatus.Audited, new SiteStats(118, 604, 5120), columns, findings,
            TestStore.Night1.AddMinutes(20), "部分页面超时");
        await store.FinishSiteAsync(siteRun, outcome, default);
        await store.FinishRunAsync(run, RunStatus.Completed, TestStore.Night1.AddHours(1), default);

        var report = (await store.LoadRunAsync(run, default))!;

        Assert.Equal(new RunInfo(run, TestStore.Night1, TestStore.Night1.AddHours(1), RunStatus.Completed, "siteaudit 0.1.0"), report.Run);
        Assert.Equal(TimeSpan.FromHours(8), report.Run.StartedAt.Offset); // written as given
        var s = Assert.Single(report.Sites);
        Assert.Equal((site.Name, Qingshan, site.Slug, "county-portal", SiteStatus.Audited, "部分页面超时"),
            (s.Name, s.Url, s.Slug, s.Profile, s.Status, s.Error));
        Assert.Equal(outcome.Stats, s.Stats);
        Assert.Equal(columns, s.Columns);
        // Severity first (errors on top), then rule, then url.
        Assert.Equal(
            [(Severity.Error, Qingshan + "a"), (Severity.Error, Qingshan + "z"), (Severity.Warning, null),
             (Severity.Warning, Qingshan + "b"), (Severity.Info, Qingshan + "g")],
            s.Findings.Select(f => (f.Severity, f.Url)));
        var dead = s.Findings[0];
        Assert.Equal((Qingshan, "问题", "http-4xx", findings[4].Fingerprint),
            (dead.PageUrl, dead.Message, (string?)dead.Evidence["reason"], dead.Fingerprint));
    }

    [Fact]
    public async Task Finishing_a_site_again_replaces_its_findings()
    {
        await using var t = await TestStore.CreateAsync();
        var run = await t.Store.StartRunAsync(TestStore.Night1, "siteaudit 0.1.0", "{}", default);
        var siteRun = await t.Store.StartSiteAsync(run, TestStore.Site(Qingshan), TestStore.Night1, default);
        await t.Store.FinishSiteAsync(siteRun, TestStore.Outcome(TestStore.Night1, Dead(DeadPdf), Dead(DeadDoc)), default);
        await t.Store.FinishSiteAsync(siteRun, TestStore.Outcome(TestStore.Night1, Dead(DeadPdf)), default);

        Assert.Equal([DeadPdf], (await SiteAsync(t.Store, run, Qingshan)).Findings.Select(f => f.Url));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            t.Store.FinishSiteAsync(siteRun + 1, TestStore.Outcome(TestStore.Night1), default));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            t.Store.StartSiteAsync("no-such-run", TestStore.Site(Qingshan), TestStore.Night1, default));
    }

    [Fact]
    public async Task Unknown_run_loads_as_null()
    {
        await using var t = await TestStore.CreateAsync();
        Assert.Null(await t.Store.LoadRunAsync("20990101-000000-dead", default));
    }

    [Fact]
    public async Task Runs_list_newest_first_with_readable_sortable_ids()
    {
        await using var t = await TestStore.CreateAsync();
        var utc = new DateTimeOffset(2026, 11, 22, 18, 0, 0, TimeSpan.Zero);
        var older = await t.Store.StartRunAsync(utc.ToOffset(TimeSpan.FromHours(8)), "t", "{}", default); // 02:00 +08
        var newer = await t.Store.StartRunAsync(utc.AddMinutes(5), "t", "{}", default);                   // 18:05 Z
        var oldest = await t.Store.StartRunAsync(utc.AddDays(-1), "t", "{}", default);

        Assert.Matches(new Regex("^20261122-180000-[0-9a-f]{4}$"), older);
        Assert.Equal([newer, older, oldest], (await t.Store.ListRunsAsync(10, default)).Select(r => r.Id));
        Assert.Equal([newer], (await t.Store.ListRunsAsync(1, default)).Select(r => r.Id));
    }
}
