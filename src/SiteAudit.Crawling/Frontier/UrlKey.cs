namespace SiteAudit.Crawling.Frontier;

/// <summary>
/// A URL as 8 bytes, for sets the crawl keeps per site (seen URLs, the previous audit's pages): on a 100k-page site
/// the strings themselves would take megabytes. FNV-1a over the UTF-16 code units, written here because the BCL has
/// no stable 64-bit string hash (System.IO.Hashing is not among our packages); two URLs of one site colliding
/// (about 1 in 10^9 for 100k URLs) would only skip the second.
/// </summary>
public static class UrlKey
{
    public static ulong Of(string url)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in url)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
