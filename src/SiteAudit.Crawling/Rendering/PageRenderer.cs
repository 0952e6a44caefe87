using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace SiteAudit.Crawling.Rendering;

/// <summary>What a person's browser shows at a URL: the DOM after scripts ran, where it ended up, and optionally a picture.</summary>
public sealed record RenderResult(Uri FinalUrl, int? Status, string Html, byte[]? Screenshot);

/// <summary>The browser is not there or cannot start: rendering was asked for but cannot happen.</summary>
public sealed class RendererUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One headless Chromium (Debian's, through Playwright) shared by a run, started on first use; at most
/// <see cref="RenderOptions.Contexts"/> pages at a time. Each site has a browser context of its own (its own cookies,
/// so one site's challenge cookie never leaks into another) whose tabs are reused from page to page. A crashed
/// browser is started again for the next page; disposing closes it. Images, fonts and media are not loaded.
/// </summary>
public sealed class PageRenderer(RenderOptions options, string userAgent, ILogger<PageRenderer> log) : IAsyncDisposable
{
    private readonly SemaphoreSlim _contexts = new(Math.Max(1, options.Contexts));
    private readonly SemaphoreSlim _launch = new(1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private bool _disposed;

    public int Rendered => _rendered;
    private int _rendered;

    /// <summary>Starts the browser now (to fail early when rendering is required and Chromium is missing).</summary>
    public async Task EnsureStartedAsync(CancellationToken ct) => await BrowserAsync(ct).ConfigureAwait(false);

    /// <param name="knownHtml">
    /// The page as the crawler already decoded it (charset from header, BOM, meta and the bytes). The browser is given
    /// exactly this for the page itself, so it cannot guess another charset and garble non-ASCII links; scripts and
    /// data still come from the site. Null for pages the browser must fetch itself (anti-bot challenges).
    /// </param>
    public async Task<RenderResult> RenderAsync(Uri url, bool screenshot, CancellationToken ct, string? knownHtml = null)
    {
        await _contexts.WaitAsync(ct).ConfigureAwait(false);
        SiteTabs? tabs = null;
        IPage? page = null;
        var reusable = false;
        try
        {
            var browser = await BrowserAsync(ct).ConfigureAwait(false);
            (tabs, page) = await TakeTabAsync(browser, url.Authority).ConfigureAwait(false);
            page.SetDefaultTimeout(options.Timeout * 1000f);
            if (knownHtml is not null)
                await page.RouteAsync(url.AbsoluteUri, route => route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 200, ContentType = "text/html; charset=utf-8", Body = knownHtml,
                }), new PageRouteOptions { Times = 1 }).ConfigureAwait(false);

            var response = await page.GotoAsync(url.AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load }).WaitAsync(ct).ConfigureAwait(false);
            try
            {
                // Menus and lists often arrive by XHR after load; a challenge page reloads itself. Wait for quiet, within reason.
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = options.SettleMs })
                    .WaitAsync(ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A page that keeps polling never goes idle: what it shows by now is what a person sees.
            }
            var html = await page.ContentAsync().ConfigureAwait(false);
            var picture = screenshot ? await ScreenshotAsync(page).ConfigureAwait(false) : null;
            Interlocked.Increment(ref _rendered);
            reusable = true;
            return new RenderResult(new Uri(page.Url), response?.Status, html, picture);
        }
        finally
        {
            if (tabs is not null && page is not null) await ReturnTabAsync(tabs, page, reusable, knownHtml is null ? null : url).ConfigureAwait(false);
            _contexts.Release();
        }
    }

    /// <summary>
    /// A site's browser context (its own cookies: one site's challenge cookie never reaches another, and a challenge
    /// passed once stays passed for the site's later pages) and its idle tabs. Tabs are reused because navigating a
    /// tab keeps its renderer process: a new context and tab per page made Chromium start a process for every page,
    /// which cost more than the page itself.
    /// </summary>
    private sealed class SiteTabs(IBrowserContext context)
    {
        public IBrowserContext Context { get; } = context;
        public Stack<IPage> Idle { get; } = new();
        public int InUse { get; set; }
        public long LastUsed { get; set; }
    }

    private readonly Dictionary<string, Task<SiteTabs>> _sites = new(StringComparer.OrdinalIgnoreCase);
    private IBrowser? _sitesBrowser;
    private long _uses;

    private async Task<(SiteTabs, IPage)> TakeTabAsync(IBrowser browser, string site)
    {
        Task<SiteTabs> pending;
        var evicted = new List<SiteTabs>();
        lock (_sites)
        {
            if (!ReferenceEquals(_sitesBrowser, browser))
            {
                _sites.Clear(); // a restarted browser: the old contexts went with the old one
                _sitesBrowser = browser;
            }
            if (!_sites.TryGetValue(site, out pending!))
            {
                _sites[site] = pending = NewSiteAsync(browser);
                evicted.AddRange(EvictIdleSites());
            }
        }
        foreach (var old in evicted) await CloseQuietlyAsync(old.Context.CloseAsync()).ConfigureAwait(false);
        SiteTabs tabs;
        try
        {
            tabs = await pending.ConfigureAwait(false);
        }
        catch
        {
            // A context that could not be made is not kept: the site's next page tries again.
            lock (_sites)
                if (_sites.TryGetValue(site, out var current) && current == pending) _sites.Remove(site);
            throw;
        }
        IPage? page;
        lock (_sites)
        {
            tabs.InUse++;
            tabs.LastUsed = ++_uses;
            page = tabs.Idle.Count > 0 ? tabs.Idle.Pop() : null;
        }
        try
        {
            return (tabs, page ?? await tabs.Context.NewPageAsync().ConfigureAwait(false));
        }
        catch
        {
            lock (_sites) tabs.InUse--;
            throw;
        }
    }

    private async Task<SiteTabs> NewSiteAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            UserAgent = userAgent,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            IgnoreHTTPSErrors = false,
        }).ConfigureAwait(false);
        // Media change nothing a rule reads; skipping them makes pages settle sooner. (Images are off by a browser
        // flag: intercepting every request through Playwright's driver instead made rendering several times slower.)
        await context.RouteAsync(MediaPattern(), route => route.AbortAsync()).ConfigureAwait(false);
        return new SiteTabs(context);
    }

    /// <summary>Sites beyond twice the page limit, least recently used first, that have no page open (caller holds the lock).</summary>
    private List<SiteTabs> EvictIdleSites()
    {
        var evicted = new List<SiteTabs>();
        var keep = Math.Max(2, options.Contexts * 2);
        foreach (var (key, task) in _sites.Where(e => e.Value.IsCompletedSuccessfully).OrderBy(e => e.Value.Result.LastUsed).ToList())
        {
            if (_sites.Count <= keep) break;
            if (task.Result.InUse > 0) continue;
            _sites.Remove(key);
            evicted.Add(task.Result);
        }
        return evicted;
    }

    /// <summary>Back to the site's idle tabs, blank (so the page stops polling the site), or closed when it failed.</summary>
    private async Task ReturnTabAsync(SiteTabs tabs, IPage page, bool reusable, Uri? routed)
    {
        try
        {
            if (routed is not null) await page.UnrouteAsync(routed.AbsoluteUri).ConfigureAwait(false);
            if (reusable) await page.GotoAsync("about:blank").ConfigureAwait(false);
        }
        catch (PlaywrightException)
        {
            reusable = false;
        }
        if (!reusable || page.IsClosed) await CloseQuietlyAsync(page.CloseAsync()).ConfigureAwait(false);
        lock (_sites)
        {
            tabs.InUse--;
            if (reusable && !page.IsClosed) tabs.Idle.Push(page);
        }
    }

    private static async Task CloseQuietlyAsync(Task closing)
    {
        try
        {
            await closing.ConfigureAwait(false);
        }
        catch (PlaywrightException)
        {
            // Already gone with a crashed browser or context.
        }
    }

    /// <summary>The full page as PNG, its height clipped to <see cref="RenderOptions.ScreenshotMaxHeight"/>.</summary>
    private async Task<byte[]> ScreenshotAsync(IPage page)
    {
        var size = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)]")
            .ConfigureAwait(false);
        var maxHeight = Math.Max(1, options.ScreenshotMaxHeight);
        var clip = size[1] > maxHeight ? new Clip { X = 0, Y = 0, Width = Math.Max(1, size[0]), Height = maxHeight } : null;
        return await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Type = ScreenshotType.Png, Clip = clip }).ConfigureAwait(false);
    }

    private static System.Text.RegularExpressions.Regex MediaPattern() =>
        new(@"\.(woff2?|ttf|otf|eot|mp4|mp3|webm|ogg|avi|flv|swf)(\?|$)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } running) return running;
        await _launch.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsConnected: true } again) return again;
            if (_browser is not null)
            {
                log.LogWarning("Browser disconnected; starting it again");
                await _browser.DisposeAsync().ConfigureAwait(false);
            }
            if (!File.Exists(options.ChromiumPath))
                throw new RendererUnavailableException($"Chromium not found at {options.ChromiumPath} (apt-get install chromium)");
            try
            {
                _playwright ??= await Playwright.CreateAsync().ConfigureAwait(false);
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = options.ChromiumPath,
                    Headless = true,
                    Args = RenderOptions.ChromiumArgs,
                    Timeout = 60_000,
                }).ConfigureAwait(false);
            }
            catch (PlaywrightException ex)
            {
                throw new RendererUnavailableException($"Chromium at {options.ChromiumPath} did not start: {ex.Message}", ex);
            }
            log.LogInformation("Browser started: Chromium {Version}", _browser.Version);
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _launch.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_browser is not null) await _browser.DisposeAsync().ConfigureAwait(false);
            _playwright?.Dispose();
        }
        finally
        {
            _launch.Release();
        }
    }
}
