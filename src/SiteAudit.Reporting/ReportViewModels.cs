using System.Globalization;
using System.Text.RegularExpressions;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>
/// What the templates see (report-templates/README.md documents every name). Everything a template needs is
/// computed here — labels, counts, sort order, verdicts, chart coordinates, which URLs may be links — so templates
/// only lay it out. Names are camelCase like findings.json.
/// </summary>
internal static partial class ReportViewModels
{
    /// <summary>From a site page (sites/&lt;slug&gt;/index.html) back to the summary.</summary>
    public const string IndexFromSite = "../../index.html";

    /// <summary>The site's 整改清单, beside its page (sites/&lt;slug&gt;/zhenggai.csv).</summary>
    public const string RectificationFile = "zhenggai.csv";

    public const string TimeZoneLabel = "北京时间（UTC+08:00）";

    /// <summary>Referrers shown before the rest are folded away.</summary>
    private const int ShownReferrers = 5;

    /// <summary>A site page's path relative to the output folder, with '/' separators (an href from index.html).</summary>
    public static string SitePath(string slug) => $"sites/{slug}/index.html";

    public static object Index(RunReport report, IReadOnlyList<HistoricRun> history, string csp)
    {
        var all = report.Sites.SelectMany(s => s.Findings).ToList();
        var verdicts = report.Sites.Select(SiteVerdict.Of).ToList();
        var regions = report.Sites.Where(s => s.Region is not null).GroupBy(s => s.Region!)
            .Select(g => new { name = g.Key, siteCount = g.Count() }).OrderBy(r => r.name, StringComparer.Ordinal).ToList();
        return new
        {
            title = "政府网站政务公开审计汇总",
            csp,
            run = Run(report.Run),
            severities = ReportLabels.SeverityOrder.Select(Sev).ToList(),
            sites = report.Sites.Select(s => SiteSummary(s, history)).ToList(),
            hasSites = report.Sites.Count > 0,
            regions,
            hasRegions = regions.Count > 0,
            verdicts = VerdictKinds.Select(v => new { id = v.Id, label = v.Label, count = verdicts.Count(x => x.Id == v.Id) }).ToList(),
            rules = ByRule(all)
                .Select(g => new
                {
                    id = g.Key,
                    label = ReportLabels.Rule(g.Key),
                    severity = Sev(g.Max(f => f.Severity)),
                    count = g.Count(),
                    newCount = g.Count(f => f.State == FindingStates.New),
                    siteCount = report.Sites.Count(s => s.Findings.Any(f => f.Rule == g.Key)),
                    source = RuleGuide.For(g.Key)?.Source,
                })
                .ToList(),
            trend = TrendChart.Summary(report, history),
            score = new { error = SiteVerdict.ErrorPoints, warning = SiteVerdict.WarningPoints, info = SiteVerdict.InfoPoints },
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
                passCount = verdicts.Count(v => v.Id == SiteVerdict.Pass),
                vetoCount = verdicts.Count(v => v.Id == SiteVerdict.Veto),
                incompleteCount = verdicts.Count(v => v.Id == SiteVerdict.Incomplete),
                averageScore = verdicts.Count == 0 ? "—" : verdicts.Average(v => v.Score).ToString("0.#", CultureInfo.InvariantCulture),
            },
        };
    }

    private static readonly (string Id, string Label)[] VerdictKinds =
        [(SiteVerdict.Veto, "单项否决"), (SiteVerdict.Incomplete, "未完成"), (SiteVerdict.Pass, "合格")];

    public static object Site(RunReport report, SiteReport site, IReadOnlyList<HistoricRun> history, string csp)
    {
        var columnNames = ColumnNames.For(site);
        var groups = FindingGroups.Of(site, columnNames);
        var runDate = DateOnly.FromDateTime(report.Run.StartedAt.ToOffset(ReportFormat.ChinaOffset).DateTime);

        // Which groups speak about each column: the checklist links to them and takes its state from them.
        var byColumn = groups.Where(g => g.Column is not null).ToLookup(g => g.Column!, StringComparer.Ordinal);
        var columns = site.Columns.Select(c => Column(c, byColumn[c.Id].ToList(), runDate)).ToList();

        return new
        {
            title = $"{site.Name} · 政务公开审计报告",
            csp,
            indexHref = IndexFromSite,
            rectificationHref = RectificationFile,
            run = Run(report.Run),
            site = SiteSummary(site, history),
            columns,
            requiredColumns = columns.Where(c => c.required).ToList(),
            otherColumns = columns.Where(c => !c.required).ToList(),
            hasColumns = site.Columns.Count > 0,
            hasOtherColumns = site.Columns.Any(c => !c.Required),
            columnsFound = site.Columns.Count(c => c.Found),
            columnsTotal = site.Columns.Count,
            requiredFound = site.Columns.Count(c => c.Required && c.Found),
            requiredTotal = site.Columns.Count(c => c.Required),
            otherFound = site.Columns.Count(c => !c.Required && c.Found),
            otherTotal = site.Columns.Count(c => !c.Required),
            shots = (site.Evidence ?? []).Select(PageShot).ToList(),
            hasShots = site.Evidence is { Count: > 0 },
            groups = groups.Select(g => Group(g)).ToList(),
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

    private static object Group(FindingGroup g)
    {
        var advice = RuleGuide.For(g.Rule);
        var findings = g.Findings.Select(f => Finding(f, g.ColumnName)).ToList();
        return new
        {
            rule = g.Rule,
            label = ReportLabels.Rule(g.Rule),
            column = g.Column,
            columnName = g.ColumnName,
            place = FindingGroups.Place(g),
            anchor = GroupAnchor(g.Rule, g.Column),
            count = g.Findings.Count,
            severity = Sev(g.Findings.Max(f => f.Finding.Severity)),
            source = advice?.Source,
            explain = advice?.Explain,
            fix = advice?.Fix,
            // A column of per-finding advice only where it says more than the group's 整改要求 (reasons of link.dead …).
            showFix = g.Findings.Any(f => RuleGuide.Fix(f.Finding.Rule, new Evidence(f.Finding.Evidence).Reason) is { } fix && fix != advice?.Fix),
            findings,
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

    private static object SiteSummary(SiteReport s, IReadOnlyList<HistoricRun> history)
    {
        var verdict = SiteVerdict.Of(s);
        var bySeverity = BySeverity(s.Findings);
        return new
        {
            name = s.Name,
            slug = s.Slug,
            href = SitePath(s.Slug),
            url = Link(s.Url),
            region = s.Region,
            profile = s.Profile,
            status = s.Status,
            statusLabel = ReportLabels.SiteStatusLabel(s.Status),
            statusNotable = s.Status != SiteStatus.Audited,
            error = s.Error,
            verdict = new
            {
                id = verdict.Id,
                label = verdict.Label,
                rank = Array.FindIndex(VerdictKinds, v => v.Id == verdict.Id), // sorts 单项否决 first
                reasons = verdict.VetoReasons,
                reasonText = string.Join("、", verdict.VetoReasons),
            },
            score = verdict.Score,
            trend = TrendChart.Sparkline(s, history),
            availability = s.Availability is { Probes: > 0 } a
                ? new
                {
                    percent = (a.AvailableRatio * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
                    probes = a.Probes,
                    failed = a.Failed,
                    averageMs = a.AverageMs,
                    days = Math.Max(1, (int)Math.Round((a.To - a.From).TotalDays)),
                }
                : null,
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
            bySeverity,
            byRule = ByRule(s.Findings)
                .Select(g => new { id = g.Key, label = ReportLabels.Rule(g.Key), count = g.Count() })
                .ToList(),
            // For the summary's filters: every rule:severity pair the site has, space-separated.
            filterKeys = string.Join(" ", s.Findings.Select(f => $"{f.Rule}:{ReportLabels.SeverityId(f.Severity)}").Distinct().Order(StringComparer.Ordinal)),
        };
    }

    private sealed record ColumnView(
        string id, string name, bool required, bool found, string mark, object? url, string? matchedBy, string matchedByLabel,
        string? matchedText, int? itemCount, string? latestItemDate, string? age, object state, string? anchor, int findingCount);

    private static ColumnView Column(ColumnResult c, IReadOnlyList<FindingGroup> groups, DateOnly runDate)
    {
        var rules = groups.Select(g => g.Rule).ToList();
        var (stateId, stateLabel) =
            rules.Contains(RuleIds.ColumnMissing) || (!c.Found && c.Required) ? ("missing", "缺失")
            : rules.Contains(RuleIds.ColumnEmpty) ? ("empty", "空白")
            : rules.Contains(RuleIds.ColumnStale) ? ("stale", "不更新")
            : groups.Count > 0 ? ("issues", "有问题")
            : c.Found ? ("ok", "正常")
            : ("absent", "未找到");
        string? age = null;
        if (c.LatestItemDate is { } latest
            && DateOnly.TryParseExact(latest, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var days = runDate.DayNumber - date.DayNumber;
            age = days switch { < 0 => null, 0 => "当天", _ => $"{days} 天前" };
        }
        return new ColumnView(
            c.Id, c.Name, c.Required, c.Found, c.Found ? "✓" : "✗", Link(c.Url), c.MatchedBy, ReportLabels.MatchedByLabel(c.MatchedBy),
            c.MatchedText, c.ItemCount, c.LatestItemDate, age, new { id = stateId, label = stateLabel },
            groups.Count > 0 ? GroupAnchor(groups[0].Rule, groups[0].Column) : null,
            groups.Sum(g => g.Findings.Count));
    }

    private static object Finding(NumberedFinding numbered, string? columnName)
    {
        var f = numbered.Finding;
        var evidence = new Evidence(f.Evidence);
        var linkText = evidence.First(EvidenceKeys.LinkText);
        var screenshot = evidence.First(EvidenceKeys.Screenshot);
        return new
        {
            number = numbered.Number,
            anchor = "f-" + f.Fingerprint,
            rule = f.Rule,
            ruleLabel = ReportLabels.Rule(f.Rule),
            severity = Sev(f.Severity),
            message = f.Message,
            url = Link(f.Url),
            pageUrl = Link(f.PageUrl),
            linkText,
            column = f.Column,
            columnName,
            fix = RuleGuide.Fix(f.Rule, evidence.Reason),
            evidence = new
            {
                reason = evidence.Reason,
                reasonLabel = evidence.ReasonLabel,
                status = evidence.Status,
                referrers = evidence.Referrers.Select(Link).ToList(),
                referrersShown = evidence.Referrers.Take(ShownReferrers).Select(Link).ToList(),
                referrersMore = evidence.Referrers.Skip(ShownReferrers).Select(Link).ToList(),
                referrerCount = evidence.Referrers.Count,
                moreReferrerCount = Math.Max(0, evidence.Referrers.Count - ShownReferrers),
                hasReferrers = evidence.Referrers.Count > 0,
                collapseReferrers = evidence.Referrers.Count > ShownReferrers,
                screenshot = Screenshot(screenshot),
                items = evidence.Others
                    .Where(o => o.Key is not (EvidenceKeys.LinkText or EvidenceKeys.Screenshot))
                    .Select(o => new { key = o.Key, label = o.Label, values = o.Values.Select(Link).ToList() })
                    .ToList(),
            },
            fingerprint = f.Fingerprint,
            state = f.State,
            stateLabel = ReportLabels.StateLabel(f.State),
            isNew = f.State == FindingStates.New,
            firstSeen = f.FirstSeen,
        };
    }

    /// <summary>
    /// evidence.screenshot: a data:image URI or a path relative to the output folder is shown as an image (the
    /// page is two folders down: sites/&lt;slug&gt;/); anything else (a URL, an absolute path) only as text, never loaded.
    /// </summary>
    private static object? Screenshot(string? value)
    {
        if (value is null) return null;
        if (DataImage().IsMatch(value)) return new { src = value, href = (string?)null, text = "截图" };
        if (RelativeFile().IsMatch(value) && !value.Split('/').Contains(".."))
            return new { src = "../../" + value, href = (string?)("../../" + value), text = value };
        return new { src = (string?)null, href = (string?)null, text = value };
    }

    /// <summary>A screenshot stored with the site's audit, shown by the column checklist (the file is beside the page, in shots/).</summary>
    private static object PageShot(EvidenceFileInfo file) => new
    {
        src = $"{ReportWriter.ShotsFolderName}/{file.Name}",
        caption = file.Kind == EvidenceKinds.Section ? "信息公开专栏截图" : "首页截图（未找到信息公开专栏）",
        url = Link(file.Url),
        takenAt = ReportFormat.Display(file.TakenAt),
    };

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

    /// <summary>An element id for a group: rule-link-dead, or rule-column-missing-catalog for a column's group.</summary>
    private static string GroupAnchor(string rule, string? column) =>
        "rule-" + Token(rule) + (column is null ? "" : "-" + Token(column));

    private static string Token(string id) =>
        new(id.Select(ch => char.IsAsciiLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : '-').ToArray());

    [GeneratedRegex(@"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$")]
    private static partial Regex DataImage();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_\-./]*\.(png|jpg|jpeg|webp|gif)$", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeFile();
}

/// <summary>Evidence keys the pages show in a place of their own (not in the list of other evidence).</summary>
public static class EvidenceKeys
{
    /// <summary>The text of the dead link on the referring page (链接文字), when the rule records it.</summary>
    public const string LinkText = "linkText";

    /// <summary>A screenshot of the page (from browser rendering), when there is one: a path relative to the output folder.</summary>
    public const string Screenshot = "screenshot";
}
