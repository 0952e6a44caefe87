namespace SiteAudit.Core.Profiles;

/// <summary>
/// What a kind of site must show (DOMAIN.md §1–§2): the disclosure section, its columns, and the thresholds
/// rules use. Loaded from YAML by <see cref="ProfileLoader"/>, with `extends` already resolved.
/// </summary>
/// <param name="AnnualReportDeadline">MM-dd by which last year's annual report must be published (03-31 government, 01-31 department).</param>
public sealed record Profile(
    string Id,
    string Name,
    string Kind,
    string SourceFile,
    string AnnualReportDeadline,
    SectionSpec Section,
    IReadOnlyList<ColumnSpec> Columns,
    IReadOnlyDictionary<string, int> FreshnessDays)
{
    public ColumnSpec? Column(string id) => Columns.FirstOrDefault(c => c.Id == id);
}

/// <summary>How to find the 政府信息公开 section from the homepage.</summary>
public sealed record SectionSpec(IReadOnlyList<string> Names, IReadOnlyList<string> UrlHints);

/// <summary>
/// One column: canonical id (DOMAIN.md §1), standard name, other names sites use, URL path hints,
/// whether the profile requires it, its freshness class (a key of <see cref="Profile.FreshnessDays"/>),
/// and its parent column (sub-columns of 法定主动公开内容).
/// </summary>
public sealed record ColumnSpec(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> UrlHints,
    bool Required,
    string? Freshness,
    string? Parent,
    int Line);

public static class ProfileKinds
{
    public const string Government = "government";
    public const string Department = "department";
}
