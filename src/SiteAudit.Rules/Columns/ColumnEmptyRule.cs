using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SiteAudit.Core.Model;
using SiteAudit.Rules.Content;

namespace SiteAudit.Rules.Columns;

/// <summary>
/// column.empty: a 空白栏目 — a column page with no items at all (《政府网站与政务新媒体检查指标》“空白栏目”).
/// Precision first: a list the page writes by script (TRS “动静结合”, recordCount &gt; 0), a page that only refreshes to
/// another platform, a menu of sub-columns, or a frame that was not crawled is never called empty.
/// </summary>
public sealed class ColumnEmptyRule : IRule
{
    public string Id => RuleIds.ColumnEmpty;

    public async IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        if (context.Columns.SectionBlocked) yield break;
        foreach (var (column, spec) in ColumnChecks.JudgedColumns(context))
        {
            var reading = await context.Content.ColumnAsync(column.Url!, ct);
            if (!reading.IsEmpty) continue;
            var shows = reading.SaysEmpty ? "页面显示“暂无信息”" : "页面除网站公共部分外没有任何内容";
            var parent = spec.Parent is { } p ? context.Site.Profile.Column(p)?.Name : null;
            yield return new Finding(
                Id, Severity.Warning, column.Url, reading.PageUrl, column.Id,
                $"栏目“{column.Name}”{(parent is null ? "" : $"（{parent}的子栏目）")}为空白栏目：未发现任何信息条目，{shows}。依据：《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）“空白栏目”（栏目内没有任何信息）。",
                new JsonObject
                {
                    ["saysEmpty"] = reading.SaysEmpty,
                    ["parent"] = spec.Parent,
                    ["matchedText"] = column.MatchedText,
                });
        }
    }
}
