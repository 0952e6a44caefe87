using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage;

/// <summary>
/// The fetches and links of one site run, read on pooled connections of their own so rules can read while
/// other sites are still being written (WAL lets readers and the writer proceed together).
/// </summary>
internal sealed partial class SqliteSiteFacts(SqliteAuditStore store, long siteRunId) : ISiteFacts
{
    private const string FetchColumns =
        "url, outcome, status, final_url, content_type, crawled, title, depth, duration_ms, fetched_at, error, etag, last_modified, meta_json";

    private const string LinkColumns = "from_url, to_url, tag, text, title";

    public async Task<FetchRecord?> GetFetchAsync(string url, CancellationToken ct)
    {
        var rows = await QueryAsync(
            $"SELECT {FetchColumns} FROM fetches WHERE site_run_id = $site AND url = $url",
            ReadFetch, ct, ("$url", url));
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<LinkRecord>> GetLinksFromAsync(string pageUrl, CancellationToken ct) =>
        await QueryAsync(
            $"SELECT {LinkColumns} FROM links WHERE site_run_id = $site AND from_url = $url ORDER BY ord",
            ReadLink, ct, ("$url", pageUrl));

    public async Task<IReadOnlyList<LinkRecord>> FindLinksByTextKeyAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        // Empty keys are stored as NULL ("no text"): asking for "" would otherwise match nothing anyway.
        var wanted = keys.Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0) return [];
        var names = wanted.Select((_, i) => "$k" + i).ToArray();
        var list = string.Join(", ", names);
        // One pass over the site's links (no text-key index: see migration 6); callers ask for all their keys at once.
        var sql = $"""
            SELECT {LinkColumns} FROM links
            WHERE site_run_id = $site AND (text_key IN ({list}) OR title_key IN ({list}))
            ORDER BY ord
            """;
        return await QueryAsync(sql, ReadLink, ct, names.Zip(wanted, (n, k) => (n, (object)k)).ToArray());
    }

    public async Task<IReadOnlyList<FetchRecord>> FindPagesByColumnNameAsync(IReadOnlyCollection<string> names, int max, CancellationToken ct)
    {
        var wanted = names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0 || max <= 0) return [];
        var parameters = wanted.Select((_, i) => "$n" + i).ToArray();
        // Only a fallback when the structural search found nothing: a scan of the site's crawled pages is fine.
        var sql = $"""
            SELECT {FetchColumns} FROM fetches
            WHERE site_run_id = $site AND crawled = 1 AND meta_json IS NOT NULL
              AND json_extract(meta_json, '$.ColumnName') IN ({string.Join(", ", parameters)})
            ORDER BY depth, rowid LIMIT $max
            """;
        return await QueryAsync(sql, ReadFetch, ct, [.. parameters.Zip(wanted, (n, k) => (n, (object)k)), ("$max", max)]);
    }

    public async IAsyncEnumerable<FetchRecord> GetFailedFetchesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var conn = await store.OpenReaderAsync(ct);
        await using var cmd = Command(conn,
            $"SELECT {FetchColumns} FROM fetches WHERE site_run_id = $site AND outcome <> 'ok' ORDER BY rowid");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return ReadFetch(reader);
    }

    public async Task<IReadOnlyList<string>> GetReferrersAsync(string url, int max, CancellationToken ct)
    {
        if (max <= 0) return [];
        // Without INDEXED BY, SQLite answers the GROUP BY through ix_links_from, reading every link of the site once
        // per dead URL (6 of a 21k-page site's 14 s went there, in the dead-link rule).
        return await QueryAsync(
            """
            SELECT from_url FROM links INDEXED BY ix_links_to WHERE site_run_id = $site AND to_url = $url
            GROUP BY from_url ORDER BY MIN(ord) LIMIT $max
            """,
            r => r.GetString(0), ct, ("$url", url), ("$max", max));
    }

    /// <summary>The site's availability probes (worker), looked up by the site run's URL; null when there are none.</summary>
    public async Task<Availability?> GetAvailabilityAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var urls = await QueryAsync("SELECT site_url FROM site_runs WHERE id = $site", r => r.GetString(0), ct);
        if (urls.Count == 0) return null;
        var figure = await store.GetAvailabilityAsync(urls[0], from, to, ct);
        return figure.Probes == 0 ? null : figure;
    }

    private async Task<List<T>> QueryAsync<T>(
        string sql, Func<SqliteDataReader, T> map, CancellationToken ct, params (string Name, object Value)[] args)
    {
        await using var conn = await store.OpenReaderAsync(ct);
        await using var cmd = Command(conn, sql);
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(map(reader));
        return rows;
    }

    private SqliteCommand Command(SqliteConnection conn, string sql)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$site", siteRunId);
        return cmd;
    }

    private static FetchRecord ReadFetch(SqliteDataReader r) => new(
        Url: r.GetString(0),
        Outcome: r.GetString(1),
        Status: r.IsDBNull(2) ? null : r.GetInt32(2),
        FinalUrl: StringOrNull(r, 3),
        ContentType: StringOrNull(r, 4),
        Crawled: r.GetBoolean(5),
        Title: StringOrNull(r, 6),
        Depth: r.GetInt32(7),
        DurationMs: r.GetInt64(8),
        FetchedAt: Dates.Parse(r.GetString(9)),
        Error: StringOrNull(r, 10),
        ETag: StringOrNull(r, 11),
        LastModified: StringOrNull(r, 12),
        Meta: StoreJson.ReadObject(StringOrNull(r, 13)));

    private static LinkRecord ReadLink(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), StringOrNull(r, 3), StringOrNull(r, 4));

    private static string? StringOrNull(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
