using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>A column id's name as the site's profile calls it, else its standard name (DOMAIN.md §1), else the id.</summary>
internal sealed class ColumnNames(IReadOnlyDictionary<string, string> byId)
{
    public static ColumnNames For(SiteReport site)
    {
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in site.Columns) byId.TryAdd(c.Id, c.Name);
        return new ColumnNames(byId);
    }

    public string Name(string id) => byId.TryGetValue(id, out var name) ? name : ReportLabels.Column(id);
}
