using SiteAudit.Core.Model;

namespace SiteAudit.Rules.Columns;

/// <summary>Where the disclosure section and each profile column were found (or not).</summary>
/// <param name="SectionBlocked">A link that looks like the section led to an anti-bot challenge: columns cannot be judged.</param>
public sealed record ColumnMap(string? SectionUrl, string? SectionMatchedBy, string? SectionText, IReadOnlyList<ColumnResult> Columns,
    bool SectionBlocked = false)
{
    public ColumnResult? this[string id] => Columns.FirstOrDefault(c => c.Id == id);
}
