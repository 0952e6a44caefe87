using System.Net;
using System.Text.RegularExpressions;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting.Tests;

public sealed partial class HtmlReportTests : IAsyncLifetime
{
    private readonly TempDir dir = new();
    private readonly RunReport report = SampleRun.Build();
    private Dictionary<string, string> pages = [];

    public async Task InitializeAsync()
    {
        await Reports.WriteAsync(report, dir.Path, CancellationToken.None);
        pages = Directory.GetFiles(dir.Path, "*.html", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(dir.Path, p).Replace('\\', '/'), File.ReadAllText);
    }

    public Task DisposeAsync()
    {
        dir.Dispose();
        return Task.CompletedTask;
    }

    private string SitePage(SiteReport site) => pages[$"sites/{site.Slug}/index.html"];

    [Fact]
    public void Writes_the_index_and_one_page_per_site()
    {
        var expected = report.Sites.Select(s => $"sites/{s.Slug}/index.html").Append("index.html").Order(StringComparer.Ordinal);
        Assert.Equal(expected, pages.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(report.Sites.Count + 1, pages.Count);
        foreach (var html in pages.Values)
        {
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.Contains("<html lang=\"zh-CN\">", html);
            Assert.Contains("<meta charset=\"utf-8\">", html);
            Assert.Single(Regex.Matches(html, "<style>"));
        }
    }

    [Fact]
    public void Index_links_to_each_site_page_and_the_paths_resolve()
    {
        var index = pages["index.html"];
        foreach (var site in report.Sites)
        {
            var href = $"sites/{site.Slug}/index.html";
            Assert.Matches($"<a [^>]*href=\"{Regex.Escape(href)}\"[^>]*>{Regex.Escape(Html.Escape(site.Name))}</a>", index);
            Assert.True(File.Exists(Path.Combine(dir.Path, href)), href);

            var page = SitePage(site);
            Assert.Contains("href=\"../../index.html\"", page);
            Assert.True(File.Exists(Path.GetFullPath(Path.Combine(dir.Path, "sites", site.Slug, "../../index.html"))));
        }
    }

    [Fact]
    public void Index_shows_run_status_and_counts()
    {
        var index = pages["index.html"];
        Assert.Contains("20261121-180000-ab12", index);
        Assert.Contains("2026-11-22 02:00:00", index);
        Assert.Contains("2026-11-22 02:25:30", index);
        foreach (var label in new[] { "合格", "未完成", "无法访问", "部分完成", "严重", "警告", "提示", "链接失效", "栏目缺失", "单项否决", "站点无法访问" })
            Assert.Contains(label, index);
        var total = report.Sites.Sum(s => s.Findings.Count);
        Assert.Contains($"共 {total} 个问题", index);
    }

    [Fact]
    public void Every_finding_url_appears_escaped_on_its_site_page()
    {
        foreach (var site in report.Sites)
        {
            var page = SitePage(site);
            foreach (var f in site.Findings)
            {
                if (f.Url is not null) Assert.Contains(Html.Escape(f.Url), page);
                if (f.PageUrl is not null) Assert.Contains(Html.Escape(f.PageUrl), page);
                Assert.Contains(Html.Escape(f.Message), page);
                Assert.Contains(Html.Escape(ReportLabels.Rule(f.Rule)), page);
            }
            foreach (var r in site.Resolved.Where(r => r.Url is not null))
                Assert.Contains(Html.Escape(r.Url!), page);
        }
    }

    [Fact]
    public void Site_page_shows_columns_evidence_states_and_resolved()
    {
        var page = SitePage(SampleRun.Qingshan());
        Assert.Contains("✓", page);
        Assert.Contains("✗", page);
        foreach (var label in new[] { "别名", "网址特征", "名称", "页面元数据", "新增", "再次出现", "未整改", "已整改", "HTTP状态", "引用页面",
                     "请求超时", "五、存在的主要问题及改进情况", "传真号码", "栏目不更新（column.stale）", "引用页面（8）", "其余 3 个页面" })
            Assert.Contains(label, page);
        Assert.Contains("<span class=\"badge state-new\">新增</span>", page);
        Assert.Contains("homepage.stale", page); // unknown rule: shown with its id

        // Groups: site-level first, then by column in the profile's order, then the rest in the report's rule order.
        var order = Regex.Matches(page, "<section class=\"group\" id=\"rule-([a-z0-9-]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(
            ["site-veto", "guide-incomplete-guide", "annual-report-missing-annual-report", "column-stale-news", "column-empty-notices",
             "column-missing-policy", "annual-report-incomplete", "interpretation-missing", "interpretation-unlinked",
             "interpretation-late", "link-dead", "homepage-stale"],
            order);

        var unreachable = SitePage(SampleRun.Baishi());
        Assert.Contains("无法访问", unreachable);
        Assert.Contains("域名无法解析", unreachable);
        Assert.Contains("白石县人民政府" + SampleRun.RareCharacter, unreachable);

        var clean = SitePage(SampleRun.Qingshui());
        Assert.Contains("未发现问题", clean);
        Assert.DoesNotContain("id=\"resolved\"", clean);
    }

    [Fact]
    public void Crawled_payloads_appear_only_escaped()
    {
        foreach (var payload in SampleRun.Payloads)
        {
            foreach (var (name, html) in pages)
                Assert.False(html.Contains(payload, StringComparison.Ordinal), $"raw payload {payload} in {name}");
            Assert.Contains(pages.Values, html => html.Contains(Html.Escape(payload), StringComparison.Ordinal));
        }
        Assert.Contains(Html.Escape("测试站点 {{7*7}}"), pages["index.html"]);
        Assert.Contains(Html.Escape("抓取中断：" + SampleRun.Script), SitePage(SampleRun.Payload()));
    }

    [Fact]
    public void Only_http_urls_become_links()
    {
        foreach (var (name, html) in pages)
        {
            Assert.DoesNotMatch(new Regex(@"(href|src)\s*=\s*[""']?\s*(javascript|data|vbscript):", RegexOptions.IgnoreCase), html);
            foreach (Match m in Href().Matches(html))
            {
                var href = WebUtility.HtmlDecode(m.Groups["v"].Value);
                Assert.True(href.StartsWith("http://", StringComparison.Ordinal) || href.StartsWith("https://", StringComparison.Ordinal)
                    || href.StartsWith('#') || href == "../../index.html" || href == "zhenggai.csv" || Regex.IsMatch(href, "^sites/[a-z0-9-]+/index.html$"),
                    $"unexpected href {href} in {name}");
            }
        }
        var page = SitePage(SampleRun.Qingshan());
        Assert.Contains(Html.Escape(SampleRun.JavascriptUrl), page); // shown, as text
    }

    [Fact]
    public void Pages_load_nothing_from_the_network()
    {
        foreach (var (name, html) in pages)
        {
            foreach (Match tag in ResourceTag().Matches(html))
                Assert.DoesNotMatch(new Regex(@"(src|href)\s*=\s*[""']?\s*(https?:)?//", RegexOptions.IgnoreCase), tag.Value);
            // The only scripts are the templates' own, inline, each allowed by its hash in the page's policy.
            var csp = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").Groups[1].Value;
            csp = WebUtility.HtmlDecode(csp);
            Assert.StartsWith("default-src 'none';", csp);
            Assert.DoesNotContain("unsafe-inline'; script", csp);
            Assert.DoesNotMatch("script-src[^;]*unsafe", csp);
            foreach (Match script in Regex.Matches(html, "<script([^>]*)>(.*?)</script>", RegexOptions.Singleline))
            {
                Assert.Equal("", script.Groups[1].Value);
                var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script.Groups[2].Value)));
                Assert.Contains($"'sha256-{hash}'", csp);
            }
            Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(new Regex(@"url\(\s*[""']?\s*(https?:)?//", RegexOptions.IgnoreCase), html);
        }
    }

    [GeneratedRegex("href=\"(?<v>[^\"]*)\"")]
    private static partial Regex Href();

    [GeneratedRegex(@"<(link|script|img|iframe|frame|embed|object|source|video|audio|input)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceTag();
}
