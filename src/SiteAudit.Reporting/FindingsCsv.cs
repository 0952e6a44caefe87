using System.Globalization;
using System.Text;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>
/// findings.csv: one row per finding, UTF-8 with BOM (so Excel detects the encoding), RFC 4180 (CRLF rows;
/// fields with comma, quote, CR or LF quoted, quotes doubled). Crawled text starting with a formula trigger gets
/// a leading apostrophe so a spreadsheet shows it instead of evaluating it.
/// </summary>
internal static class FindingsCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "站点", "站点地址", "规则", "规则名称", "严重程度", "栏目", "问题说明", "链接地址", "所在页面",
        "原因", "HTTP状态", "引用页面", "其他证据", "状态", "首次发现", "指纹",
    ];

    public static byte[] Serialize(RunReport report)
    {
        var sb = new StringBuilder();
        AppendRow(sb, Header);
        foreach (var site in report.Sites)
        {
            var columnNames = ColumnNames.For(site);
            foreach (var f in site.Findings)
            {
                var evidence = new Evidence(f.Evidence);
                AppendRow(sb,
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
                    string.Join("；", evidence.Others.Select(o => $"{o.Label}：{string.Join("、", o.Values)}")),
                    ReportLabels.StateLabel(f.State),
                    f.FirstSeen,
                    f.Fingerprint,
                ]);
            }
        }
        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(sb.ToString());
        return [.. preamble, .. body];
    }

    private static void AppendRow(StringBuilder sb, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) sb.Append(',');
            AppendField(sb, GuardFormula(fields[i]));
        }
        sb.Append("\r\n");
    }

    private static void AppendField(StringBuilder sb, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            sb.Append(value);
            return;
        }
        sb.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
    }

    /// <summary>
    /// OWASP "CSV injection": a cell starting with = + - @ (or tab/CR, or their full-width forms, which
    /// spreadsheets in Chinese locales may convert) is prefixed with an apostrophe.
    /// </summary>
    internal static string GuardFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠'
            ? "'" + value
            : value;
}
