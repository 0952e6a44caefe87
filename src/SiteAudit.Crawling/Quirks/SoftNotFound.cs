using HtmlAgilityPack;
using SiteAudit.Core.Model;
using SiteAudit.Crawling.Extraction;

namespace SiteAudit.Crawling.Quirks;

/// <summary>
/// Soft 404: the server answers 200 (or redirects) but the page is gone. Four real shapes: a page whose title or
/// heading says 页面不存在/已删除 (or a very short page saying so); a deleted TRS document that is only a
/// &lt;meta refresh&gt; to "../" or the homepage; a redirect of a deep URL to the homepage; a page identical to
/// what the site answers for a URL that cannot exist (probed once per site). An article that merely
/// mentions 不存在 in its text is not one: the phrase must be the page's headline, or nearly all the page says.
/// </summary>
public static class SoftNotFound
{
    private static readonly string[] Phrases =
    [
        "页面不存在", "页面已删除", "页面已被删除", "网页不存在", "信息不存在", "信息已删除", "信息已被删除", "文章不存在",
        "文章已删除", "内容不存在", "内容已删除", "稿件已删除", "该页面不存在", "找不到页面", "页面未找到", "页面找不到",
        "您访问的页面不存在", "404notfound", "页面无法访问", "已被删除或不存在", "已撤稿",
    ];

    /// <summary>Visible text below this length counts as "nearly all the page says".</summary>
    private const int ShortPageChars = 200;

    /// <summary>The page's visible text as a comparison key (no white space), scripts and styles left out.</summary>
    public static string VisibleText(HtmlDocument doc)
    {
        var body = HtmlWalk.First(doc.DocumentNode, "body") ?? doc.DocumentNode;
        return TextKey.Of(string.Concat(HtmlWalk.Descendants(body)
            .Where(n => n.NodeType == HtmlNodeType.Text && n.ParentNode?.Name is not ("script" or "style" or "title"))
            .Select(n => n.InnerText)));
    }

    /// <summary>A URL no site has: what the site answers there is its "not found" page, whatever the status.</summary>
    public static Uri ProbeUrl(Uri home) => new(home, $"/siteaudit-probe-{Guid.NewGuid():N}.html");

    public static bool SaysNotFound(HtmlDocument doc, string visibleText)
    {
        var headline = string.Concat(HtmlWalk.Descendants(doc.DocumentNode).Where(n => n.Name is "title" or "h1" or "h2" or "h3").Select(n => n.InnerText));
        return ContainsPhrase(headline) || visibleText.Length < ShortPageChars && ContainsPhrase(visibleText);
    }

    /// <summary>A tiny page whose only purpose is a meta refresh to an ancestor folder or the homepage (deleted TRS document).</summary>
    public static bool IsRefreshToParent(Uri page, Uri refreshTarget, Uri home, int visibleTextLength) =>
        visibleTextLength < 50
        && refreshTarget.Authority == page.Authority
        && !IsFolderIndex(page, refreshTarget)
        && (refreshTarget.AbsoluteUri == home.AbsoluteUri
            || IsRootLike(refreshTarget)
            || refreshTarget.AbsolutePath.EndsWith('/') && page.AbsolutePath.StartsWith(refreshTarget.AbsolutePath, StringComparison.Ordinal)
                                                     && page.AbsolutePath != refreshTarget.AbsolutePath);

    /// <summary>A deep URL whose redirects end on the homepage (or the site root): the document is gone.</summary>
    public static bool IsRedirectToHome(Uri requested, Uri final, Uri home) =>
        !IsRootLike(requested)
        && requested.AbsoluteUri != home.AbsoluteUri
        && final.Authority == requested.Authority
        && (final.AbsoluteUri == home.AbsoluteUri || IsRootLike(final));

    private static bool ContainsPhrase(string text)
    {
        var key = TextKey.Of(text);
        return Phrases.Any(p => key.Contains(p, StringComparison.Ordinal));
    }

    private static bool IsRootLike(Uri url) =>
        url.AbsolutePath is "/" || (url.AbsolutePath.Count(c => c == '/') == 1 && Path.GetFileNameWithoutExtension(url.AbsolutePath) is "index" or "default" or "main");

    /// <summary>/a/index.html refreshing to /a/ (or the reverse) is one page under two names, not a deletion.</summary>
    private static bool IsFolderIndex(Uri page, Uri target)
    {
        var path = page.AbsolutePath;
        var folder = path[..(path.LastIndexOf('/') + 1)];
        return target.AbsolutePath == folder && Path.GetFileNameWithoutExtension(path) is "index" or "default" or "";
    }
}
