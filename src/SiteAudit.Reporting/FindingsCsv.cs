using System.Globalization;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>findings.csv: one row per finding of every site (<see cref="CsvText"/>: UTF-8 with BOM, RFC 4180, formula-guarded).</summary>
internal static class FindingsCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "站点", "站点地址", "规则", "规则名称", "严重程度", "栏目", "问题说明", "链接地址", "所在页面",
        "原因", "HTTP状态", "引用页面", "其他证据", "状态", "首次发现", "指纹", "地区",
    ];

    public static byte[] Serialize(RunReport report)
    {
        var csv = new CsvText(Header);
        foreach (var site in report.Sites)
        {
            var columnNames = ColumnNames.For(site);
            foreach (var f in site.Findings)
            {
                var evidence = new Evidence(f.Evidence);
                csv.Row(
                [
                    site.Name,
                    site.Url,
                    f.Rule,
                    ReportLabels.Rule(f.Rule),
                    ReportLabels.SeverityLabel(f.Severity),
                    f.Column is null ? "" : columnNames.Name(f.Column),
                    f.Message,
                    f.Url ?? "",
                    f.PageUrl ?? "",
                    evidence.ReasonLabel ?? "",
                    evidence.Status?.ToString(CultureInfo.InvariantCulture) ?? "",
                    string.Join("\n", evidence.Referrers),
                    OtherEvidence(evidence),
                    ReportLabels.StateLabel(f.State),
                    f.FirstSeen,
                    f.Fingerprint,
                    site.Region ?? "",
                ]);
            }
        }
        return csv.ToBytes();
    }

    /// <summary>Every evidence entry but reason, status and referrers, as 标签：值、值；标签：值.</summary>
    internal static string OtherEvidence(Evidence evidence) =>
        string.Join("；", evidence.Others.Select(o => $"{o.Label}：{string.Join("、", o.Values)}"));
}
