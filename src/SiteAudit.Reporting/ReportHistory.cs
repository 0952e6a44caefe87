using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>One site in an earlier run, reduced to what the trend charts draw.</summary>
public sealed record HistoricSite(string Url, string Status, int Errors, int Warnings, int Infos, int Score, string Verdict, string Slug = "");

/// <summary>An earlier run, reduced to per-site figures (<see cref="ReportHistory"/>).</summary>
public sealed record HistoricRun(string RunId, DateTimeOffset StartedAt, IReadOnlyList<HistoricSite> Sites)
{
    public static HistoricRun From(RunReport report) => new(report.Run.Id, report.Run.StartedAt,
        report.Sites.Select(s =>
        {
            var verdict = SiteVerdict.Of(s);
            return new HistoricSite(s.Url, s.Status,
                s.Findings.Count(f => f.Severity == Severity.Error),
                s.Findings.Count(f => f.Severity == Severity.Warning),
                s.Findings.Count(f => f.Severity == Severity.Info),
                verdict.Score, verdict.Id, s.Slug);
        }).ToList());

    /// <summary>
    /// This run's figures for <paramref name="site"/>: the site with the same URL (its identity in the store), else the
    /// one with the same slug (a site whose address changed, such as the demo portal on a new port each time).
    /// </summary>
    public HistoricSite? Find(SiteReport site) =>
        Sites.FirstOrDefault(h => h.Url == site.Url) ?? Sites.FirstOrDefault(h => h.Slug.Length > 0 && h.Slug == site.Slug);
}

/// <summary>
/// The earlier runs a report compares with: for the trend over recent runs on the summary page. Sites are matched
/// by URL (their identity across runs in the store, as for finding history), else by slug (<see cref="HistoricRun.Find"/>).
/// </summary>
public static class ReportHistory
{
    /// <summary>How many earlier runs the trend shows by default (the current run comes on top).</summary>
    public const int DefaultRuns = 9;

    /// <summary>
    /// The finished runs that started before <paramref name="current"/> and share at least one site with it, newest
    /// <paramref name="maxRuns"/> of them, oldest first. Each run is loaded and reduced one at a time, so memory
    /// stays that of one run; at most three times <paramref name="maxRuns"/> runs are looked at.
    /// </summary>
    public static async Task<IReadOnlyList<HistoricRun>> LoadAsync(IAuditStore store, RunReport current, int maxRuns, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(current);
        if (maxRuns <= 0) return [];
        var candidates = (await store.ListRunsAsync(1000, ct))
            .Where(r => r.Id != current.Run.Id && r.StartedAt < current.Run.StartedAt && r.Status != RunStatus.Running)
            .OrderByDescending(r => r.StartedAt)
            .Take(maxRuns * 3);
        var runs = new List<HistoricRun>();
        foreach (var info in candidates)
        {
            if (runs.Count >= maxRuns) break;
            if (await store.LoadRunAsync(info.Id, ct) is not { } report) continue;
            var run = HistoricRun.From(report);
            if (current.Sites.Any(s => run.Find(s) is not null)) runs.Add(run);
        }
        runs.Reverse();
        return runs;
    }
}
