using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SiteAudit.Core.Model;
using SiteAudit.Crawling.Extraction;
using SiteAudit.Crawling.Fetching;
using SiteAudit.Crawling.Frontier;
using SiteAudit.Crawling.Quirks;
using SiteAudit.Crawling.Rendering;

namespace SiteAudit.Crawling;

/// <summary>How a site's crawl ended.</summary>
public sealed record SiteCrawlResult(
    Uri HomeUrl,
    FetchResult? UnreachableHome,
    int PagesFetched,
    int UrlsChecked,
    bool PageCapReached,
    bool Cancelled)
{
    public bool Unreachable => UnreachableHome is not null;
}

/// <summary>Live counters of a site's crawl, for progress lines.</summary>
public sealed class CrawlProgress
{
    private int _pages, _checked, _failed;
    public int Pages => _pages;
    public int Checked => _checked;
    public int Failed => _failed;
    internal void Page() => Interlocked.Increment(ref _pages);
    internal void Check(bool ok) { Interlocked.Increment(ref _checked); if (!ok) Interlocked.Increment(ref _failed); }
}

/// <summary>
/// Crawls one site breadth-first from its homepage: parses in-scope pages, follows their navigation links,
/// checks every other link (in-scope resources, and external URLs through the run's shared cache), and hands
/// every fetch and link to the recorder. One bad page never stops the site.
/// </summary>
/// <remarks>
/// With a <paramref name="renderer"/> (--render auto|always), pages whose static HTML cannot answer what the profile
/// asks, and anti-bot challenges, are read as the browser shows them; everything else stays plain HTTP.
/// With the previous audit's pages (<see cref="PriorCrawl"/>), pages it parsed are asked for conditionally, and a 304
/// takes the page's facts from that audit instead of a body.
/// </remarks>
public sealed class SiteCrawler(HttpFetcher fetcher, ExternalLinkCache externalLinks, RobotsPolicy robots, CrawlOptions options, TimeProvider time,
    ILogger<SiteCrawler> log, PageRenderer? renderer = null, RenderMode renderMode = RenderMode.Never)
{
    private bool _rendererFailed;

    /// <param name="Recheck">The second opinion on a transient failure, asked after the site's crawl has drained.</param>
    /// <remarks>The URL is kept as its string while queued: a parsed Uri costs about ten times as much, and a big site's
    /// frontier holds most of its URLs at once (95k queued on a 105k-page site: 170 MB as Uris).</remarks>
    private sealed record WorkItem(string Url, int Depth, bool Parse, bool Recheck = false);

    /// <param name="prior">The site's previous audit, for conditional GETs; null: every page is fetched in full.</param>
    public async Task<SiteCrawlResult> CrawlAsync(SiteTarget site, CrawlRecorder recorder, CrawlProgress progress, CancellationToken ct,
        PriorCrawl? prior = null)
    {
        var scope = new SiteScope(site);
        var home = await fetcher.FetchPageAsync(site.Url, ct).ConfigureAwait(false);
        if (home.Outcome == DeadReason.Timeout)
        {
            // The fetcher does not retry timeouts at once (links get a later recheck); a site is not called down on one.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, options.RetryDelayMs)), time, ct).ConfigureAwait(false);
            home = await fetcher.FetchPageAsync(site.Url, ct).ConfigureAwait(false);
        }
        if (home.Outcome == DeadReason.Blocked && await RenderAsync(home, "the homepage is an anti-bot challenge", ct).ConfigureAwait(false) is { } passed)
            home = passed;
        if (!home.IsOk)
        {
            await recorder.AddAsync(ToRecord(home, crawled: false, null, 0), null, ct).ConfigureAwait(false);
            await recorder.FlushAsync(ct).ConfigureAwait(false);
            return new SiteCrawlResult(site.Url, home, 0, 1, false, false);
        }

        var homeUrl = home.FinalUrl ?? site.Url;
        scope.Add(homeUrl);
        // The homepage (and the not-found probe) are always read in full: the soft-404 verdicts and the render decision compare with them.
        var state = new CrawlState(scope, homeUrl, new RenderDecision(site, renderer is null ? RenderMode.Never : renderMode), prior);
        state.Seen(site.Url.AbsoluteUri);
        state.Seen(homeUrl.AbsoluteUri);
        state.TakePageSlot(options.MaxPages);

        var cancelled = false;
        try
        {
            state.NotFoundText = await ProbeNotFoundPageAsync(homeUrl, ct).ConfigureAwait(false);
            var firstRound = new List<WorkItem>();
            await ProcessPageAsync(home, 0, state, recorder, progress, firstRound.Add, ct).ConfigureAwait(false);
            await RunRoundAsync(firstRound, state, recorder, progress, options.PerHost * 2, site, ct).ConfigureAwait(false);
            // Timeouts, resets and 5xx under load are often the load's fault: ask once more, gently, before calling them dead.
            // Pages that succeed on recheck may lead to new links, whose own transient failures get the same second chance.
            List<WorkItem> deferred;
            while ((deferred = state.TakeDeferred()).Count > 0)
            {
                log.LogDebug("Rechecking {Count} transient failures of {Site}", deferred.Count, site.Url);
                await RunRoundAsync(deferred, state, recorder, progress, Math.Max(1, options.PerHost / 2), site, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            cancelled = true;
        }
        finally
        {
            // Whatever was crawled is kept, also when the run is being stopped.
            await recorder.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return new SiteCrawlResult(homeUrl, null, progress.Pages, progress.Checked, state.CapReached, cancelled);
    }

    /// <summary>Works through <paramref name="seed"/> and everything it leads to with <paramref name="workers"/> workers.</summary>
    private async Task RunRoundAsync(IReadOnlyList<WorkItem> seed, CrawlState state, CrawlRecorder recorder, CrawlProgress progress,
        int workers, SiteTarget site, CancellationToken ct)
    {
        if (seed.Count == 0) return;
        var queue = Channel.CreateUnbounded<WorkItem>();
        var pending = 0;
        void Enqueue(WorkItem item)
        {
            Interlocked.Increment(ref pending);
            queue.Writer.TryWrite(item);
        }
        foreach (var item in seed) Enqueue(item);

        var tasks = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(async () =>
        {
            await foreach (var item in queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await ProcessAsync(item, state, recorder, progress, Enqueue, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A parser or store surprise on one URL is logged; the rest of the site goes on.
                    log.LogError(ex, "Failed to process {Url} of {Site}", item.Url, site.Url);
                }
                finally
                {
                    if (Interlocked.Decrement(ref pending) == 0) queue.Writer.TryComplete();
                }
            }
        }, ct)).ToArray();
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task ProcessAsync(WorkItem item, CrawlState state, CrawlRecorder recorder, CrawlProgress progress,
        Action<WorkItem> enqueue, CancellationToken ct)
    {
        var url = new Uri(item.Url);
        var robotsExcluded = item.Parse && !await robots.AllowsAsync(url, ct).ConfigureAwait(false);
        if (item.Parse && !robotsExcluded && (item.Recheck || state.Traps.MayParse(url) && state.TakePageSlot(options.MaxPages)))
        {
            var validators = state.Prior is { } prior && !state.Render.RemembersTemplateOf(url) ? prior.ValidatorsFor(url) : null;
            var page = await fetcher.FetchPageAsync(url, validators, ct).ConfigureAwait(false);
            if (validators is not null && page is { IsOk: true, Status: 304 })
            {
                if (await ReuseAsync(page, item.Depth, state, recorder, progress, enqueue, ct).ConfigureAwait(false)) return;
                page = await fetcher.FetchPageAsync(url, ct).ConfigureAwait(false);
            }
            if (page.IsTransient && !item.Recheck) { state.Defer(item with { Recheck = true }); return; }
            if (page.Outcome == DeadReason.Blocked && state.Render.Mode != RenderMode.Never
                && await RenderAsync(page, "anti-bot challenge", ct).ConfigureAwait(false) is { } passed)
                page = passed;
            await ProcessPageAsync(page, item.Depth, state, recorder, progress, enqueue, ct).ConfigureAwait(false);
            return;
        }

        var result = state.Scope.Contains(url)
            ? await fetcher.CheckAsync(url, ct).ConfigureAwait(false)
            : await externalLinks.CheckAsync(url, item.Recheck, url => fetcher.CheckAsync(url, CancellationToken.None)).WaitAsync(ct).ConfigureAwait(false);
        if (result.IsTransient && !item.Recheck) { state.Defer(item with { Recheck = true }); return; }
        if (result.IsOk && state.Scope.Contains(url) && result.FinalUrl is { } final && SoftNotFound.IsRedirectToHome(url, final, state.Home))
            result = result with { Outcome = DeadReason.Soft404, Error = $"redirected to the homepage {final}" };
        if (result.IsOk && robotsExcluded)
            result = result with { Outcome = DeadReason.RobotsExcluded, Error = "robots.txt disallows crawling this page" };
        progress.Check(result.IsOk);
        await recorder.AddAsync(ToRecord(result, crawled: false, null, item.Depth), null, ct).ConfigureAwait(false);
    }

    private async Task ProcessPageAsync(FetchResult page, int depth, CrawlState state, CrawlRecorder recorder,
        CrawlProgress progress, Action<WorkItem> enqueue, CancellationToken ct)
    {
        var finalUrl = page.FinalUrl ?? page.Url;
        PageExtract? extract = null;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddHours(8));
        if (page.IsOk && page.Body is { Length: > 0 } data && Gkmlpt.IsApi(finalUrl))
        {
            // A 集约化 list API: its JSON is the column's list page. Anything else it answers (an error page, garbage) is
            // not read as a page at all, so the column is left unjudged rather than called empty.
            extract = LinkExtractor.ExtractJson(HtmlDecoder.Decode(data, page.Charset).Text, finalUrl);
            if (extract is null)
            {
                log.LogWarning("{Url} is a gkmlpt list API but answered {Type} that is not its JSON list", finalUrl, page.ContentType ?? "no content type");
                page = page with { Error = $"not the gkmlpt list JSON ({page.ContentType ?? "no content type"})" };
            }
        }
        else if (page.IsOk && page.IsHtml && page.Body is { Length: > 0 } body)
        {
            var html = HtmlDecoder.Decode(body, page.Charset).Text;
            extract = LinkExtractor.Extract(html, finalUrl, today);
            if (!page.Rendered && state.Render.Reason(finalUrl, depth, html, extract) is { } renderWhy
                && await RenderAsync(page, renderWhy, ct, html).ConfigureAwait(false) is { } rendered)
            {
                var renderedExtract = LinkExtractor.Extract(HtmlDecoder.Decode(rendered.Body, rendered.Charset).Text, rendered.FinalUrl ?? finalUrl, today);
                state.Render.Learn(finalUrl, extract, renderedExtract);
                (page, extract, finalUrl) = (rendered, renderedExtract, rendered.FinalUrl ?? finalUrl);
            }
        }
        if (depth == 0) state.HomeText = extract?.VisibleText;
        if (depth > 0 && page.IsOk && SoftNotFoundReason(page, finalUrl, extract, state) is { } why)
        {
            // A page that is gone is a dead link, and its template links are not the site's content.
            page = page with { Outcome = DeadReason.Soft404, Error = why };
            extract = null;
        }
        await RecordPageAsync(page, finalUrl, extract, depth, state, recorder, progress, enqueue, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// An unchanged page (304): its facts as the previous audit recorded them, recorded under this run (status 304 shows
    /// the reuse) and its links followed as if it had been parsed. False when that cannot stand for a full read: the
    /// previous facts are gone, or this run would read the page otherwise (rendered, or as a soft 404); then the caller
    /// fetches it in full.
    /// </summary>
    private async Task<bool> ReuseAsync(FetchResult page, int depth, CrawlState state, CrawlRecorder recorder, CrawlProgress progress,
        Action<WorkItem> enqueue, CancellationToken ct)
    {
        var previous = await state.Prior!.LoadPageAsync(page.Url, ct).ConfigureAwait(false);
        if (previous is null) return false;
        var finalUrl = page.FinalUrl ?? page.Url;
        var links = previous.Links.Select(l => new ExtractedLink(new Uri(l.ToUrl), l.Tag, l.Text, l.Title)).ToList();
        var extract = new PageExtract(previous.Fetch.Title, finalUrl, links, previous.Fetch.Meta ?? [], Content: previous.Content);
        // The body's own verdicts (document.write, scripts, soft-404 text) were reached on the same bytes last time; what
        // depends on this crawl (template memory, depth, the homepage) is asked again.
        if (state.Render.Reason(finalUrl, depth, html: "", extract) is not null || SoftNotFoundReason(page, finalUrl, extract, state) is not null)
            return false;
        page = page with
        {
            ContentType = previous.Fetch.ContentType,
            ETag = page.ETag ?? previous.Fetch.ETag,
            LastModified = page.LastModified ?? previous.Fetch.LastModified,
        };
        await RecordPageAsync(page, finalUrl, extract, depth, state, recorder, progress, enqueue, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Counts and records a page read (or found dead), and queues its links.</summary>
    private async Task RecordPageAsync(FetchResult page, Uri finalUrl, PageExtract? extract, int depth, CrawlState state,
        CrawlRecorder recorder, CrawlProgress progress, Action<WorkItem> enqueue, CancellationToken ct)
    {
        progress.Page();
        progress.Check(page.IsOk);
        List<LinkRecord>? links = null;
        if (extract is not null)
        {
            links = new List<LinkRecord>(extract.Links.Count);
            foreach (var link in extract.Links)
            {
                links.Add(new LinkRecord(finalUrl.AbsoluteUri, link.Target.AbsoluteUri, link.Tag, link.Text, link.Title));
                if (!state.Seen(link.Target.AbsoluteUri)) continue;
                var parse = link.IsNavigation && state.Scope.Contains(link.Target) && SiteScope.IsDocumentLike(link.Target)
                            && depth + 1 <= options.MaxDepth;
                enqueue(new WorkItem(link.Target.AbsoluteUri, depth + 1, parse));
            }
        }

        await recorder.AddAsync(ToRecord(page, crawled: extract is not null, extract, depth), links, extract?.Content, ct).ConfigureAwait(false);
        // A redirected page is known under both its URLs, so a link to either finds it.
        if (page.FinalUrl is { } final && final.AbsoluteUri != page.Url.AbsoluteUri && state.Seen(final.AbsoluteUri))
            await recorder.AddAsync(ToRecord(page with { Url = final }, extract is not null, extract, depth), null, extract?.Content, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The page as the browser shows it, as a fetch result whose body is the rendered DOM; null when rendering is off,
    /// failed, or the browser is still stopped by a challenge. A browser that cannot start switches rendering off for
    /// the run, loudly.
    /// </summary>
    private async Task<FetchResult?> RenderAsync(FetchResult page, string why, CancellationToken ct, string? knownHtml = null)
    {
        if (renderer is null || _rendererFailed) return null;
        var url = page.FinalUrl ?? page.Url;
        try
        {
            var result = await renderer.RenderAsync(url, screenshot: false, ct, knownHtml).ConfigureAwait(false);
            var body = System.Text.Encoding.UTF8.GetBytes(result.Html);
            if (AntiBot.IsChallenge(result.Status ?? 200, body.AsSpan(0, Math.Min(body.Length, AntiBot.ProbeBytes)), "utf-8"))
            {
                log.LogInformation("Rendered {Url} ({Why}) is still a challenge", url, why);
                return null;
            }
            log.LogDebug("Rendered {Url}: {Why}", url, why);
            var status = result.Status is >= 200 and < 400 ? result.Status : 200;
            // The validators describe the static HTML, not what the browser showed: a rendered page's record keeps none,
            // so the next audit never takes its facts from a 304.
            return page with { Outcome = FetchRecord.Ok, Status = status, FinalUrl = result.FinalUrl, ContentType = "text/html", Charset = "utf-8",
                               Body = body, Error = null, Rendered = true, ETag = null, LastModified = null };
        }
        catch (RendererUnavailableException ex)
        {
            _rendererFailed = true;
            log.LogError("Browser rendering is unavailable, continuing without it: {Error}", ex.Message);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("Rendering {Url} failed ({Error}); using its static HTML", url, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// What the site serves for a URL that cannot exist, when it serves a page with 200 there (a soft-404 site):
    /// that page's visible text (as a key), so pages saying the same are recognised. Null when the site answers 404 as it
    /// should, or serves its homepage (then redirect-to-home is what tells).
    /// </summary>
    private async Task<string?> ProbeNotFoundPageAsync(Uri home, CancellationToken ct)
    {
        var probe = await fetcher.FetchPageAsync(SoftNotFound.ProbeUrl(home), ct).ConfigureAwait(false);
        if (!probe.IsOk || probe.Body is not { Length: > 0 } body || SoftNotFound.IsRedirectToHome(probe.Url, probe.FinalUrl ?? probe.Url, home))
            return null;
        var extract = LinkExtractor.Extract(HtmlDecoder.Decode(body, probe.Charset).Text, probe.FinalUrl ?? probe.Url);
        log.LogDebug("{Home} answers 200 for a URL that cannot exist; pages identical to it are soft 404s", home);
        return extract.VisibleText;
    }

    private static string? SoftNotFoundReason(FetchResult page, Uri finalUrl, PageExtract? extract, CrawlState state)
    {
        var home = state.Home;
        if (SoftNotFound.IsRedirectToHome(page.Url, finalUrl, home)) return $"redirected to the homepage {finalUrl}";
        if (extract is null) return null;
        if (state.NotFoundText is not null && extract.VisibleText == state.NotFoundText && extract.VisibleText != state.HomeText)
            return "identical to what the site answers for a URL that does not exist";
        if (extract.SaysNotFound) return $"the page says it does not exist (\"{extract.Title}\")";
        if (extract.Refresh is { } refresh && SoftNotFound.IsRefreshToParent(finalUrl, refresh, home, extract.VisibleTextLength))
            return $"an empty page refreshing to {refresh}";
        return null;
    }

    private FetchRecord ToRecord(FetchResult r, bool crawled, PageExtract? extract, int depth) =>
        new(r.Url.AbsoluteUri, r.Outcome, r.Status, r.FinalUrl?.AbsoluteUri, r.ContentType, crawled, extract?.Title, depth,
            r.DurationMs, time.GetUtcNow(), r.Error, r.ETag, r.LastModified, extract?.Meta.Count > 0 ? extract.Meta : null);

    /// <summary>The seen-set and page budget of one site's crawl, shared by its workers.</summary>
    private sealed class CrawlState(SiteScope scope, Uri home, RenderDecision render, PriorCrawl? prior)
    {
        private readonly HashSet<ulong> _seen = new(); // UrlKey: 8 bytes a URL, not the URL
        private readonly List<WorkItem> _deferred = new();
        private int _pages;
        public SiteScope Scope { get; } = scope;
        public TrapGuard Traps { get; } = new();
        public RenderDecision Render { get; } = render;
        public PriorCrawl? Prior { get; } = prior;
        public string? NotFoundText { get; set; }
        public string? HomeText { get; set; }
        public Uri Home { get; } = home;
        public bool CapReached { get; private set; }

        /// <summary>True the first time a URL is seen.</summary>
        public bool Seen(string url)
        {
            var key = UrlKey.Of(url);
            lock (_seen) return _seen.Add(key);
        }

        public void Defer(WorkItem item)
        {
            lock (_deferred) _deferred.Add(item);
        }

        public List<WorkItem> TakeDeferred()
        {
            lock (_deferred)
            {
                var items = _deferred.ToList();
                _deferred.Clear();
                return items;
            }
        }

        public bool TakePageSlot(int max)
        {
            if (Interlocked.Increment(ref _pages) <= max) return true;
            CapReached = true;
            return false;
        }
    }
}
