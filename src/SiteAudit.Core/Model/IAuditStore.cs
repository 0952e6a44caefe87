namespace SiteAudit.Core.Model;

/// <summary>
/// The one store of runs, crawled facts and findings. SQLite is the embedded default; another database
/// (PostgreSQL) implements the same interface. Every write that must be all-or-nothing is one transaction,
/// so a killed run leaves the store readable and consistent.
/// </summary>
public interface IAuditStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema. Throws <see cref="StoreUnavailableException"/> when it cannot.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>Starts a run (status "running") and returns its id.</summary>
    Task<string> StartRunAsync(DateTimeOffset startedAt, string tool, string optionsJson, CancellationToken ct);

    /// <summary>Registers a site within a run; returns the id that the site's facts and findings hang on.</summary>
    Task<long> StartSiteAsync(string runId, SiteTarget site, DateTimeOffset startedAt, CancellationToken ct);

    Task AddFetchesAsync(long siteRunId, IReadOnlyList<FetchRecord> fetches, CancellationToken ct);

    Task AddLinksAsync(long siteRunId, IReadOnlyList<LinkRecord> links, CancellationToken ct);

    /// <summary>
    /// Stores crawled pages' content (encoded by <see cref="PageContentCodec"/>), replacing an earlier row of the same URL.
    /// A store that does not implement it keeps no content, and the content rules then judge nothing.
    /// </summary>
    Task AddPageContentsAsync(long siteRunId, IReadOnlyList<PageContentRow> pages, CancellationToken ct) => Task.CompletedTask;

    ISiteFacts Facts(long siteRunId);

    /// <summary>
    /// Stores evidence files of a site's audit (screenshots), replacing one of the same name, in one transaction.
    /// <see cref="LoadRunAsync"/> lists them on the site (<see cref="SiteReport.Evidence"/>), without their bytes.
    /// </summary>
    Task AddEvidenceFilesAsync(long siteRunId, IReadOnlyList<EvidenceFile> files, CancellationToken ct);

    /// <summary>The bytes of the evidence file <paramref name="name"/> of the site <paramref name="slug"/> in run <paramref name="runId"/>, or null.</summary>
    Task<byte[]?> ReadEvidenceFileAsync(string runId, string slug, string name, CancellationToken ct);

    /// <summary>
    /// The latest earlier audit of the site of <paramref name="siteRunId"/> that finished with pages (status audited
    /// or partial; prior audits as finding history counts them: same site URL, an earlier run), or null. A partial
    /// audit's pages are as good as a complete one's, each on its own; an unreachable night has none.
    /// </summary>
    Task<PriorAudit?> FindPriorAuditAsync(long siteRunId, CancellationToken ct) => Task.FromResult<PriorAudit?>(null);

    /// <summary>
    /// Stores a site's outcome and findings in one transaction, giving each finding its state and first-seen
    /// date by comparison with the same site (same URL) in earlier runs of this store.
    /// </summary>
    Task FinishSiteAsync(long siteRunId, SiteOutcome outcome, CancellationToken ct);

    /// <summary>Marks the run finished with a status from <see cref="RunStatus"/>.</summary>
    Task FinishRunAsync(string runId, string status, DateTimeOffset finishedAt, CancellationToken ct);

    /// <summary>Everything the reports show for a run, or null when the run id is unknown.</summary>
    Task<RunReport?> LoadRunAsync(string runId, CancellationToken ct);

    /// <summary>Newest runs first.</summary>
    Task<IReadOnlyList<RunInfo>> ListRunsAsync(int max, CancellationToken ct);

    // ---- The scheduled worker (issue "worker service") ----

    /// <summary>
    /// Marks as <see cref="RunStatus.Interrupted"/> (finished at <paramref name="at"/>) every run still "running" that
    /// the worker named <paramref name="worker"/> started (its options JSON carries <c>"worker": name</c>): at start,
    /// such a run can only be one a crash or a kill left behind. Returns their ids. Runs of other processes are left alone.
    /// </summary>
    Task<IReadOnlyList<string>> MarkInterruptedRunsAsync(string worker, DateTimeOffset at, CancellationToken ct);

    /// <summary>Records availability probes (one transaction).</summary>
    Task AddProbesAsync(IReadOnlyList<ProbeRecord> probes, CancellationToken ct);

    /// <summary>The probes of the site <paramref name="siteUrl"/> taken in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    Task<Availability> GetAvailabilityAsync(string siteUrl, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>
    /// Deletes runs that started before <paramref name="startedBefore"/>: their sites, crawled pages, links,
    /// findings and evidence files, and probes older than that. Kept whatever their age: runs still going, and for every site the run
    /// of its latest complete audit (the baseline the next run compares with). What finding history needs of the
    /// deleted findings (first seen, last seen) is kept, so a problem that comes back is still "reopened".
    /// Returns the ids of the deleted runs (their output folders can go too).
    /// </summary>
    Task<IReadOnlyList<string>> PruneRunsAsync(DateTimeOffset startedBefore, CancellationToken ct);
}

public sealed record SiteOutcome(
    string Status,
    SiteStats Stats,
    IReadOnlyList<ColumnResult> Columns,
    IReadOnlyList<Finding> Findings,
    DateTimeOffset FinishedAt,
    string? Error = null);

public static class RunStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Partial = "partial";
    public const string Failed = "failed";
    public const string Interrupted = "interrupted";
}

/// <summary>The store cannot be opened or written (CLI exit code 3).</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
