using System.Globalization;
using SiteAudit.Core.Model;
using SiteAudit.Crawling.Fetching;

namespace SiteAudit.Crawling.Frontier;

/// <summary>A page as the previous audit recorded it: what a 304 lets the crawler reuse instead of a body.</summary>
public sealed record PriorPage(FetchRecord Fetch, IReadOnlyList<LinkRecord> Links, PageContent Content);

/// <summary>
/// The previous audit of a site, for conditional GET on a re-audit (issue #6): per parsed page the validators its
/// server sent, and, when the server answers 304, that audit's facts of the page (title, meta, links, content).
/// </summary>
/// <remarks>
/// Held for a whole site's crawl, so kept compact: a 64-bit hash of the URL instead of the URL (a 20k-page site costs
/// about 2 MB instead of 6), Last-Modified as Unix seconds, the final URL only when the page redirected. A hash
/// collision could at worst send a page validators that are not its own, which its server then does not match.
/// </remarks>
public sealed class PriorCrawl
{
    private readonly ISiteFacts _facts;
    private readonly Dictionary<ulong, Entry> _pages;

    private readonly record struct Entry(string? ETag, long LastModified, string? FinalUrl);

    private PriorCrawl(ISiteFacts facts, Dictionary<ulong, Entry> pages) => (_facts, _pages) = (facts, pages);

    /// <summary>Pages that can be asked for conditionally.</summary>
    public int Count => _pages.Count;

    /// <summary>Reads the validators of the audit whose facts <paramref name="facts"/> are.</summary>
    public static async Task<PriorCrawl> LoadAsync(ISiteFacts facts, CancellationToken ct)
    {
        var pages = new Dictionary<ulong, Entry>();
        await foreach (var page in facts.GetPageValidatorsAsync(ct).ConfigureAwait(false))
        {
            var modified = DateTimeOffset.TryParseExact(page.LastModified, "R", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var at) ? at.ToUnixTimeSeconds() : 0;
            if (page.ETag is null && modified == 0) continue;
            pages[UrlKey.Of(page.Url)] = new Entry(page.ETag, modified, page.FinalUrl == page.Url ? null : page.FinalUrl);
        }
        pages.TrimExcess();
        return new PriorCrawl(facts, pages);
    }

    /// <summary>What to send with a GET of <paramref name="url"/>; null when the previous audit did not parse it.</summary>
    public CacheValidators? ValidatorsFor(Uri url)
    {
        if (!_pages.TryGetValue(UrlKey.Of(url.AbsoluteUri), out var entry)) return null;
        return new CacheValidators(entry.ETag, entry.LastModified == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(entry.LastModified),
            entry.FinalUrl is null ? url : new Uri(entry.FinalUrl));
    }

    /// <summary>
    /// The previous audit's facts of the page <paramref name="url"/>; null when they are not all there (a page recorded
    /// parsed and ok, and its content row: written after its links, so its links are complete too).
    /// </summary>
    public async Task<PriorPage?> LoadPageAsync(Uri url, CancellationToken ct)
    {
        var fetch = await _facts.GetFetchAsync(url.AbsoluteUri, ct).ConfigureAwait(false);
        if (fetch is not { Crawled: true, IsOk: true }) return null;
        var content = await _facts.GetPageContentAsync(url.AbsoluteUri, ct).ConfigureAwait(false);
        if (content is null) return null;
        var links = await _facts.GetLinksFromAsync(fetch.FinalUrl ?? fetch.Url, ct).ConfigureAwait(false);
        return new PriorPage(fetch, links, content);
    }
}
