using System.Collections.Concurrent;
using SiteAudit.Crawling.Fetching;

namespace SiteAudit.Crawling.Frontier;

/// <summary>
/// Each distinct URL outside the crawled sites is checked once per run, however many sites link to it:
/// the first site to ask starts the check, the others await the same task.
/// </summary>
public sealed class ExternalLinkCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<FetchResult>>> _checks = new(StringComparer.Ordinal);

    public int Count => _checks.Count;

    /// <param name="recheck">The second opinion after a transient failure: also asked once per run, apart from the first.</param>
    public Task<FetchResult> CheckAsync(Uri url, bool recheck, Func<Uri, Task<FetchResult>> check) =>
        _checks.GetOrAdd((recheck ? "recheck " : "") + url.AbsoluteUri, _ => new Lazy<Task<FetchResult>>(() => check(url))).Value;
}
