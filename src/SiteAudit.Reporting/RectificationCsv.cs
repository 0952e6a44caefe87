using System.Globalization;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>
/// sites/&lt;slug&gt;/zhenggai.csv, the site's 整改清单: one row per finding, numbered and ordered as on the site page
/// (<see cref="FindingGroups"/>), with what is wrong, where, the rule's source and how to fix it, and four empty
/// columns the webmaster fills in (整改措施, 责任人, 完成时限, 整改状态). Same CSV conventions as findings.csv.
/// </summary>
internal static class RectificationCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "序号", "位置", "问题类型", "严重程度", "问题说明", "链接地址", "所在页面", "链接文字", "引用页面", "证据",
        "依据", "整改建议", "状态", "首次发现", "整改措施", "责任人", "完成时限", "整改状态", "规则", "指纹",
    ];

    public static byte[] Serialize(SiteReport site)
    {
        var csv = new CsvText(Header);
        foreach (var group in FindingGroups.Of(site, ColumnNames.For(site)))
        {
            var source = RuleGuide.For(group.Rule)?.Source ?? "";
            foreach (var (number, f) in group.Findings)
            {
                var evidence = new Evidence(f.Evidence);
                var facts = new List<string>();
                if (evidence.ReasonLabel is { } reason) facts.Add($"原因：{reason}");
                if (evidence.Status is { } status) facts.Add($"HTTP状态：{status.ToString(CultureInfo.InvariantCulture)}");
                if (FindingsCsv.OtherEvidence(evidence) is { Length: > 0 } others) facts.Add(others);
                csv.Row(
                [
                    number.ToString(CultureInfo.InvariantCulture),
                    FindingGroups.Place(group),
                    ReportLabels.Rule(f.Rule),
                    ReportLabels.SeverityLabel(f.Severity),
                    f.Message,
                    f.Url ?? "",
                    f.PageUrl ?? "",
                    evidence.First(EvidenceKeys.LinkText) ?? "",
                    string.Join("\n", evidence.Referrers),
                    string.Join("；", facts),
                    source,
                    RuleGuide.Fix(f.Rule, evidence.Reason) ?? "",
                    ReportLabels.StateLabel(f.State),
                    f.FirstSeen,
                    "", "", "", "",
                    f.Rule,
                    f.Fingerprint,
                ]);
            }
        }
        return csv.ToBytes();
    }
}
