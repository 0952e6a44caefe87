using SiteAudit.Core.Model;

namespace SiteAudit.Crawling.Fetching;

/// <summary>What one request (with its redirects and retry) came to. Body is set only for HTML (and JSON) pages fetched to parse.</summary>
public sealed record FetchResult(
    Uri Url,
    string Outcome,
    int? Status,
    Uri? FinalUrl,
    string? ContentType,
    string? Charset,
    byte[]? Body,
    long DurationMs,
    string? Error = null,
    string? ETag = null,
    string? LastModified = null,
    int Redirects = 0,
    TimeSpan? RetryAfter = null,
    bool Rendered = false)
{
    public bool IsOk => Outcome == FetchRecord.Ok;

    public bool IsHtml =>
        ContentType is null
            ? Body is not null
            : ContentType.Contains("html", StringComparison.OrdinalIgnoreCase);

    /// <summary>Worth another try: the next attempt may well succeed.</summary>
    public bool IsTransient =>
        Outcome is DeadReason.Timeout or DeadReason.Connection or DeadReason.Http5xx || Status == 429;
}
