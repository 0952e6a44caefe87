using SiteAudit.Core.Profiles;

namespace SiteAudit.Core.Model;

/// <summary>
/// One site to audit: what the sites file (or --url) says, with its profile resolved. Region is the optional
/// `region` of the sites file (e.g. 青山市 or 青山县), by which the summary report groups and filters sites.
/// </summary>
public sealed record SiteTarget(
    string Name,
    Uri Url,
    string Slug,
    Profile Profile,
    IReadOnlyList<string> ScopeHosts,
    string? Region = null);

/// <summary>What the audit concluded about a site as a whole (findings.json sites[].status).</summary>
public static class SiteStatus
{
    public const string Audited = "audited";
    public const string Unreachable = "unreachable";
    public const string Partial = "partial";
}

public sealed record SiteStats(int PagesFetched, int LinksChecked, long DurationMs);

/// <summary>For each profile column: whether and where it was found, and how the name matched.</summary>
public sealed record ColumnResult(
    string Id,
    string Name,
    bool Required,
    bool Found,
    string? Url,
    string? MatchedBy,
    string? MatchedText,
    int? ItemCount = null,
    string? LatestItemDate = null);

/// <summary>How a column or section link was recognised (findings.json columns[].matchedBy).</summary>
public static class MatchKinds
{
    public const string Name = "name";
    public const string Alias = "alias";
    public const string UrlHint = "url-hint";
    public const string Meta = "meta";
}
