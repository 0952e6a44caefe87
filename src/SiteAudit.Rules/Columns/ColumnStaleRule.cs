using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SiteAudit.Core.Model;
using SiteAudit.Rules.Content;

namespace SiteAudit.Rules.Columns;

/// <summary>
/// column.stale: a column whose newest item is older than its freshness class allows (profile `freshness`: 动态/要闻
/// 2 weeks, 通知公告/政策文件 6 months, yearly columns 1 year). Dates come from the list, else from the item's page
/// (PubDate, 发布时间); an item with no date anywhere counts as not updated (《政府网站与政务新媒体检查指标》).
/// </summary>
public sealed class ColumnStaleRule : IRule
{
    public string Id => RuleIds.ColumnStale;

    public async IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        if (context.Columns.SectionBlocked) yield break;
        foreach (var (column, spec) in ColumnChecks.JudgedColumns(context))
        {
            if (await ColumnChecks.StaleAsync(context, column, spec, ct) is not { } stale) continue;
            var reading = stale.Reading;
            var what = stale.Latest is { } latest
                ? $"最新信息发布于 {ChinaDate.Iso(latest)}，已 {stale.AgeDays} 天未更新"
                : $"列出的 {reading.Items.Count} 条信息及其页面均未标注发布日期，视为未更新";
            yield return new Finding(
                Id, Severity.Warning, column.Url, reading.PageUrl, column.Id,
                $"栏目“{column.Name}”{what}，超过 {stale.LimitDays} 天的更新时限。依据：《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）“栏目不更新”：{ColumnChecks.ClassRule(stale.Class, stale.LimitDays)}。",
                new JsonObject
                {
                    ["latestDate"] = stale.Latest is { } d ? ChinaDate.Iso(d) : null,
                    ["limitDays"] = stale.LimitDays,
                    ["ageDays"] = stale.AgeDays,
                    ["freshness"] = stale.Class,
                    ["itemCount"] = reading.ItemCount,
                    ["newestItem"] = NewestItem(reading, stale.Latest),
                });
        }
    }

    private static JsonObject? NewestItem(ColumnReading reading, DateOnly? latest)
    {
        var item = latest is { } d ? reading.Items.FirstOrDefault(i => i.Date == ChinaDate.Iso(d)) : reading.Items.FirstOrDefault();
        return item is null ? null : new JsonObject { ["title"] = item.Title, ["url"] = item.Url, ["date"] = item.Date };
    }
}
