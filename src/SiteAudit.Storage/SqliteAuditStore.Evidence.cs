using Microsoft.Data.Sqlite;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage;

/// <summary>Evidence files (migration 4): screenshots kept with a site's audit.</summary>
public sealed partial class SqliteAuditStore
{
    public Task AddEvidenceFilesAsync(long siteRunId, IReadOnlyList<EvidenceFile> files, CancellationToken ct)
    {
        if (files.Count == 0) return Task.CompletedTask;
        return WriteAsync($"{files.Count} evidence files of site run {siteRunId}", async (writer, tx) =>
        {
            try
            {
                return await StoreEvidence.AddAsync(writer.Connection, tx, siteRunId, files, ct);
            }
            catch (SqliteException ex) when (IsConstraint(ex))
            {
                throw new ArgumentException($"Cannot store evidence files for site run {siteRunId}: {ex.Message}", nameof(siteRunId), ex);
            }
        }, ct);
    }

    public async Task<byte[]?> ReadEvidenceFileAsync(string runId, string slug, string name, CancellationToken ct)
    {
        await using var conn = await OpenReaderAsync(ct);
        return await StoreEvidence.ReadAsync(conn, null, runId, slug, name, ct);
    }
}
