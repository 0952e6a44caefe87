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

    ISiteFacts Facts(long siteRunId);

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
