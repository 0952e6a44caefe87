using SiteAudit.Core.Model;
using SiteAudit.Core.Urls;

namespace SiteAudit.Crawling.Frontier;

/// <summary>
/// Which URLs belong to a site and are crawled: the site's own host and port, the host its homepage
/// redirected to, the hosts the sites file lists under `scope:` (any port), and sub-domains of the site's
/// domain (xxgk.qingshan.gov.cn belongs to www.qingshan.gov.cn: portals often put the disclosure section there).
/// </summary>
public sealed class SiteScope
{
    private readonly HashSet<string> _authorities = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _domains = new();

    public SiteScope(SiteTarget site)
    {
        Add(site.Url);
        foreach (var host in site.ScopeHosts) _hosts.Add(host.Trim().TrimEnd('.'));
    }

    public void Add(Uri url)
    {
        _authorities.Add(UrlNormalizer.Authority(url));
        if (url.HostNameType == UriHostNameType.Dns && url.Host.Contains('.'))
            _domains.Add(url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host);
    }

    public bool Contains(Uri url) =>
        _authorities.Contains(UrlNormalizer.Authority(url)) || _hosts.Contains(url.Host)
        || _domains.Any(d => url.Host.Equals(d, StringComparison.OrdinalIgnoreCase) || url.Host.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));

    private static readonly HashSet<string> NotPages = new(StringComparer.OrdinalIgnoreCase)
    {
        ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".et", ".dps", ".ofd", ".ceb", ".txt", ".rtf",
        ".zip", ".rar", ".7z", ".gz", ".tar", ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".svg", ".webp", ".ico", ".tif", ".tiff",
        ".mp3", ".mp4", ".avi", ".wmv", ".flv", ".mov", ".swf", ".wav", ".css", ".js", ".json", ".xml", ".exe", ".apk", ".msi",
    };

    /// <summary>Downloads and media are checked, never parsed: decided by the path's extension.</summary>
    public static bool IsDocumentLike(Uri url) => !NotPages.Contains(Path.GetExtension(url.AbsolutePath));
}
