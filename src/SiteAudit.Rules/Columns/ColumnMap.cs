using SiteAudit.Core.Model;

namespace SiteAudit.Rules.Columns;

/// <summary>Where the disclosure section and each profile column were found (or not).</summary>
public sealed record ColumnMap(string? SectionUrl, string? SectionMatchedBy, string? SectionText, IReadOnlyList<ColumnResult> Columns)
{
    public ColumnResult? this[string id] => Columns.FirstOrDefault(c => c.Id == id);
}
