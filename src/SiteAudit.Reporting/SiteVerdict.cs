using System.Text.Json.Nodes;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>
/// A site's verdict and score as the reports show them (documented in report-templates/README.md, "Verdict and
/// score"). The verdict follows the inspection's single-veto logic: a site.veto or site.unreachable finding fails
/// the site outright (单项否决); otherwise a complete audit is 合格 and a partial one reaches no verdict (未完成).
/// The score ranks sites for the inspector; it is SiteAudit's own measure, not an official inspection score:
/// 100 minus <see cref="ErrorPoints"/> per 严重, <see cref="WarningPoints"/> per 警告 and <see cref="InfoPoints"/>
/// per 提示 finding, never below 0; a vetoed site scores 0.
/// </summary>
public sealed record SiteVerdict(string Id, string Label, IReadOnlyList<string> VetoReasons, int Score)
{
    public const string Pass = "pass";
    public const string Veto = "veto";
    public const string Incomplete = "incomplete";

    public const int ErrorPoints = 10;
    public const int WarningPoints = 3;
    public const int InfoPoints = 1;

    public static SiteVerdict Of(SiteReport site) => Of(site.Status, site.Findings.Select(f => (f.Rule, f.Severity, f.Evidence)));

    public static SiteVerdict Of(string status, IEnumerable<(string Rule, Severity Severity, JsonObject Evidence)> findings)
    {
        var reasons = new List<string>();
        int errors = 0, warnings = 0, infos = 0;
        foreach (var (rule, severity, evidence) in findings)
        {
            switch (severity)
            {
                case Severity.Error: errors++; break;
                case Severity.Warning: warnings++; break;
                default: infos++; break;
            }
            IEnumerable<string> found = rule switch
            {
                RuleIds.SiteUnreachable => [ReportLabels.Rule(RuleIds.SiteUnreachable)],
                RuleIds.SiteVeto => VetoItems(evidence),
                _ => [],
            };
            foreach (var reason in found)
                if (!reasons.Contains(reason)) reasons.Add(reason);
        }
        if (reasons.Count > 0) return new SiteVerdict(Veto, "单项否决", reasons, 0);
        var score = Math.Max(0, 100 - ErrorPoints * errors - WarningPoints * warnings - InfoPoints * infos);
        return status == SiteStatus.Partial
            ? new SiteVerdict(Incomplete, "未完成", reasons, score)
            : new SiteVerdict(Pass, "合格", reasons, score);
    }

    /// <summary>
    /// The single-veto item(s) of a site.veto finding, a rule id or a name, shown by label: evidence.rule, and the
    /// rule of each of evidence.triggers when the content rules list several.
    /// </summary>
    private static IEnumerable<string> VetoItems(JsonObject evidence)
    {
        // Only read: never put these nodes into a new JsonArray (a node has one parent).
        IEnumerable<JsonNode?> nodes = evidence["rule"] is JsonArray a ? a.AsEnumerable() : new[] { evidence["rule"] };
        if (evidence["triggers"] is JsonArray triggers) nodes = nodes.Concat(triggers.Select(t => t is JsonObject o ? o["rule"] : null));
        var items = nodes.Where(n => n is not null).Select(Evidence.Text).Distinct().ToList();
        var labels = items.Where(i => i.Length > 0).Select(ReportLabels.Rule).ToList();
        return labels.Count > 0 ? labels : [ReportLabels.Rule(RuleIds.SiteVeto)];
    }
}
