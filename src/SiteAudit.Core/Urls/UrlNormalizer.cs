namespace SiteAudit.Core.Urls;

/// <summary>
/// One spelling per URL, as the contract asks: lower-case scheme and host, no default port, no fragment,
/// dot segments resolved, an empty path written "/". Query strings are kept as they are (servers may care).
/// </summary>
public static class UrlNormalizer
{
    /// <summary>Schemes that are links but never fetched (mailto:, tel:, javascript:, data: …).</summary>
    private static readonly HashSet<string> NotCheckedSchemes = new(StringComparer.OrdinalIgnoreCase)
    {
        "mailto", "tel", "javascript", "data", "sms", "about", "blob", "ftp", "file", "callto", "weixin", "wtai",
    };

    /// <summary>Resolves <paramref name="href"/> against <paramref name="baseUri"/>; null when it is not an http(s) link to check.</summary>
    public static Uri? Resolve(Uri baseUri, string? href)
    {
        if (href is null) return null;
        // Browsers strip leading/trailing ASCII whitespace and drop tabs/newlines inside URLs (WHATWG URL spec).
        var cleaned = href.Trim().Replace("\t", "").Replace("\n", "").Replace("\r", "");
        if (cleaned.Length == 0 || cleaned.StartsWith('#')) return null;
        var colon = cleaned.IndexOf(':');
        if (colon > 0)
        {
            var scheme = cleaned[..colon];
            if (NotCheckedSchemes.Contains(scheme)) return null;
        }
        cleaned = cleaned.Replace('\\', '/');
        if (!Uri.TryCreate(baseUri, cleaned, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
        return Normalize(uri);
    }

    public static Uri Normalize(Uri uri)
    {
        var builder = new UriBuilder(uri)
        {
            Fragment = string.Empty,
            Scheme = uri.Scheme.ToLowerInvariant(),
            Host = uri.IdnHost.ToLowerInvariant().TrimEnd('.'), // "x.gov.cn." is "x.gov.cn"
        };
        if (uri.IsDefaultPort) builder.Port = -1;
        if (string.IsNullOrEmpty(builder.Path)) builder.Path = "/";
        return builder.Uri;
    }

    /// <summary>The normalised form of an absolute http(s) URL, or null when the text is not one.</summary>
    public static string? Normalize(string absoluteUrl)
    {
        var text = absoluteUrl.Trim().Replace('\\', '/');
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? Normalize(uri).AbsoluteUri
            : null;
    }

    /// <summary>host, or host:port when the port is not the scheme's default: what "the same site" compares.</summary>
    public static string Authority(Uri uri) => uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
}
