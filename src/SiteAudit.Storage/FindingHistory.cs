using System.Data;
using System.Data.Common;
using Dapper;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage;

/// <summary>
/// Finding history, the same in every store (the SQL is portable between SQLite and PostgreSQL).
/// <para>
/// A site's <em>prior</em> audits are its finished site runs in earlier runs of the store. Only a complete audit
/// (site status "audited") can show that a problem is gone; an unreachable night, a crawl cut short or an audit
/// stopped by a shutdown judges less, so what it does not report is not thereby resolved. Hence, for a finding of
/// the audit being finished:
/// </para>
/// <list type="bullet">
/// <item><b>new</b> — no prior audit reported it;</item>
/// <item><b>reopened</b> — a complete audit after the last one that reported it no longer did (it was 已整改 then);</item>
/// <item><b>open</b> — otherwise: reported before and never shown gone since;</item>
/// </list>
/// <para>
/// With first-seen the earliest date it was ever reported (the audit's China date when new). When the audit is
/// complete, its <em>resolved</em> list (已整改) is every finding still open before it (reported by the latest
/// complete prior audit or by any audit after that one) that it no longer reports. Findings of pruned runs live on
/// in <c>finding_history</c> and count here like the rest.
/// </para>
/// </summary>
internal static class FindingHistory
{
    /// <summary>Every fingerprint the site's prior audits reported, with its last site run and first-seen date.</summary>
    private const string SeenSql = $"""
        SELECT fingerprint AS Fingerprint, MAX(last_id) AS LastId, MIN(first_seen) AS FirstSeen,
               MAX(rule) AS Rule, MAX(url) AS Url, MAX(column_id) AS ColumnId
        FROM (
            SELECT f.fingerprint, f.site_run_id AS last_id, f.first_seen, f.rule, f.url, f.column_id
            FROM findings f JOIN site_runs p ON p.id = f.site_run_id
            WHERE {PriorAudits}
            UNION ALL
            SELECT fingerprint, last_site_run_id, first_seen, rule, url, column_id
            FROM finding_history
            WHERE site_url = @Url AND last_site_run_id < @Id
        ) seen
        GROUP BY fingerprint
        """;

    /// <summary>The site's prior audits (site runs <c>p</c>): same site URL, an earlier run, finished.</summary>
    private const string PriorAudits = "p.site_url = @Url AND p.id < @Id AND p.run_id <> @RunId AND p.finished_at IS NOT NULL";

    private const string LastCompleteSql = $"""
        SELECT MAX(p.id) FROM site_runs p
        WHERE {PriorAudits} AND p.status = @Audited
        """;

    /// <summary>The latest prior audit with crawled pages, and how its run was set up (conditional GET, issue #6).</summary>
    private const string LastWithPagesSql = $"""
        SELECT p.id AS SiteRunId, r.options_json AS RunOptionsJson
        FROM site_runs p JOIN runs r ON r.id = p.run_id
        WHERE {PriorAudits} AND (p.status = @Audited OR p.status = @Partial)
        ORDER BY p.id DESC LIMIT 1
        """;

    /// <summary>
    /// Gives the findings of site run <paramref name="siteRunId"/> their state and first-seen date, and works out
    /// what it resolved (empty unless <paramref name="status"/> is a complete audit). Reads only, within
    /// <paramref name="tx"/>.
    /// </summary>
    public static async Task<Outcome> ComputeAsync(
        DbConnection conn, IDbTransaction tx, long siteRunId, string status, IReadOnlyList<Finding> findings,
        DateTimeOffset finishedAt, CancellationToken ct)
    {
        var site = await SiteOfAsync(conn, tx, siteRunId, ct)
            ?? throw new ArgumentException($"Unknown site run {siteRunId}.", nameof(siteRunId));
        var args = new { site.Url, Id = siteRunId, site.RunId, Audited = SiteStatus.Audited };
        var seen = (await conn.QueryAsync<SeenRow>(new CommandDefinition(SeenSql, args, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Fingerprint, StringComparer.Ordinal);
        var lastComplete = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(LastCompleteSql, args, tx, cancellationToken: ct));

        var today = Dates.ChinaDay(finishedAt);
        var stated = findings
            .DistinctBy(f => f.Fingerprint, StringComparer.Ordinal) // keeps the first of each fingerprint
            .Select(f => seen.TryGetValue(f.Fingerprint, out var s)
                ? new StatedFinding(f, lastComplete > s.LastId ? FindingStates.Reopened : FindingStates.Open, s.FirstSeen)
                : new StatedFinding(f, FindingStates.New, today))
            .ToList();

        var resolved = new List<ResolvedRow>();
        if (status == SiteStatus.Audited)
        {
            var now = stated.Select(s => s.Finding.Fingerprint).ToHashSet(StringComparer.Ordinal);
            resolved.AddRange(seen.Values
                .Where(s => (lastComplete is null || s.LastId >= lastComplete) && !now.Contains(s.Fingerprint))
                .OrderBy(s => s.Rule, StringComparer.Ordinal).ThenBy(s => s.Url, StringComparer.Ordinal)
                .Select(s => new ResolvedRow(s.Rule, s.Url, s.ColumnId, s.Fingerprint, s.FirstSeen)));
        }
        return new Outcome(stated, resolved);
    }

    /// <summary>
    /// The latest prior audit of the site of <paramref name="siteRunId"/> that crawled pages (audited or partial), or
    /// null (also for an unknown site run).
    /// </summary>
    public static async Task<PriorAudit?> FindPriorAuditAsync(DbConnection conn, IDbTransaction? tx, long siteRunId, CancellationToken ct)
    {
        var site = await SiteOfAsync(conn, tx, siteRunId, ct);
        if (site is null) return null;
        var row = await conn.QuerySingleOrDefaultAsync<PriorRow>(new CommandDefinition(LastWithPagesSql,
            new { site.Url, Id = siteRunId, site.RunId, Audited = SiteStatus.Audited, Partial = SiteStatus.Partial }, tx, cancellationToken: ct));
        return row is null ? null : new PriorAudit(row.SiteRunId, row.RunOptionsJson);
    }

    private static Task<SiteRow?> SiteOfAsync(DbConnection conn, IDbTransaction? tx, long siteRunId, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<SiteRow>(new CommandDefinition(
            "SELECT site_url AS Url, run_id AS RunId FROM site_runs WHERE id = @Id", new { Id = siteRunId }, tx, cancellationToken: ct));

    public sealed record Outcome(IReadOnlyList<StatedFinding> Findings, IReadOnlyList<ResolvedRow> Resolved);

    public sealed record StatedFinding(Finding Finding, string State, string FirstSeen);

    public sealed record ResolvedRow(string Rule, string? Url, string? ColumnId, string Fingerprint, string FirstSeen);

    private sealed record SiteRow
    {
        public string Url { get; init; } = "";
        public string RunId { get; init; } = "";
    }

    private sealed record PriorRow
    {
        public long SiteRunId { get; init; }
        public string RunOptionsJson { get; init; } = "";
    }

    private sealed record SeenRow
    {
        public string Fingerprint { get; init; } = "";
        public long LastId { get; init; }
        public string FirstSeen { get; init; } = "";
        public string Rule { get; init; } = "";
        public string? Url { get; init; }
        public string? ColumnId { get; init; }
    }
}
