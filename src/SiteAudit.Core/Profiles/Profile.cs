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
    IReadOnlyDictionary<string, int> FreshnessDays,
    VetoSettings? Veto = null,
    InterpretationSettings? Interpretation = null,
    DepartmentSettings? Departments = null)
{
    public ColumnSpec? Column(string id) => Columns.FirstOrDefault(c => c.Id == id);

    /// <summary>The columns whose parent is <paramref name="parentId"/>, in profile order.</summary>
    public IEnumerable<ColumnSpec> Children(string parentId) => Columns.Where(c => c.Parent == parentId);
}

/// <summary>
/// The single-veto (单项否决) thresholds of 国办秘函〔2019〕19号 that a machine can check (DOMAIN.md §6). A profile
/// without `veto` gets no site.veto verdicts.
/// </summary>
/// <param name="HomepageDays">网站不更新: no item on the homepage newer than this many days.</param>
/// <param name="StaleColumns">栏目不更新: at least this many columns of <paramref name="StaleClasses"/> stale.</param>
/// <param name="StaleClasses">The freshness classes that count for <paramref name="StaleColumns"/> (动态/要闻, 通知公告/政策文件).</param>
/// <param name="LongUnupdatedDays">“长期未更新”: a column that should be updated (has a freshness class) without an item this recent.</param>
/// <param name="LongUnupdatedColumns">栏目不更新: at least this many long-unupdated columns.</param>
/// <param name="EmptyColumns">栏目不更新: at least this many 空白栏目.</param>
public sealed record VetoSettings(
    int HomepageDays,
    int StaleColumns,
    IReadOnlyList<string> StaleClasses,
    int LongUnupdatedDays,
    int LongUnupdatedColumns,
    int EmptyColumns);

/// <summary>How policy documents and their 解读 are checked (DOMAIN.md §5).</summary>
/// <param name="DocumentColumns">Column ids whose items are policy documents that need a 解读.</param>
/// <param name="LagDays">interpretation.late: the 解读 may follow its document by at most this many days (null: not checked).</param>
/// <param name="WorkingDays">Count <paramref name="LagDays"/> in working days (Monday–Friday).</param>
/// <param name="ExemptTitles">Documents whose title contains one of these need no 解读 (e.g. 废止 decisions).</param>
public sealed record InterpretationSettings(
    IReadOnlyList<string> DocumentColumns,
    int? LagDays,
    bool WorkingDays,
    IReadOnlyList<string> ExemptTitles);

/// <summary>
/// Department units: a portal page named like <paramref name="Names"/> (部门信息公开) that lists the departments'
/// disclosure pages; each listed department is audited as a unit with the profile <paramref name="Profile"/>
/// (<see cref="UnitProfile"/> once the catalog has loaded it; null when it has problems).
/// </summary>
public sealed record DepartmentSettings(IReadOnlyList<string> Names, string Profile, int Line = 0)
{
    public Profile? UnitProfile { get; init; }
}

/// <summary>How to find the 政府信息公开 section from the homepage.</summary>
public sealed record SectionSpec(IReadOnlyList<string> Names, IReadOnlyList<string> UrlHints);

/// <summary>
/// One column: canonical id (DOMAIN.md §1), standard name, other names sites use, URL path hints,
/// whether the profile requires it, its freshness class (a key of <see cref="Profile.FreshnessDays"/>),
/// and its parent column (sub-columns of 法定主动公开内容). A required column with a parent is looked for under its
/// parent's page (subcolumn.missing), not as a section column (column.missing). MinItems: fewer items is column.sparse;
/// StandardCatalog: the names of a 标准目录 link the column page must carry (基层政务公开, column.catalog-missing).
/// </summary>
public sealed record ColumnSpec(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> UrlHints,
    bool Required,
    string? Freshness,
    string? Parent,
    int Line,
    int? MinItems = null,
    IReadOnlyList<string>? StandardCatalog = null);

public static class ProfileKinds
{
    public const string Government = "government";
    public const string Department = "department";
}
