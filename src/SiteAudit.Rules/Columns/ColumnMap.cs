using SiteAudit.Core.Model;

namespace SiteAudit.Rules.Columns;

/// <summary>Where the disclosure section and each profile column were found (or not).</summary>
/// <param name="SectionBlocked">A link that looks like the section led to an anti-bot challenge: columns cannot be judged.</param>
public sealed record ColumnMap(string? SectionUrl, string? SectionMatchedBy, string? SectionText, IReadOnlyList<ColumnResult> Columns,
    bool SectionBlocked = false)
{
    public ColumnResult? this[string id] => Columns.FirstOrDefault(c => c.Id == id);

    /// <summary>Sub-columns found under their parent column's page (not elsewhere on the site).</summary>
    public IReadOnlySet<string> FoundUnderParent { get; init; } = new HashSet<string>();

    /// <summary>
    /// Columns known only from the ColumnName meta of article pages in them: they exist, but their list page was not
    /// found, so their content (stale, empty) is not judged from an article.
    /// </summary>
    public IReadOnlySet<string> FoundInArticles { get; init; } = new HashSet<string>();
}

/// <summary>
/// Where <see cref="ColumnLocator"/> may find columns: the whole site (a portal), or, for a department unit inside a
/// portal, only the unit's own pages — links in <paramref name="Ignored"/> (the portal's menus) do not count, and
/// nothing is searched anywhere else on the site.
/// </summary>
public sealed record LocateScope(IReadOnlySet<string> Ignored, bool Anywhere)
{
    public static readonly LocateScope WholeSite = new(new HashSet<string>(), true);
}
