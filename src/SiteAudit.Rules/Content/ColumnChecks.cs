using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;

namespace SiteAudit.Rules.Content;

/// <summary>A stale column: its newest item (null: no item shows a date) is older than its freshness class allows.</summary>
public sealed record StaleVerdict(ColumnResult Column, ColumnReading Reading, string Class, int LimitDays, DateOnly? Latest, int? AgeDays);

/// <summary>
/// Which found columns the content rules judge, and the judgements column.stale, column.empty and site.veto share.
/// One judgement per column page: when two profile columns lead to the same page (政策文件 is both `policy` and the
/// sub-column `regulations`), the top-level column is judged, and among those the one matched by name. A sub-column is judged only when it was found under its
/// parent's page, where it surely is that category; the section page and the homepage are never judged as columns, nor a
/// column known only from its articles' ColumnName meta.
/// </summary>
public static class ColumnChecks
{
    /// <summary>The annual report column is judged against its deadline (annual-report.missing), not by a day count.</summary>
    public const string AnnualReport = "annual-report";

    public static IReadOnlyList<(ColumnResult Column, ColumnSpec Spec)> JudgedColumns(RuleContext context)
    {
        var profile = context.Site.Profile;
        var skip = new HashSet<string>(StringComparer.Ordinal) { ContentReader.Bare(context.HomeUrl.AbsoluteUri) };
        if (context.Columns.SectionUrl is { } section) skip.Add(ContentReader.Bare(section));
        var candidates = context.Columns.Columns
            .Where(c => c.Found && c.Url is not null)
            .Select(c => (Column: c, Spec: profile.Column(c.Id)))
            .Where(x => x.Spec is not null && (x.Spec.Parent is null || context.Columns.FoundUnderParent.Contains(x.Column.Id))
                        && !context.Columns.FoundInArticles.Contains(x.Column.Id))
            .Select(x => (x.Column, Spec: x.Spec!))
            .OrderBy(x => x.Spec.Parent is null ? 0 : 1)
            // A page matched by its name (on a link, or in its ColumnName meta) belongs to that column rather than to one
            // that only matched its URL.
            .ThenBy(x => x.Column.MatchedBy switch { MatchKinds.Name or MatchKinds.Meta => 0, MatchKinds.Alias => 1, _ => 2 });
        var result = new List<(ColumnResult, ColumnSpec)>();
        foreach (var (column, spec) in candidates)
            if (skip.Add(ContentReader.Bare(column.Url!))) result.Add((column, spec));
        return result.OrderBy(x => profile.Columns.ToList().FindIndex(c => c.Id == x.Item1.Id)).ToList();
    }

    /// <summary>The freshness verdict of a column with a freshness class; null when it is fresh or cannot be judged.</summary>
    public static async Task<StaleVerdict?> StaleAsync(RuleContext context, ColumnResult column, ColumnSpec spec, CancellationToken ct)
    {
        if (spec.Id == AnnualReport || spec.Freshness is not { } cls
            || !context.Site.Profile.FreshnessDays.TryGetValue(cls, out var limit))
            return null;
        var reading = await context.Content.ColumnAsync(column.Url!, ct);
        // Empty columns are column.empty; an unread or script-only list proves nothing about its dates.
        if (!reading.IsRead || reading.Items.Count == 0) return null;
        var today = context.Content.Today;
        var latest = reading.LatestDate(today);
        if (latest is null)
        {
            // "An item without a date counts as not updated" — once item pages were opened and showed no date either.
            return reading.DatelessPages > 0 ? new StaleVerdict(column, reading, cls, limit, null, null) : null;
        }
        var age = today.DayNumber - latest.Value.DayNumber;
        return age > limit ? new StaleVerdict(column, reading, cls, limit, latest, age) : null;
    }

    public static async Task<bool> EmptyAsync(RuleContext context, ColumnResult column, CancellationToken ct) =>
        (await context.Content.ColumnAsync(column.Url!, ct)).IsEmpty;

    /// <summary>What the inspection item says about a freshness class (DOMAIN.md §6), for messages.</summary>
    public static string ClassRule(string cls, int days) => cls switch
    {
        "dynamic" => $"动态、要闻类栏目 {days} 天（2 周）内应有更新",
        "first-level" => $"通知公告、政策文件等栏目 {days} 天（6 个月）内应有更新",
        _ => $"应更新的栏目 {days} 天内应有更新",
    };
}

/// <summary>What the reports show of each column's content (findings.json columns[].itemCount and latestItemDate).</summary>
public static class ColumnContents
{
    /// <summary>The located columns with the item count and newest item date of those whose page could be read.</summary>
    public static async Task<IReadOnlyList<ColumnResult>> WithItemsAsync(RuleContext context, CancellationToken ct)
    {
        var today = context.Content.Today;
        var result = new List<ColumnResult>(context.Columns.Columns.Count);
        foreach (var column in context.Columns.Columns)
        {
            if (!column.Found || column.Url is null)
            {
                result.Add(column);
                continue;
            }
            var reading = await context.Content.ColumnAsync(column.Url, ct);
            result.Add(reading.IsRead
                ? column with { ItemCount = reading.ItemCount, LatestItemDate = reading.LatestDate(today) is { } d ? ChinaDate.Iso(d) : null }
                : column);
        }
        return result;
    }
}
