using System.Text;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting.Tests;

public sealed class FindingsCsvTests
{
    private static async Task<(byte[] Bytes, List<string[]> Rows)> WriteAsync(RunReport report, TempDir dir)
    {
        await Reports.WriteAsync(report, dir.Path, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(dir.File("findings.csv"));
        return (bytes, Csv.Parse(new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3)));
    }

    [Fact]
    public async Task Starts_with_the_utf8_bom_and_has_a_row_per_finding()
    {
        using var dir = new TempDir();
        var report = SampleRun.Build();
        var (bytes, rows) = await WriteAsync(report, dir);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(["站点", "站点地址", "规则", "规则名称", "严重程度", "栏目", "问题说明", "链接地址", "所在页面", "原因", "HTTP状态", "引用页面", "其他证据", "状态", "首次发现", "指纹", "地区"], rows[0]);
        Assert.Equal(report.Sites.Sum(s => s.Findings.Count) + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        Assert.Equal(report.Sites.SelectMany(s => s.Findings).Select(f => f.Fingerprint), rows.Skip(1).Select(r => r[15]));
        Assert.Equal(report.Sites.SelectMany(s => s.Findings.Select(_ => s.Region ?? "")), rows.Skip(1).Select(r => r[^1]));
    }

    [Fact]
    public async Task Quotes_commas_quotes_and_newlines()
    {
        using var dir = new TempDir();
        var (bytes, rows) = await WriteAsync(SampleRun.Build(), dir);
        var text = Encoding.UTF8.GetString(bytes);

        var tricky = rows.Single(r => r[7] == SampleRun.CsvTricky);
        Assert.Contains("\"http://www.qingshan.gov.cn/a,b\"\"c.html\"", text);
        Assert.Equal("'-2 多行\n第二行, 含逗号", rows.Single(r => r[7].EndsWith("minus.html", StringComparison.Ordinal))[6]);
        Assert.Equal("http://www.qingshan.gov.cn/", tricky[11]);
        Assert.Contains("\r\n", text);

        var timeout = rows.Single(r => r[7] == SampleRun.DeadChinese);
        Assert.Equal(8, timeout[11].Split('\n').Length); // referrers, one per line in one cell
        Assert.Equal("请求超时", timeout[9]);

        var dead404 = rows.Single(r => r[7] == SampleRun.DeadPdf);
        Assert.Equal(["link.dead", "链接失效", "严重"], dead404[2..5]);
        Assert.Equal("404", dead404[10]);
        Assert.Equal("新增", dead404[13]);

        var stale = rows.Single(r => r[2] == RuleIds.ColumnStale);
        Assert.Equal("工作动态", stale[5]);
        Assert.Equal("最新内容日期：2026-10-01；更新时限（天）：14", stale[12]);
        Assert.Equal("再次出现", stale[13]);
    }

    [Fact]
    public async Task Guards_cells_that_a_spreadsheet_would_run_as_formulas()
    {
        using var dir = new TempDir();
        var (_, rows) = await WriteAsync(SampleRun.Build(), dir);
        var messages = rows.Skip(1).Select(r => r[6]).ToList();

        Assert.Contains("'=HYPERLINK(\"http://evil.example/\",\"点我\")", messages);
        Assert.Contains("'+1 页面显示“不存在”", messages);
        Assert.Contains("'@SUM(A1:A2)", messages);
        Assert.Contains("链接不可用：HTTP 404", messages); // ordinary text untouched
        Assert.All(rows.SelectMany(r => r), cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@', cell));
    }

    [Fact]
    public async Task A_run_without_findings_has_only_the_header()
    {
        using var dir = new TempDir();
        var (_, rows) = await WriteAsync(SampleRun.Build() with { Sites = [SampleRun.Qingshui()] }, dir);
        Assert.Single(rows);
    }
}

/// <summary>A strict RFC 4180 reader for the tests.</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("unterminated quoted field");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
                if (i < text.Length && text[i] is not (',' or '\r')) throw new FormatException($"text after closing quote at {i}");
                continue;
            }
            switch (text[i])
            {
                case ',':
                    row.Add(field.ToString()); field.Clear(); i++;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); i += 2;
                    break;
                case '"' or '\r' or '\n':
                    throw new FormatException($"unquoted special character at {i}");
                default:
                    field.Append(text[i++]);
                    break;
            }
        }
        if (field.Length > 0 || row.Count > 0) throw new FormatException("last row does not end with CRLF");
        return rows;
    }
}
