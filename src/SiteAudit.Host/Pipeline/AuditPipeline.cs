using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SiteAudit.Core.Model;
using SiteAudit.Crawling;
using SiteAudit.Crawling.Fetching;
using SiteAudit.Crawling.Frontier;
using SiteAudit.Crawling.Rendering;
using SiteAudit.Reporting;
using SiteAudit.Rules;
using SiteAudit.Rules.Columns;
using SiteAudit.Rules.Content;
using SiteAudit.Rules.Links;
using SiteAudit.Rules.Site;

namespace SiteAudit.Host.Pipeline;

/// <summary>
/// One audit run, data flowing one way: sites → crawl (pages and links into the store) → rules over the stored
/// facts → findings into the store → reports rendered from the store. Sites run in parallel; one site's failure
/// is recorded on that site and never stops the others.
/// </summary>
public sealed class AuditPipeline(
    IAuditStore store,
    HttpClient http,
    CrawlOptions crawlOptions,
    RenderOptions renderOptions,
    AuditSettings settings,
    ReportWriter reports,
    TimeProvider time,
    ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger<AuditPipeline>();
    private readonly ColumnLocator _locator = new();

    public static string ToolName => $"siteaudit {typeof(AuditPipeline).Assembly.GetName().Version?.ToString(3) ?? "0.1.0"}";

    public async Task<RunReport> RunAsync(IReadOnlyList<SiteTarget> sites, string outputDirectory, object options, CancellationToken ct)
    {
        var runId = await store.StartRunAsync(time.GetUtcNow(), ToolName, JsonSerializer.Serialize(options), CancellationToken.None);
        _log.LogInformation("Run {RunId}: auditing {Count} site(s)", runId, sites.Count);

        // Per run: politeness state and the external-link cache are shared by all sites of this run only.
        var throttle = new HostThrottle(crawlOptions, time);
        var fetcher = new HttpFetcher(http, throttle, crawlOptions, time, loggers.CreateLogger<HttpFetcher>());
        var robots = new RobotsPolicy(fetcher, throttle, crawlOptions, loggers.CreateLogger<RobotsPolicy>());
        // One browser per run, started only when a page needs it (or at once for --render always, to fail early).
        var renderMode = ParseRenderMode(settings.Render);
        await using var renderer = renderMode == RenderMode.Never
            ? null
            : new PageRenderer(renderOptions, crawlOptions.UserAgent, loggers.CreateLogger<PageRenderer>());
        if (renderMode == RenderMode.Always) await renderer!.EnsureStartedAsync(ct);
        var shots = renderer is null ? null : new EvidenceShots(renderer, store, time, _log);
        var crawler = new SiteCrawler(fetcher, new ExternalLinkCache(), robots, crawlOptions, time, loggers.CreateLogger<SiteCrawler>(),
            renderer, renderMode);

        var completed = 0;
        await Parallel.ForEachAsync(sites,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, crawlOptions.ParallelSites), CancellationToken = CancellationToken.None },
            async (site, _) =>
            {
                await AuditSiteAsync(runId, site, crawler, shots, renderMode, ct);
                var done = Interlocked.Increment(ref completed);
                _log.LogInformation("Progress: {Done}/{Total} sites", done, sites.Count);
            });

        var status = ct.IsCancellationRequested ? RunStatus.Partial : RunStatus.Completed;
        await store.FinishRunAsync(runId, status, time.GetUtcNow(), CancellationToken.None);
        var report = SiteRegions.Apply(await store.LoadRunAsync(runId, CancellationToken.None)
                     ?? throw new InvalidOperationException($"run {runId} vanished from the store"), sites);
        var history = await ReportHistory.LoadAsync(store, report, ReportHistory.DefaultRuns, CancellationToken.None);
        await reports.WriteAsync(report, history, outputDirectory, store, CancellationToken.None);
        _log.LogInformation("Run {RunId} {Status}: reports in {Output}", runId, status, Path.GetFullPath(outputDirectory));
        return report;
    }

    public static RenderMode ParseRenderMode(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "always" => RenderMode.Always,
        "never" => RenderMode.Never,
        _ => RenderMode.Auto,
    };

    private async Task AuditSiteAsync(string runId, SiteTarget site, SiteCrawler crawler, EvidenceShots? shots, RenderMode renderMode, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var siteRunId = await store.StartSiteAsync(runId, site, time.GetUtcNow(), CancellationToken.None);
        var progress = new CrawlProgress();
        _log.LogInformation("Site {Name} ({Url}): crawling", site.Name, site.Url);
        SiteOutcome outcome;
        try
        {
            var prior = await LoadPriorCrawlAsync(site, siteRunId, renderMode, ct);
            var crawl = await crawler.CrawlAsync(site, new CrawlRecorder(store, siteRunId), progress, ct, prior);
            // Where a site's time goes (crawl, then rules and evidence), for whoever tunes a nightly run.
            _log.LogInformation("Site {Name}: crawled {Pages} pages in {Seconds:0.0}s; judging", site.Name, crawl.PagesFetched, watch.Elapsed.TotalSeconds);
            outcome = await JudgeAsync(runId, site, siteRunId, crawl, shots, watch, ct);
        }
        catch (Exception ex)
        {
            // Recorded on the site, visible in its report; the run goes on with the other sites.
            _log.LogError(ex, "Site {Name} ({Url}) failed", site.Name, site.Url);
            outcome = new SiteOutcome(SiteStatus.Partial, new SiteStats(progress.Pages, progress.Checked, watch.ElapsedMilliseconds),
                [], [], time.GetUtcNow(), $"审计中断：{ex.Message}");
        }
        await store.FinishSiteAsync(siteRunId, outcome, CancellationToken.None);
        _log.LogInformation("Site {Name}: {Status}, {Pages} pages, {Checked} URLs checked, {Findings} findings in {Seconds:0.0}s",
            site.Name, outcome.Status, outcome.Stats.PagesFetched, outcome.Stats.LinksChecked, outcome.Findings.Count, watch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The site's previous audit for conditional GETs (SiteAudit:Crawl:ConditionalGet, --no-conditional), when its pages
    /// were read the way this run reads them; null otherwise, or when it cannot be loaded (the crawl then fetches in full).
    /// </summary>
    private async Task<PriorCrawl?> LoadPriorCrawlAsync(SiteTarget site, long siteRunId, RenderMode renderMode, CancellationToken ct)
    {
        if (!crawlOptions.ConditionalGet) return null;
        try
        {
            var audit = await store.FindPriorAuditAsync(siteRunId, ct);
            if (audit is null) return null;
            if (!ReadAlike(audit.RunOptionsJson, renderMode))
            {
                _log.LogInformation("Site {Name}: the previous audit rendered pages differently; fetching every page in full", site.Name);
                return null;
            }
            var prior = await PriorCrawl.LoadAsync(store.Facts(audit.SiteRunId), ct);
            _log.LogInformation("Site {Name}: {Count} pages of the previous audit are asked for conditionally", site.Name, prior.Count);
            return prior;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log.LogWarning("Site {Name}: the previous audit's pages cannot be read ({Error}); fetching every page in full", site.Name, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Whether the static pages of a run with options <paramref name="optionsJson"/> are what this run would read:
    /// with rendering off always; with --render auto only after an auto run (a run without the render decision never
    /// asked whether a page needed the browser); with --render always never (every page is rendered). Rendered pages
    /// carry no validators, so they are never reused.
    /// </summary>
    internal static bool ReadAlike(string optionsJson, RenderMode mode)
    {
        if (mode == RenderMode.Never) return true;
        if (mode == RenderMode.Always) return false;
        try
        {
            using var doc = JsonDocument.Parse(optionsJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                   && doc.RootElement.TryGetProperty("render", out var render) && render.ValueKind == JsonValueKind.String
                   && ParseRenderMode(render.GetString()) == RenderMode.Auto;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<SiteOutcome> JudgeAsync(string runId, SiteTarget site, long siteRunId, SiteCrawlResult crawl, EvidenceShots? shots,
        Stopwatch watch, CancellationToken ct)
    {
        SiteStats Stats() => new(crawl.PagesFetched, crawl.UrlsChecked, watch.ElapsedMilliseconds);
        if (crawl.UnreachableHome is { } home)
        {
            var finding = SiteUnreachable.For(site, home.Outcome, home.Status, home.Error);
            return new SiteOutcome(SiteStatus.Unreachable, Stats(), [], [finding], time.GetUtcNow());
        }

        var facts = store.Facts(siteRunId);
        var columns = await _locator.LocateAsync(site.Profile, crawl.HomeUrl, facts, CancellationToken.None);
        // A crawl stopped half-way cannot prove a column absent; only what it saw dead is reported.
        var rules = crawl.Cancelled ? new RuleSet([new DeadLinkRule()]) : RuleSet.Default();
        var context = new RuleContext(site, crawl.HomeUrl, facts, columns, time);
        var findings = await rules.EvaluateAsync(context, CancellationToken.None);
        // Evidence for the reports (not with --render never, nor for a crawl cut short).
        if (shots is not null && !crawl.Cancelled) findings = await shots.TakeAsync(site, siteRunId, crawl.HomeUrl, columns, findings, ct);
        var status = crawl.Cancelled || crawl.PageCapReached ? SiteStatus.Partial : SiteStatus.Audited;
        var columnResults = crawl.Cancelled ? columns.Columns : await ColumnContents.WithItemsAsync(context, CancellationToken.None);
        if (!crawl.Cancelled) await UnitAuditor.AuditAsync(store, runId, context, status, time, _log);
        return new SiteOutcome(status, Stats(), columnResults, findings, time.GetUtcNow());
    }
}
