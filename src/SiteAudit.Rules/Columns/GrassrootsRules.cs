using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SiteAudit.Core.Model;
using SiteAudit.Rules.Content;

namespace SiteAudit.Rules.Columns;

/// <summary>What the 基层政务公开 checks cite (DOMAIN.md §7).</summary>
internal static class GrassrootsSource
{
    public const string Text = "依据：《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号）及本地基层政务公开专栏建设要求（配置项）。";
}

/// <summary>
/// column.sparse: a column the profile gives a `minItems` (基层政务公开 areas: at least 4, a local rule) shows fewer items.
/// Empty columns are column.empty; a list partly written by script, or whose page claims enough, is not sparse.
/// </summary>
public sealed class ColumnSparseRule : IRule
{
    public string Id => ContentRuleIds.ColumnSparse;

    public async IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        if (context.Columns.SectionBlocked) yield break;
        foreach (var (column, spec) in ColumnChecks.JudgedColumns(context))
        {
            if (spec.MinItems is not { } min) continue;
            var reading = await context.Content.ColumnAsync(column.Url!, ct);
            if (!reading.IsRead || reading.IsEmpty || reading.Scripted || reading.ItemCount >= min) continue;
            yield return new Finding(Id, Severity.Warning, column.Url, reading.PageUrl, column.Id,
                $"栏目“{column.Name}”仅有 {reading.ItemCount} 条信息，少于要求的 {min} 条。{GrassrootsSource.Text}",
                new JsonObject { ["itemCount"] = reading.ItemCount, ["minItems"] = min });
        }
    }
}

/// <summary>
/// column.catalog-missing: a column the profile says must carry its 标准目录 (`standardCatalog` names, 基层政务公开 areas:
/// each area publishes its 政务公开事项标准目录) has no link or item named so on its page.
/// </summary>
public sealed class ColumnCatalogMissingRule : IRule
{
    public string Id => ContentRuleIds.ColumnCatalogMissing;

    public async IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        if (context.Columns.SectionBlocked) yield break;
        foreach (var (column, spec) in ColumnChecks.JudgedColumns(context))
        {
            if (spec.StandardCatalog is not { Count: > 0 } names) continue;
            var reading = await context.Content.ColumnAsync(column.Url!, ct);
            if (!reading.IsRead) continue;
            var keys = names.Select(TextKey.Of).ToList();
            bool Named(string? text) => TextKey.Of(text) is { Length: > 0 } key && keys.Any(k => key.Contains(k, StringComparison.Ordinal));
            var links = await context.Facts.GetLinksFromAsync(reading.PageUrl!, ct);
            if (links.Any(l => Named(l.Text) || Named(l.Title)) || reading.Items.Any(i => Named(i.Title))) continue;
            yield return new Finding(Id, Severity.Warning, column.Url, reading.PageUrl, column.Id,
                $"栏目“{column.Name}”未发布政务公开事项标准目录（未找到名为 {string.Join("、", names)} 的链接或信息）。{GrassrootsSource.Text}",
                new JsonObject { ["searchedNames"] = new JsonArray(names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()) });
        }
    }
}
