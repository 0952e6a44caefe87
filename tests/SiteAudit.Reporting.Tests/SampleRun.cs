using System.Text.Json.Nodes;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting.Tests;

/// <summary>A run with one site per situation: every rule kind, a clean site, an unreachable site, a partial one.</summary>
internal static class SampleRun
{
    public const string Script = "<script>alert(1)</script>";
    public const string AttributeBreak = "\"><img src=x onerror=alert(1)>";
    public const string TemplateInjection = "{{7*7}}";
    public const string JavascriptUrl = "javascript:alert(document.cookie)";
    public const string RareCharacter = "𠮷"; // CJK Extension B: outside the BMP

    public static readonly string[] Payloads = [Script, AttributeBreak, TemplateInjection];

    public const string QingshanUrl = "http://www.qingshan.gov.cn/";
    public const string DeadPdf = "http://www.qingshan.gov.cn/uploads/a.pdf";
    public const string DeadChinese = "http://www.qingshan.gov.cn/xxgk/附件.doc?id=5&type=doc";
    public const string CsvTricky = "http://www.qingshan.gov.cn/a,b\"c.html";

    public static RunReport Build(DateTimeOffset? finishedAt = null, bool unfinished = false) => new(
        new RunInfo(
            "20261121-180000-ab12",
            new DateTimeOffset(2026, 11, 21, 18, 0, 0, TimeSpan.Zero),
            unfinished ? null : finishedAt ?? new DateTimeOffset(2026, 11, 21, 18, 25, 30, TimeSpan.Zero),
            unfinished ? RunStatus.Running : RunStatus.Completed,
            "siteaudit 0.1.0"),
        [Qingshan(), Qingshui(), Baishi(), Payload()]);

    /// <summary>Every rule of the contract, plus one rule this version does not know.</summary>
    public static SiteReport Qingshan() => new(
        "青山县人民政府", QingshanUrl, "qingshan-gov-cn", "county-portal", SiteStatus.Audited,
        new SiteStats(118, 604, 5120),
        [
            new ColumnResult("guide", "政府信息公开指南", true, true, "http://www.qingshan.gov.cn/xxgk/gkzn/index.html", MatchKinds.Alias, "信息公开指南", 1, "2025-01-20"),
            new ColumnResult("rules", "政府信息公开制度", true, true, "http://www.qingshan.gov.cn/xxgk/gkzd/", MatchKinds.Name, "政府信息公开制度"),
            new ColumnResult("annual-report", "政府信息公开年报", true, true, "http://www.qingshan.gov.cn/xxgk/gknb/", MatchKinds.UrlHint, null, 6, "2025-03-20"),
            new ColumnResult("news", "工作动态", true, true, "http://www.qingshan.gov.cn/zwdt/", MatchKinds.Name, Script, 20, "2026-10-01"),
            new ColumnResult("notices", "通知公告", true, true, "http://www.qingshan.gov.cn/tzgg/", MatchKinds.Meta, "通知公告", 0, null),
            new ColumnResult("policy", "政策文件", true, false, null, null, null),
            new ColumnResult("planning", "规划计划", false, false, null, null, null),
        ],
        [
            F(RuleIds.SiteVeto, Severity.Error, QingshanUrl, null, null, "栏目不更新达到单项否决标准（5 个栏目）",
                new JsonObject { ["rule"] = RuleIds.ColumnStale, ["count"] = 5 }, FindingStates.New),
            F(RuleIds.ColumnMissing, Severity.Error, null, null, "policy", "未找到法定栏目“政策文件”", new JsonObject(), FindingStates.Open, "2026-10-01"),
            F(RuleIds.ColumnEmpty, Severity.Warning, "http://www.qingshan.gov.cn/tzgg/", null, "notices", "栏目“通知公告”没有内容", new JsonObject(), FindingStates.New),
            F(RuleIds.ColumnStale, Severity.Warning, "http://www.qingshan.gov.cn/zwdt/", null, "news", "栏目“工作动态”超过 14 天未更新",
                new JsonObject { ["latestDate"] = "2026-10-01", ["limitDays"] = 14 }, FindingStates.Reopened, "2026-09-01"),
            F(RuleIds.InterpretationMissing, Severity.Warning, "http://www.qingshan.gov.cn/xxgk/zcwj/202401/t20240105_1.html", null, null,
                "政策文件缺少解读" + AttributeBreak, new JsonObject(), FindingStates.New),
            F(RuleIds.InterpretationUnlinked, Severity.Warning, "http://www.qingshan.gov.cn/xxgk/zcwj/202402/t20240210_2.html", null, null,
                "政策文件与解读未双向关联", new JsonObject { ["interpretationUrl"] = "http://www.qingshan.gov.cn/xxgk/zcjd/202402/t20240212_3.html" }, FindingStates.New),
            F(RuleIds.InterpretationLate, Severity.Info, "http://www.qingshan.gov.cn/xxgk/zcwj/202403/t20240301_4.html", null, null,
                "解读晚于政策文件 10 个工作日发布", new JsonObject { ["interpretationUrl"] = JavascriptUrl, ["lagDays"] = 10 }, FindingStates.Open, "2026-11-01"),
            F(RuleIds.AnnualReportMissing, Severity.Error, null, null, "annual-report", "未发布 2025 年政府信息公开工作年度报告",
                new JsonObject { ["year"] = 2025, ["deadline"] = "2026-03-31" }, FindingStates.New),
            F(RuleIds.AnnualReportIncomplete, Severity.Warning, "http://www.qingshan.gov.cn/xxgk/gknb/202503/t20250320_9.html", null, null,
                "年度报告缺少部分内容", new JsonObject { ["lacking"] = new JsonArray("五、存在的主要问题及改进情况", "六、其他需要报告的事项") }, FindingStates.New),
            F(RuleIds.GuideIncomplete, Severity.Warning, "http://www.qingshan.gov.cn/xxgk/gkzn/index.html", null, "guide",
                "公开指南缺少：传真号码、互联网联系方式", new JsonObject { ["lacking"] = new JsonArray("传真号码", "互联网联系方式") }, FindingStates.New),
            Dead(DeadPdf, "http://www.qingshan.gov.cn/xxgk/zcwj/202401/t20240105_1.html", DeadReason.Http4xx, 404,
                ["http://www.qingshan.gov.cn/xxgk/zcwj/202401/t20240105_1.html", "http://www.qingshan.gov.cn/index.html"], "链接不可用：HTTP 404"),
            Dead(DeadChinese, "http://www.qingshan.gov.cn/xxgk/", DeadReason.Timeout, null,
                Enumerable.Range(1, 8).Select(i => $"http://www.qingshan.gov.cn/p{i}.html").ToArray(), "链接不可用：请求超时 " + TemplateInjection),
            Dead(JavascriptUrl, "http://www.qingshan.gov.cn/", DeadReason.Invalid, null, [JavascriptUrl, "http://www.qingshan.gov.cn/"], "链接地址无效"),
            Dead(CsvTricky, "http://www.qingshan.gov.cn/", DeadReason.Http5xx, 502, ["http://www.qingshan.gov.cn/"],
                "=HYPERLINK(\"http://evil.example/\",\"点我\")"),
            Dead("http://www.qingshan.gov.cn/plus.html", "http://www.qingshan.gov.cn/", DeadReason.Soft404, 200, [], "+1 页面显示“不存在”"),
            Dead("http://www.qingshan.gov.cn/minus.html", "http://www.qingshan.gov.cn/", DeadReason.Dns, null, [], "-2 多行\n第二行, 含逗号"),
            Dead("http://www.qingshan.gov.cn/at.html", "http://www.qingshan.gov.cn/", DeadReason.Tls, null, [], "@SUM(A1:A2)"),
            F("homepage.stale", Severity.Info, QingshanUrl, null, null, "首页两周未更新（新规则）",
                new JsonObject { ["latestDate"] = "2026-11-01" }, FindingStates.New),
        ],
        [
            new ResolvedFinding(RuleIds.ColumnMissing, null, "rules", Finding.ComputeFingerprint(RuleIds.ColumnMissing, "rules", null), "2026-09-01", "20261121-180000-ab12"),
            new ResolvedFinding(RuleIds.LinkDead, "http://www.qingshan.gov.cn/old.html", null, Finding.ComputeFingerprint(RuleIds.LinkDead, null, "http://www.qingshan.gov.cn/old.html"), "2026-10-15", "20261121-180000-ab12"),
        ],
        null,
        "青山市");

    /// <summary>Audited, all columns found, nothing to report.</summary>
    public static SiteReport Qingshui() => new(
        "清水镇人民政府", "http://qingshui.gov.cn/", "qingshui-gov-cn", "town-portal", SiteStatus.Audited,
        new SiteStats(40, 210, 61_000),
        [new ColumnResult("guide", "政府信息公开指南", true, true, "http://qingshui.gov.cn/gkzn/", MatchKinds.Name, "政府信息公开指南", 1, "2026-01-02")],
        [], [], null, "青山市");

    public static SiteReport Baishi() => new(
        "白石县人民政府" + RareCharacter, "https://www.baishi.gov.cn:8443/", "baishi-gov-cn-8443", "county-portal", SiteStatus.Unreachable,
        new SiteStats(0, 0, 15_000),
        [],
        [F(RuleIds.SiteUnreachable, Severity.Error, "https://www.baishi.gov.cn:8443/", null, null, "站点无法访问：域名无法解析",
            new JsonObject { ["reason"] = DeadReason.Dns }, FindingStates.New)],
        [],
        null,
        "白石市");

    /// <summary>Partial audit whose crawled strings carry payloads, and odd evidence shapes.</summary>
    public static SiteReport Payload() => new(
        "测试站点 " + TemplateInjection, "http://test.gov.cn/", "test-gov-cn", "county-portal", SiteStatus.Partial,
        new SiteStats(3, 9, 900),
        [new ColumnResult("guide", "政府信息公开指南", true, true, "http://test.gov.cn/gkzn/", MatchKinds.Alias, AttributeBreak + TemplateInjection)],
        [
            F(RuleIds.LinkDead, Severity.Error, "http://test.gov.cn/" + Script, "http://test.gov.cn/", null, Script + " 标题",
                new JsonObject
                {
                    ["reason"] = DeadReason.Http4xx, ["status"] = "410",
                    ["referrers"] = new JsonArray("http://test.gov.cn/?q=" + AttributeBreak, JavascriptUrl),
                    ["title"] = TemplateInjection + Script,
                    ["nested"] = new JsonObject { ["a"] = new JsonArray(1, 2), ["b"] = null },
                }, FindingStates.New),
        ],
        [],
        "抓取中断：" + Script,
        "测试区" + Script);

    /// <summary>Three earlier runs of the same sites (a day apart), for the trend charts.</summary>
    public static IReadOnlyList<HistoricRun> History()
    {
        var start = new DateTimeOffset(2026, 11, 18, 18, 0, 0, TimeSpan.Zero);
        HistoricSite Site(string url, int errors, int warnings, int infos, string status = SiteStatus.Audited) =>
            new(url, status, errors, warnings, infos, Math.Max(0, 100 - 10 * errors - 3 * warnings - infos), SiteVerdict.Pass);
        return
        [
            new("20261119-020000-aa01", start, [Site(QingshanUrl, 12, 9, 3), Site("http://qingshui.gov.cn/", 2, 1, 0), Site("http://other.gov.cn/", 50, 0, 0)]),
            new("20261120-020000-aa02", start.AddDays(1), [Site(QingshanUrl, 10, 8, 2), Site("http://qingshui.gov.cn/", 1, 0, 0)]),
            new("20261121-020000-aa03", start.AddDays(2), [Site(QingshanUrl, 8, 7, 2), Site("http://qingshui.gov.cn/", 0, 0, 0)]),
        ];
    }

    private static ReportedFinding F(string rule, Severity severity, string? url, string? pageUrl, string? column, string message,
        JsonObject evidence, string state, string firstSeen = "2026-11-22") =>
        new(rule, severity, url, pageUrl, column, message, evidence, Finding.ComputeFingerprint(rule, column, url), state, firstSeen);

    private static ReportedFinding Dead(string url, string pageUrl, string reason, int? status, string[] referrers, string message) =>
        F(RuleIds.LinkDead, Severity.Error, url, pageUrl, null, message,
            new JsonObject
            {
                ["reason"] = reason,
                ["status"] = status,
                ["referrers"] = new JsonArray(referrers.Select(r => (JsonNode?)r).ToArray()),
            },
            FindingStates.New);
}
