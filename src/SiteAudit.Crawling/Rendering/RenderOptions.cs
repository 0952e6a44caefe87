namespace SiteAudit.Crawling.Rendering;

/// <summary>Browser rendering settings (configuration section SiteAudit:Render; the mode is --render).</summary>
public sealed class RenderOptions
{
    public const string Section = "SiteAudit:Rendering";

    /// <summary>Debian's Chromium: Playwright's own browser download cannot work on these machines.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Pages rendered at the same time (tabs; each site has a browser context of its own).</summary>
    public int Contexts { get; set; } = 2;

    /// <summary>Seconds a page may take to load and settle.</summary>
    public int Timeout { get; set; } = 20;

    /// <summary>
    /// At most this many milliseconds to wait for the network to go quiet after load (scripts fetching menus and lists).
    /// Pages that go quiet sooner do not pay it; a short cap read pages before their lists arrived on a loaded machine.
    /// </summary>
    public int SettleMs { get; set; } = 5000;

    /// <summary>
    /// Screenshots are of the full page but no taller than this many pixels: a portal page listing years of news
    /// would otherwise make a PNG of many megabytes for every site of a nightly run.
    /// </summary>
    public int ScreenshotMaxHeight { get; set; } = 4000;

    /// <summary>Flags for running as root in a container without a GPU or outside network.</summary>
    public static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--no-first-run", "--disable-quic", "--blink-settings=imagesEnabled=false"];
}
