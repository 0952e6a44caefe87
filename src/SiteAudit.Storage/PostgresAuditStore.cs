using System.Data;
using System.Security.Cryptography;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage;

/// <summary>
/// The store on PostgreSQL (<c>--db "Host=…;Database=…;Username=…"</c> or a <c>postgres://</c> URL): the same
/// interface, schema and semantics as <see cref="SqliteAuditStore"/>. Finding history and reading runs back share
/// their SQL with it (<see cref="FindingHistory"/>, <see cref="StoreReader"/>); the hot inserts use PostgreSQL's
/// own means (binary COPY for links, one array INSERT per batch for fetches). Each write is one transaction, so a
/// killed run leaves the database consistent; several processes may share one database.
/// </summary>
public sealed class PostgresAuditStore : IAuditStore
{
    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _time;
    private int _initialised;

    /// <param name="connectionString">An Npgsql connection string, or a postgres:// / postgresql:// URL.</param>
    /// <exception cref="StoreUnavailableException">The setting is not a usable connection string.</exception>
    public PostgresAuditStore(string connectionString, TimeProvider time)
    {
        _time = time;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Normalise(connectionString));
            // Show where, never the password.
            Description = $"{builder.Host}:{builder.Port}/{builder.Database}";
            _source = NpgsqlDataSource.Create(builder);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new StoreUnavailableException($"The store setting is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }
    }

    /// <summary>host:port/database, for messages.</summary>
    public string Description { get; }

    public async Task InitializeAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _initialised) == 1) return;
        try
        {
            await using var conn = await _source.OpenConnectionAsync(ct);
            await PostgresMigrations.ApplyAsync(conn, _time, ct);
            Volatile.Write(ref _initialised, 1);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            throw new StoreUnavailableException($"Cannot open the PostgreSQL store {Description}: {ex.Message}", ex);
        }
    }

    public async Task<string> StartRunAsync(DateTimeOffset startedAt, string tool, string optionsJson, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var id = SqliteAuditStore.NewRunId(startedAt);
            try
            {
                await WriteAsync("a new run", (conn, tx) => conn.ExecuteAsync(Sql("""
                    INSERT INTO runs (id, started_at, status, tool, options_json)
                    VALUES (@id, @StartedAt, @Status, @tool, @optionsJson)
                    """, new { id, StartedAt = Dates.Format(startedAt), Status = RunStatus.Running, tool, optionsJson = Clean(optionsJson) }, tx, ct)), ct);
                return id;
            }
            catch (ArgumentException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && attempt < 5)
            {
                // Two runs started in the same second drew the same 4 hex digits: draw again.
            }
        }
    }

    public Task<long> StartSiteAsync(string runId, SiteTarget site, DateTimeOffset startedAt, CancellationToken ct) =>
        WriteAsync($"site {site.Url}", async (conn, tx) =>
        {
            try
            {
                return await conn.ExecuteScalarAsync<long>(Sql("""
                    INSERT INTO site_runs (run_id, site_url, name, slug, profile, status, started_at)
                    VALUES (@runId, @Url, @Name, @Slug, @Profile, @Status, @StartedAt)
                    RETURNING id
                    """, new
                {
                    runId, Url = site.Url.AbsoluteUri, Name = Clean(site.Name), site.Slug, Profile = site.Profile.Id,
                    Status = RunStatus.Running, StartedAt = Dates.Format(startedAt),
                }, tx, ct));
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                throw new ArgumentException($"Unknown run '{runId}'.", nameof(runId), ex);
            }
        }, ct);

    public Task AddFetchesAsync(long siteRunId, IReadOnlyList<FetchRecord> fetches, CancellationToken ct)
    {
        if (fetches.Count == 0) return Task.CompletedTask;
        // As SQLite's INSERT OR REPLACE: the last row of a URL wins, also within one batch.
        var rows = fetches.GroupBy(f => f.Url, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        return WriteAsync($"{rows.Count} fetches of site run {siteRunId}", async (conn, tx) =>
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO fetches (site_run_id, url, outcome, status, final_url, content_type, crawled, title, depth,
                                     duration_ms, fetched_at, error, etag, last_modified, meta_json)
                SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::bool[], $8::text[],
                                         $9::int[], $10::bigint[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
                ON CONFLICT (site_run_id, url) DO UPDATE SET
                    outcome = EXCLUDED.outcome, status = EXCLUDED.status, final_url = EXCLUDED.final_url,
                    content_type = EXCLUDED.content_type, crawled = EXCLUDED.crawled, title = EXCLUDED.title,
                    depth = EXCLUDED.depth, duration_ms = EXCLUDED.duration_ms, fetched_at = EXCLUDED.fetched_at,
                    error = EXCLUDED.error, etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
                    meta_json = EXCLUDED.meta_json, ord = nextval(pg_get_serial_sequence('fetches', 'ord'))
                """, conn, tx);
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = siteRunId });
            cmd.Parameters.Add(TextArray(rows.Select(f => f.Url)));
            cmd.Parameters.Add(TextArray(rows.Select(f => f.Outcome)));
            cmd.Parameters.Add(new NpgsqlParameter<int?[]> { TypedValue = rows.Select(f => f.Status).ToArray() });
            cmd.Parameters.Add(TextArray(rows.Select(f => f.FinalUrl)));
            cmd.Parameters.Add(TextArray(rows.Select(f => f.ContentType)));
            cmd.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = rows.Select(f => f.Crawled).ToArray() });
            cmd.Parameters.Add(TextArray(rows.Select(f => f.Title)));
            cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = rows.Select(f => f.Depth).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = rows.Select(f => f.DurationMs).ToArray() });
            cmd.Parameters.Add(TextArray(rows.Select(f => Dates.Format(f.FetchedAt))));
            cmd.Parameters.Add(TextArray(rows.Select(f => f.Error)));
            cmd.Parameters.Add(TextArray(rows.Select(f => f.ETag)));
            cmd.Parameters.Add(TextArray(rows.Select(f => f.LastModified)));
            cmd.Parameters.Add(TextArray(rows.Select(f => StoreJson.WriteObject(f.Meta))));
            return await ExecuteBatchAsync(cmd, $"fetches for site run {siteRunId}", ct);
        }, ct);
    }

    public Task AddLinksAsync(long siteRunId, IReadOnlyList<LinkRecord> links, CancellationToken ct)
    {
        if (links.Count == 0) return Task.CompletedTask;
        return WriteAsync($"{links.Count} links of site run {siteRunId}", async (conn, tx) =>
        {
            var exists = await conn.ExecuteScalarAsync<long>(Sql("SELECT COUNT(*) FROM site_runs WHERE id = @siteRunId", new { siteRunId }, tx, ct));
            if (exists == 0) throw new ArgumentException($"Cannot store links for site run {siteRunId}: unknown site run.", nameof(siteRunId));
            // Binary COPY: the hot path (millions of rows a night); ord follows the order written (document order).
            await using var import = await conn.BeginBinaryImportAsync(
                "COPY links (site_run_id, from_url, to_url, tag, text, title, text_key, title_key) FROM STDIN (FORMAT BINARY)", ct);
            for (var i = 0; i < links.Count; i++)
            {
                var l = links[i];
                await import.StartRowAsync(ct);
                await import.WriteAsync(siteRunId, NpgsqlDbType.Bigint, ct);
                await WriteTextAsync(import, l.FromUrl, ct);
                await WriteTextAsync(import, l.ToUrl, ct);
                await WriteTextAsync(import, l.Tag, ct);
                await WriteTextAsync(import, l.Text, ct);
                await WriteTextAsync(import, l.Title, ct);
                await WriteTextAsync(import, KeyOrNull(l.Text), ct);
                await WriteTextAsync(import, KeyOrNull(l.Title), ct);
            }
            return await import.CompleteAsync(ct);
        }, ct);
    }

    public Task AddPageContentsAsync(long siteRunId, IReadOnlyList<PageContentRow> pages, CancellationToken ct)
    {
        if (pages.Count == 0) return Task.CompletedTask;
        var rows = pages.GroupBy(p => p.Url, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        return WriteAsync($"{rows.Count} page contents of site run {siteRunId}", async (conn, tx) =>
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO page_contents (site_run_id, url, published, item_count, content)
                SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::bytea[])
                ON CONFLICT (site_run_id, url) DO UPDATE SET
                    published = EXCLUDED.published, item_count = EXCLUDED.item_count, content = EXCLUDED.content
                """, conn, tx);
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = siteRunId });
            cmd.Parameters.Add(TextArray(rows.Select(p => p.Url)));
            cmd.Parameters.Add(TextArray(rows.Select(p => p.Published)));
            cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = rows.Select(p => p.ItemCount).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = rows.Select(p => p.Data).ToArray() });
            return await ExecuteBatchAsync(cmd, $"page contents for site run {siteRunId}", ct);
        }, ct);
    }

    public Task AddEvidenceFilesAsync(long siteRunId, IReadOnlyList<EvidenceFile> files, CancellationToken ct) =>
        files.Count == 0
            ? Task.CompletedTask
            : WriteAsync($"{files.Count} evidence files of site run {siteRunId}",
                (conn, tx) => StoreEvidence.AddAsync(conn, tx, siteRunId, files, ct), ct);

    public Task<byte[]?> ReadEvidenceFileAsync(string runId, string slug, string name, CancellationToken ct) =>
        ReadAsync($"evidence file {name} of run {runId}", (conn, tx) => StoreEvidence.ReadAsync(conn, tx, runId, slug, name, ct), ct);

    private static string? KeyOrNull(string? text) => TextKey.Of(text) is { Length: > 0 } key ? key : null;

    public ISiteFacts Facts(long siteRunId) => new PostgresSiteFacts(this, siteRunId);

    public Task<PriorAudit?> FindPriorAuditAsync(long siteRunId, CancellationToken ct) =>
        ReadAsync($"the audit before site run {siteRunId}", (conn, tx) => FindingHistory.FindPriorAuditAsync(conn, tx, siteRunId, ct), ct);

    public Task FinishSiteAsync(long siteRunId, SiteOutcome outcome, CancellationToken ct) =>
        WriteAsync($"the outcome of site run {siteRunId}", async (conn, tx) =>
        {
            var args = new { Id = siteRunId };
            var updated = await conn.ExecuteAsync(Sql("""
                UPDATE site_runs SET status = @Status, stats_json = @Stats, columns_json = @Columns, error = @Error,
                                     finished_at = @FinishedAt
                WHERE id = @Id
                """, new
            {
                Id = siteRunId, outcome.Status, Stats = StoreJson.Write(outcome.Stats),
                Columns = Clean(StoreJson.Write(outcome.Columns)), Error = Clean(outcome.Error), FinishedAt = Dates.Format(outcome.FinishedAt),
            }, tx, ct));
            if (updated == 0) throw new ArgumentException($"Unknown site run {siteRunId}.", nameof(siteRunId));

            var history = await FindingHistory.ComputeAsync(conn, tx, siteRunId, outcome.Status, outcome.Findings, outcome.FinishedAt, ct);
            await conn.ExecuteAsync(Sql("DELETE FROM findings WHERE site_run_id = @Id", args, tx, ct));
            await conn.ExecuteAsync(Sql("DELETE FROM resolved_findings WHERE site_run_id = @Id", args, tx, ct));
            await conn.ExecuteAsync(Sql("""
                INSERT INTO findings (site_run_id, rule, severity, url, page_url, column_id, message, evidence_json,
                                      fingerprint, state, first_seen)
                VALUES (@Id, @Rule, @Severity, @Url, @PageUrl, @Column, @Message, @Evidence, @Fingerprint, @State, @FirstSeen)
                """, history.Findings.Select(s => new
            {
                Id = siteRunId, s.Finding.Rule, Severity = StoreReader.SeverityText(s.Finding.Severity), Url = Clean(s.Finding.Url),
                PageUrl = Clean(s.Finding.PageUrl), s.Finding.Column, Message = Clean(s.Finding.Message),
                Evidence = Clean(StoreJson.WriteObject(s.Finding.Evidence)), s.Finding.Fingerprint, s.State, s.FirstSeen,
            }).ToList(), tx, ct));
            await conn.ExecuteAsync(Sql("""
                INSERT INTO resolved_findings (site_run_id, rule, url, column_id, fingerprint, first_seen)
                VALUES (@Id, @Rule, @Url, @ColumnId, @Fingerprint, @FirstSeen)
                """, history.Resolved.Select(r => new { Id = siteRunId, r.Rule, r.Url, r.ColumnId, r.Fingerprint, r.FirstSeen }).ToList(), tx, ct));
            return updated;
        }, ct);

    public Task FinishRunAsync(string runId, string status, DateTimeOffset finishedAt, CancellationToken ct) =>
        WriteAsync($"the end of run {runId}", async (conn, tx) =>
        {
            var updated = await conn.ExecuteAsync(Sql(
                "UPDATE runs SET status = @status, finished_at = @FinishedAt WHERE id = @runId",
                new { runId, status, FinishedAt = Dates.Format(finishedAt) }, tx, ct));
            if (updated == 0) throw new ArgumentException($"Unknown run '{runId}'.", nameof(runId));
            return updated;
        }, ct);

    public Task<RunReport?> LoadRunAsync(string runId, CancellationToken ct) =>
        ReadAsync($"run {runId}", (conn, tx) => StoreReader.LoadRunAsync(conn, tx, runId, ct), ct);

    public async Task<IReadOnlyList<RunInfo>> ListRunsAsync(int max, CancellationToken ct)
    {
        if (max <= 0) return [];
        return await ReadAsync("the list of runs", async (conn, tx) => await StoreReader.QueryRunsAsync(conn, tx,
            "ORDER BY started_at::timestamptz DESC, id DESC LIMIT @max", new { max }, ct), ct);
    }

    public Task<IReadOnlyList<string>> MarkInterruptedRunsAsync(string worker, DateTimeOffset at, CancellationToken ct) =>
        WriteAsync("interrupted runs", async (conn, tx) =>
        {
            var running = await conn.QueryAsync<(string Id, string OptionsJson)>(Sql(
                "SELECT id, options_json FROM runs WHERE status = @Running FOR UPDATE", new { RunStatus.Running }, tx, ct));
            var ours = running.Where(r => StoreReader.StartedBy(r.OptionsJson, worker)).Select(r => r.Id).ToList();
            foreach (var id in ours)
                await conn.ExecuteAsync(Sql("UPDATE runs SET status = @Interrupted, finished_at = @At WHERE id = @id",
                    new { RunStatus.Interrupted, At = Dates.Format(at), id }, tx, ct));
            return (IReadOnlyList<string>)ours;
        }, ct);

    public Task AddProbesAsync(IReadOnlyList<ProbeRecord> probes, CancellationToken ct)
    {
        if (probes.Count == 0) return Task.CompletedTask;
        return WriteAsync($"{probes.Count} probes", (conn, tx) => conn.ExecuteAsync(Sql("""
            INSERT INTO probes (site_url, probed_at, probed_at_ms, failed, status, duration_ms, error)
            VALUES (@SiteUrl, @ProbedAt, @ProbedAtMs, @Failed, @Status, @DurationMs, @Error)
            """, probes.Select(p => new
        {
            p.SiteUrl, ProbedAt = Dates.Format(p.ProbedAt), ProbedAtMs = p.ProbedAt.ToUnixTimeMilliseconds(),
            p.Failed, p.Status, p.DurationMs, Error = Clean(p.Error),
        }).ToList(), tx, ct)), ct);
    }

    public Task<Availability> GetAvailabilityAsync(string siteUrl, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        ReadAsync($"the probes of {siteUrl}", (conn, tx) => StoreReader.GetAvailabilityAsync(conn, tx, siteUrl, from, to, ct), ct);

    public async Task<IReadOnlyList<string>> PruneRunsAsync(DateTimeOffset startedBefore, CancellationToken ct)
    {
        var doomed = await WriteAsync("the runs to prune", async (conn, tx) =>
            await StoreRetention.PrunableRunsAsync(conn, tx, startedBefore, ct), ct);
        var deleted = new List<string>();
        foreach (var runId in doomed)
        {
            await WriteAsync($"pruning run {runId}", async (conn, tx) =>
            {
                await conn.ExecuteAsync(Sql("""
                    INSERT INTO finding_history (site_url, fingerprint, rule, url, column_id, first_seen, last_site_run_id)
                    SELECT s.site_url, f.fingerprint, MAX(f.rule), MAX(f.url), MAX(f.column_id), MIN(f.first_seen), MAX(f.site_run_id)
                    FROM findings f JOIN site_runs s ON s.id = f.site_run_id
                    WHERE s.run_id = @runId
                    GROUP BY s.site_url, f.fingerprint
                    ON CONFLICT (site_url, fingerprint) DO UPDATE SET
                        first_seen = LEAST(finding_history.first_seen, EXCLUDED.first_seen),
                        last_site_run_id = GREATEST(finding_history.last_site_run_id, EXCLUDED.last_site_run_id)
                    """, new { runId }, tx, ct));
                var tables = await conn.QueryAsync<string>(Sql("""
                    SELECT table_name FROM information_schema.columns
                    WHERE table_schema = current_schema() AND column_name = 'site_run_id' AND table_name <> 'site_runs'
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
        await WriteAsync("old probes", (conn, tx) => conn.ExecuteAsync(Sql(
            "DELETE FROM probes WHERE probed_at_ms < @Before",
            new { Before = StoreRetention.ProbesBefore(startedBefore).ToUnixTimeMilliseconds() }, tx, ct)), ct);
        return deleted;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    /// <summary>A pooled connection for reading; the caller disposes it.</summary>
    internal async Task<NpgsqlConnection> OpenReaderAsync(CancellationToken ct)
    {
        try
        {
            return await _source.OpenConnectionAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new StoreUnavailableException($"Cannot open the PostgreSQL store {Description}: {ex.Message}", ex);
        }
    }

    /// <summary>Runs <paramref name="body"/> in one transaction; failures of the database become <see cref="StoreUnavailableException"/>.</summary>
    private async Task<T> WriteAsync<T>(string what, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> body, CancellationToken ct)
    {
        EnsureInitialised();
        try
        {
            await using var conn = await _source.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            var result = await body(conn, tx);
            await tx.CommitAsync(ct);
            return result;
        }
        catch (PostgresException ex) when (IsCallerError(ex))
        {
            throw new ArgumentException($"Cannot write {what}: {ex.MessageText}", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new StoreUnavailableException($"Cannot write {what} to the PostgreSQL store {Description}: {ex.Message}", ex);
        }
    }

    /// <summary>Runs <paramref name="body"/> in one read-only snapshot (REPEATABLE READ).</summary>
    private async Task<T> ReadAsync<T>(string what, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> body, CancellationToken ct)
    {
        EnsureInitialised();
        try
        {
            await using var conn = await _source.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            var result = await body(conn, tx);
            await tx.CommitAsync(ct);
            return result;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new StoreUnavailableException($"Cannot read {what} from the PostgreSQL store {Description}: {ex.Message}", ex);
        }
    }

    private void EnsureInitialised()
    {
        if (Volatile.Read(ref _initialised) == 0)
            throw new InvalidOperationException("The store is not initialised: call InitializeAsync first.");
    }

    private static async Task<int> ExecuteBatchAsync(NpgsqlCommand cmd, string what, CancellationToken ct)
    {
        try
        {
            return await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new ArgumentException($"Cannot store {what}: {ex.MessageText}", ex);
        }
    }

    /// <summary>Constraint violations and bad values are the caller's mistake (as in the SQLite store), not an unavailable store.</summary>
    private static bool IsCallerError(PostgresException ex) =>
        ex.SqlState is PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.NotNullViolation
            or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation;

    private static NpgsqlParameter<string?[]> TextArray(IEnumerable<string?> values) =>
        new() { TypedValue = values.Select(Clean).ToArray() };

    private static Task WriteTextAsync(NpgsqlBinaryImporter import, string? value, CancellationToken ct) =>
        value is null ? import.WriteNullAsync(ct) : import.WriteAsync(Clean(value)!, NpgsqlDbType.Text, ct);

    /// <summary>
    /// PostgreSQL text cannot hold U+0000, and UTF-8 cannot hold a lone UTF-16 surrogate; crawled strings may carry
    /// either (SQLite stores them). They become U+FFFD, so a broken page never fails a batch.
    /// </summary>
    internal static string? Clean(string? value)
    {
        if (value is null) return null;
        var i = 0;
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0' || char.IsSurrogate(c)) break;
        }
        if (i == value.Length) return value;
        var chars = value.ToCharArray();
        for (; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c == '\0') chars[i] = '\uFFFD';
            else if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsSurrogate(c)) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    private static CommandDefinition Sql(string sql, object? args, IDbTransaction? tx, CancellationToken ct) =>
        new(sql, args, tx, cancellationToken: ct);
}

/// <summary>Recognising and normalising PostgreSQL settings for <c>--db</c>.</summary>
public static class PostgresConnectionStrings
{
    /// <summary>A postgres:// or postgresql:// URL, or a connection string naming a Host.</summary>
    public static bool IsPostgres(string setting)
    {
        var s = setting.Trim();
        return s.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || System.Text.RegularExpressions.Regex.IsMatch(s, @"(^|;)\s*(host|server)\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }

    /// <summary>
    /// A URL (postgres://user:password@host:port/database?sslmode=require) becomes an Npgsql connection string;
    /// a connection string is returned as is.
    /// </summary>
    public static string Normalise(string setting)
    {
        var s = setting.Trim();
        if (!s.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !s.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return s;
        if (!Uri.TryCreate(s, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new FormatException($"'{RedactUrl(s)}' is not a valid postgres:// URL");
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (!uri.IsDefaultPort && uri.Port > 0) builder.Port = uri.Port;
        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length > 0) builder.Database = database;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
            builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = value;
        }
        return builder.ConnectionString;
    }

    private static string RedactUrl(string url) => System.Text.RegularExpressions.Regex.Replace(url, @"//([^:/@]+):[^@]*@", "//$1:***@");
}
