using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>
/// What the templates see (report-templates/README.md documents every name). Everything a template needs is
/// computed here — labels, counts, sort order, which URLs may be links — so templates only lay it out.
/// Names are camelCase like findings.json.
/// </summary>
internal static class ReportViewModels
{
    /// <summary>From a site page (sites/&lt;slug&gt;/index.html) back to the summary.</summary>
    public const string IndexFromSite = "../../index.html";

    public const string TimeZoneLabel = "北京时间（UTC+08:00）";

    /// <summary>A site page's path relative to the output folder, with '/' separators (an href from index.html).</summary>
    public static string SitePath(string slug) => $"sites/{slug}/index.html";

    public static object Index(RunReport report)
    {
        var all = report.Sites.SelectMany(s => s.Findings).ToList();
        return new
        {
            title = "政府网站政务公开审计汇总",
            run = Run(report.Run),
            severities = ReportLabels.SeverityOrder.Select(Sev).ToList(),
            sites = report.Sites.Select(SiteSummary).ToList(),
            hasSites = report.Sites.Count > 0,
            rules = ByRule(all)
                .Select(g => new
                {
                    id = g.Key,
                    label = ReportLabels.Rule(g.Key),
                    severity = Sev(g.Max(f => f.Severity)),
                    count = g.Count(),
                    siteCount = report.Sites.Count(s => s.Findings.Any(f => f.Rule == g.Key)),
                })
                .ToList(),
            totals = new
            {
                siteCount = report.Sites.Count,
                byStatus = report.Sites.GroupBy(s => s.Status)
                    .Select(g => new { id = g.Key, label = ReportLabels.SiteStatusLabel(g.Key), count = g.Count() })
                    .ToList(),
                findingCount = all.Count,
                newCount = all.Count(f => f.State == FindingStates.New),
                resolvedCount = report.Sites.Sum(s => s.Resolved.Count),
                bySeverity = BySeverity(all),
                pagesFetched = report.Sites.Sum(s => s.Stats.PagesFetched),
                linksChecked = report.Sites.Sum(s => s.Stats.LinksChecked),
            },
        };
    }

    public static object Site(RunReport report, SiteReport site)
    {
        var columnNames = ColumnNames.For(site);
        var groups = ByRule(site.Findings)
            .OrderByDescending(g => g.Max(f => f.Severity)) // stable: same severity keeps rule order
            .Select(g => new
            {
                rule = g.Key,
                label = ReportLabels.Rule(g.Key),
                anchor = Anchor(g.Key),
                count = g.Count(),
                severity = Sev(g.Max(f => f.Severity)),
                findings = g.OrderByDescending(f => f.Severity)
                    .ThenBy(f => f.Column, StringComparer.Ordinal)
                    .ThenBy(f => f.Url, StringComparer.Ordinal)
                    .Select(f => Finding(f, columnNames))
                    .ToList(),
            })
            .ToList();

        return new
        {
            title = $"{site.Name} · 政务公开审计报告",
            indexHref = IndexFromSite,
            run = Run(report.Run),
            site = SiteSummary(site),
            columns = site.Columns.Select(Column).ToList(),
            hasColumns = site.Columns.Count > 0,
            columnsFound = site.Columns.Count(c => c.Found),
            columnsTotal = site.Columns.Count,
            groups,
            hasFindings = groups.Count > 0,
            resolved = site.Resolved
                .OrderBy(r => r.Rule, ReportLabels.RuleComparer).ThenBy(r => r.Url, StringComparer.Ordinal)
                .Select(r => new
                {
                    rule = r.Rule,
                    ruleLabel = ReportLabels.Rule(r.Rule),
                    url = Link(r.Url),
                    column = r.Column,
                    columnName = r.Column is null ? null : columnNames.Name(r.Column),
                    fingerprint = r.Fingerprint,
                    firstSeen = r.FirstSeen,
                    resolvedIn = r.ResolvedIn,
                })
                .ToList(),
            hasResolved = site.Resolved.Count > 0,
        };
    }

    private static object Run(RunInfo run) => new
    {
        id = run.Id,
        status = run.Status,
        statusLabel = ReportLabels.RunStatusLabel(run.Status),
        startedAt = ReportFormat.Display(run.StartedAt),
        startedAtIso = ReportFormat.Iso(run.StartedAt),
        finishedAt = run.FinishedAt is { } f ? ReportFormat.Display(f) : null,
        finishedAtIso = ReportFormat.Iso(run.FinishedAt),
        tool = run.Tool,
        timeZone = TimeZoneLabel,
    };

    private static object SiteSummary(SiteReport s) => new
    {
        name = s.Name,
        slug = s.Slug,
        href = SitePath(s.Slug),
        url = Link(s.Url),
        profile = s.Profile,
        status = s.Status,
        statusLabel = ReportLabels.SiteStatusLabel(s.Status),
        error = s.Error,
        stats = new
        {
            pagesFetched = s.Stats.PagesFetched,
            linksChecked = s.Stats.LinksChecked,
            durationMs = s.Stats.DurationMs,
            duration = ReportFormat.Duration(s.Stats.DurationMs),
        },
        findingCount = s.Findings.Count,
        hasFindings = s.Findings.Count > 0,
        newCount = s.Findings.Count(f => f.State == FindingStates.New),
        resolvedCount = s.Resolved.Count,
        bySeverity = BySeverity(s.Findings),
        byRule = ByRule(s.Findings)
            .Select(g => new { id = g.Key, label = ReportLabels.Rule(g.Key), count = g.Count() })
            .ToList(),
    };

    private static object Column(ColumnResult c) => new
    {
        id = c.Id,
        name = c.Name,
        required = c.Required,
        found = c.Found,
        mark = c.Found ? "✓" : "✗",
        url = Link(c.Url),
        matchedBy = c.MatchedBy,
        matchedByLabel = ReportLabels.MatchedByLabel(c.MatchedBy),
        matchedText = c.MatchedText,
        itemCount = c.ItemCount,
        latestItemDate = c.LatestItemDate,
    };

    private static object Finding(ReportedFinding f, ColumnNames columnNames)
    {
        var evidence = new Evidence(f.Evidence);
        const int shownReferrers = 5;
        return new
        {
            rule = f.Rule,
            ruleLabel = ReportLabels.Rule(f.Rule),
            severity = Sev(f.Severity),
            message = f.Message,
            url = Link(f.Url),
            pageUrl = Link(f.PageUrl),
            column = f.Column,
            columnName = f.Column is null ? null : columnNames.Name(f.Column),
            evidence = new
            {
                reason = evidence.Reason,
                reasonLabel = evidence.ReasonLabel,
                status = evidence.Status,
                referrers = evidence.Referrers.Select(Link).ToList(),
                referrerCount = evidence.Referrers.Count,
                hasReferrers = evidence.Referrers.Count > 0,
                collapseReferrers = evidence.Referrers.Count > shownReferrers,
                items = evidence.Others.Select(o => new
                {
                    key = o.Key,
                    label = o.Label,
                    values = o.Values.Select(Link).ToList(),
                }).ToList(),
            },
            fingerprint = f.Fingerprint,
            state = f.State,
            stateLabel = ReportLabels.StateLabel(f.State),
            isNew = f.State == FindingStates.New,
            firstSeen = f.FirstSeen,
        };
    }

    /// <summary>Findings grouped by rule, in report order (<see cref="ReportLabels.RuleComparer"/>).</summary>
    private static IOrderedEnumerable<IGrouping<string, ReportedFinding>> ByRule(IEnumerable<ReportedFinding> findings) =>
        findings.GroupBy(f => f.Rule).OrderBy(g => g.Key, ReportLabels.RuleComparer);

    private static object Sev(Severity s) => new { id = ReportLabels.SeverityId(s), label = ReportLabels.SeverityLabel(s) };

    private static List<object> BySeverity(IReadOnlyCollection<ReportedFinding> findings) =>
        ReportLabels.SeverityOrder
            .Select(s => (object)new
            {
                id = ReportLabels.SeverityId(s),
                label = ReportLabels.SeverityLabel(s),
                count = findings.Count(f => f.Severity == s),
            })
            .ToList();

    /// <summary>
    /// A URL to show: <c>text</c> always, <c>href</c> only for absolute http(s) URLs (javascript:, data: and the
    /// like stay text). Null when there is no URL.
    /// </summary>
    private static object? Link(string? url) =>
        url is null ? null : new { text = url, href = ReportFormat.IsWebUrl(url) ? url : null };

    /// <summary>An element id for a rule group: rule-link-dead.</summary>
    private static string Anchor(string rule) =>
        "rule-" + new string(rule.Select(ch => char.IsAsciiLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : '-').ToArray());
}
