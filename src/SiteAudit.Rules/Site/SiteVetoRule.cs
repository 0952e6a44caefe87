using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SiteAudit.Core.Model;
using SiteAudit.Rules.Content;

namespace SiteAudit.Rules.Site;

/// <summary>
/// site.veto: the single-veto (单项否决) items of 《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号） that crawled
/// content shows, with the profile's `veto` thresholds: 首页不更新 (no homepage item within 2 weeks; items without a
/// date count as not updated) and 栏目不更新 (≥5 stale 动态/通知公告/政策文件 columns, ≥10 columns long not updated, or
/// ≥5 空白栏目), and 站点无法访问 from the worker's availability probes (<see cref="AvailabilityVeto"/>). One finding per site (its fingerprint is the site's); evidence.rule names the first item crossed,
/// evidence.triggers every one. A profile without `veto` gets no verdict.
/// </summary>
public sealed class SiteVetoRule : IRule
{
    public const string HomepageItem = "首页不更新";
    public const string ColumnsItem = "栏目不更新";

    public string Id => RuleIds.SiteVeto;

    public async IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        // 站点无法访问 from the worker's availability probes (AvailabilityVeto): judged whatever the profile says.
        var down = await AvailabilityVeto.EvaluateAsync(context, ct);
        if (context.Site.Profile.Veto is not { } veto || context.Columns.SectionBlocked)
        {
            if (down is not null) yield return AvailabilityVeto.Finding(context, down);
            yield break;
        }
        var today = context.Content.Today;
        var triggers = new List<(string Rule, string Why, int Count, int Threshold, JsonArray Columns)>();
        if (down is not null) triggers.Add((down.Rule, down.Why, down.Count, down.Threshold, []));

        var home = await context.Content.HomepageAsync(ct);
        if (home.IsRead && home.Items.Count > 0)
        {
            var latest = home.LatestDate(today);
            var age = latest is { } d ? today.DayNumber - d.DayNumber : (int?)null;
            if (age > veto.HomepageDays || latest is null && home.DatelessPages > 0)
                triggers.Add((HomepageItem,
                    latest is { } l ? $"首页各栏目最新信息发布于 {ChinaDate.Iso(l)}，已 {age} 天未更新（超过 {veto.HomepageDays} 天）"
                                    : $"首页列出的信息均未标注发布日期，视为 {veto.HomepageDays} 天内未更新",
                    age ?? 0, veto.HomepageDays, []));
        }

        var stale = new JsonArray();
        var longUnupdated = new JsonArray();
        var empty = new JsonArray();
        foreach (var (column, spec) in ColumnChecks.JudgedColumns(context))
        {
            if (await ColumnChecks.EmptyAsync(context, column, ct))
            {
                empty.Add(column.Id);
                continue;
            }
            if (await ColumnChecks.StaleAsync(context, column, spec, ct) is not { } verdict) continue;
            if (veto.StaleClasses.Contains(verdict.Class)) stale.Add(column.Id);
            if (verdict.AgeDays is null || verdict.AgeDays > veto.LongUnupdatedDays) longUnupdated.Add(column.Id);
        }
        if (stale.Count >= veto.StaleColumns)
            triggers.Add((ColumnsItem, $"{stale.Count} 个动态、通知公告、政策文件类栏目超期未更新（达到 {veto.StaleColumns} 个即否决）", stale.Count, veto.StaleColumns, stale));
        if (longUnupdated.Count >= veto.LongUnupdatedColumns)
            triggers.Add((ColumnsItem, $"{longUnupdated.Count} 个应更新栏目超过 {veto.LongUnupdatedDays} 天未更新（达到 {veto.LongUnupdatedColumns} 个即否决）",
                longUnupdated.Count, veto.LongUnupdatedColumns, longUnupdated));
        if (empty.Count >= veto.EmptyColumns)
            triggers.Add((ColumnsItem, $"{empty.Count} 个空白栏目（达到 {veto.EmptyColumns} 个即否决）", empty.Count, veto.EmptyColumns, empty));
        if (triggers.Count == 0) yield break;

        var first = triggers[0];
        yield return new Finding(
            Id, Severity.Error, context.Site.Url.AbsoluteUri, context.HomeUrl.AbsoluteUri, null,
            $"单项否决“{first.Rule}”：{string.Join("；", triggers.Select(t => t.Why))}。依据：《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）单项否决项“{string.Join("”“", triggers.Select(t => t.Rule).Distinct())}”。",
            new JsonObject
            {
                ["rule"] = first.Rule,
                ["count"] = first.Count,
                ["triggers"] = new JsonArray(triggers.Select(t => (JsonNode?)new JsonObject
                {
                    ["rule"] = t.Rule, ["reason"] = t.Why, ["count"] = t.Count, ["threshold"] = t.Threshold, ["columns"] = t.Columns.DeepClone(),
                }).ToArray()),
            });
    }
}
