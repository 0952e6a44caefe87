using Dapper;
using Microsoft.Data.Sqlite;

namespace SiteAudit.Storage;

/// <summary>One schema step. Versions are applied in order and never edited once released: add a new one instead.</summary>
internal sealed record Migration(int Version, string Name, string Sql);

/// <summary>The schema of the SQLite store as an ordered list of migrations, each applied in its own transaction.</summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "initial schema", """
            CREATE TABLE runs (
                id           TEXT PRIMARY KEY,
                started_at   TEXT NOT NULL,
                finished_at  TEXT,
                status       TEXT NOT NULL,
                tool         TEXT NOT NULL,
                options_json TEXT NOT NULL
            );

            -- One site audited within one run. site_url (normalised) is the site's identity across runs.
            CREATE TABLE site_runs (
                id           INTEGER PRIMARY KEY,
                run_id       TEXT NOT NULL REFERENCES runs(id),
                site_url     TEXT NOT NULL,
                name         TEXT NOT NULL,
                slug         TEXT NOT NULL,
                profile      TEXT NOT NULL,
                status       TEXT NOT NULL,
                stats_json   TEXT,
                columns_json TEXT,
                error        TEXT,
                started_at   TEXT NOT NULL,
                finished_at  TEXT
            );
            CREATE INDEX ix_site_runs_run ON site_runs(run_id);
            CREATE INDEX ix_site_runs_site_url ON site_runs(site_url);

            CREATE TABLE fetches (
                site_run_id   INTEGER NOT NULL REFERENCES site_runs(id),
                url           TEXT NOT NULL,
                outcome       TEXT NOT NULL,
                status        INTEGER,
                final_url     TEXT,
                content_type  TEXT,
                crawled       INTEGER NOT NULL,
                title         TEXT,
                depth         INTEGER NOT NULL,
                duration_ms   INTEGER NOT NULL,
                fetched_at    TEXT NOT NULL,
                error         TEXT,
                etag          TEXT,
                last_modified TEXT,
                meta_json     TEXT,
                UNIQUE (site_run_id, url)
            );
            CREATE INDEX ix_fetches_outcome ON fetches(site_run_id, outcome);

            -- ord is the rowid: ascending in insertion order, which is document order within a page.
            -- Empty text/title keys are stored as NULL so the partial indexes stay small (most links have no title).
            CREATE TABLE links (
                ord         INTEGER PRIMARY KEY,
                site_run_id INTEGER NOT NULL REFERENCES site_runs(id),
                from_url    TEXT NOT NULL,
                to_url      TEXT NOT NULL,
                tag         TEXT NOT NULL,
                text        TEXT,
                title       TEXT,
                text_key    TEXT,
                title_key   TEXT
            );
            CREATE INDEX ix_links_from ON links(site_run_id, from_url);
            CREATE INDEX ix_links_to ON links(site_run_id, to_url);
            CREATE INDEX ix_links_text_key ON links(site_run_id, text_key) WHERE text_key IS NOT NULL;
            CREATE INDEX ix_links_title_key ON links(site_run_id, title_key) WHERE title_key IS NOT NULL;

            CREATE TABLE findings (
                id            INTEGER PRIMARY KEY,
                site_run_id   INTEGER NOT NULL REFERENCES site_runs(id),
                rule          TEXT NOT NULL,
                severity      TEXT NOT NULL,
                url           TEXT,
                page_url      TEXT,
                column_id     TEXT,
                message       TEXT NOT NULL,
                evidence_json TEXT NOT NULL,
                fingerprint   TEXT NOT NULL,
                state         TEXT NOT NULL,
                first_seen    TEXT NOT NULL,
                UNIQUE (site_run_id, fingerprint)
            );
            CREATE INDEX ix_findings_fingerprint ON findings(fingerprint);
            """),

        // Versions are applied by number whenever missing (see ApplyAsync), so a file that got 3 before 2 existed still gets 2.
        new(2, "content rules: page content", """
            -- What content extraction took out of each crawled page (lists, dates, visible text) for the content rules:
            -- the record is Brotli-compressed JSON (PageContentCodec), published and item_count are copied out for
            -- queries. One row per page URL (a redirected page is stored under both its URLs, like its fetch).
            CREATE TABLE page_contents (
                site_run_id INTEGER NOT NULL REFERENCES site_runs(id),
                url         TEXT NOT NULL,
                published   TEXT,
                item_count  INTEGER NOT NULL,
                content     BLOB NOT NULL,
                PRIMARY KEY (site_run_id, url)
            );
            """),

        new(3, "worker: resolved findings, finding history, availability probes", """
            -- What a site's audit found resolved (已整改), stored when the audit finishes so that re-rendering a run
            -- shows what it showed that night, whatever was pruned since.
            CREATE TABLE resolved_findings (
                site_run_id INTEGER NOT NULL REFERENCES site_runs(id),
                rule        TEXT NOT NULL,
                url         TEXT,
                column_id   TEXT,
                fingerprint TEXT NOT NULL,
                first_seen  TEXT NOT NULL,
                PRIMARY KEY (site_run_id, fingerprint)
            );

            -- What finding history keeps of the findings of pruned runs: per site and fingerprint, the first-seen
            -- date and the last site run that had it (its id only: the row itself is gone).
            CREATE TABLE finding_history (
                site_url         TEXT NOT NULL,
                fingerprint      TEXT NOT NULL,
                rule             TEXT NOT NULL,
                url              TEXT,
                column_id        TEXT,
                first_seen       TEXT NOT NULL,
                last_site_run_id INTEGER NOT NULL,
                PRIMARY KEY (site_url, fingerprint)
            );

            -- The worker's timed homepage visits (DOMAIN.md §6 站点无法访问). probed_at_ms (Unix ms) is for ranges,
            -- probed_at (ISO 8601) for people.
            CREATE TABLE probes (
                id           INTEGER PRIMARY KEY,
                site_url     TEXT NOT NULL,
                probed_at    TEXT NOT NULL,
                probed_at_ms INTEGER NOT NULL,
                failed       INTEGER NOT NULL,
                status       INTEGER,
                duration_ms  INTEGER NOT NULL,
                error        TEXT
            );
            CREATE INDEX ix_probes_site_time ON probes(site_url, probed_at_ms);
            CREATE INDEX ix_probes_time ON probes(probed_at_ms);

            -- Site runs finished before this version get the resolved list they were shown: what the previous
            -- finished run of the site had and this complete audit no longer has.
            INSERT INTO resolved_findings (site_run_id, rule, url, column_id, fingerprint, first_seen)
            SELECT c.id, pf.rule, pf.url, pf.column_id, pf.fingerprint, pf.first_seen
            FROM site_runs c
            JOIN findings pf ON pf.site_run_id = (
                SELECT p.id FROM site_runs p
                WHERE p.site_url = c.site_url AND p.id < c.id AND p.run_id <> c.run_id AND p.finished_at IS NOT NULL
                ORDER BY p.id DESC LIMIT 1)
            WHERE c.status = 'audited' AND c.finished_at IS NOT NULL
              AND pf.fingerprint NOT IN (SELECT fingerprint FROM findings WHERE site_run_id = c.id);
            """),

        new(4, "evidence screenshots", """
            -- Evidence files of a site's audit (PNG screenshots of the section page and of the pages behind
            -- column.missing), written beside the site's report page whenever the run is rendered. name is the file
            -- name (unique per site run); kind says which page it shows (section, home).
            CREATE TABLE evidence_files (
                site_run_id  INTEGER NOT NULL REFERENCES site_runs(id),
                name         TEXT NOT NULL,
                url          TEXT NOT NULL,
                kind         TEXT NOT NULL,
                content_type TEXT NOT NULL,
                bytes        BLOB NOT NULL,
                taken_at     TEXT NOT NULL,
                PRIMARY KEY (site_run_id, name)
            );
            """),

        new(6, "links: no text-key indexes", """
            -- Every link row paid for these two indexes (~30 % of the insert cost, the crawl's largest) to serve one
            -- search per site (ColumnLocator asks for all its keys at once), which a scan of the site's links answers.
            DROP INDEX IF EXISTS ix_links_text_key;
            DROP INDEX IF EXISTS ix_links_title_key;
            """),
    ];

    public static int Latest => All[^1].Version;

    /// <summary>
    /// Applies, in order, every migration the file does not have yet. Missing versions below the file's newest are
    /// applied too: migrations written in parallel may be released out of number order.
    /// </summary>
    public static async Task ApplyAsync(SqliteConnection conn, TimeProvider time, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            cancellationToken: ct));

        var current = await CurrentVersionAsync(conn, null, ct);
        if (current > Latest)
            throw new InvalidOperationException(
                $"schema version {current} is newer than this tool knows ({Latest}); use a newer SiteAudit");

        var applied = (await conn.QueryAsync<int>(new CommandDefinition("SELECT version FROM schema_version", cancellationToken: ct))).ToHashSet();
        foreach (var migration in All.Where(m => !applied.Contains(m.Version)))
        {
            ct.ThrowIfCancellationRequested();
            using var tx = conn.BeginTransaction(); // IMMEDIATE: a second process migrating the same file waits here
            // Re-read inside the transaction: another process may have applied it while we waited.
            if (await IsAppliedAsync(conn, tx, migration.Version, ct)) continue;
            await conn.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = Dates.Format(time.GetUtcNow()) }, tx, cancellationToken: ct));
            tx.Commit();
        }
    }

    private static async Task<bool> IsAppliedAsync(SqliteConnection conn, SqliteTransaction tx, int version, CancellationToken ct) =>
        await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM schema_version WHERE version = @version", new { version }, tx, cancellationToken: ct)) > 0;

    private static Task<int> CurrentVersionAsync(SqliteConnection conn, SqliteTransaction? tx, CancellationToken ct) =>
        conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction: tx, cancellationToken: ct));
}
