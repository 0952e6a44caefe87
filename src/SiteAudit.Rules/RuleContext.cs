using SiteAudit.Core.Model;
using SiteAudit.Rules.Columns;

namespace SiteAudit.Rules;

/// <summary>What a rule sees of one crawled site.</summary>
public sealed record RuleContext(SiteTarget Site, Uri HomeUrl, ISiteFacts Facts, ColumnMap Columns, TimeProvider Time);

/// <summary>A rule: a small class that turns crawled facts into findings of one rule id.</summary>
public interface IRule
{
    string Id { get; }

    IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, CancellationToken ct);
}
