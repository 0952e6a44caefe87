using System.Text.Json.Nodes;

namespace SiteAudit.Core.Model;

/// <summary>
/// One URL the crawler fetched (a page it parsed) or only checked (a resource or an external link), for one site.
/// Outcome is "ok" or a <see cref="DeadReason"/> value.
/// </summary>
public sealed record FetchRecord(
    string Url,
    string Outcome,
    int? Status,
    string? FinalUrl,
    string? ContentType,
    bool Crawled,
    string? Title,
    int Depth,
    long DurationMs,
    DateTimeOffset FetchedAt,
    string? Error = null,
    string? ETag = null,
    string? LastModified = null,
    JsonObject? Meta = null)
{
    public const string Ok = "ok";
    public bool IsOk => Outcome == Ok;
}

/// <summary>
/// A link found on a crawled page. Text is the visible text (whitespace collapsed); Title the title/alt attribute.
/// Tag is where it came from: a, area, iframe, frame, img, script, link, meta-refresh …
/// </summary>
public sealed record LinkRecord(string FromUrl, string ToUrl, string Tag, string? Text, string? Title);

/// <summary>
/// A page an earlier audit parsed (crawled, outcome ok) with the validators its server sent, for a conditional GET
/// the next night. FinalUrl is where its redirects ended (the response the validators belong to).
/// </summary>
public sealed record PageValidators(string Url, string? FinalUrl, string? ETag, string? LastModified);

/// <summary>
/// The latest earlier audit of a site whose crawled pages a re-audit may reuse when their server answers 304:
/// its site run, and the options JSON of its run (how it read pages, e.g. "render").
/// </summary>
public sealed record PriorAudit(long SiteRunId, string RunOptionsJson);

/// <summary>Read access to what was crawled for one site in one run: what rules look at.</summary>
public interface ISiteFacts
{
    Task<FetchRecord?> GetFetchAsync(string url, CancellationToken ct);

    /// <summary>Links found on the page <paramref name="pageUrl"/>, in document order.</summary>
    Task<IReadOnlyList<LinkRecord>> GetLinksFromAsync(string pageUrl, CancellationToken ct);

    /// <summary>
    /// Links anywhere on the site whose <see cref="TextKey"/> of text or title equals one of <paramref name="keys"/>.
    /// A pass over all the site's links: ask once with every key needed, not once per key.
    /// </summary>
    Task<IReadOnlyList<LinkRecord>> FindLinksByTextKeyAsync(IReadOnlyCollection<string> keys, CancellationToken ct);

    /// <summary>Every fetched or checked URL whose outcome is not ok.</summary>
    IAsyncEnumerable<FetchRecord> GetFailedFetchesAsync(CancellationToken ct);

    /// <summary>Pages that link to <paramref name="url"/> (distinct, document order of crawl), at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<string>> GetReferrersAsync(string url, int max, CancellationToken ct);

    /// <summary>
    /// The content of the crawled page <paramref name="url"/> (lists, dates, text: <see cref="PageContent"/>), or null when
    /// it is not known (not crawled, or a store that does not keep content): rules then claim nothing about the page.
    /// </summary>
    Task<PageContent?> GetPageContentAsync(string url, CancellationToken ct) => Task.FromResult<PageContent?>(null);

    /// <summary>Links anywhere on the site whose text or title key (<see cref="TextKey"/>) contains <paramref name="fragmentKey"/>, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<LinkRecord>> FindLinksContainingAsync(string fragmentKey, int max, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<LinkRecord>>([]);

    /// <summary>
    /// Crawled pages whose ColumnName meta tag (the column metadata 《政府网站发展指引》 asks pages to carry) is exactly one
    /// of <paramref name="names"/>, shallowest first, at most <paramref name="max"/>.
    /// </summary>
    Task<IReadOnlyList<FetchRecord>> FindPagesByColumnNameAsync(IReadOnlyCollection<string> names, int max, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FetchRecord>>([]);

    /// <summary>
    /// The availability probes of this site (the worker's timed homepage visits) in [<paramref name="from"/>,
    /// <paramref name="to"/>], or null when the store has none (no worker probes this site): rules then claim nothing.
    /// </summary>
    Task<Availability?> GetAvailabilityAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Task.FromResult<Availability?>(null);

    /// <summary>
    /// Every page parsed with outcome ok whose server sent an ETag or a Last-Modified, in no set order (conditional GET
    /// on the next audit). A store that keeps no validators returns none, and every page is then fetched in full.
    /// </summary>
    IAsyncEnumerable<PageValidators> GetPageValidatorsAsync(CancellationToken ct) => AsyncEnumerable.Empty<PageValidators>();
}
