using SiteAudit.Reporting.Tests;
using Xunit.Abstractions;

namespace SiteAudit.BrowserTests;

/// <summary>
/// Not a check: with SITEAUDIT_DOCS_REPORT set to a report folder (the demo's: out/demo), takes the README's
/// screenshots of its summary and first site page into docs/screenshots/. docs/screenshots.sh does it all.
/// </summary>
public sealed class DocsScreenshots(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    [Fact]
    public async Task Takes_the_readme_screenshots_when_asked()
    {
        var report = Environment.GetEnvironmentVariable("SITEAUDIT_DOCS_REPORT");
        if (string.IsNullOrWhiteSpace(report) || Browser.OptedOut) return;
        report = Path.GetFullPath(report, RepoPaths.Root); // a relative folder is taken from the repository root
        var folder = Path.Combine(RepoPaths.Root, "docs", "screenshots");
        var site = Directory.GetFiles(Path.Combine(report, "sites"), "index.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();

        foreach (var (file, name) in new[] { (Path.Combine(report, "index.html"), "summary"), (site, "site") })
        {
            await using var watched = await browser.OpenAsync(file, width: 1280, height: 800);
            foreach (var path in await Screenshots.TakeAsync(watched.Page, folder, name)) output.WriteLine($"screenshot: {path}");
            Assert.Empty(watched.Problems);
        }
    }
}
