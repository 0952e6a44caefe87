using System.Globalization;
using System.Text.Json.Nodes;
using SiteAudit.Core.Model;

namespace SiteAudit.Rules.Site;

/// <summary>
/// The single-veto item 站点无法访问 as the inspection measures it (DOMAIN.md §6): over the last 7 days of timed
/// visits of the homepage (the worker's availability probes), at least 5% failed to open within 15 s. Judged only
/// on a full week of visits (<see cref="Availability.VetoMinimumProbes"/>); without probes (no worker, or a worker
/// that has just started) nothing is claimed. <see cref="SiteVetoRule"/> reports it as one of the site's veto
/// triggers, whatever the profile's other thresholds.
/// </summary>
public static class AvailabilityVeto
{
    public const string Item = "站点无法访问";

    public sealed record Trigger(string Rule, string Why, int Count, int Threshold, Availability Availability);

    /// <summary>The trigger when the site's probes of the week before now cross the threshold; null otherwise.</summary>
    public static async Task<Trigger?> EvaluateAsync(RuleContext context, CancellationToken ct)
    {
        var now = context.Time.GetUtcNow();
        var week = await context.Facts.GetAvailabilityAsync(now - Availability.VetoWindow, now, ct);
        if (week is null || week.Probes < Availability.VetoMinimumProbes || week.FailureRatio < Availability.VetoFailureRatio) return null;
        var threshold = (int)Math.Ceiling(week.Probes * Availability.VetoFailureRatio);
        var why = string.Format(CultureInfo.InvariantCulture,
            "近 7 天 {0} 次定时访问首页，{1} 次未能在 {2} 秒内打开（{3:0.0}%，达到 5% 即否决）",
            week.Probes, week.Failed, (int)Availability.ProbeTimeLimit.TotalSeconds, week.FailureRatio * 100);
        return new Trigger(Item, why, week.Failed, threshold, week);
    }

    /// <summary>The site.veto finding when this is the site's only trigger (the profile judges no other veto item).</summary>
    public static Finding Finding(RuleContext context, Trigger trigger) => new(
        RuleIds.SiteVeto, Severity.Error, context.Site.Url.AbsoluteUri, context.HomeUrl.AbsoluteUri, null,
        $"单项否决“{trigger.Rule}”：{trigger.Why}。依据：《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）单项否决项“{trigger.Rule}”。",
        new JsonObject
        {
            ["rule"] = trigger.Rule,
            ["count"] = trigger.Count,
            ["triggers"] = new JsonArray(new JsonObject
            {
                ["rule"] = trigger.Rule, ["reason"] = trigger.Why, ["count"] = trigger.Count, ["threshold"] = trigger.Threshold,
                ["columns"] = new JsonArray(),
            }),
            ["probes"] = trigger.Availability.Probes,
        });
}
