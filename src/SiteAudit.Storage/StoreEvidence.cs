using System.Data;
using System.Data.Common;
using Dapper;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage;

/// <summary>Evidence files (migration 4, table evidence_files), the same SQL for SQLite and PostgreSQL.</summary>
internal static class StoreEvidence
{
    public static Task<int> AddAsync(DbConnection conn, IDbTransaction tx, long siteRunId, IReadOnlyList<EvidenceFile> files, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO evidence_files (site_run_id, name, url, kind, content_type, bytes, taken_at)
            VALUES (@siteRunId, @Name, @Url, @Kind, @ContentType, @Bytes, @TakenAt)
            ON CONFLICT (site_run_id, name) DO UPDATE SET
                url = excluded.url, kind = excluded.kind, content_type = excluded.content_type, bytes = excluded.bytes,
                taken_at = excluded.taken_at
            """, files.Select(f => new { siteRunId, f.Name, f.Url, f.Kind, f.ContentType, f.Bytes, TakenAt = Dates.Format(f.TakenAt) }).ToList(),
            tx, cancellationToken: ct));

    /// <summary>The files of a site run without their bytes, in the order they were taken.</summary>
    public static async Task<IReadOnlyList<EvidenceFileInfo>> ListAsync(DbConnection conn, IDbTransaction? tx, long siteRunId, CancellationToken ct) =>
        (await conn.QueryAsync<Row>(new CommandDefinition("""
            SELECT name AS Name, url AS Url, kind AS Kind, content_type AS ContentType, CAST(LENGTH(bytes) AS BIGINT) AS Length,
                   taken_at AS TakenAt
            FROM evidence_files WHERE site_run_id = @siteRunId ORDER BY taken_at, name
            """, new { siteRunId }, tx, cancellationToken: ct)))
        .Select(r => new EvidenceFileInfo(r.Name, r.Url, r.Kind, r.ContentType, r.Length, Dates.Parse(r.TakenAt)))
        .ToList();

    public static Task<byte[]?> ReadAsync(DbConnection conn, IDbTransaction? tx, string runId, string slug, string name, CancellationToken ct) =>
        conn.QueryFirstOrDefaultAsync<byte[]?>(new CommandDefinition("""
            SELECT e.bytes FROM evidence_files e JOIN site_runs s ON s.id = e.site_run_id
            WHERE s.run_id = @runId AND s.slug = @slug AND e.name = @name
            ORDER BY s.id LIMIT 1
            """, new { runId, slug, name }, tx, cancellationToken: ct));

    private sealed record Row
    {
        public string Name { get; init; } = "";
        public string Url { get; init; } = "";
        public string Kind { get; init; } = "";
        public string ContentType { get; init; } = "";
        public long Length { get; init; }
        public string TakenAt { get; init; } = "";
    }
}
