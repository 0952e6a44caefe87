using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SiteAudit.Core.Model;

namespace SiteAudit.Rules.Columns;

/// <summary>
/// column.missing: a required column of the profile that the section does not carry
/// (条例 / 国办公开办函〔2019〕61号: 未设置法定栏目的，发现一例通报一例).
/// </summary>
public sealed class ColumnMissingRule : IRule
{
    public string Id => RuleIds.ColumnMissing;

    public async IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.CompletedTask;
        var map = context.Columns;
        // Behind an anti-bot challenge the section could not be read: absence is not proven, so nothing is claimed.
        if (map.SectionBlocked) yield break;
        foreach (var column in map.Columns.Where(c => c.Required && !c.Found))
        {
            // A sub-column belongs under its parent column, not the section: subcolumn.missing reports it.
            if (context.Site.Profile.Column(column.Id)?.Parent is not null) continue;
            var where = map.SectionUrl is null
                ? "首页未找到“政府信息公开”专栏，已在全站链接中查找"
                : $"已在政府信息公开专栏 {map.SectionUrl} 及其下级页面中查找";
            var spec = context.Site.Profile.Column(column.Id);
            var names = spec is null ? column.Name : string.Join("、", new[] { spec.Name }.Concat(spec.Aliases));
            yield return new Finding(
                Id, Severity.Error, null, map.SectionUrl, column.Id,
                $"未找到法定栏目“{column.Name}”（{where}，按名称 {names} 及网址特征均未匹配）。依据：《政府信息公开条例》及国办公开办函〔2019〕61号，政府信息公开专栏应设置该栏目。",
                new JsonObject
                {
                    ["sectionUrl"] = map.SectionUrl,
                    ["searchedNames"] = new JsonArray(new[] { column.Name }.Concat(spec?.Aliases ?? []).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
                });
        }
    }
}
