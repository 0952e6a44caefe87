using System.Net;
using System.Text.Json.Nodes;
using HtmlAgilityPack;
using SiteAudit.Core.Model;
using SiteAudit.Core.Urls;
using SiteAudit.Crawling.Quirks;

namespace SiteAudit.Crawling.Extraction;

/// <summary>
/// Extracts title, government meta tags and links from HTML: a/area/iframe/frame/img/script/link/embed/source
/// and meta refresh, resolved against &lt;base href&gt; when there is one. Links inside comments are not links
/// (the parser keeps comments apart). mailto:/tel:/javascript:/data: and bare #fragments are not returned.
/// </summary>
public static class LinkExtractor
{
    private static readonly (string Tag, string Attribute)[] LinkAttributes =
    [
        ("a", "href"), ("area", "href"), ("iframe", "src"), ("frame", "src"), ("img", "src"),
        ("script", "src"), ("link", "href"), ("embed", "src"), ("source", "src"), ("video", "src"), ("audio", "src"),
        ("track", "src"),
    ];

    /// <summary>&lt;link rel&gt; values that name a host or a hint, not a document to check.</summary>
    private static readonly HashSet<string> IgnoredLinkRels = new(StringComparer.OrdinalIgnoreCase)
    {
        "dns-prefetch", "preconnect", "alternate", "canonical", "shortlink", "pingback", "search", "manifest",
    };

    /// <summary>Government-site meta tags (TRS and most CMS families write them) kept for later rules.</summary>
    private static readonly string[] GovernmentMeta =
        ["SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "ArticleTitle", "PubDate", "firstpublishedtime", "ContentSource", "Url"];

    /// <param name="today">The day the page was read (China time): the year of a list's [MM-dd] dates; null: today.</param>
    public static PageExtract Extract(string html, Uri pageUrl, DateOnly? today = null)
    {
        // The text is already decoded (HtmlDecoder); HtmlAgilityPack need not look up the meta charset (a locked lookup).
        var doc = new HtmlDocument { OptionDefaultStreamEncoding = null, OptionReadEncoding = false };
        doc.LoadHtml(html);
        var root = doc.DocumentNode;

        var baseUrl = pageUrl;
        var baseHref = HtmlWalk.Elements(root, "base").FirstOrDefault(b => b.Attributes.Contains("href"))?.GetAttributeValue("href", null);
        if (baseHref is not null && UrlNormalizer.Resolve(pageUrl, Decode(baseHref)) is { } resolvedBase) baseUrl = resolvedBase;

        var meta = new JsonObject();
        string? refresh = null;
        foreach (var node in HtmlWalk.Elements(root, "meta"))
        {
            var name = node.GetAttributeValue("name", null);
            var content = node.GetAttributeValue("content", null);
            if (content is null) continue;
            if (name is not null && GovernmentMeta.FirstOrDefault(m => m.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } known)
                meta[known] = TextKey.Display(Decode(content));
            if ("refresh".Equals(node.GetAttributeValue("http-equiv", null), StringComparison.OrdinalIgnoreCase))
                refresh ??= RefreshTarget(Decode(content));
        }

        // Sized for a typical portal page's links, so the hot path does not grow them step by step.
        var links = new List<ExtractedLink>(64);
        var scriptRedirects = new List<string>();
        var seen = new HashSet<(string, string, string?)>(64);
        void Add(Uri? target, string tag, string? text, string? title)
        {
            if (target is null) return;
            if (seen.Add((target.AbsoluteUri, tag, text))) links.Add(new ExtractedLink(target, tag, text, title));
        }

        var refreshTarget = refresh is null ? null : UrlNormalizer.Resolve(baseUrl, refresh);
        Add(refreshTarget, "meta-refresh", null, null);

        foreach (var node in HtmlWalk.Descendants(root))
        {
            if (node.NodeType != HtmlNodeType.Element) continue;
            if (node.Name == "script") AddScriptLinks(node, baseUrl, Add, scriptRedirects);
            if (node.GetAttributeValue("onclick", null) is { } onclick)
                foreach (var href in ScriptedLinks.FromHandler(Decode(onclick)))
                    Add(UrlNormalizer.Resolve(baseUrl, href), "a", NullIfEmpty(TextKey.Display(Decode(node.InnerText))), null);
            if (node.Name is "img" or "source" && node.GetAttributeValue("srcset", null) is { } srcset)
                foreach (var candidate in SrcsetUrls(Decode(srcset)))
                    Add(UrlNormalizer.Resolve(baseUrl, candidate), node.Name, null, null);
            var attribute = AttributeFor(node.Name);
            if (attribute is null) continue;
            var raw = node.GetAttributeValue(attribute, null);
            if (raw is null) continue;
            if (raw.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var href in ScriptedLinks.FromHandler(Decode(raw)))
                    Add(UrlNormalizer.Resolve(baseUrl, href), "a", NullIfEmpty(TextKey.Display(Decode(node.InnerText))), null);
                continue;
            }
            if (node.Name == "link" && IgnoredLinkRels.Contains(node.GetAttributeValue("rel", "").Trim())) continue;

            string? text = null, title = null;
            if (node.Name is "a" or "area")
            {
                text = NullIfEmpty(TextKey.Display(Decode(node.InnerText)));
                title = NullIfEmpty(TextKey.Display(Decode(node.GetAttributeValue("title", null)
                                                           ?? node.GetAttributeValue("alt", null)
                                                           ?? node.SelectSingleNode(".//img[@alt]")?.GetAttributeValue("alt", null))));
            }
            else if (node.Name is "iframe" or "frame" or "img")
            {
                title = NullIfEmpty(TextKey.Display(Decode(node.GetAttributeValue("title", null) ?? node.GetAttributeValue("alt", null))));
            }
            var target = UrlNormalizer.Resolve(baseUrl, Decode(raw));
            Add(target, node.Name, text, title);
            if (target is not null && ScriptedLinks.ViewerFile(target) is { } file) Add(UrlNormalizer.Resolve(target, file), node.Name, text, title);
        }

        var titleText = HtmlWalk.First(root, "title")?.InnerText;
        var pageTitle = NullIfEmpty(TextKey.Display(Decode(titleText))) ?? meta["ArticleTitle"]?.GetValue<string>();
        var visible = SoftNotFound.VisibleText(doc);
        // A script redirect is the page's navigation only when the page shows next to nothing itself.
        if (visible.Length < ScriptedLinks.RedirectPageMaxText)
            foreach (var href in scriptRedirects) Add(UrlNormalizer.Resolve(baseUrl, href), "script-redirect", null, null);
        var pageContent = ContentExtractor.Extract(doc, baseUrl, meta, today ?? DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
        return new PageExtract(pageTitle, baseUrl, links, meta, refreshTarget, visible.Length, SoftNotFound.SaysNotFound(doc, visible),
            visible, pageContent);
    }

    /// <summary>
    /// A JSON answer that a quirk knows as a list page (Quirks/Gkmlpt: a 集约化 catalogue's list API): its records are
    /// links and list items, its other pages links. Null when no quirk knows it.
    /// </summary>
    public static PageExtract? ExtractJson(string body, Uri url)
    {
        if (Gkmlpt.ReadList(body, url) is not { } list) return null;
        var links = new List<ExtractedLink>();
        var seen = new HashSet<(string, string?)>();
        void Add(string href, string? text)
        {
            if (UrlNormalizer.Resolve(url, href) is { } target && seen.Add((target.AbsoluteUri, text))) links.Add(new ExtractedLink(target, "a", text, null));
        }
        foreach (var article in list.Articles)
        {
            Add(article.Href, article.Title);
            foreach (var (name, href) in article.Attachments) Add(href, NullIfEmpty(name));
        }
        foreach (var page in list.PageHrefs) Add(page, null);
        var content = ContentExtractor.FromGkmlpt(list, url);
        // No visible-text key: data is never the site's not-found page, however little it lists.
        return new PageExtract(list.Name, url, links, new JsonObject(), VisibleTextLength: content.Text.Length, Content: content);
    }

    /// <summary>Links that CMS scripts write into the page in the browser (see Quirks/).</summary>
    private static void AddScriptLinks(HtmlNode script, Uri baseUrl, Action<Uri?, string, string?, string?> add, List<string> redirects)
    {
        var text = script.InnerText;
        if (text.Length == 0) return;
        if (HanwebDatastore.IsDatastore(text))
        {
            foreach (var (href, linkText, title) in HanwebDatastore.RecordLinks(text))
                add(UrlNormalizer.Resolve(baseUrl, href), "a", NullIfEmpty(TextKey.Display(linkText)), NullIfEmpty(TextKey.Display(title)));
            return;
        }
        if (Gkmlpt.IsConfig(text))
            foreach (var (href, name) in Gkmlpt.CatalogLinks(text, baseUrl))
                add(UrlNormalizer.Resolve(baseUrl, href), "a", name, null);
        if (text.Contains("createPageHTML", StringComparison.Ordinal))
            foreach (var href in TrsPagination.PageHrefs(text))
                add(UrlNormalizer.Resolve(baseUrl, href), "a", null, null);
        if (script.GetAttributeValue("src", null) is null && text.Contains("location", StringComparison.Ordinal))
            redirects.AddRange(ScriptedLinks.RedirectsIn(text));
    }

    private static string? AttributeFor(string tag)
    {
        foreach (var (t, a) in LinkAttributes)
            if (t == tag) return a;
        return null;
    }

    /// <summary>"a.jpg 1x, b.jpg 2x" → a.jpg, b.jpg (each candidate is a URL, then an optional descriptor).</summary>
    internal static IEnumerable<string> SrcsetUrls(string srcset) =>
        srcset.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault())
            .Where(u => !string.IsNullOrEmpty(u))!;

    /// <summary>"0;url=../index.html", "5; URL='x.html'" → the URL part.</summary>
    internal static string? RefreshTarget(string content)
    {
        var at = content.IndexOf("url", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var rest = content[(at + 3)..].TrimStart();
        if (!rest.StartsWith('=')) return null;
        rest = rest[1..].Trim().Trim('"', '\'').Trim();
        return rest.Length == 0 ? null : rest;
    }

    /// <summary>Character references in attribute values and text (&amp;amp; → &amp;). Named ones need their ';', as in browsers' attribute handling, so "?a=1&amp;copy=2" survives.</summary>
    private static string Decode(string? value) => value is null ? string.Empty : WebUtility.HtmlDecode(value);

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
