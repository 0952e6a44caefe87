using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SiteAudit.Core.Model;

namespace SiteAudit.Rules.Columns;

/// <summary>
/// subcolumn.missing: a required sub-column (profile `parent` + `required: true`: the 条例第二十条 categories every
/// portal carries, or the 26 基层政务公开 areas) found neither under its parent column's page nor anywhere else.
/// Judged only when the parent was found and at least one of its sub-columns was recognised under it: a parent page
/// whose menu cannot be read (script-built) proves nothing.
/// </summary>
public sealed class SubColumnMissingRule : IRule
{
    public string Id => ContentRuleIds.SubColumnMissing;

    public async IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.CompletedTask;
        var map = context.Columns;
        if (map.SectionBlocked) yield break;
        var profile = context.Site.Profile;
        foreach (var column in map.Columns.Where(c => c.Required && !c.Found))
        {
            if (profile.Column(column.Id) is not { Parent: { } parentId } spec) continue;
            if (map[parentId] is not { Found: true, Url: { } parentUrl } parent) continue;
            if (!profile.Children(parentId).Any(c => map.FoundUnderParent.Contains(c.Id))) continue;
            yield return new Finding(
                Id, Severity.Warning, null, parentUrl, column.Id,
                $"“{parent.Name}”下未找到“{column.Name}”子栏目（按名称 {string.Join("、", new[] { spec.Name }.Concat(spec.Aliases))} 均未匹配）。依据：{Source(parentId)}",
                new JsonObject
                {
                    ["parent"] = parentId,
                    ["parentUrl"] = parentUrl,
                    ["searchedNames"] = new JsonArray(new[] { spec.Name }.Concat(spec.Aliases).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
                });
        }
    }

    private static string Source(string parentId) => parentId == "statutory"
        ? "《政府信息公开条例》第二十条（及县级人民政府适用的第二十一条）规定的主动公开内容，应在法定主动公开内容栏目中分类公开。"
        : "《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号）：基层政务公开事项应按标准目录分领域公开。";
}
