using System.Collections.Concurrent;

namespace SiteAudit.Crawling.Frontier;

/// <summary>
/// Spider traps: endless calendars (?date=…, ?year=…&amp;month=…), query strings that grow with every click,
/// and paths whose segments repeat (/a/b/a/b/a/b/ from a relative-link mistake). URLs that look like one are
/// still checked, but not parsed, so they cannot lead the crawl on forever.
/// </summary>
public sealed class TrapGuard
{
    public const int MaxUrlLength = 512;
    public const int MaxPathSegments = 16;
    public const int MaxSegmentRepeats = 3;
    public const int MaxQueryParameters = 10;

    /// <summary>Distinct query strings parsed per path: a calendar or a search form, beyond this.</summary>
    public const int MaxQueryVariantsPerPath = 100;

    private readonly ConcurrentDictionary<string, int> _queryVariants = new(StringComparer.Ordinal);

    /// <summary>True when the URL may be parsed; counts query variants as a side effect.</summary>
    public bool MayParse(Uri url)
    {
        if (url.AbsoluteUri.Length > MaxUrlLength) return false;
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length > MaxPathSegments) return false;
        if (segments.GroupBy(s => s, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() >= MaxSegmentRepeats)) return false;
        if (url.Query.Length > 1)
        {
            if (url.Query.Count(c => c == '&') + 1 > MaxQueryParameters) return false;
            var variants = _queryVariants.AddOrUpdate(url.AbsolutePath, 1, (_, n) => n + 1);
            if (variants > MaxQueryVariantsPerPath) return false;
        }
        return true;
    }
}
