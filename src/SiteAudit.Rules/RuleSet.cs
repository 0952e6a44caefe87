using SiteAudit.Core.Model;
using SiteAudit.Rules.AnnualReports;
using SiteAudit.Rules.Columns;
using SiteAudit.Rules.Guide;
using SiteAudit.Rules.Interpretation;
using SiteAudit.Rules.Links;
using SiteAudit.Rules.Site;

namespace SiteAudit.Rules;

/// <summary>The rules a site is judged by, in report order. Adding a rule = adding a class and a line here.</summary>
public sealed class RuleSet(IEnumerable<IRule> rules)
{
    public static RuleSet Default() => new(
    [
        new ColumnMissingRule(), new SubColumnMissingRule(), new ColumnEmptyRule(), new ColumnStaleRule(), new SiteVetoRule(),
        new ColumnSparseRule(), new ColumnCatalogMissingRule(),
        new AnnualReportMissingRule(), new AnnualReportIncompleteRule(), new GuideIncompleteRule(),
        new InterpretationMissingRule(), new InterpretationUnlinkedRule(), new InterpretationLateRule(),
        new DeadLinkRule(),
    ]);

    /// <summary>The rules of a department unit inside a portal: no dead links (the portal's own finding) and no site verdicts.</summary>
    public static RuleSet Unit() => new(Default().Rules.Where(r => r is not (DeadLinkRule or SiteVetoRule)));

    public IEnumerable<IRule> Rules => rules;

    public async Task<IReadOnlyList<Finding>> EvaluateAsync(RuleContext context, CancellationToken ct)
    {
        var findings = new List<Finding>();
        foreach (var rule in rules)
            await foreach (var finding in rule.EvaluateAsync(context, ct))
                findings.Add(finding);
        return findings;
    }
}
