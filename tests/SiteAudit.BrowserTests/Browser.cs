using Microsoft.Playwright;

namespace SiteAudit.BrowserTests;

/// <summary>
/// One headless Debian Chromium for the tests of a class, through Playwright (its own browser download cannot work
/// on these machines). Without Chromium every test fails and says how to get it — unless SITEAUDIT_SKIP_BROWSER_TESTS=1
/// opts out, and then each test says it did not run.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string SkipVariable = "SITEAUDIT_SKIP_BROWSER_TESTS";
    public const string PathVariable = "SITEAUDIT_CHROMIUM";

    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public static string ChromiumPath => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } p ? p : "/usr/bin/chromium";

    /// <summary>True when the environment opted out of browser tests (they then return at once, saying so).</summary>
    public static bool OptedOut => Environment.GetEnvironmentVariable(SkipVariable) == "1";

    public async Task InitializeAsync()
    {
        if (OptedOut) return;
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Chromium not found at {ChromiumPath}: the browser tests of the reports need it. Run `bash .ci/run` (it installs it " +
                $"with apt-get through ensure_chromium), or `apt-get install chromium fonts-noto-cjk`; set {PathVariable} for another " +
                $"path, or {SkipVariable}=1 to skip these tests.");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Args,
        });
    }

    /// <summary>A fresh context (desktop size unless told) and page whose console errors, page errors, dialogs and
    /// non-file requests are recorded in <see cref="WatchedPage.Problems"/>.</summary>
    public async Task<WatchedPage> OpenAsync(string file, int width = 1366, int height = 900, bool javaScript = true)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            JavaScriptEnabled = javaScript,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        var page = await context.NewPageAsync();
        var watched = new WatchedPage(context, page);
        await page.GotoAsync(new Uri(file).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return watched;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
    }
}

/// <summary>A page and what went wrong on it: console errors, uncaught exceptions, dialogs, requests off the disk.</summary>
public sealed class WatchedPage : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> problems = [];

    public WatchedPage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning") Add($"console {m.Type}: {m.Text}");
        };
        page.PageError += (_, e) => Add($"page error: {e}");
        page.Dialog += async (_, d) =>
        {
            Add($"dialog ({d.Type}): {d.Message}");
            await d.DismissAsync();
        };
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith("file:", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal))
                Add($"request off the disk: {r.Url}");
        };
        page.RequestFailed += (_, r) => Add($"request failed: {r.Url} {r.Failure}");
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Problems
    {
        get { lock (problems) return [.. problems]; }
    }

    private void Add(string problem)
    {
        lock (problems) problems.Add(problem);
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
