using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage;

/// <summary>
/// The crawled facts of one site run in the PostgreSQL store: the same answers as <see cref="SqliteSiteFacts"/>,
/// in PostgreSQL's dialect (ord is the insertion order SQLite calls rowid).
/// </summary>
internal sealed class PostgresSiteFacts(PostgresAuditStore store, long siteRunId) : ISiteFacts
{
    private const string FetchColumns =
        "url, outcome, status, final_url, content_type, crawled, title, depth, duration_ms, fetched_at, error, etag, last_modified, meta_json";

    private const string LinkColumns = "from_url, to_url, tag, text, title";

    public async Task<FetchRecord?> GetFetchAsync(string url, CancellationToken ct)
    {
        var rows = await QueryAsync($"SELECT {FetchColumns} FROM fetches WHERE site_run_id = $1 AND url = $2", ReadFetch, ct, url);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<LinkRecord>> GetLinksFromAsync(string pageUrl, CancellationToken ct) =>
        await QueryAsync($"SELECT {LinkColumns} FROM links WHERE site_run_id = $1 AND from_url = $2 ORDER BY ord", ReadLink, ct, pageUrl);

    public async Task<IReadOnlyList<LinkRecord>> FindLinksByTextKeyAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var wanted = keys.Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0) return [];
        return await QueryAsync($"""
            SELECT {LinkColumns} FROM links
            WHERE site_run_id = $1 AND (text_key = ANY($2) OR title_key = ANY($2))
            ORDER BY ord
            """, ReadLink, ct, new object[] { wanted });
    }

    public async Task<IReadOnlyList<FetchRecord>> FindPagesByColumnNameAsync(IReadOnlyCollection<string> names, int max, CancellationToken ct)
    {
        var wanted = names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0 || max <= 0) return [];
        return await QueryAsync($"""
            SELECT {FetchColumns} FROM fetches
            WHERE site_run_id = $1 AND crawled AND meta_json IS NOT NULL AND (meta_json::jsonb ->> 'ColumnName') = ANY($2)
            ORDER BY depth, ord LIMIT $3
            """, ReadFetch, ct, wanted, max);
    }

    public async IAsyncEnumerable<FetchRecord> GetFailedFetchesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var conn = await store.OpenReaderAsync(ct);
        await using var cmd = Command(conn, $"SELECT {FetchColumns} FROM fetches WHERE site_run_id = $1 AND outcome <> 'ok' ORDER BY ord");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return ReadFetch(reader);
    }

    public async Task<IReadOnlyList<string>> GetReferrersAsync(string url, int max, CancellationToken ct)
    {
        if (max <= 0) return [];
        return await QueryAsync("""
            SELECT from_url FROM links WHERE site_run_id = $1 AND to_url = $2
            GROUP BY from_url ORDER BY MIN(ord) LIMIT $3
            """, r => r.GetString(0), ct, url, max);
    }

    public async Task<PageContent?> GetPageContentAsync(string url, CancellationToken ct)
    {
        var rows = await QueryAsync("SELECT content FROM page_contents WHERE site_run_id = $1 AND url = $2",
            r => r.GetFieldValue<byte[]>(0), ct, url);
        return rows.Count == 0 ? null : PageContentCodec.Decode(rows[0]);
    }

    public async IAsyncEnumerable<PageValidators> GetPageValidatorsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var conn = await store.OpenReaderAsync(ct);
        await using var cmd = Command(conn, """
            SELECT url, final_url, etag, last_modified FROM fetches
            WHERE site_run_id = $1 AND outcome = 'ok' AND crawled AND (etag IS NOT NULL OR last_modified IS NOT NULL)
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new PageValidators(reader.GetString(0), StringOrNull(reader, 1), StringOrNull(reader, 2), StringOrNull(reader, 3));
    }

    public async Task<IReadOnlyList<LinkRecord>> FindLinksContainingAsync(string fragmentKey, int max, CancellationToken ct)
    {
        if (fragmentKey.Length == 0 || max <= 0) return [];
        // strpos() rather than LIKE: the fragment may hold % or _, and keys are already lower-cased.
        return await QueryAsync($"""
            SELECT {LinkColumns} FROM links
            WHERE site_run_id = $1 AND (strpos(text_key, $2) > 0 OR strpos(title_key, $2) > 0)
            ORDER BY ord LIMIT $3
            """, ReadLink, ct, fragmentKey, max);
    }

    public async Task<Availability?> GetAvailabilityAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var urls = await QueryAsync("SELECT site_url FROM site_runs WHERE id = $1", r => r.GetString(0), ct);
        if (urls.Count == 0) return null;
        var figure = await store.GetAvailabilityAsync(urls[0], from, to, ct);
        return figure.Probes == 0 ? null : figure;
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct, params object[] args)
    {
        await using var conn = await store.OpenReaderAsync(ct);
        await using var cmd = Command(conn, sql);
        foreach (var arg in args)
            cmd.Parameters.Add(arg is string s ? new NpgsqlParameter { Value = PostgresAuditStore.Clean(s), NpgsqlDbType = NpgsqlDbType.Text }
                : new NpgsqlParameter { Value = arg });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(map(reader));
        return rows;
    }

    private NpgsqlCommand Command(NpgsqlConnection conn, string sql)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = siteRunId });
        return cmd;
    }

    private static FetchRecord ReadFetch(NpgsqlDataReader r) => new(
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

    private static LinkRecord ReadLink(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), StringOrNull(r, 3), StringOrNull(r, 4));

    private static string? StringOrNull(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
