using Microsoft.Data.Sqlite;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage;

/// <summary>Page content for the content rules (migration 2, table page_contents).</summary>
public sealed partial class SqliteAuditStore
{
    public Task AddPageContentsAsync(long siteRunId, IReadOnlyList<PageContentRow> pages, CancellationToken ct)
    {
        if (pages.Count == 0) return Task.CompletedTask;
        return WriteAsync($"{pages.Count} page contents of site run {siteRunId}", (writer, tx) =>
        {
            using var cmd = writer.Connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT OR REPLACE INTO page_contents (site_run_id, url, published, item_count, content)
                VALUES ($site, $url, $published, $items, $content)
                """;
            var site = cmd.Parameters.AddWithValue("$site", siteRunId);
            var url = cmd.Parameters.Add("$url", SqliteType.Text);
            var published = cmd.Parameters.Add("$published", SqliteType.Text);
            var items = cmd.Parameters.Add("$items", SqliteType.Integer);
            var content = cmd.Parameters.Add("$content", SqliteType.Blob);
            cmd.Prepare();
            foreach (var page in pages)
            {
                ct.ThrowIfCancellationRequested();
                url.Value = page.Url;
                published.Value = (object?)page.Published ?? DBNull.Value;
                items.Value = page.ItemCount;
                content.Value = page.Data;
                try
                {
                    cmd.ExecuteNonQuery();
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
                {
                    throw new ArgumentException($"Cannot store page contents for site run {siteRunId}: {ex.Message}", nameof(siteRunId), ex);
                }
            }
            return Task.FromResult(pages.Count);
        }, ct);
    }
}
