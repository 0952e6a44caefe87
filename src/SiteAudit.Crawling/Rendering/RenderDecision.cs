using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;
using SiteAudit.Crawling.Extraction;

namespace SiteAudit.Crawling.Rendering;

public enum RenderMode { Never, Auto, Always }

/// <summary>
/// When a page's static HTML cannot answer what the profile asks, a browser must show it (--render auto):
/// the homepage has no link to the disclosure section, a page that looks like the section names none of its columns,
/// the page writes its links with document.write or builds them from a script and shows almost none itself, a list
/// page's list is built by script, or it is an anti-bot challenge. Per site, the page templates that needed the browser are remembered, so later pages of
/// the same template go straight to it.
/// </summary>
public sealed partial class RenderDecision(SiteTarget site, RenderMode mode)
{
    /// <summary>A rendered page that adds at least this many links proves its template needs rendering.</summary>
    private const int TemplateEvidenceLinks = 5;

    /// <summary>List pages rendered because their list is built by script, per site (see <see cref="Reason"/>).</summary>
    private const int MaxScriptedListRenders = 200;

    private readonly ConcurrentDictionary<string, bool> _templates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _scriptedListPages = new(StringComparer.Ordinal);
    private readonly string[] _sectionKeys = Keys(site.Profile.Section.Names);
    private readonly string[] _columnKeys = Keys(site.Profile.Columns.Where(c => c.Parent is null).SelectMany(c => c.Aliases.Prepend(c.Name)));

    public RenderMode Mode => mode;

    /// <summary>Why the page should be rendered, or null when its static HTML will do.</summary>
    public string? Reason(Uri url, int depth, string html, PageExtract extract)
    {
        if (mode == RenderMode.Never) return null;
        if (mode == RenderMode.Always) return "--render always";
        if (_templates.ContainsKey(TemplateOf(url))) return "its page template needed the browser before";
        var navigation = extract.Links.Count(l => l.IsNavigation);
        // TRS pagination writes its pager with document.write too, but Quirks/TrsPagination already reads it.
        if (html.Contains("document.write", StringComparison.Ordinal) && !html.Contains("createPageHTML", StringComparison.Ordinal) && ScriptWritesLinks().IsMatch(html))
            return "links are written by document.write";
        if (navigation < 3 && html.Contains("<script", StringComparison.OrdinalIgnoreCase) && extract.VisibleTextLength < 200)
            return "the page shows almost nothing without its scripts";
        // A list page whose list exists only in the browser (TRS 动静结合 lists, ms-repeat/v-for templates, items fetched
        // by script into an empty container): its items, dates and links are what the content rules judge. Articles are
        // left alone even when they call scripts (view counters): they carry a publication date and list nothing.
        // At most MaxScriptedListRenders pages a site: a portal has tens of column pages, and a site whose undated pages
        // all call scripts must not have every page rendered. Counted by URL, so asking twice about a page (a 304 that is
        // then read in full) spends one.
        if (extract.Content is { ScriptedList: true, ItemCount: 0, Published: null } && depth > 0 && SpendScriptedListRender(url))
            return "its list is built by script";
        if (depth == 0 && !HasLinkNamed(extract, _sectionKeys, site.Profile.Section.UrlHints))
            return "the homepage has no link to the disclosure section without scripts";
        // The section is linked from the homepage: deeper pages whose titles merely contain 信息公开 (every article of
        // 政府信息公开指南…) are not it, and rendering them all made a static 5k-page site take 848 s instead of 15 s.
        if (depth == 1 && LooksLikeSection(extract) && !HasLinkNamed(extract, _columnKeys, []))
            return "the disclosure section names none of its columns without scripts";
        return null;
    }

    private bool SpendScriptedListRender(Uri url) =>
        _scriptedListPages.ContainsKey(url.AbsoluteUri)
        || _scriptedListPages.Count < MaxScriptedListRenders && _scriptedListPages.TryAdd(url.AbsoluteUri, true);

    /// <summary>Pages of <paramref name="url"/>'s template needed the browser earlier in this crawl (so this one will too).</summary>
    public bool RemembersTemplateOf(Uri url) => mode == RenderMode.Always || mode == RenderMode.Auto && _templates.ContainsKey(TemplateOf(url));

    /// <summary>Records what rendering changed, so pages of the same template are rendered at once next time.</summary>
    public void Learn(Uri url, PageExtract staticExtract, PageExtract rendered)
    {
        if (rendered.Links.Count(l => l.IsNavigation) - staticExtract.Links.Count(l => l.IsNavigation) >= TemplateEvidenceLinks)
            _templates.TryAdd(TemplateOf(url), true);
    }

    /// <summary>A page template: the URL's folder with numbers folded (/xxgk/202401/t20240105_1.html → /xxgk/#/).</summary>
    internal static string TemplateOf(Uri url)
    {
        var path = url.AbsolutePath;
        var folder = path[..(path.LastIndexOf('/') + 1)];
        return $"{url.Authority}{Digits().Replace(folder, "#")}";
    }

    private bool LooksLikeSection(PageExtract extract)
    {
        var title = TextKey.Of(extract.Title);
        var column = extract.Meta["ColumnName"]?.GetValue<string>();
        return _sectionKeys.Any(k => title.Contains(k, StringComparison.Ordinal) || TextKey.Of(column).Contains(k, StringComparison.Ordinal));
    }

    private static bool HasLinkNamed(PageExtract extract, string[] keys, IReadOnlyList<string> urlHints) =>
        extract.Links.Any(l => l.IsNavigation && (
            keys.Any(k => TextKey.Of(l.Text).Contains(k, StringComparison.Ordinal) || TextKey.Of(l.Title).Contains(k, StringComparison.Ordinal))
            || urlHints.Any(h => l.Target.AbsolutePath.Contains("/" + h, StringComparison.OrdinalIgnoreCase))));

    private static string[] Keys(IEnumerable<string> names) => names.Select(TextKey.Of).Where(k => k.Length > 0).Distinct().ToArray();

    [GeneratedRegex(@"document\.write(?:ln)?\s*\([^)]*<a\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptWritesLinks();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
