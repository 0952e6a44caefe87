using SiteAudit.Core.Model;
using SiteAudit.Rules.Columns;
using SiteAudit.Rules.Links;

namespace SiteAudit.Rules;

/// <summary>The rules a site is judged by, in report order. Adding a rule = adding a class and a line here.</summary>
public sealed class RuleSet(IEnumerable<IRule> rules)
{
    public static RuleSet Default() => new([new ColumnMissingRule(), new DeadLinkRule()]);

    public async Task<IReadOnlyList<Finding>> EvaluateAsync(RuleContext context, CancellationToken ct)
    {
        var findings = new List<Finding>();
        foreach (var rule in rules)
            await foreach (var finding in rule.EvaluateAsync(context, ct))
                findings.Add(finding);
        return findings;
    }
}
