using System.Text.RegularExpressions;
using SiteAudit.Core.Model;

namespace SiteAudit.Rules.AnnualReports;

/// <summary>The six parts of a report in the 2021 format (国办公开办函〔2021〕30号) and whether part 三's table adds up.</summary>
/// <param name="Table">本年新收, 上年结转, 办理结果总计, 结转下年度 (the 总计 column), when all four were read.</param>
public sealed record ReportCheck(IReadOnlyList<string> Found, IReadOnlyList<string> Lacking, (int New, int Carried, int Processed, int Next)? Table)
{
    /// <summary>本年新收 + 上年结转 = 办理结果合计 + 结转下年度 (the format's own 勾稽关系).</summary>
    public bool? TableAddsUp => Table is { } t ? t.New + t.Carried == t.Processed + t.Next : null;
}

/// <summary>
/// Reading 政府信息公开工作年度报告 (DOMAIN.md §4): which titles are reports and of which year, which of the six parts a
/// report's text has as headings (an introduction that lists the six part names does not count), and part 三's table.
/// </summary>
public static partial class AnnualReportText
{
    /// <summary>The six parts, each with the words its heading must hold (all of them, in the heading's key).</summary>
    public static readonly IReadOnlyList<(string Part, string[] Words)> Parts =
    [
        ("一、总体情况", ["总体情况"]),
        ("二、主动公开政府信息情况", ["主动公开"]),
        ("三、收到和处理政府信息公开申请情况", ["收到", "申请"]),
        ("四、政府信息公开行政复议、行政诉讼情况", ["复议", "诉讼"]),
        ("五、存在的主要问题及改进情况", ["问题", "改进"]),
        ("六、其他需要报告的事项", ["其他", "报告"]),
    ];

    private const int MaxHeadingChars = 40;

    [GeneratedRegex(@"((?:19|20)\d{2})\s*年", RegexOptions.CultureInvariant)]
    private static partial Regex Year();

    [GeneratedRegex(@"^(?:第?[一二三四五六七八九十]+(?:部分)?|\d{1,2})\s*[、.．:：]?\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Numbering();

    [GeneratedRegex(@"^-?\d{1,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Count();

    /// <summary>
    /// A report's title: names an annual report of 政府信息公开 (or 政务公开) — in the annual report column
    /// (<paramref name="inReportColumn"/>) any 报告/年报 is one ("2025年度报告") — and is not a notice about reports.
    /// </summary>
    public static bool IsReportTitle(string title, bool inReportColumn = false)
    {
        var key = TextKey.Of(title);
        var names = inReportColumn
            ? key.Contains("报告", StringComparison.Ordinal) || key.Contains("年报", StringComparison.Ordinal)
            : (key.Contains("年度报告", StringComparison.Ordinal) || key.Contains("年报", StringComparison.Ordinal)) && key.Contains("公开", StringComparison.Ordinal);
        return names
               && !new[] { "通知", "格式", "编制", "模板", "要求", "解读", "关于做好", "的通报" }.Any(w => key.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>The year a report covers: the first year written in its title ("2025年度…年度报告" → 2025).</summary>
    public static int? YearOf(string title, bool inReportColumn = false)
    {
        if (!IsReportTitle(title, inReportColumn)) return null;
        var m = Year().Match(TextKey.Of(title));
        return m.Success ? int.Parse(m.Groups[1].Value) : null;
    }

    public static ReportCheck Check(string text)
    {
        var lines = text.Split('\n');
        var headings = new int[Parts.Count];
        Array.Fill(headings, -1);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Split('\t')[0];
            var heading = TextKey.Of(Numbering().Replace(line.Trim(), ""));
            if (heading.Length == 0 || heading.Length > MaxHeadingChars) continue;
            for (var p = 0; p < Parts.Count; p++)
                if (headings[p] < 0 && Parts[p].Words.All(w => heading.Contains(w, StringComparison.Ordinal)) && StartsLikeHeading(line))
                {
                    headings[p] = i;
                    break;
                }
        }
        var found = Parts.Where((_, p) => headings[p] >= 0).Select(x => x.Part).ToList();
        var lacking = Parts.Where((_, p) => headings[p] < 0).Select(x => x.Part).ToList();
        var from = headings[2] >= 0 ? headings[2] : 0;
        var to = headings[3] > from ? headings[3] : lines.Length;
        return new ReportCheck(found, lacking, Table(lines[from..to]));
    }

    /// <summary>A heading starts with its numbering or its own words, not in the middle of a sentence.</summary>
    private static bool StartsLikeHeading(string line)
    {
        var t = line.TrimStart();
        return Numbering().IsMatch(t) && Numbering().Match(t).Length > 0 || Parts.Any(p => TextKey.Of(t).StartsWith(p.Words[0], StringComparison.Ordinal));
    }

    private static (int, int, int, int)? Table(IEnumerable<string> lines)
    {
        int? fresh = null, carried = null, processed = null, next = null;
        foreach (var line in lines)
        {
            var cells = line.Split('\t');
            if (cells.Length < 2) continue;
            var label = TextKey.Of(string.Join("", cells.Where(c => !Count().IsMatch(c.Trim()))));
            var total = cells.Select(c => c.Trim()).LastOrDefault(c => Count().IsMatch(c)) is { } last ? int.Parse(last) : (int?)null;
            if (total is null) continue;
            if (label.Contains("本年新收", StringComparison.Ordinal)) fresh ??= total;
            else if (label.Contains("上年结转", StringComparison.Ordinal)) carried ??= total;
            else if (label.Contains("结转下年度", StringComparison.Ordinal)) next ??= total;
            else if (label.Contains("总计", StringComparison.Ordinal) || label.Contains("合计", StringComparison.Ordinal)) processed ??= total;
        }
        return fresh is { } a && carried is { } b && processed is { } c && next is { } d ? (a, b, c, d) : null;
    }
}
