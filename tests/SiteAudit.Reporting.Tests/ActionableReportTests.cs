using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting.Tests;

/// <summary>Verdicts, scores, trends, filters, the checklist, advice per rule and the 整改清单 (issue 5).</summary>
public sealed partial class ActionableReportTests : IAsyncLifetime
{
    private readonly TempDir dir = new();
    private readonly RunReport report = SampleRun.Build();
    private string index = "";

    public async Task InitializeAsync()
    {
        await Reports.WriteAsync(report, SampleRun.History(), dir.Path);
        index = File.ReadAllText(dir.File("index.html"));
    }

    public Task DisposeAsync()
    {
        dir.Dispose();
        return Task.CompletedTask;
    }

    private string SitePage(SiteReport site) => File.ReadAllText(dir.File("sites", site.Slug, "index.html"));

    /// <summary>The summary's row of a site: from its &lt;tr data-order …&gt; to the next &lt;/tr&gt;.</summary>
    private string Row(SiteReport site)
    {
        var at = index.IndexOf($"data-name=\"{Html.Escape(site.Name)}\"", StringComparison.Ordinal);
        Assert.True(at > 0, site.Name);
        var start = index.LastIndexOf("<tr", at, StringComparison.Ordinal);
        return index[start..index.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }

    [Fact]
    public void Verdicts_follow_single_veto_and_unreachable_sites()
    {
        var veto = SiteVerdict.Of(SampleRun.Qingshan());
        Assert.Equal((SiteVerdict.Veto, "单项否决", 0), (veto.Id, veto.Label, veto.Score));
        Assert.Equal(["栏目不更新"], veto.VetoReasons); // evidence.rule, by its label

        var unreachable = SiteVerdict.Of(SampleRun.Baishi());
        Assert.Equal((SiteVerdict.Veto, 0), (unreachable.Id, unreachable.Score));
        Assert.Equal(["站点无法访问"], unreachable.VetoReasons);

        Assert.Equal((SiteVerdict.Pass, "合格", 100), (SiteVerdict.Of(SampleRun.Qingshui()).Id, SiteVerdict.Of(SampleRun.Qingshui()).Label, SiteVerdict.Of(SampleRun.Qingshui()).Score));
        var partial = SiteVerdict.Of(SampleRun.Payload()); // one error, partial audit: no verdict, a score of what was seen
        Assert.Equal((SiteVerdict.Incomplete, "未完成", 90), (partial.Id, partial.Label, partial.Score));

        // The content rules name the item in Chinese and list every trigger.
        var triggers = new JsonObject
        {
            ["rule"] = "栏目不更新",
            ["triggers"] = new JsonArray(new JsonObject { ["rule"] = "栏目不更新" }, new JsonObject { ["rule"] = "空白栏目" }),
        };
        Assert.Equal(["栏目不更新", "空白栏目"], SiteVerdict.Of(SiteStatus.Audited, [(RuleIds.SiteVeto, Severity.Error, triggers)]).VetoReasons);

        Assert.Contains("单项否决</span><span class=\"veto-reason\">栏目不更新</span>", Row(SampleRun.Qingshan()));
        Assert.Contains("站点无法访问</span>", Row(SampleRun.Baishi()));
        Assert.Contains(">合格</span>", Row(SampleRun.Qingshui()));
        Assert.Contains(">未完成</span>", Row(SampleRun.Payload()));
    }

    [Theory]
    [InlineData(0, 0, 0, 100)]
    [InlineData(1, 4, 0, 78)]
    [InlineData(2, 1, 5, 72)]
    [InlineData(20, 0, 0, 0)] // never below 0
    public void Score_is_100_minus_deductions_by_severity(int errors, int warnings, int infos, int expected)
    {
        var findings = Enumerable.Repeat(Severity.Error, errors).Concat(Enumerable.Repeat(Severity.Warning, warnings))
            .Concat(Enumerable.Repeat(Severity.Info, infos))
            .Select(s => (RuleIds.LinkDead, s, new JsonObject()));
        Assert.Equal(expected, SiteVerdict.Of(SiteStatus.Audited, findings).Score);
    }

    [Fact]
    public void Summary_shows_score_counts_new_and_resolved_per_site()
    {
        var qingshan = Row(SampleRun.Qingshan());
        Assert.Contains("data-score=\"0\"", qingshan);
        Assert.Contains("data-sev-error=\"10\" data-sev-warning=\"6\" data-sev-info=\"2\"", qingshan);
        Assert.Contains("data-new=\"15\" data-resolved=\"2\"", qingshan);
        Assert.Contains("链接失效 7", qingshan);
        Assert.Contains("data-score=\"100\"", Row(SampleRun.Qingshui()));
        Assert.Contains("平均得分", index);
        Assert.Contains("47.5", index); // (0 + 100 + 0 + 90) / 4
        Assert.Contains("得分 = 100 − 严重问题 × 10 − 警告 × 3 − 提示 × 1", index);
    }

    [Fact]
    public void Filters_carry_regions_rules_and_severities_and_stay_hidden_without_script()
    {
        Assert.Contains("<form id=\"filters\" class=\"filters\" hidden>", index);
        foreach (var option in new[] { "<option value=\"青山市\">青山市（2）</option>", "<option value=\"link.dead\">链接失效（2 个站点）</option>",
                     "<option value=\"warning\">警告</option>", "<option value=\"veto\">单项否决（2）</option>" })
            Assert.Contains(option, index);
        Assert.Contains("data-region=\"青山市\"", Row(SampleRun.Qingshan()));
        Assert.Contains(" column.empty:warning column.missing:error column.stale:warning guide.incomplete:warning homepage.stale:info ", Row(SampleRun.Qingshan()));
        Assert.Contains("data-findings=\"\"", Row(SampleRun.Qingshui()));
        foreach (var sortable in new[] { "name", "region", "verdict", "score", "sev-error", "new", "resolved", "pages" })
            Assert.Contains($"data-sort=\"{sortable}\"", index);
        // A region from the sites file is text like any other.
        Assert.Contains("data-region=\"测试区&lt;script&gt;alert(1)&lt;/script&gt;\"", Row(SampleRun.Payload()));
    }

    [Fact]
    public async Task Without_regions_there_is_no_region_column_or_filter()
    {
        using var other = new TempDir();
        await Reports.WriteAsync(report with { Sites = report.Sites.Select(s => s with { Region = null }).ToList() }, other.Path);
        var html = File.ReadAllText(other.File("index.html"));
        Assert.DoesNotContain("name=\"region\"", html);
        Assert.DoesNotContain("data-sort=\"region\"", html);
        Assert.Contains("还没有更早的运行", html); // and no history: no chart
        Assert.DoesNotContain("<polyline", html);
    }

    [Fact]
    public void Trend_is_an_inline_svg_over_the_earlier_runs_and_this_one()
    {
        var chart = index[index.IndexOf("<section class=\"trend\">", StringComparison.Ordinal)..index.IndexOf("各站点情况", StringComparison.Ordinal)];
        Assert.Contains("最近 4 次运行", chart);
        var lines = PolylinePoints().Matches(chart).Select(m => m.Groups[1].Value.Split(' ')).ToList();
        Assert.Equal(3, lines.Count); // 严重, 警告, 提示
        Assert.All(lines, points => Assert.Equal(4, points.Length));
        // Only the current run's sites count: other.gov.cn (50 errors) in the first run is left out.
        Assert.Contains("11-19 严重 14", chart); // 12 (青山) + 2 (清水)
        Assert.Contains("11-22 严重 12", chart); // this run
        foreach (var label in new[] { "11-19", "11-20", "11-21", "11-22" }) Assert.Contains($">{label}</text>", chart);
        Assert.DoesNotContain("http", chart.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // Per site: a score sparkline, with the scores in its title.
        Assert.Contains("最近 4 次得分：77 → 90 → 100 → 100", Row(SampleRun.Qingshui()));
        Assert.DoesNotContain("<svg", Row(SampleRun.Baishi())); // no earlier run of that site
    }

    [Fact]
    public async Task Run_labels_of_a_long_trend_do_not_crowd()
    {
        using var other = new TempDir();
        var start = report.Run.StartedAt.AddHours(-10);
        var history = Enumerable.Range(0, 9)
            .Select(i => new HistoricRun($"run-{i}", start.AddHours(i), [new HistoricSite(SampleRun.QingshanUrl, SiteStatus.Audited, i, 0, 0, 100 - 10 * i, SiteVerdict.Pass)]))
            .ToList();
        await Reports.WriteAsync(report, history, other.Path);
        var html = File.ReadAllText(other.File("index.html"));
        var labels = Regex.Matches(html, "<text class=\"axis\" x=\"[^\"]+\" y=\"192\" text-anchor=\"([a-z]+)\">([^<]+)</text>").ToList();
        Assert.InRange(labels.Count, 4, 6); // 10 runs on one day (MM-dd HH:mm): every other one
        Assert.Equal(("end", "11-22 02:00"), (labels[^1].Groups[1].Value, labels[^1].Groups[2].Value)); // this run, always
        Assert.Equal(10, Regex.Matches(html, "<g class=\"series sev-error\"><polyline points=\"([^\"]*)\"").Single().Groups[1].Value.Split(' ').Length);
    }

    [Fact]
    public void Site_page_checklist_shows_where_how_fresh_and_how_many()
    {
        var page = SitePage(SampleRun.Qingshan());
        var checklist = page[page.IndexOf("<section class=\"checklist\">", StringComparison.Ordinal)..page.IndexOf("<section class=\"problems\">", StringComparison.Ordinal)];
        Assert.Contains("<span class=\"badge col-state-stale\">不更新</span>", checklist);
        Assert.Contains("<span class=\"badge col-state-empty\">空白</span>", checklist);
        Assert.Contains("<span class=\"badge col-state-missing\">缺失</span>", checklist);
        Assert.Contains("<span class=\"badge col-state-ok\">正常</span>", checklist);
        Assert.Contains("<span class=\"badge col-state-issues\">有问题</span>", checklist); // guide.incomplete
        Assert.Contains("2026-10-01<div class=\"meta\">52 天前</div>", checklist); // run started 2026-11-22 (China time)
        Assert.Contains("<td class=\"num\">20</td>", checklist);
        Assert.Contains("href=\"#rule-column-stale-news\"", checklist);
        Assert.Contains("其他栏目（0 / 1 已找到）", checklist); // optional 规划计划 folded away
    }

    [Fact]
    public void Site_page_numbers_findings_and_gives_source_and_fix_per_rule_and_reason()
    {
        var page = SitePage(SampleRun.Qingshan());
        var numbers = Regex.Matches(page, "<tr id=\"f-[0-9a-f]+\" class=\"finding[^\"]*\">\\s*<td class=\"num\">(\\d+)</td>").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(Enumerable.Range(1, SampleRun.Qingshan().Findings.Count), numbers);

        Assert.Contains(Html.Escape("《中华人民共和国政府信息公开条例》（国务院令第711号）第十二条"), page); // guide.incomplete
        Assert.Contains(Html.Escape("《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）“不可用链接”扣分项"), page);
        Assert.Contains("目标页面或文件已不存在", page); // link.dead, http-4xx
        Assert.Contains("目标长时间没有响应", page); // link.dead, timeout
        Assert.Contains("<th>整改建议</th>", page[page.IndexOf("id=\"rule-link-dead\"", StringComparison.Ordinal)..]);
        Assert.Equal(SampleRun.Qingshan().Findings.Count(f => f.State == FindingStates.New),
            Regex.Matches(page, "<span class=\"badge state-new\">新增</span>").Count);
        Assert.Contains("href=\"zhenggai.csv\"", page);
        Assert.Contains("<th class=\"print-only c-done\">整改情况</th>", page);

        var unreachable = SitePage(SampleRun.Baishi());
        Assert.Contains("域名无法解析：检查域名是否到期", unreachable);
        Assert.Contains("单项否决项“站点无法访问”", unreachable);
    }

    [Fact]
    public async Task Link_text_and_screenshots_from_evidence_are_shown()
    {
        using var other = new TempDir();
        var site = SampleRun.Qingshui() with
        {
            Findings =
            [
                new ReportedFinding(RuleIds.LinkDead, Severity.Warning, "http://qingshui.gov.cn/a.pdf", "http://qingshui.gov.cn/", null, "链接不可用：HTTP 404",
                    new JsonObject { ["reason"] = "http-4xx", ["status"] = 404, ["linkText"] = "附件<b>下载</b>", ["screenshot"] = "sites/qingshui-gov-cn/shots/a.png" },
                    "fp1", FindingStates.New, "2026-11-22"),
                new ReportedFinding(RuleIds.LinkDead, Severity.Warning, "http://qingshui.gov.cn/b.pdf", "http://qingshui.gov.cn/", null, "链接不可用：HTTP 404",
                    new JsonObject { ["reason"] = "http-4xx", ["screenshot"] = "../../../etc/passwd.png" }, "fp2", FindingStates.New, "2026-11-22"),
            ],
        };
        await Reports.WriteAsync(report with { Sites = [site] }, other.Path);
        var page = File.ReadAllText(other.File("sites", site.Slug, "index.html"));
        Assert.Contains("<span class=\"k\">链接文字</span>“附件&lt;b&gt;下载&lt;/b&gt;”", page);
        Assert.Contains("<img src=\"../../sites/qingshui-gov-cn/shots/a.png\" alt=\"页面截图\">", page);
        Assert.Contains("截图：../../../etc/passwd.png", page); // a path that climbs out is only named
        Assert.Single(Regex.Matches(page, "<img "));
    }

    [Fact]
    public async Task Rectification_csv_has_the_page_numbering_and_empty_columns_to_fill()
    {
        var site = SampleRun.Qingshan();
        var bytes = await File.ReadAllBytesAsync(dir.File("sites", site.Slug, "zhenggai.csv"));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = Csv.Parse(new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(["序号", "位置", "问题类型", "严重程度", "问题说明", "链接地址", "所在页面", "链接文字", "引用页面", "证据", "依据", "整改建议",
            "状态", "首次发现", "整改措施", "责任人", "完成时限", "整改状态", "规则", "指纹"], rows[0]);
        Assert.Equal(site.Findings.Count + 1, rows.Count);
        Assert.Equal(Enumerable.Range(1, site.Findings.Count).Select(i => i.ToString()), rows.Skip(1).Select(r => r[0]));
        Assert.All(rows.Skip(1), r => Assert.Equal(["", "", "", ""], r[14..18]));

        // Row n is item n of the page.
        var page = SitePage(site);
        foreach (var row in rows.Skip(1))
            Assert.Matches($"<tr id=\"f-{row[19]}\" class=\"finding[^\"]*\">\\s*<td class=\"num\">{row[0]}</td>", page);

        var first = rows[1];
        Assert.Equal(["全站", "单项否决", "严重"], first[1..4]);
        var timeout = rows.Single(r => r[5] == SampleRun.DeadChinese);
        Assert.Equal(8, timeout[8].Split('\n').Length);
        Assert.StartsWith("目标长时间没有响应", timeout[11]);
        Assert.Contains("原因：请求超时", timeout[9]);
        Assert.Equal("'=HYPERLINK(\"http://evil.example/\",\"点我\")", rows.Single(r => r[5] == SampleRun.CsvTricky)[4]);
        Assert.Equal("工作动态", rows.Single(r => r[18] == RuleIds.ColumnStale)[1]);

        var clean = Csv.Parse(new UTF8Encoding(false).GetString(File.ReadAllBytes(dir.File("sites", "qingshui-gov-cn", "zhenggai.csv"))[3..]));
        Assert.Single(clean); // the header only
    }

    [Fact]
    public void Scripts_are_allowed_by_hash_and_a_page_without_scripts_still_works()
    {
        foreach (var file in Directory.GetFiles(dir.Path, "*.html", SearchOption.AllDirectories))
        {
            var html = File.ReadAllText(file);
            var csp = WebUtility.HtmlDecode(Regex.Match(html, "http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"").Groups[1].Value);
            Assert.Contains("script-src 'sha256-", csp);
            Assert.Contains("img-src data: 'self';", csp);
            Assert.DoesNotContain("http", csp, StringComparison.OrdinalIgnoreCase);
        }
        // Without scripts the table is plain HTML: no button is written by the template, the script adds them.
        Assert.DoesNotContain("<button type=\"button\" class=\"sort\"", index);
    }

    [Fact]
    public async Task Regions_come_from_the_targets_by_slug()
    {
        var catalog = new Core.Profiles.ProfileCatalog([Path.Combine(RepoPaths.Root, "profiles")]);
        var target = Core.Sites.SitesFileLoader.FromUrl(SampleRun.QingshanUrl, null, null, catalog) with { Slug = "qingshan-gov-cn", Region = "青山市" };
        var bare = report with { Sites = report.Sites.Select(s => s with { Region = null }).ToList() };
        var withRegions = SiteRegions.Apply(bare, [target]);
        Assert.Equal(["青山市", null, null, null], withRegions.Sites.Select(s => s.Region));
        await Task.CompletedTask;
    }

    [Fact]
    public void The_sites_file_may_give_each_site_a_region()
    {
        var file = dir.File("sites.yaml");
        File.WriteAllText(file, """
            sites:
              - name: 青山县人民政府
                url: http://www.qingshan.gov.cn/
                region: " 青山市 "
              - name: 白石县人民政府
                url: http://www.baishi.gov.cn/
            """);
        var catalog = new Core.Profiles.ProfileCatalog([Path.Combine(RepoPaths.Root, "profiles")]);
        var targets = Core.Sites.SitesFileLoader.Load(file, catalog);
        Assert.Equal(["青山市", null], targets.Select(t => t.Region));
    }

    [GeneratedRegex("<polyline points=\"([^\"]*)\"")]
    private static partial Regex PolylinePoints();
}
