using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>
/// Regions come from the sites file (`region`), not from the store: the pipeline puts them on the report it read
/// back before writing it. A run re-rendered later (`report --run`) has no regions, so its summary shows no
/// region column or filter.
/// </summary>
public static class SiteRegions
{
    /// <summary>The report with each site's region from its target, matched by slug (unique within a run).</summary>
    public static RunReport Apply(RunReport report, IEnumerable<SiteTarget> targets)
    {
        var bySlug = targets.Where(t => t.Region is not null).ToDictionary(t => t.Slug, t => t.Region, StringComparer.Ordinal);
        if (bySlug.Count == 0) return report;
        return report with
        {
            Sites = report.Sites.Select(s => s.Region is null && bySlug.TryGetValue(s.Slug, out var region) ? s with { Region = region } : s).ToList(),
        };
    }
}
