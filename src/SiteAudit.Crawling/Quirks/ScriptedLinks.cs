using System.Text.RegularExpressions;
using System.Web;

namespace SiteAudit.Crawling.Quirks;

/// <summary>
/// Links portals hide from href: onclick="window.open('…')", href="javascript:location.href='…'", a homepage whose
/// only content is &lt;script&gt;window.location.href="/zwgk/index.html"&lt;/script&gt;, and pdf.js viewers whose real
/// target is the file= parameter (viewer.html?file=/uploads/a.pdf). Only string literals count: a URL built by
/// script from variables is not guessed at.
/// </summary>
public static partial class ScriptedLinks
{
    /// <summary>Visible characters below which a page with a script redirect is taken to be just that redirect.</summary>
    public const int RedirectPageMaxText = 200;

    [GeneratedRegex(@"(?:window\.open\s*\(|(?:window\.|document\.|top\.|self\.|parent\.)?location(?:\.href)?\s*=(?!=)|location\.(?:replace|assign)\s*\()\s*['""]([^'""\s]+)['""]",
        RegexOptions.CultureInvariant)]
    private static partial Regex Navigation();

    [GeneratedRegex(@"(?:(?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s*=(?!=)|location\.(?:replace|assign)\s*\()\s*['""]([^'""\s]+)['""]",
        RegexOptions.CultureInvariant)]
    private static partial Regex Redirect();

    /// <summary>URLs an event handler or a javascript: href navigates to.</summary>
    public static IEnumerable<string> FromHandler(string code) =>
        Navigation().Matches(code).Select(m => m.Groups[1].Value);

    /// <summary>URLs an inline script sends the whole page to (script redirects of homepages).</summary>
    public static IEnumerable<string> RedirectsIn(string script) =>
        Redirect().Matches(script).Select(m => m.Groups[1].Value);

    /// <summary>The document a pdf.js-style viewer shows, or null.</summary>
    public static string? ViewerFile(Uri url)
    {
        if (url.Query.Length < 2 || !url.AbsolutePath.Contains("viewer", StringComparison.OrdinalIgnoreCase)) return null;
        var file = HttpUtility.ParseQueryString(url.Query)["file"];
        return string.IsNullOrWhiteSpace(file) ? null : file;
    }
}
