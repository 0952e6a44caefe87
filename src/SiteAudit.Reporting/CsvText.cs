using System.Text;

namespace SiteAudit.Reporting;

/// <summary>
/// The CSV files of the reports (findings.csv, sites/&lt;slug&gt;/zhenggai.csv): UTF-8 with BOM (so Excel detects
/// the encoding), RFC 4180 (CRLF rows; fields with comma, quote, CR or LF quoted, quotes doubled). Crawled text
/// starting with a formula trigger gets a leading apostrophe so a spreadsheet shows it instead of evaluating it.
/// </summary>
internal sealed class CsvText
{
    private readonly StringBuilder sb = new();

    public CsvText(IReadOnlyList<string> header) => Row(header);

    public void Row(IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) sb.Append(',');
            AppendField(GuardFormula(fields[i]));
        }
        sb.Append("\r\n");
    }

    /// <summary>The file's bytes: the UTF-8 BOM, then the rows.</summary>
    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];

    private void AppendField(string value)
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
