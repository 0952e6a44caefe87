using Microsoft.Extensions.Logging.Abstractions;
using SiteAudit.Crawling.Rendering;
using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Rendering;

/// <summary>
/// The real Debian Chromium through Playwright. CI installs it (.ci/setup ensure_chromium); without it these tests
/// fail and say so — they never pass silently.
/// </summary>
public sealed class RendererTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly PageRenderer _renderer = browser.Renderer;

    [Fact]
    public async Task ScriptBuiltMenusAndXhrListsAreInTheRenderedDom()
    {
        await using var site = await FakeServer.StartAsync();
        site.Html("/", """
                <html><head><meta charset="utf-8"><title>县政府</title></head><body><div id="menu"></div><ul id="list"></ul>
                <script>
                document.getElementById('menu').innerHTML = '<a href="/zwgk/">政府信息公开</a>';
                fetch('/api/list.json').then(r => r.json()).then(items => {
                  document.getElementById('list').innerHTML = items.map(i => '<li><a href="' + i.url + '">' + i.title + '</a></li>').join('');
                });
                document.write('<a href="/written.html">写入的链接</a>');
                </script></body></html>
                """)
            .Bytes("/api/list.json", """[{"url":"/a/1.html","title":"第一条"}]"""u8.ToArray(), "application/json");

        var result = await _renderer.RenderAsync(new Uri(site.Url("/")), screenshot: false, CancellationToken.None);

        Assert.Contains("href=\"/zwgk/\"", result.Html);
        Assert.Contains("第一条", result.Html);
        Assert.Contains("/written.html", result.Html);
        Assert.Equal(200, result.Status);
    }

    [Fact]
    public async Task AChallengeThatSetsACookieAndReloadsIsGotThrough()
    {
        await using var site = await FakeServer.StartAsync();
        site.Map("/", ctx =>
        {
            var passed = ctx.Request.Cookies.ContainsKey("waf_pass");
            var html = passed
                ? "<html><head><meta charset=\"utf-8\"><title>青山县人民政府</title></head><body><a href=\"/zwgk/\">政府信息公开</a></body></html>"
                : "<html><head><script>$_ts={};document.cookie='waf_pass=1; path=/';location.reload();</script></head><body></body></html>";
            return FakeServer.WriteAsync(ctx, passed ? 200 : 412, System.Text.Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");
        });

        var result = await _renderer.RenderAsync(new Uri(site.Url("/")), screenshot: true, CancellationToken.None);

        Assert.Contains("政府信息公开", result.Html);
        Assert.NotNull(result.Screenshot);
        Assert.True(result.Screenshot!.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
    }

    [Fact]
    public async Task ContextsAreBoundedAndIndependent()
    {
        await using var site = await FakeServer.StartAsync();
        var inFlight = 0;
        var peak = 0;
        site.MapPrefix("/p", async ctx =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (site) peak = Math.Max(peak, now);
            await Task.Delay(200);
            Interlocked.Decrement(ref inFlight);
            await FakeServer.WriteAsync(ctx, 200, "<html><body>ok</body></html>"u8.ToArray(), "text/html");
        });
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => _renderer.RenderAsync(new Uri(site.Url($"/p{i}")), false, CancellationToken.None)));
        Assert.InRange(peak, 1, 2);
    }

    [Fact]
    public async Task ASiteKeepsItsCookiesAndTabsAndNoOtherSiteSeesThem()
    {
        await using var first = await FakeServer.StartAsync();
        await using var second = await FakeServer.StartAsync();
        const string Page = """
            <html><head><meta charset="utf-8"></head><body><p id="c"></p>
            <script>document.getElementById('c').textContent = 'cookie[' + document.cookie + ']'; document.cookie = 'seen=1; path=/';</script>
            </body></html>
            """;
        first.Html("/a.html", Page).Html("/b.html", Page);
        second.Html("/a.html", Page);

        var one = await _renderer.RenderAsync(new Uri(first.Url("/a.html")), false, CancellationToken.None);
        var again = await _renderer.RenderAsync(new Uri(first.Url("/b.html")), false, CancellationToken.None);
        var other = await _renderer.RenderAsync(new Uri(second.Url("/a.html")), false, CancellationToken.None);

        Assert.Contains("cookie[]", one.Html);
        Assert.Contains("cookie[seen=1]", again.Html); // the site's context lives on: a passed challenge stays passed
        Assert.Contains("cookie[]", other.Html);       // cookies ignore ports, contexts do not: the other site starts clean
    }

    [Fact]
    public async Task AMissingBrowserIsALoudError()
    {
        await using var renderer = new PageRenderer(new RenderOptions { ChromiumPath = "/nonexistent/chromium" }, "x", NullLogger<PageRenderer>.Instance);
        var ex = await Assert.ThrowsAsync<RendererUnavailableException>(() => renderer.EnsureStartedAsync(CancellationToken.None));
        Assert.Contains("/nonexistent/chromium", ex.Message);
    }
}

/// <summary>One browser for a test class: starting Chromium costs about two seconds.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public PageRenderer Renderer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(new RenderOptions().ChromiumPath))
            throw new InvalidOperationException("CHROMIUM MISSING: /usr/bin/chromium is required for browser tests (apt-get install chromium; .ci/run installs it).");
        Renderer = new PageRenderer(new RenderOptions { Contexts = 2, Timeout = 15, SettleMs = 800 }, "SiteAudit-test", NullLogger<PageRenderer>.Instance);
        await Renderer.EnsureStartedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await Renderer.DisposeAsync();
}
