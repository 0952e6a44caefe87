using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SiteAudit.Core.Model;

namespace SiteAudit.Rules.Links;

/// <summary>
/// link.dead: one finding per dead target per site, with every page that links to it (检查指标: 每发现一个
/// 不可用链接扣分; 61号文: 链接失效的发现一例通报一例). Blocked targets (anti-bot) and URLs that nobody links to
/// are not dead links.
/// </summary>
public sealed class DeadLinkRule : IRule
{
    private const int MaxReferrers = 50;

    public string Id => RuleIds.LinkDead;

    public async IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var fetch in context.Facts.GetFailedFetchesAsync(ct))
        {
            if (!DeadReason.IsDead(fetch.Outcome)) continue;
            var referrers = await context.Facts.GetReferrersAsync(fetch.Url, MaxReferrers, ct);
            if (referrers.Count == 0) continue;
            var evidence = new JsonObject
            {
                ["reason"] = fetch.Outcome,
                ["status"] = fetch.Status,
                ["referrers"] = new JsonArray(referrers.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
            };
            if (fetch.Error is not null) evidence["error"] = fetch.Error;
            if (fetch.FinalUrl is not null && fetch.FinalUrl != fetch.Url) evidence["finalUrl"] = fetch.FinalUrl;
            yield return new Finding(Id, Severity.Warning, fetch.Url, referrers[0], null,
                $"链接不可用：{DeadReason.Describe(fetch.Outcome, fetch.Status)}", evidence);
        }
    }
}
