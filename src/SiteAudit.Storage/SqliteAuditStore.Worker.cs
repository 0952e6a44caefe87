using Dapper;
using Microsoft.Data.Sqlite;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage;

/// <summary>What the scheduled worker needs of the SQLite store: interrupted runs, probes, retention.</summary>
public sealed partial class SqliteAuditStore
{
    public Task<IReadOnlyList<string>> MarkInterruptedRunsAsync(string worker, DateTimeOffset at, CancellationToken ct) =>
        WriteAsync("interrupted runs", async (writer, tx) =>
        {
            var running = await writer.Connection.QueryAsync<(string Id, string OptionsJson)>(Sql(
                "SELECT id, options_json FROM runs WHERE status = @Running", new { RunStatus.Running }, tx, ct));
            var ours = running.Where(r => StoreReader.StartedBy(r.OptionsJson, worker)).Select(r => r.Id).ToList();
            foreach (var id in ours)
                await writer.Connection.ExecuteAsync(Sql(
                    "UPDATE runs SET status = @Interrupted, finished_at = @At WHERE id = @id",
                    new { RunStatus.Interrupted, At = Dates.Format(at), id }, tx, ct));
            return (IReadOnlyList<string>)ours;
        }, ct);

    public Task AddProbesAsync(IReadOnlyList<ProbeRecord> probes, CancellationToken ct)
    {
        if (probes.Count == 0) return Task.CompletedTask;
        return WriteAsync($"{probes.Count} probes", (writer, tx) => writer.Connection.ExecuteAsync(Sql("""
            INSERT INTO probes (site_url, probed_at, probed_at_ms, failed, status, duration_ms, error)
            VALUES (@SiteUrl, @ProbedAt, @ProbedAtMs, @Failed, @Status, @DurationMs, @Error)
            """, probes.Select(p => new
            {
                p.SiteUrl, ProbedAt = Dates.Format(p.ProbedAt), ProbedAtMs = p.ProbedAt.ToUnixTimeMilliseconds(),
                p.Failed, p.Status, p.DurationMs, p.Error,
            }).ToList(), tx, ct)), ct);
    }

    public async Task<Availability> GetAvailabilityAsync(string siteUrl, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var conn = await OpenReaderAsync(ct);
        return await StoreReader.GetAvailabilityAsync(conn, null, siteUrl, from, to, ct);
    }

    public async Task<IReadOnlyList<string>> PruneRunsAsync(DateTimeOffset startedBefore, CancellationToken ct)
    {
        var doomed = await WriteAsync("the runs to prune", async (writer, tx) =>
            await StoreRetention.PrunableRunsAsync(writer.Connection, tx, startedBefore, ct), ct);
        var deleted = new List<string>();
        foreach (var runId in doomed)
        {
            // One run per transaction: the writer is never held for long, and a stop half-way leaves whole runs.
            await WriteAsync($"pruning run {runId}", async (writer, tx) =>
            {
                var conn = writer.Connection;
                await conn.ExecuteAsync(Sql("""
                    INSERT INTO finding_history (site_url, fingerprint, rule, url, column_id, first_seen, last_site_run_id)
                    SELECT s.site_url, f.fingerprint, MAX(f.rule), MAX(f.url), MAX(f.column_id), MIN(f.first_seen), MAX(f.site_run_id)
                    FROM findings f JOIN site_runs s ON s.id = f.site_run_id
                    WHERE s.run_id = @runId
                    GROUP BY s.site_url, f.fingerprint
                    ON CONFLICT (site_url, fingerprint) DO UPDATE SET
                        first_seen = MIN(finding_history.first_seen, excluded.first_seen),
                        last_site_run_id = MAX(finding_history.last_site_run_id, excluded.last_site_run_id)
                    """, new { runId }, tx, ct));
                // Every table hanging on site runs (today's and those later migrations add), then the run itself.
                var tables = await conn.QueryAsync<string>(Sql("""
                    SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
                    WHERE m.type = 'table' AND c.name = 'site_run_id' AND m.name <> 'site_runs'
                    """, null, tx, ct));
                foreach (var table in tables)
                    await conn.ExecuteAsync(Sql(
                        $"DELETE FROM \"{table.Replace("\"", "\"\"")}\" WHERE site_run_id IN (SELECT id FROM site_runs WHERE run_id = @runId)",
                        new { runId }, tx, ct));
                await conn.ExecuteAsync(Sql("DELETE FROM site_runs WHERE run_id = @runId", new { runId }, tx, ct));
                return await conn.ExecuteAsync(Sql("DELETE FROM runs WHERE id = @runId", new { runId }, tx, ct));
            }, ct);
            deleted.Add(runId);
        }
        await WriteAsync("old probes", (writer, tx) => writer.Connection.ExecuteAsync(Sql(
            "DELETE FROM probes WHERE probed_at_ms < @Before",
            new { Before = StoreRetention.ProbesBefore(startedBefore).ToUnixTimeMilliseconds() }, tx, ct)), ct);
        return deleted;
    }
}
