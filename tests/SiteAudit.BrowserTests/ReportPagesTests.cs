using Microsoft.Playwright;
using SiteAudit.Core.Model;
using SiteAudit.Reporting;
using SiteAudit.Reporting.Tests;
using Xunit.Abstractions;

namespace SiteAudit.BrowserTests;

/// <summary>
/// The summary and a site page of the sample run (crawled strings carrying HTML and template payloads, a history of
/// three earlier runs), opened as files in Chromium: no console error, nothing loaded from anywhere but the disk,
/// filters and sorting work, payloads show as text, and screenshots at desktop and print size are kept
/// (TestResults/screenshots, or the folder in SITEAUDIT_SCREENSHOTS).
/// </summary>
public sealed class ReportPagesTests(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>, IAsyncLifetime
{
    private readonly TempDir dir = new();
    private readonly RunReport report = SampleRun.Build();

    public static string ScreenshotFolder =>
        Environment.GetEnvironmentVariable("SITEAUDIT_SCREENSHOTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(RepoPaths.Root, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (Browser.OptedOut) return;
        await Reports.WriteAsync(report, SampleRun.History(), dir.Path);
    }

    public Task DisposeAsync()
    {
        dir.Dispose();
        return Task.CompletedTask;
    }

    private bool Skipped()
    {
        if (!Browser.OptedOut) return false;
        output.WriteLine($"NOT RUN: {Browser.SkipVariable}=1 opts out of the browser tests.");
        return true;
    }

    private static Task<int> VisibleRowsAsync(IPage page) => page.Locator("#sites tbody tr:not([hidden])").CountAsync();

    private static async Task<string[]> RowNamesAsync(IPage page) =>
        await page.EvalOnSelectorAllAsync<string[]>("#sites tbody tr", "rows => rows.map(r => r.dataset.name)");

    [Fact]
    public async Task Summary_opens_as_a_file_filters_and_sorts()
    {
        if (Skipped()) return;
        await using var watched = await browser.OpenAsync(dir.File("index.html"));
        var page = watched.Page;

        Assert.True(await page.Locator("#filters").IsVisibleAsync(), "the script shows the filters");
        Assert.Equal("显示 4 / 4 个站点", await page.Locator("#shown-count").TextContentAsync());

        await page.SelectOptionAsync("select[name=region]", "青山市");
        Assert.Equal(2, await VisibleRowsAsync(page));
        await page.SelectOptionAsync("select[name=rule]", RuleIds.LinkDead);
        Assert.Equal(1, await VisibleRowsAsync(page)); // 青山县 (清水镇 has no findings)
        await page.SelectOptionAsync("select[name=region]", "");
        Assert.Equal(2, await VisibleRowsAsync(page)); // and the payload site
        await page.SelectOptionAsync("select[name=severity]", "warning");
        Assert.Equal(0, await VisibleRowsAsync(page)); // every dead link of the sample is 严重
        Assert.Equal("显示 0 / 4 个站点", await page.Locator("#shown-count").TextContentAsync());
        await page.ClickAsync("#filters button[type=reset]");
        await page.WaitForFunctionAsync("() => document.getElementById('shown-count').textContent === '显示 4 / 4 个站点'");
        await page.SelectOptionAsync("select[name=verdict]", SiteVerdict.Veto);
        Assert.Equal(2, await VisibleRowsAsync(page));
        await page.SelectOptionAsync("select[name=verdict]", "");

        await page.ClickAsync("th[data-sort=score] button");
        Assert.Equal(["青山县人民政府", "白石县人民政府" + SampleRun.RareCharacter, "测试站点 {{7*7}}", "清水镇人民政府"], await RowNamesAsync(page));
        Assert.Equal("ascending", await page.GetAttributeAsync("th[data-sort=score]", "aria-sort"));
        await page.ClickAsync("th[data-sort=score] button");
        Assert.Equal("清水镇人民政府", (await RowNamesAsync(page))[0]);
        await page.ClickAsync("th[data-sort=name] button");
        Assert.Equal(4, (await RowNamesAsync(page)).Distinct().Count());

        // Crawled text is text: the payload site's name and region read as typed, and no element came of them.
        var payloadRow = page.Locator("#sites tbody tr", new PageLocatorOptions { HasText = "测试站点" });
        Assert.Contains("测试站点 {{7*7}}", await payloadRow.InnerTextAsync());
        Assert.Contains("测试区" + SampleRun.Script, await payloadRow.InnerTextAsync());
        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.Equal(1, await page.Locator("script").CountAsync());
        Assert.Equal(3, await page.Locator(".chart polyline").CountAsync());

        await page.ClickAsync("th[data-sort=name] button"); // back to a stable order for the picture
        await ScreenshotsAsync(page, "summary");
        Assert.Empty(watched.Problems);
    }

    [Fact]
    public async Task Summary_without_scripts_is_a_plain_table()
    {
        if (Skipped()) return;
        await using var watched = await browser.OpenAsync(dir.File("index.html"), javaScript: false);
        var page = watched.Page;
        Assert.False(await page.Locator("#filters").IsVisibleAsync());
        Assert.Equal(4, await VisibleRowsAsync(page));
        Assert.Equal(0, await page.Locator("th button").CountAsync());
        Assert.Equal(report.Sites.Select(s => s.Name), await RowNamesAsync(page)); // the run's order
        Assert.Empty(watched.Problems);
    }

    [Fact]
    public async Task Site_page_opens_as_a_file_and_prints_a_clean_list()
    {
        if (Skipped()) return;
        var site = SampleRun.Qingshan();
        await using var watched = await browser.OpenAsync(dir.File("sites", site.Slug, "index.html"));
        var page = watched.Page;

        Assert.True(await page.Locator("#print").IsVisibleAsync(), "the script shows the print button");
        Assert.Equal(site.Findings.Count, await page.Locator("tr.finding").CountAsync());
        Assert.Contains(SampleRun.Script, await page.Locator("section.checklist").InnerTextAsync()); // a column's matched link text
        foreach (var f in site.Findings.Where(f => f.Url is not null))
            Assert.True(await page.GetByText(f.Url!, new PageGetByTextOptions { Exact = true }).CountAsync() > 0, f.Url);

        // The referrers folded away open on a click; the links in the table of contents lead to their group.
        var more = page.Locator("details.more-refs").First;
        await more.Locator("summary").ClickAsync();
        Assert.True(await more.Locator("li").First.IsVisibleAsync());
        await page.ClickAsync("nav.toc a[href='#rule-link-dead']");
        Assert.EndsWith("#rule-link-dead", page.Url);

        await ScreenshotsAsync(page, "site", print: async () =>
        {
            Assert.False(await page.Locator("nav.crumbs").IsVisibleAsync());
            Assert.False(await page.Locator("#print").IsVisibleAsync());
            Assert.True(await page.Locator(".print-title").IsVisibleAsync());
            Assert.True(await page.Locator("th.c-done").First.IsVisibleAsync());
            Assert.True(await page.Locator(".signoff").IsVisibleAsync());
        });
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 10_000, "the 整改清单 prints");
        Assert.Empty(watched.Problems);
    }

    [Fact]
    public async Task Every_page_of_the_run_shows_crawled_html_as_text()
    {
        if (Skipped()) return;
        foreach (var file in Directory.GetFiles(dir.Path, "*.html", SearchOption.AllDirectories))
        {
            await using var watched = await browser.OpenAsync(file);
            var page = watched.Page;
            Assert.Equal(0, await page.Locator("img[src=x], [onerror]").CountAsync());
            Assert.Equal(1, await page.Locator("script").CountAsync());
            var text = await page.Locator("body").InnerTextAsync();
            Assert.DoesNotContain("49", text.Replace("2049", "", StringComparison.Ordinal)); // {{7*7}} never evaluated
            Assert.Empty(watched.Problems);
        }
        await using var payload = await browser.OpenAsync(dir.File("sites", "test-gov-cn", "index.html"));
        var body = await payload.Page.Locator("body").InnerTextAsync();
        Assert.Contains(SampleRun.Script + " 标题", body);
        Assert.Contains("抓取中断：" + SampleRun.Script, body);
        Assert.Contains("测试站点 {{7*7}}", body);
    }

    [Fact]
    public async Task A_screenshot_beside_the_report_is_shown_and_nothing_else_is_loaded()
    {
        if (Skipped()) return;
        const string png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        var site = SampleRun.Qingshui() with
        {
            Findings =
            [
                new ReportedFinding(RuleIds.LinkDead, Severity.Warning, "http://qingshui.gov.cn/a.pdf", "http://qingshui.gov.cn/", null, "链接不可用：HTTP 404",
                    new System.Text.Json.Nodes.JsonObject { ["reason"] = "http-4xx", ["status"] = 404, ["screenshot"] = "sites/qingshui-gov-cn/shots/a.png" },
                    "fp1", FindingStates.New, "2026-11-22"),
                new ReportedFinding(RuleIds.LinkDead, Severity.Warning, "http://qingshui.gov.cn/b.pdf", "http://qingshui.gov.cn/", null, "链接不可用：HTTP 404",
                    new System.Text.Json.Nodes.JsonObject { ["reason"] = "http-4xx", ["screenshot"] = "data:image/png;base64," + png },
                    "fp2", FindingStates.New, "2026-11-22"),
            ],
        };
        using var other = new TempDir();
        await Reports.WriteAsync(report with { Sites = [site] }, other.Path);
        Directory.CreateDirectory(other.File("sites", site.Slug, "shots"));
        await File.WriteAllBytesAsync(other.File("sites", site.Slug, "shots", "a.png"), Convert.FromBase64String(png));

        await using var watched = await browser.OpenAsync(other.File("sites", site.Slug, "index.html"));
        var widths = await watched.Page.EvalOnSelectorAllAsync<int[]>("figure.shot img", "imgs => imgs.map(i => i.naturalWidth)");
        Assert.Equal([1, 1], widths); // both allowed by the policy (img-src data: 'self') and loaded
        Assert.Empty(watched.Problems);
    }

    private async Task ScreenshotsAsync(IPage page, string name, Func<Task>? print = null)
    {
        foreach (var path in await Screenshots.TakeAsync(page, ScreenshotFolder, name, print)) output.WriteLine($"screenshot: {path}");
    }
}
