using System.Data;
using System.Data.Common;
using Dapper;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage;

/// <summary>Which runs retention may delete, the same for every store (<see cref="IAuditStore.PruneRunsAsync"/>).</summary>
internal static class StoreRetention
{
    /// <summary>
    /// Probes are kept a veto window (and a day) longer than runs, so that a run still kept shows the availability
    /// figure of the week before it.
    /// </summary>
    public static DateTimeOffset ProbesBefore(DateTimeOffset runsStartedBefore) =>
        runsStartedBefore - Availability.VetoWindow - TimeSpan.FromDays(1);

    /// <summary>
    /// Runs that started before <paramref name="startedBefore"/>, oldest first, except: runs still going; the newest
    /// run of the store; and every run holding the latest complete audit of some site (the baseline its next audit
    /// compares with).
    /// </summary>
    public static async Task<IReadOnlyList<string>> PrunableRunsAsync(
        DbConnection conn, IDbTransaction tx, DateTimeOffset startedBefore, CancellationToken ct)
    {
        var runs = (await conn.QueryAsync<RunRow>(new CommandDefinition(
                "SELECT id AS Id, started_at AS StartedAt, status AS Status FROM runs", transaction: tx, cancellationToken: ct)))
            .Select(r => (r.Id, StartedAt: Dates.Parse(r.StartedAt), r.Status))
            .ToList();
        if (runs.Count == 0) return [];
        var baselines = (await conn.QueryAsync<string>(new CommandDefinition("""
                SELECT DISTINCT s.run_id FROM site_runs s
                WHERE s.id IN (SELECT MAX(id) FROM site_runs WHERE status = @Audited AND finished_at IS NOT NULL GROUP BY site_url)
                """, new { Audited = SiteStatus.Audited }, tx, cancellationToken: ct)))
            .ToHashSet(StringComparer.Ordinal);
        var newest = runs.MaxBy(r => r.StartedAt).Id;
        return runs
            .Where(r => r.StartedAt < startedBefore && r.Status != RunStatus.Running && r.Id != newest && !baselines.Contains(r.Id))
            .OrderBy(r => r.StartedAt)
            .Select(r => r.Id)
            .ToList();
    }

    private sealed record RunRow
    {
        public string Id { get; init; } = "";
        public string StartedAt { get; init; } = "";
        public string Status { get; init; } = "";
    }
}
