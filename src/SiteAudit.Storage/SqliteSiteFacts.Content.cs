using System.Runtime.CompilerServices;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage;

/// <summary>Page content of the site run (migration 2), links found by a fragment of their text, and the validators of its pages.</summary>
internal sealed partial class SqliteSiteFacts
{
    public async Task<PageContent?> GetPageContentAsync(string url, CancellationToken ct)
    {
        var rows = await QueryAsync(
            "SELECT content FROM page_contents WHERE site_run_id = $site AND url = $url",
            r => (byte[])r.GetValue(0), ct, ("$url", url));
        return rows.Count == 0 ? null : PageContentCodec.Decode(rows[0]);
    }

    public async Task<IReadOnlyList<LinkRecord>> FindLinksContainingAsync(string fragmentKey, int max, CancellationToken ct)
    {
        if (fragmentKey.Length == 0 || max <= 0) return [];
        // instr() rather than LIKE: the fragment may hold % or _, and keys are already lower-cased.
        return await QueryAsync(
            $"""
            SELECT {LinkColumns} FROM links
            WHERE site_run_id = $site AND (instr(text_key, $frag) > 0 OR instr(title_key, $frag) > 0)
            ORDER BY ord LIMIT $max
            """,
            ReadLink, ct, ("$frag", fragmentKey), ("$max", max));
    }

    public async IAsyncEnumerable<PageValidators> GetPageValidatorsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        // ix_fetches_outcome (site_run_id, outcome) finds the site's ok rows; no index of its own needed.
        await using var conn = await store.OpenReaderAsync(ct);
        await using var cmd = Command(conn, """
            SELECT url, final_url, etag, last_modified FROM fetches
            WHERE site_run_id = $site AND outcome = 'ok' AND crawled AND (etag IS NOT NULL OR last_modified IS NOT NULL)
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new PageValidators(reader.GetString(0), StringOrNull(reader, 1), StringOrNull(reader, 2), StringOrNull(reader, 3));
    }
}
