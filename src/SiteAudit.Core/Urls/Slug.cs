using System.Text;

namespace SiteAudit.Core.Urls;

/// <summary>Folder names for sites in the output (sites/&lt;slug&gt;/): ASCII, stable, derived from the URL.</summary>
public static class Slug
{
    public static string FromUrl(Uri url)
    {
        var sb = new StringBuilder();
        var host = url.IdnHost.StartsWith("www.", StringComparison.Ordinal) ? url.IdnHost[4..] : url.IdnHost;
        Append(sb, host);
        if (!url.IsDefaultPort) Append(sb, "-" + url.Port);
        var path = url.AbsolutePath.Trim('/');
        if (path.Length > 0) Append(sb, "-" + path);
        var s = sb.ToString().Trim('-');
        return s.Length == 0 ? "site" : s.Length > 80 ? s[..80].TrimEnd('-') : s;
    }

    /// <summary>Makes <paramref name="slug"/> unique among <paramref name="taken"/> by a numeric suffix.</summary>
    public static string Unique(string slug, ISet<string> taken)
    {
        var candidate = slug;
        for (var i = 2; !taken.Add(candidate); i++) candidate = $"{slug}-{i}";
        return candidate;
    }

    private static void Append(StringBuilder sb, string text)
    {
        foreach (var ch in text.ToLowerInvariant())
        {
            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
    }
}
