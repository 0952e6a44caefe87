using System.Data;
using System.Data.Common;
using Dapper;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage;

/// <summary>
/// Reading runs back for the reports, the same for every store: the SQL is portable between SQLite and PostgreSQL
/// (Dapper, @parameters, instants stored as ISO 8601 text). Only the order of runs by start time differs, given as
/// <c>runOrder</c> by the store (SQLite compares julianday(), PostgreSQL casts to timestamptz).
/// </summary>
internal static class StoreReader
{
    /// <summary>Everything the reports show for a run, read within <paramref name="tx"/> (one snapshot).</summary>
    public static async Task<RunReport?> LoadRunAsync(DbConnection conn, IDbTransaction tx, string runId, CancellationToken ct)
    {
        var run = (await QueryRunsAsync(conn, tx, "WHERE id = @runId", new { runId }, ct)).SingleOrDefault();
        if (run is null) return null;

        var siteRows = await conn.QueryAsync<SiteRunRow>(Sql("""
            SELECT id AS Id, site_url AS SiteUrl, name AS Name, slug AS Slug, profile AS Profile, status AS Status,
                   stats_json AS StatsJson, columns_json AS ColumnsJson, error AS Error, started_at AS StartedAt,
                   finished_at AS FinishedAt
            FROM site_runs WHERE run_id = @runId ORDER BY id
            """, new { runId }, tx, ct));
        var sites = new List<SiteReport>();
        foreach (var row in siteRows)
        {
            ct.ThrowIfCancellationRequested();
            sites.Add(await LoadSiteAsync(conn, tx, run.Id, row, ct));
        }
        return new RunReport(run, sites);
    }

    private static async Task<SiteReport> LoadSiteAsync(DbConnection conn, IDbTransaction tx, string runId, SiteRunRow row, CancellationToken ct)
    {
        var args = new { row.Id };
        var findings = (await conn.QueryAsync<FindingRow>(Sql("""
                SELECT rule AS Rule, severity AS Severity, url AS Url, page_url AS PageUrl, column_id AS ColumnId,
                       message AS Message, evidence_json AS EvidenceJson, fingerprint AS Fingerprint, state AS State,
                       first_seen AS FirstSeen
                FROM findings WHERE site_run_id = @Id
                """, args, tx, ct)))
            .Select(f => new ReportedFinding(f.Rule, ParseSeverity(f.Severity), f.Url, f.PageUrl, f.ColumnId, f.Message,
                StoreJson.ReadObject(f.EvidenceJson) ?? [], f.Fingerprint, f.State, f.FirstSeen))
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Rule, StringComparer.Ordinal)
            .ThenBy(f => f.Url, StringComparer.Ordinal)
            .ToList();

        // The probes of the week before the audit ended (or, for an audit that never ended, before it began).
        var availability = await AvailabilityAsync(conn, tx, row.SiteUrl,
            Dates.Parse(row.FinishedAt ?? row.StartedAt), ct);

        var evidence = await StoreEvidence.ListAsync(conn, tx, row.Id, ct);

        if (row.FinishedAt is null)
        {
            // The crawl was killed before the site finished: show what was crawled, claim nothing resolved.
            var counts = await conn.QuerySingleAsync<CountRow>(Sql("""
                SELECT CAST(COALESCE(SUM(CASE WHEN crawled THEN 1 ELSE 0 END), 0) AS BIGINT) AS Pages,
                       CAST(COUNT(*) AS BIGINT) AS Checked
                FROM fetches WHERE site_run_id = @Id
                """, args, tx, ct));
            return new SiteReport(row.Name, row.SiteUrl, row.Slug, row.Profile, SiteStatus.Partial,
                new SiteStats((int)counts.Pages, (int)counts.Checked, 0), [], findings, [], row.Error,
                Availability: availability, Evidence: evidence);
        }

        // Stored when the audit finished (FindingHistory): only a complete audit has any.
        var resolved = (await conn.QueryAsync<ResolvedRow>(Sql("""
                SELECT rule AS Rule, url AS Url, column_id AS ColumnId, fingerprint AS Fingerprint, first_seen AS FirstSeen
                FROM resolved_findings WHERE site_run_id = @Id
                """, args, tx, ct)))
            .OrderBy(r => r.Rule, StringComparer.Ordinal).ThenBy(r => r.Url, StringComparer.Ordinal)
            .Select(r => new ResolvedFinding(r.Rule, r.Url, r.ColumnId, r.Fingerprint, r.FirstSeen, runId))
            .ToList();

        return new SiteReport(row.Name, row.SiteUrl, row.Slug, row.Profile, row.Status,
            StoreJson.Read<SiteStats>(row.StatsJson) ?? new SiteStats(0, 0, 0),
            StoreJson.Read<List<ColumnResult>>(row.ColumnsJson) ?? [],
            findings, resolved, row.Error, Availability: availability, Evidence: evidence);
    }

    /// <summary>The site's probes in the veto window ending at <paramref name="at"/>; null when there are none.</summary>
    private static async Task<Availability?> AvailabilityAsync(
        DbConnection conn, IDbTransaction? tx, string siteUrl, DateTimeOffset at, CancellationToken ct)
    {
        var figure = await GetAvailabilityAsync(conn, tx, siteUrl, at - Availability.VetoWindow, at, ct);
        return figure.Probes == 0 ? null : figure;
    }

    /// <summary>The probes of <paramref name="siteUrl"/> in [from, to].</summary>
    public static async Task<Availability> GetAvailabilityAsync(
        DbConnection conn, IDbTransaction? tx, string siteUrl, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var row = await conn.QuerySingleAsync<AvailabilityRow>(Sql("""
            SELECT CAST(COUNT(*) AS BIGINT) AS Probes,
                   CAST(COALESCE(SUM(CASE WHEN failed THEN 1 ELSE 0 END), 0) AS BIGINT) AS Failed,
                   CAST(AVG(CASE WHEN failed THEN NULL ELSE duration_ms END) AS BIGINT) AS AverageMs
            FROM probes WHERE site_url = @siteUrl AND probed_at_ms >= @From AND probed_at_ms <= @To
            """, new { siteUrl, From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds() }, tx, ct));
        return new Availability(from, to, (int)row.Probes, (int)row.Failed, row.AverageMs);
    }

    /// <summary>Runs matching <paramref name="clause"/> ("WHERE …" or "ORDER BY … LIMIT …").</summary>
    public static async Task<List<RunInfo>> QueryRunsAsync(
        DbConnection conn, IDbTransaction? tx, string clause, object args, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<RunRow>(Sql($"""
            SELECT id AS Id, started_at AS StartedAt, finished_at AS FinishedAt, status AS Status, tool AS Tool
            FROM runs {clause}
            """, args, tx, ct));
        return rows.Select(r => new RunInfo(r.Id, Dates.Parse(r.StartedAt), Dates.ParseOrNull(r.FinishedAt), r.Status, r.Tool))
            .ToList();
    }

    /// <summary>Whether the options JSON of a run names <paramref name="worker"/> as the worker that started it.</summary>
    public static bool StartedBy(string? optionsJson, string worker)
    {
        try
        {
            return StoreJson.ReadObject(optionsJson)?["worker"]?.GetValue<string>() is { } name
                   && string.Equals(name, worker, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return false; // not JSON, or "worker" is not a string: not ours
        }
    }

    public static string SeverityText(Severity severity) => severity.ToString().ToLowerInvariant();

    public static Severity ParseSeverity(string text) => Enum.Parse<Severity>(text, ignoreCase: true);

    private static CommandDefinition Sql(string sql, object? args, IDbTransaction? tx, CancellationToken ct) =>
        new(sql, args, tx, cancellationToken: ct);

    private sealed record RunRow
    {
        public string Id { get; init; } = "";
        public string StartedAt { get; init; } = "";
        public string? FinishedAt { get; init; }
        public string Status { get; init; } = "";
        public string Tool { get; init; } = "";
    }

    private sealed record SiteRunRow
    {
        public long Id { get; init; }
        public string SiteUrl { get; init; } = "";
        public string Name { get; init; } = "";
        public string Slug { get; init; } = "";
        public string Profile { get; init; } = "";
        public string Status { get; init; } = "";
        public string? StatsJson { get; init; }
        public string? ColumnsJson { get; init; }
        public string? Error { get; init; }
        public string StartedAt { get; init; } = "";
        public string? FinishedAt { get; init; }
    }

    private sealed record FindingRow
    {
        public string Rule { get; init; } = "";
        public string Severity { get; init; } = "";
        public string? Url { get; init; }
        public string? PageUrl { get; init; }
        public string? ColumnId { get; init; }
        public string Message { get; init; } = "";
        public string EvidenceJson { get; init; } = "{}";
        public string Fingerprint { get; init; } = "";
        public string State { get; init; } = "";
        public string FirstSeen { get; init; } = "";
    }

    private sealed record ResolvedRow
    {
        public string Rule { get; init; } = "";
        public string? Url { get; init; }
        public string? ColumnId { get; init; }
        public string Fingerprint { get; init; } = "";
        public string FirstSeen { get; init; } = "";
    }

    private sealed record CountRow
    {
        public long Pages { get; init; }
        public long Checked { get; init; }
    }

    private sealed record AvailabilityRow
    {
        public long Probes { get; init; }
        public long Failed { get; init; }
        public long? AverageMs { get; init; }
    }
}
