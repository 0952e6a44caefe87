using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>A site's findings of one rule in one column (or of no column), each with its number on the page.</summary>
internal sealed record FindingGroup(string Rule, string? Column, string? ColumnName, IReadOnlyList<NumberedFinding> Findings);

internal sealed record NumberedFinding(int Number, ReportedFinding Finding);

/// <summary>
/// The order in which a site's findings are listed and numbered, shared by the site page and its 整改清单 CSV so
/// that item 7 on paper is row 7 in the spreadsheet: site-level verdicts first, then findings of a column (in the
/// profile's column order), then the rest; within each, by rule (<see cref="ReportLabels.RuleComparer"/>), then
/// most severe first, then by URL.
/// </summary>
internal static class FindingGroups
{
    public static IReadOnlyList<FindingGroup> Of(SiteReport site, ColumnNames columnNames)
    {
        var columnOrder = site.Columns.Select((c, i) => (c.Id, i)).DistinctBy(x => x.Id).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var number = 0;
        return site.Findings
            .GroupBy(f => (f.Rule, f.Column))
            .OrderBy(g => Section(g.Key.Rule, g.Key.Column))
            .ThenBy(g => g.Key.Column is { } c && columnOrder.TryGetValue(c, out var i) ? i : int.MaxValue)
            .ThenBy(g => g.Key.Column, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Rule, ReportLabels.RuleComparer)
            .Select(g => new FindingGroup(g.Key.Rule, g.Key.Column, g.Key.Column is null ? null : columnNames.Name(g.Key.Column),
                g.OrderByDescending(f => f.Severity)
                    .ThenBy(f => f.Url, StringComparer.Ordinal)
                    .ThenBy(f => f.PageUrl, StringComparer.Ordinal)
                    .Select(f => new NumberedFinding(++number, f))
                    .ToList()))
            .ToList();
    }

    /// <summary>Where a finding is: its column's name, 全站 for site-level rules, else empty.</summary>
    public static string Place(FindingGroup group) =>
        group.ColumnName ?? (IsSiteLevel(group.Rule) ? "全站" : "");

    private static int Section(string rule, string? column) => IsSiteLevel(rule) ? 0 : column is not null ? 1 : 2;

    private static bool IsSiteLevel(string rule) => rule.StartsWith("site.", StringComparison.Ordinal);
}
