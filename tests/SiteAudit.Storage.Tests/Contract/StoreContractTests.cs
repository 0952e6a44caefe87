using System.Text.Json.Nodes;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage.Tests.Contract;

/// <summary>
/// What every store must do the same way (SQLite and PostgreSQL): history across nights, retention, interrupted
/// runs, probes, and the crawled facts rules read.
/// </summary>
public sealed class StoreContractTests
{
    private const string Qingshan = "http://www.qingshan.gov.cn/";
    private static readonly string DeadPdf = Qingshan + "uploads/a.pdf";
    private static readonly string DeadDoc = Qingshan + "uploads/b.doc";
    private static readonly DateTimeOffset Night1 = TestStore.Night1;

    private static Finding Dead(string url) => TestStore.Finding(RuleIds.LinkDead, url);

    private static readonly Finding MissingGuide = TestStore.Finding(RuleIds.ColumnMissing, null, Severity.Warning, "guide");

    /// <summary>One night auditing Qingshan with the given site status; returns the run id.</summary>
    private static async Task<string> NightAsync(IAuditStore store, int night, string status, params Finding[] findings)
    {
        var at = Night1.AddDays(night - 1);
        var run = await store.StartRunAsync(at, "siteaudit 0.1.0", "{}", default);
        var siteRun = await store.StartSiteAsync(run, TestStore.Site(Qingshan), at, default);
        await store.FinishSiteAsync(siteRun, TestStore.Outcome(at.AddMinutes(30), findings) with { Status = status }, default);
        await store.FinishRunAsync(run, RunStatus.Completed, at.AddHours(1), default);
        return run;
    }

    private static async Task<SiteReport> SiteAsync(IAuditStore store, string run) =>
        Assert.Single((await store.LoadRunAsync(run, default))!.Sites);

    private static string Day(int night) => Dates.ChinaDay(Night1.AddDays(night - 1).AddMinutes(30));

    [PostgresFact]
    public void PostgreSQL_is_reachable_for_the_store_tests() => Assert.True(TestPostgres.Available);

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Findings_go_new_open_resolved_reopened(string kind)
    {
        await using var s = await StoreKinds.CreateAsync(kind);
        var run1 = await NightAsync(s.Store, 1, SiteStatus.Audited, Dead(DeadPdf), Dead(DeadDoc), MissingGuide);
        var run2 = await NightAsync(s.Store, 2, SiteStatus.Audited, Dead(DeadPdf));
        var run3 = await NightAsync(s.Store, 3, SiteStatus.Audited, Dead(DeadPdf), Dead(DeadDoc));

        Assert.All((await SiteAsync(s.Store, run1)).Findings, f => Assert.Equal((FindingStates.New, Day(1)), (f.State, f.FirstSeen)));
        var s2 = await SiteAsync(s.Store, run2);
        Assert.Equal((FindingStates.Open, Day(1)), (s2.Findings[0].State, s2.Findings[0].FirstSeen));
        Assert.Equal([(RuleIds.ColumnMissing, (string?)null), (RuleIds.LinkDead, DeadDoc)], s2.Resolved.Select(r => (r.Rule, r.Url)));
        Assert.All(s2.Resolved, r => Assert.Equal((Day(1), run2), (r.FirstSeen, r.ResolvedIn)));

        var s3 = (await SiteAsync(s.Store, run3)).Findings.ToDictionary(f => f.Url!);
        Assert.Equal((FindingStates.Open, Day(1)), (s3[DeadPdf].State, s3[DeadPdf].FirstSeen));
        Assert.Equal((FindingStates.Reopened, Day(1)), (s3[DeadDoc].State, s3[DeadDoc].FirstSeen));
        Assert.Empty((await SiteAsync(s.Store, run3)).Resolved);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task After_an_unreachable_night_the_next_complete_audit_compares_with_the_last_complete_one(string kind)
    {
        await using var s = await StoreKinds.CreateAsync(kind);
        await NightAsync(s.Store, 1, SiteStatus.Audited, Dead(DeadPdf), Dead(DeadDoc));
        var down = TestStore.Finding(RuleIds.SiteUnreachable, Qingshan);
        var run2 = await NightAsync(s.Store, 2, SiteStatus.Unreachable, down);
        var run3 = await NightAsync(s.Store, 3, SiteStatus.Audited, Dead(DeadPdf));

        Assert.Empty((await SiteAsync(s.Store, run2)).Resolved); // the dead links were not re-checked that night
        var site3 = await SiteAsync(s.Store, run3);
        var pdf = Assert.Single(site3.Findings);
        Assert.Equal((FindingStates.Open, Day(1)), (pdf.State, pdf.FirstSeen)); // not "reopened": never shown fixed
        // The document fixed while the site was down, and the outage itself, are 已整改 now.
        Assert.Equal([(RuleIds.LinkDead, DeadDoc), (RuleIds.SiteUnreachable, Qingshan)], site3.Resolved.Select(r => (r.Rule, r.Url!)));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_partial_night_neither_resolves_nor_reopens_what_it_did_not_judge(string kind)
    {
        await using var s = await StoreKinds.CreateAsync(kind);
        await NightAsync(s.Store, 1, SiteStatus.Audited, Dead(DeadPdf), MissingGuide);
        var run2 = await NightAsync(s.Store, 2, SiteStatus.Partial, Dead(DeadPdf)); // stopped: columns not judged
        var run3 = await NightAsync(s.Store, 3, SiteStatus.Audited, Dead(DeadPdf), MissingGuide);

        Assert.Empty((await SiteAsync(s.Store, run2)).Resolved);
        var site3 = await SiteAsync(s.Store, run3);
        Assert.All(site3.Findings, f => Assert.Equal((FindingStates.Open, Day(1)), (f.State, f.FirstSeen)));
        Assert.Empty(site3.Resolved);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_site_killed_mid_crawl_loads_as_partial_and_a_reopened_store_marks_the_run_interrupted(string kind)
    {
        await using var s = await StoreKinds.CreateAsync(kind);
        var workerRun = await s.Store.StartRunAsync(Night1, "siteaudit 0.1.0", """{"worker":"nightly","render":"never"}""", default);
        var cliRun = await s.Store.StartRunAsync(Night1.AddMinutes(1), "siteaudit 0.1.0", """{"render":"never"}""", default);
        var otherWorker = await s.Store.StartRunAsync(Night1.AddMinutes(2), "siteaudit 0.1.0", """{"worker":"other"}""", default);
        var siteRun = await s.Store.StartSiteAsync(workerRun, TestStore.Site(Qingshan), Night1, default);
        await s.Store.AddFetchesAsync(siteRun, [TestStore.Fetch(Qingshan), TestStore.Fetch(DeadPdf, DeadReason.Http4xx, 404, false)], default);

        // The process dies here; the next one opens the same store.
        await s.ReopenAsync(new FixedTime(Night1.AddHours(3)));
        var marked = await s.Store.MarkInterruptedRunsAsync("nightly", Night1.AddHours(3), default);

        Assert.Equal([workerRun], marked);
        var runs = (await s.Store.ListRunsAsync(10, default)).ToDictionary(r => r.Id);
        Assert.Equal(RunStatus.Interrupted, runs[workerRun].Status);
        Assert.Equal(Night1.AddHours(3), runs[workerRun].FinishedAt);
        Assert.Equal(RunStatus.Running, runs[cliRun].Status);
        Assert.Equal(RunStatus.Running, runs[otherWorker].Status);
        var site = await SiteAsync(s.Store, workerRun);
        Assert.Equal((SiteStatus.Partial, 1, 2), (site.Status, site.Stats.PagesFetched, site.Stats.LinksChecked));
        Assert.Empty(await s.Store.MarkInterruptedRunsAsync("nightly", Night1.AddHours(4), default));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Pruning_deletes_old_runs_but_keeps_the_baseline_and_the_history(string kind)
    {
        await using var s = await StoreKinds.CreateAsync(kind);
        var run1 = await NightAsync(s.Store, 1, SiteStatus.Audited, Dead(DeadPdf), Dead(DeadDoc));
        var run2 = await NightAsync(s.Store, 2, SiteStatus.Audited, Dead(DeadPdf)); // doc fixed
        var run3 = await NightAsync(s.Store, 3, SiteStatus.Unreachable, TestStore.Finding(RuleIds.SiteUnreachable, Qingshan));
        var siteRun1 = (await s.Store.LoadRunAsync(run1, default))!.Sites.Count; // loads before pruning
        Assert.Equal(1, siteRun1);
        await s.Store.AddProbesAsync(
        [
            new ProbeRecord(Qingshan, Night1.AddDays(-20), false, 200, 100, null),
            new ProbeRecord(Qingshan, Night1.AddDays(2), false, 200, 100, null),
        ], default);
        var resolvedBefore = (await SiteAsync(s.Store, run2)).Resolved;

        // Keep runs started from night 3 on: night 1 goes; night 2 stays (the last complete audit, the baseline).
        var deleted = await s.Store.PruneRunsAsync(Night1.AddDays(2), default);

        Assert.Equal([run1], deleted);
        Assert.Null(await s.Store.LoadRunAsync(run1, default));
        Assert.Equal([run3, run2], (await s.Store.ListRunsAsync(10, default)).Select(r => r.Id));
        Assert.Equal(resolvedBefore, (await SiteAsync(s.Store, run2)).Resolved); // re-rendering shows the same 已整改
        // The probe of night 3 stays; the one 20 days before night 1 (older than the kept runs' week) goes.
        Assert.Equal(1, (await s.Store.GetAvailabilityAsync(Qingshan, Night1.AddDays(-30), Night1.AddDays(30), default)).Probes);

        // Night 4: the document is dead again. Its first sighting (night 1) is gone, but history remembers it.
        var run4 = await NightAsync(s.Store, 4, SiteStatus.Audited, Dead(DeadPdf), Dead(DeadDoc));
        var site4 = (await SiteAsync(s.Store, run4)).Findings.ToDictionary(f => f.Url!);
        Assert.Equal((FindingStates.Reopened, Day(1)), (site4[DeadDoc].State, site4[DeadDoc].FirstSeen));
        Assert.Equal((FindingStates.Open, Day(1)), (site4[DeadPdf].State, site4[DeadPdf].FirstSeen));

        // Nothing left to prune that history needs: run 4 is the baseline now, runs 2 and 3 may go.
        Assert.Equal([run2, run3], await s.Store.PruneRunsAsync(Night1.AddDays(10), default));
        Assert.Equal([run4], (await s.Store.ListRunsAsync(10, default)).Select(r => r.Id));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Probes_give_the_availability_of_a_window_and_the_report_shows_the_week_before_the_audit(string kind)
    {
        await using var s = await StoreKinds.CreateAsync(kind);
        var audit = Night1.AddDays(7);
        var probes = Enumerable.Range(0, 40)
            .Select(i => new ProbeRecord(Qingshan, audit.AddHours(-4 * i - 1), Failed: i % 10 == 0, i % 10 == 0 ? null : 200,
                i % 10 == 0 ? 15_000 : 200 + i, i % 10 == 0 ? "timeout" : null))
            .Append(new ProbeRecord("http://www.lvshui.gov.cn/", audit.AddHours(-1), true, 503, 80, null))
            .ToList();
        await s.Store.AddProbesAsync(probes, default);

        var week = await s.Store.GetAvailabilityAsync(Qingshan, audit.AddDays(-7), audit, default);
        Assert.Equal((40, 4), (week.Probes, week.Failed));
        Assert.Equal(0.1, week.FailureRatio, 3);
        Assert.InRange(week.AverageMs!.Value, 200, 240);
        Assert.Equal((0, 0), ((await s.Store.GetAvailabilityAsync(Qingshan, audit, audit.AddDays(1), default)) is var none ? (none.Probes, none.Failed) : default));

        var run = await s.Store.StartRunAsync(audit, "t", "{}", default);
        var siteRun = await s.Store.StartSiteAsync(run, TestStore.Site(Qingshan), audit, default);
        var facts = s.Store.Facts(siteRun);
        Assert.Equal(40, (await facts.GetAvailabilityAsync(audit.AddDays(-7), audit, default))!.Probes);
        Assert.Null(await facts.GetAvailabilityAsync(audit.AddDays(1), audit.AddDays(2), default));
        await s.Store.FinishSiteAsync(siteRun, TestStore.Outcome(audit.AddMinutes(30)), default);

        var site = await SiteAsync(s.Store, run);
        Assert.NotNull(site.Availability); // the week before the audit finished
        Assert.Equal((40, 4), (site.Availability!.Probes, site.Availability.Failed));
        Assert.Equal(audit.AddMinutes(30), site.Availability.To);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Crawled_facts_read_back_the_same(string kind)
    {
        await using var s = await StoreKinds.CreateAsync(kind);
        var run = await s.Store.StartRunAsync(Night1, "t", "{}", default);
        var siteRun = await s.Store.StartSiteAsync(run, TestStore.Site(Qingshan), Night1, default);
        var page = Qingshan + "xxgk/index.html";
        await s.Store.AddFetchesAsync(siteRun,
        [
            TestStore.Fetch(Qingshan) with { Meta = new JsonObject { ["generator"] = "TRS WCM" }, Title = "青山县\0人民政府" },
            TestStore.Fetch(page),
            TestStore.Fetch(DeadPdf, DeadReason.Timeout, null, false),
            TestStore.Fetch(DeadDoc, DeadReason.Http4xx, 404, false),
        ], default);
        // A recheck replaces the first verdict, and moves the URL to the end of the order.
        await s.Store.AddFetchesAsync(siteRun, [TestStore.Fetch(DeadPdf, DeadReason.Http5xx, 503, false)], default);
        await s.Store.AddLinksAsync(siteRun,
        [
            new LinkRecord(Qingshan, page, "a", "政府信息公开", null),
            new LinkRecord(Qingshan, DeadDoc, "a", "申请表", "下载"),
            new LinkRecord(page, DeadPdf, "a", "年度报告", null),
            new LinkRecord(page, DeadDoc, "a", "申请表", null),
            new LinkRecord(Qingshan, DeadDoc, "a", "申请表", null),
        ], default);

        var facts = s.Store.Facts(siteRun);
        var home = await facts.GetFetchAsync(Qingshan, default);
        Assert.Equal("TRS WCM", (string?)home!.Meta!["generator"]);
        Assert.Equal(kind == StoreKinds.Sqlite ? "青山县\0人民政府" : "青山县\uFFFD人民政府", home.Title); // PostgreSQL text holds no NUL
        Assert.Null(await facts.GetFetchAsync(Qingshan + "nope", default));
        Assert.Equal([page, DeadDoc, DeadDoc], (await facts.GetLinksFromAsync(Qingshan, default)).Select(l => l.ToUrl));
        Assert.Equal([DeadDoc, DeadPdf], await facts.GetFailedFetchesAsync(default).Select(f => f.Url).ToListAsync());
        Assert.Equal((DeadReason.Http5xx, 503), (await facts.GetFetchAsync(DeadPdf, default)) is { } pdf ? (pdf.Outcome, pdf.Status) : default);
        Assert.Equal([Qingshan, page], await facts.GetReferrersAsync(DeadDoc, 5, default));
        Assert.Equal([Qingshan], await facts.GetReferrersAsync(DeadDoc, 1, default));
        var byKey = await facts.FindLinksByTextKeyAsync([TextKey.Of("申请表"), TextKey.Of("政府信息公开")], default);
        Assert.Equal([page, DeadDoc, DeadDoc, DeadDoc], byKey.Select(l => l.ToUrl));
        Assert.Equal(["下载"], (await facts.FindLinksByTextKeyAsync([TextKey.Of("下载")], default)).Select(l => l.Title!));
        Assert.Equal(2, (await facts.FindLinksContainingAsync(TextKey.Of("申请"), 2, default)).Count);
        await Assert.ThrowsAsync<ArgumentException>(() => s.Store.AddLinksAsync(siteRun + 100, [new LinkRecord("a", "b", "a", null, null)], default));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Pages_are_found_by_their_column_name_meta_shallowest_first(string kind)
    {
        await using var s = await StoreKinds.CreateAsync(kind);
        var run = await s.Store.StartRunAsync(Night1, "t", "{}", default);
        var siteRun = await s.Store.StartSiteAsync(run, TestStore.Site(Qingshan), Night1, default);
        static JsonObject Column(string name) => new() { ["SiteName"] = "青山县人民政府", ["ColumnName"] = name };
        var list = Qingshan + "xxgk/tzgg/";
        var article = Qingshan + "xxgk/tzgg/t1.html";
        await s.Store.AddFetchesAsync(siteRun,
        [
            TestStore.Fetch(article) with { Depth = 3, Meta = Column("通知公告") },
            TestStore.Fetch(list) with { Depth = 2, Meta = Column("通知公告") },
            TestStore.Fetch(Qingshan + "xxgk/gkzn/") with { Meta = Column("公开指南") },
            TestStore.Fetch(Qingshan + "xxgk/other/") with { Meta = Column("本县通知公告汇编") },
            TestStore.Fetch(Qingshan + "xxgk/gone/", DeadReason.Soft404, 200, crawled: false) with { Meta = Column("通知公告") },
            TestStore.Fetch(Qingshan) with { Meta = new JsonObject { ["SiteName"] = "青山县人民政府" } },
            TestStore.Fetch(Qingshan + "xxgk/"),
        ], default);

        var facts = s.Store.Facts(siteRun);
        Assert.Equal([list, article], (await facts.FindPagesByColumnNameAsync(["通知公告", "公示公告"], 10, default)).Select(f => f.Url));
        Assert.Equal([list], (await facts.FindPagesByColumnNameAsync(["通知公告"], 1, default)).Select(f => f.Url));
        Assert.Equal("通知公告", (string?)(await facts.FindPagesByColumnNameAsync(["通知公告"], 1, default))[0].Meta!["ColumnName"]);
        Assert.Empty(await facts.FindPagesByColumnNameAsync(["工作动态"], 10, default));
        Assert.Empty(await facts.FindPagesByColumnNameAsync([], 10, default));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_re_audit_finds_the_latest_prior_audit_with_pages_and_its_validators(string kind)
    {
        await using var s = await StoreKinds.CreateAsync(kind);
        var page = Qingshan + "xxgk/index.html";
        var moved = Qingshan + "old/";
        const string modified = "Fri, 20 Nov 2026 01:00:00 GMT";

        // Night 1 audited (the baseline), night 2 partial (a crawl cut short: its pages count too), night 3 unreachable.
        var (_, night1) = await NightWithPagesAsync(s.Store, 1, SiteStatus.Audited, """{"render":"never"}""");
        var (_, night2) = await NightWithPagesAsync(s.Store, 2, SiteStatus.Partial, """{"render":"auto"}""",
            TestStore.Fetch(Qingshan) with { ETag = "\"h1\"" },
            TestStore.Fetch(page) with { ETag = "W/\"p1\"", LastModified = modified },
            TestStore.Fetch(moved) with { FinalUrl = page, LastModified = modified },
            TestStore.Fetch(Qingshan + "plain.html"),                                                  // no validators
            TestStore.Fetch(Qingshan + "a.pdf", crawled: false) with { ETag = "\"f\"" },            // checked, not parsed
            TestStore.Fetch(Qingshan + "gone.html", DeadReason.Soft404) with { ETag = "\"g\"" });   // not ok
        await NightWithPagesAsync(s.Store, 3, SiteStatus.Unreachable, "{}");
        var (run4, night4) = await NightWithPagesAsync(s.Store, 4, null, "{}");
        var other = await s.Store.StartSiteAsync(run4, TestStore.Site("http://other.gov.cn/"), Night1, default);

        Assert.Equal(new PriorAudit(night2, """{"render":"auto"}"""), await s.Store.FindPriorAuditAsync(night4, default));
        Assert.Equal(night1, (await s.Store.FindPriorAuditAsync(night2, default))!.SiteRunId);
        Assert.Null(await s.Store.FindPriorAuditAsync(night1, default));
        Assert.Null(await s.Store.FindPriorAuditAsync(other, default));   // another site's audits are not its own
        Assert.Null(await s.Store.FindPriorAuditAsync(424242, default));

        var validators = await s.Store.Facts(night2).GetPageValidatorsAsync(default).OrderBy(v => v.Url).ToListAsync();
        Assert.Equal(
        [
            new PageValidators(Qingshan, null, "\"h1\"", null),
            new PageValidators(moved, page, null, modified),
            new PageValidators(page, null, "W/\"p1\"", modified),
        ], validators);
        Assert.Empty(await s.Store.Facts(night4).GetPageValidatorsAsync(default).ToListAsync());
    }

    /// <summary>A night auditing Qingshan that recorded <paramref name="fetches"/>; a null status leaves the site running.</summary>
    private static async Task<(string Run, long SiteRun)> NightWithPagesAsync(
        IAuditStore store, int night, string? status, string optionsJson, params FetchRecord[] fetches)
    {
        var at = Night1.AddDays(night - 1);
        var run = await store.StartRunAsync(at, "siteaudit 0.1.0", optionsJson, default);
        var siteRun = await store.StartSiteAsync(run, TestStore.Site(Qingshan), at, default);
        await store.AddFetchesAsync(siteRun, fetches, default);
        if (status is not null)
        {
            await store.FinishSiteAsync(siteRun, TestStore.Outcome(at.AddMinutes(30)) with { Status = status }, default);
            await store.FinishRunAsync(run, RunStatus.Completed, at.AddHours(1), default);
        }
        return (run, siteRun);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Runs_list_newest_first_and_unknown_ids_are_refused(string kind)
    {
        await using var s = await StoreKinds.CreateAsync(kind);
        var utc = new DateTimeOffset(2026, 11, 22, 18, 0, 0, TimeSpan.Zero);
        var older = await s.Store.StartRunAsync(utc.ToOffset(TimeSpan.FromHours(8)), "t", "{}", default);
        var newer = await s.Store.StartRunAsync(utc.AddMinutes(5), "t", "{}", default);
        var oldest = await s.Store.StartRunAsync(utc.AddDays(-1), "t", "{}", default);

        Assert.Equal([newer, older, oldest], (await s.Store.ListRunsAsync(10, default)).Select(r => r.Id));
        Assert.Equal(TimeSpan.FromHours(8), (await s.Store.ListRunsAsync(10, default))[1].StartedAt.Offset);
        Assert.Null(await s.Store.LoadRunAsync("20990101-000000-dead", default));
        await Assert.ThrowsAsync<ArgumentException>(() => s.Store.StartSiteAsync("no-such-run", TestStore.Site(Qingshan), utc, default));
        await Assert.ThrowsAsync<ArgumentException>(() => s.Store.FinishSiteAsync(424242, TestStore.Outcome(utc), default));
        await Assert.ThrowsAsync<ArgumentException>(() => s.Store.FinishRunAsync("no-such-run", RunStatus.Completed, utc, default));
    }
}
