using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SiteAudit.Core.Model;
using SiteAudit.Rules.Content;

namespace SiteAudit.Rules.AnnualReports;

/// <summary>Which report is due (profile `annualReportDeadline`) and which reports the annual report column lists.</summary>
public static class AnnualReportDue
{
    public const string ColumnId = "annual-report";

    /// <summary>
    /// The newest report that must be out by <paramref name="today"/>: last year's once this year's deadline has passed,
    /// else the year before's (whose deadline passed a year ago).
    /// </summary>
    public static (int Year, DateOnly Deadline) Due(string deadlineMonthDay, DateOnly today)
    {
        var md = DateOnly.ParseExact("2023-" + deadlineMonthDay, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var thisYear = new DateOnly(today.Year, md.Month, md.Day);
        return today > thisYear ? (today.Year - 1, thisYear) : (today.Year - 2, thisYear.AddYears(-1));
    }

    /// <summary>Items of the column that are reports, with their year (from the title; else, for a title without a year, none).</summary>
    public static IReadOnlyList<(int? Year, ListItem Item)> Reports(ColumnReading reading) =>
        reading.Items.Where(i => AnnualReportText.IsReportTitle(i.Title, inReportColumn: true))
            .Select(i => (AnnualReportText.YearOf(i.Title, inReportColumn: true), i)).ToList();
}

/// <summary>
/// annual-report.missing: last year's 政府信息公开工作年度报告 is not published after the deadline (《政府信息公开条例》
/// 第四十九条: departments by 31 January; 第五十条: governments by 31 March — profile `annualReportDeadline`). Looked for
/// in the annual report column (all its pages) and then in every link of the site; a column that is only a script
/// list or leads to another platform is not judged.
/// </summary>
public sealed class AnnualReportMissingRule : IRule
{
    public string Id => RuleIds.AnnualReportMissing;

    public async IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        if (context.Columns.SectionBlocked) yield break;
        var profile = context.Site.Profile;
        var (year, deadline) = AnnualReportDue.Due(profile.AnnualReportDeadline, context.Content.Today);
        var column = context.Columns[AnnualReportDue.ColumnId];
        if (column is { Found: true, Url: { } url })
        {
            var reading = await context.Content.ColumnAsync(url, ct);
            if (!reading.IsRead) yield break;
            var reports = AnnualReportDue.Reports(reading);
            if (reports.Any(r => r.Year == year)) yield break;
            // A report titled without its year, published after the year it covers.
            if (reports.Any(r => r.Year is null && ChinaDate.Parse(r.Item.Date) is { } d && d.Year > year)) yield break;
            // Only part of a script-written list is visible and none of it is dated: the report may be on a later page.
            if ((reading.Scripted || reading.ClaimedCount > reading.Items.Count) && reading.LatestDate(context.Content.Today) is null) yield break;
        }
        if (await FoundAnywhereAsync(context, year, ct)) yield break;

        var who = profile.Kind == Core.Profiles.ProfileKinds.Department ? "第四十九条（县级以上人民政府部门）" : "第五十条（县级以上地方人民政府）";
        yield return new Finding(
            Id, Severity.Error, null, column?.Url, AnnualReportDue.ColumnId,
            $"未发现{year}年度政府信息公开工作年度报告（应于 {ChinaDate.Iso(deadline)} 前公布{(column is { Found: true } ? "，年报栏目及全站链接中均未找到" : "；未找到年报栏目，全站链接中也未找到")}）。依据：《政府信息公开条例》{who}，应于每年 {deadline.Month} 月 {deadline.Day} 日前向社会公布上一年度政府信息公开工作年度报告。",
            new JsonObject
            {
                ["year"] = year,
                ["deadline"] = ChinaDate.Iso(deadline),
                ["columnUrl"] = column?.Url,
            });
    }

    private static async Task<bool> FoundAnywhereAsync(RuleContext context, int year, CancellationToken ct)
    {
        foreach (var fragment in new[] { "年度报告", "年报" })
            foreach (var link in await context.Facts.FindLinksContainingAsync(fragment, 2000, ct))
                if (context.Owns(link.FromUrl) && AnnualReportText.YearOf(link.Text ?? link.Title ?? "") == year || AnnualReportText.YearOf(link.Title ?? "") == year)
                    return true;
        return false;
    }
}

/// <summary>
/// annual-report.incomplete: the newest published report lacks parts of the 2021 format (国办公开办函〔2021〕30号:
/// 总体情况, 主动公开, 收到和处理申请, 复议诉讼, 问题及改进, 其他事项), or part 三's table does not add up
/// (本年新收 + 上年结转 ≠ 办理结果总计 + 结转下年度). A report published only as an attachment, or whose page shows none
/// of the parts as headings, is not judged.
/// </summary>
public sealed class AnnualReportIncompleteRule : IRule
{
    /// <summary>Reports before the 2019 revision of the 条例 used other formats.</summary>
    private const int FirstFormatYear = 2019;

    private const int MinPartsToJudge = 2;

    public string Id => RuleIds.AnnualReportIncomplete;

    public async IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        if (context.Columns.SectionBlocked || context.Columns[AnnualReportDue.ColumnId] is not { Found: true, Url: { } url }) yield break;
        var reading = await context.Content.ColumnAsync(url, ct);
        if (!reading.IsRead) yield break;
        var newest = AnnualReportDue.Reports(reading).Where(r => r.Year >= FirstFormatYear).OrderByDescending(r => r.Year).FirstOrDefault();
        if (newest.Item is null) yield break;
        var (pageUrl, page) = await context.Content.PageAsync(newest.Item.Url, ct);
        if (page is null) yield break;
        var check = AnnualReportText.Check(string.Join('\n', await context.Content.OwnLinesAsync(page, ct)));
        if (check.Found.Count < MinPartsToJudge) yield break;
        var lacking = check.Lacking.ToList();
        if (check.TableAddsUp == false) lacking.Add("第三部分表格数据不平衡");
        if (lacking.Count == 0) yield break;

        var table = check.Table is { } t
            ? $"（第三部分表格：本年新收 {t.New} + 上年结转 {t.Carried} = {t.New + t.Carried}，办理结果总计 {t.Processed} + 结转下年度 {t.Next} = {t.Processed + t.Next}）"
            : "";
        yield return new Finding(
            Id, Severity.Warning, pageUrl, url, AnnualReportDue.ColumnId,
            $"{newest.Year}年度政府信息公开工作年度报告内容不完整，缺少：{string.Join("、", lacking)}{(check.TableAddsUp == false ? table : "")}。依据：《政府信息公开条例》第五十条及《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）规定的六部分内容及第三部分表格勾稽关系。",
            new JsonObject
            {
                ["year"] = newest.Year,
                ["lacking"] = new JsonArray(lacking.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
                ["table"] = check.Table is { } tt
                    ? new JsonObject { ["new"] = tt.New, ["carried"] = tt.Carried, ["processed"] = tt.Processed, ["next"] = tt.Next }
                    : null,
            });
    }
}
