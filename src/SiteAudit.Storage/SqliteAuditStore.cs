using System.Data;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. All writes go through one connection behind a lock
/// (SQLite has a single writer anyway; queuing in-process beats retrying on SQLITE_BUSY), while reads take
/// pooled connections of their own and see the last committed state.
/// </summary>
public sealed partial class SqliteAuditStore : IAuditStore
{
    private const int BusyTimeoutMs = 30_000;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private WriteConnection? _writer;

    /// <param name="pathOrConnectionString">A file path, or an SQLite connection string ("Data Source=…").</param>
    /// <param name="time">The clock for "now" (when a migration was applied).</param>
    /// <exception cref="StoreUnavailableException">The setting is not usable or the folder cannot be created.</exception>
    public SqliteAuditStore(string pathOrConnectionString, TimeProvider time)
    {
        _time = time;
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = ConnectionStringPrefix().IsMatch(pathOrConnectionString)
                ? new SqliteConnectionStringBuilder(pathOrConnectionString)
                : new SqliteConnectionStringBuilder { DataSource = pathOrConnectionString };
        }
        catch (ArgumentException ex)
        {
            throw new StoreUnavailableException($"The store setting '{pathOrConnectionString}' is not a valid SQLite connection string: {ex.Message}", ex);
        }
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource.Trim() == ":memory:")
            throw new StoreUnavailableException($"The store setting '{pathOrConnectionString}' names no database file.");

        try
        {
            DatabasePath = Path.GetFullPath(builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new StoreUnavailableException($"Cannot create the folder for the store {builder.DataSource}: {ex.Message}", ex);
        }

        // An absolute path so a later change of working directory cannot point readers at another file.
        builder.DataSource = DatabasePath;
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        builder.ForeignKeys = true;
        builder.Pooling = true;
        builder.DefaultTimeout = BusyTimeoutMs / 1000; // readers retry SQLITE_BUSY this long (e.g. another process checkpointing)
        _connectionString = builder.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    public async Task InitializeAsync(CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            _writer ??= await OpenWriterAsync(ct);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<WriteConnection> OpenWriterAsync(CancellationToken ct)
    {
        var conn = await OpenConnectionAsync(ct);
        try
        {
            // WAL lets readers work while a site's batches are written; NORMAL is durable enough in WAL
            // (a power cut may lose the last commits, never corrupt the file) and much faster than FULL.
            // Link indexes grow large and are written at random places: a page cache (16 MiB: it counts in the
            // crawler's peak memory, which the benchmark holds to linkchecker's) and rarer
            // checkpoints (64 MiB of WAL, trimmed back afterwards) cut the cost of each batch
            // (measured about a fifth less CPU over a million links).
            await conn.ExecuteAsync(new CommandDefinition($"""
                PRAGMA busy_timeout = {BusyTimeoutMs};
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA cache_size = -16384;
                PRAGMA wal_autocheckpoint = 16384;
                PRAGMA journal_size_limit = 67108864;
                """, cancellationToken: ct));
            var mode = await conn.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode", cancellationToken: ct));
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"the file system does not support WAL (journal mode is {mode})");
            await Migrations.ApplyAsync(conn, _time, ct);

            return new WriteConnection(conn,
                new PreparedInsert(conn, "INSERT OR REPLACE INTO fetches",
                    "site_run_id", "url", "outcome", "status", "final_url", "content_type", "crawled", "title", "depth",
                    "duration_ms", "fetched_at", "error", "etag", "last_modified", "meta_json"),
                new PreparedInsert(conn, "INSERT INTO links",
                    "site_run_id", "from_url", "to_url", "tag", "text", "title", "text_key", "title_key"));
        }
        catch (Exception ex)
        {
            await conn.DisposeAsync();
            if (ex is SqliteException or InvalidOperationException or IOException or UnauthorizedAccessException)
                throw new StoreUnavailableException($"Cannot open the SQLite store {DatabasePath}: {ex.Message}", ex);
            throw;
        }
    }

    public async Task<string> StartRunAsync(DateTimeOffset startedAt, string tool, string optionsJson, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var id = NewRunId(startedAt);
            try
            {
                await WriteAsync("a new run", (writer, tx) => writer.Connection.ExecuteAsync(Sql("""
                    INSERT INTO runs (id, started_at, status, tool, options_json)
                    VALUES (@id, @StartedAt, @Status, @tool, @optionsJson)
                    """, new { id, StartedAt = Dates.Format(startedAt), Status = RunStatus.Running, tool, optionsJson }, tx, ct)), ct);
                return id;
            }
            catch (SqliteException ex) when (IsConstraint(ex) && attempt < 5)
            {
                // Two runs started in the same second drew the same 4 hex digits: draw again.
            }
        }
    }

    /// <summary>Readable and sortable: UTC start time, then 4 random hex digits so runs in the same second differ.</summary>
    internal static string NewRunId(DateTimeOffset startedAt) =>
        $"{startedAt.UtcDateTime:yyyyMMdd-HHmmss}-{RandomNumberGenerator.GetHexString(4, lowercase: true)}";

    public Task<long> StartSiteAsync(string runId, SiteTarget site, DateTimeOffset startedAt, CancellationToken ct) =>
        WriteAsync($"site {site.Url}", async (writer, tx) =>
        {
            try
            {
                return await writer.Connection.ExecuteScalarAsync<long>(Sql("""
                    INSERT INTO site_runs (run_id, site_url, name, slug, profile, status, started_at)
                    VALUES (@runId, @Url, @Name, @Slug, @Profile, @Status, @StartedAt)
                    RETURNING id
                    """, new
                {
                    runId, Url = site.Url.AbsoluteUri, site.Name, site.Slug, Profile = site.Profile.Id,
                    Status = RunStatus.Running, StartedAt = Dates.Format(startedAt),
                }, tx, ct));
            }
            catch (SqliteException ex) when (IsConstraint(ex))
            {
                throw new ArgumentException($"Unknown run '{runId}'.", nameof(runId), ex);
            }
        }, ct);

    public Task AddFetchesAsync(long siteRunId, IReadOnlyList<FetchRecord> fetches, CancellationToken ct) =>
        InsertBatchAsync("fetches", siteRunId, fetches, w => w.InsertFetch, (insert, tx, f) => insert.Execute(tx,
            siteRunId, f.Url, f.Outcome, f.Status, f.FinalUrl, f.ContentType, f.Crawled, f.Title, f.Depth,
            f.DurationMs, Dates.Format(f.FetchedAt), f.Error, f.ETag, f.LastModified, StoreJson.WriteObject(f.Meta)), ct);

    public Task AddLinksAsync(long siteRunId, IReadOnlyList<LinkRecord> links, CancellationToken ct) =>
        InsertBatchAsync("links", siteRunId, links, w => w.InsertLink, (insert, tx, l) => insert.Execute(tx,
            siteRunId, l.FromUrl, l.ToUrl, l.Tag, l.Text, l.Title, KeyOrNull(l.Text), KeyOrNull(l.Title)), ct);

    private static string? KeyOrNull(string? text) => TextKey.Of(text) is { Length: > 0 } key ? key : null;

    /// <summary>One batch, one transaction, one prepared statement re-bound per row.</summary>
    private Task InsertBatchAsync<T>(
        string noun, long siteRunId, IReadOnlyList<T> rows, Func<WriteConnection, PreparedInsert> insert,
        Action<PreparedInsert, SqliteTransaction, T> bind, CancellationToken ct)
    {
        if (rows.Count == 0) return Task.CompletedTask;
        return WriteAsync($"{rows.Count} {noun} of site run {siteRunId}", (writer, tx) =>
        {
            var statement = insert(writer);
            for (var i = 0; i < rows.Count; i++)
            {
                if ((i & 1023) == 0) ct.ThrowIfCancellationRequested();
                try
                {
                    bind(statement, tx, rows[i]);
                }
                catch (SqliteException ex) when (IsConstraint(ex))
                {
                    // The whole batch rolls back: a caller bug (unknown site run, missing value), not a store failure.
                    throw new ArgumentException($"Cannot store {noun} for site run {siteRunId}: {ex.Message}", nameof(siteRunId), ex);
                }
            }
            return Task.FromResult(rows.Count);
        }, ct);
    }

    public ISiteFacts Facts(long siteRunId) => new SqliteSiteFacts(this, siteRunId);

    public async Task<PriorAudit?> FindPriorAuditAsync(long siteRunId, CancellationToken ct)
    {
        await using var conn = await OpenReaderAsync(ct);
        return await FindingHistory.FindPriorAuditAsync(conn, null, siteRunId, ct);
    }

    public Task FinishSiteAsync(long siteRunId, SiteOutcome outcome, CancellationToken ct) =>
        WriteAsync($"the outcome of site run {siteRunId}", async (writer, tx) =>
        {
            var conn = writer.Connection;
            var args = new { Id = siteRunId };
            var updated = await conn.ExecuteAsync(Sql("""
                UPDATE site_runs SET status = @Status, stats_json = @Stats, columns_json = @Columns, error = @Error,
                                     finished_at = @FinishedAt
                WHERE id = @Id
                """, new
            {
                Id = siteRunId, outcome.Status, Stats = StoreJson.Write(outcome.Stats),
                Columns = StoreJson.Write(outcome.Columns), outcome.Error, FinishedAt = Dates.Format(outcome.FinishedAt),
            }, tx, ct));
            if (updated == 0) throw new ArgumentException($"Unknown site run {siteRunId}.", nameof(siteRunId));

            // State, first seen and what is resolved: FindingHistory (shared with the PostgreSQL store).
            var history = await FindingHistory.ComputeAsync(conn, tx, siteRunId, outcome.Status, outcome.Findings, outcome.FinishedAt, ct);

            // Finishing twice (a retry) replaces rather than duplicates.
            await conn.ExecuteAsync(Sql("DELETE FROM findings WHERE site_run_id = @Id", args, tx, ct));
            await conn.ExecuteAsync(Sql("DELETE FROM resolved_findings WHERE site_run_id = @Id", args, tx, ct));
            var rows = history.Findings
                .Select(s => new
                {
                    Id = siteRunId, s.Finding.Rule, Severity = SeverityText(s.Finding.Severity), s.Finding.Url, s.Finding.PageUrl,
                    s.Finding.Column, s.Finding.Message, Evidence = StoreJson.WriteObject(s.Finding.Evidence),
                    s.Finding.Fingerprint, s.State, s.FirstSeen,
                })
                .ToList();
            // Dapper runs the INSERT once per row on one command.
            await conn.ExecuteAsync(Sql("""
                INSERT INTO findings (site_run_id, rule, severity, url, page_url, column_id, message, evidence_json,
                                      fingerprint, state, first_seen)
                VALUES (@Id, @Rule, @Severity, @Url, @PageUrl, @Column, @Message, @Evidence, @Fingerprint, @State, @FirstSeen)
                """, rows, tx, ct));
            await conn.ExecuteAsync(Sql("""
                INSERT INTO resolved_findings (site_run_id, rule, url, column_id, fingerprint, first_seen)
                VALUES (@Id, @Rule, @Url, @ColumnId, @Fingerprint, @FirstSeen)
                """, history.Resolved.Select(r => new { Id = siteRunId, r.Rule, r.Url, r.ColumnId, r.Fingerprint, r.FirstSeen }).ToList(), tx, ct));
            return updated;
        }, ct);

    public Task FinishRunAsync(string runId, string status, DateTimeOffset finishedAt, CancellationToken ct) =>
        WriteAsync($"the end of run {runId}", async (writer, tx) =>
        {
            var updated = await writer.Connection.ExecuteAsync(Sql(
                "UPDATE runs SET status = @status, finished_at = @FinishedAt WHERE id = @runId",
                new { runId, status, FinishedAt = Dates.Format(finishedAt) }, tx, ct));
            if (updated == 0) throw new ArgumentException($"Unknown run '{runId}'.", nameof(runId));
            return updated;
        }, ct);

    public async Task<RunReport?> LoadRunAsync(string runId, CancellationToken ct)
    {
        await using var conn = await OpenReaderAsync(ct);
        // One read transaction: every query sees the same snapshot even while other runs are written.
        using var tx = conn.BeginTransaction(deferred: true);
        return await StoreReader.LoadRunAsync(conn, tx, runId, ct);
    }

    public async Task<IReadOnlyList<RunInfo>> ListRunsAsync(int max, CancellationToken ct)
    {
        if (max <= 0) return [];
        await using var conn = await OpenReaderAsync(ct);
        // julianday() compares instants whatever offset each start time was written with.
        return await StoreReader.QueryRunsAsync(conn, null, "ORDER BY julianday(started_at) DESC, rowid DESC LIMIT @max", new { max }, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            if (_writer is not null)
            {
                // Release pooled reader handles too, so the file can be moved or deleted once the store is gone.
                SqliteConnection.ClearPool(_writer.Connection);
                _writer.Dispose();
                _writer = null;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>A pooled connection for reading; the caller disposes it.</summary>
    internal Task<SqliteConnection> OpenReaderAsync(CancellationToken ct) => OpenConnectionAsync(ct);

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken ct)
    {
        var conn = new SqliteConnection(_connectionString);
        try
        {
            await conn.OpenAsync(ct);
            return conn;
        }
        catch (SqliteException ex)
        {
            await conn.DisposeAsync();
            throw new StoreUnavailableException($"Cannot open the SQLite store {DatabasePath}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> in one IMMEDIATE transaction on the write connection, one writer at a time.
    /// A failure of SQLite itself (disk full, file locked too long, I/O) becomes <see cref="StoreUnavailableException"/>.
    /// </summary>
    private async Task<T> WriteAsync<T>(string what, Func<WriteConnection, SqliteTransaction, Task<T>> body, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            var writer = _writer
                ?? throw new InvalidOperationException("The store is not initialised: call InitializeAsync first (or it was disposed).");
            using var tx = writer.Connection.BeginTransaction(); // IMMEDIATE: takes the file's write lock now, not on first write
            var result = await body(writer, tx);
            tx.Commit();
            return result;
        }
        catch (SqliteException ex) when (!IsConstraint(ex))
        {
            throw new StoreUnavailableException($"Cannot write {what} to the SQLite store {DatabasePath}: {ex.Message}", ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The one connection that writes, with the hot inserts compiled on it.</summary>
    private sealed record WriteConnection(SqliteConnection Connection, PreparedInsert InsertFetch, PreparedInsert InsertLink) : IDisposable
    {
        public void Dispose()
        {
            InsertFetch.Dispose();
            InsertLink.Dispose();
            Connection.Dispose();
        }
    }

    private static CommandDefinition Sql(string sql, object? args, IDbTransaction? tx, CancellationToken ct) =>
        new(sql, args, tx, cancellationToken: ct);

    private static bool IsConstraint(SqliteException ex) => ex.SqliteErrorCode == 19; // SQLITE_CONSTRAINT

    private static string SeverityText(Severity severity) => StoreReader.SeverityText(severity);

    /// <summary>"Data Source=", "DataSource=" or "Filename=" at the start: a connection string, not a path.</summary>
    [GeneratedRegex(@"^\s*(data\s*source|datasource|filename)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPrefix();
}
