using System.Text.RegularExpressions;
using SiteAudit.Core.Model;
using SiteAudit.Rules.Content;

namespace SiteAudit.Rules.Interpretation;

/// <summary>One policy document and the 解读 found for it (null when none).</summary>
/// <param name="LinksToInterpretation">The document's page links the 解读 (文件 → 解读).</param>
/// <param name="LinksToDocument">The 解读's page links the document (解读 → 文件).</param>
/// <param name="DocumentScripted">The document's page writes its related documents by script: a missing static link proves nothing.</param>
/// <param name="MatchedBy">link-from-document, link-to-document or title.</param>
/// <param name="Form">文字, 图解, 视频, 音频, 动漫, 问答 or H5 (DOMAIN.md §5).</param>
/// <param name="Judgeable">No 解读 found proves none exists: the 解读 column was read whole (or, when only its newest part is
/// visible — a script-written list — the document is no older than the oldest visible 解读), and no 解读 page went unread.</param>
public sealed record DocumentMatch(
    ListItem Document,
    string DocumentUrl,
    DateOnly? DocumentDate,
    bool DocumentScripted,
    string? InterpretationUrl,
    string? InterpretationTitle,
    DateOnly? InterpretationDate,
    bool InterpretationScripted,
    bool LinksToInterpretation,
    bool LinksToDocument,
    string? MatchedBy,
    string? Form,
    bool Judgeable = true);

/// <summary>
/// Matches the policy documents of the profile's `interpretation.documentColumns` with their 解读 (DOMAIN.md §5), in
/// three ways, best first: a 解读 link on the document's page (to an item of the 解读 column, or a link named 解读/图解
/// that is not the site's menu); a 解读 of the 解读 column whose page links the document (pingtan's 相关文件); a 解读
/// whose title names the document (《…》 or the name after 关于印发), provided that 解读 does not belong to another
/// document by its links. Documents whose page was not crawled, 解读 listed among the documents, and titles the
/// profile exempts (废止 decisions) are not judged. Shared by the three interpretation.* rules.
/// </summary>
public static partial class InterpretationMatcher
{
    public const string ColumnId = "interpretation";

    private static readonly string[] InterpretationWords = ["解读", "图解", "读懂", "一图", "答记者问", "政策问答", "图说"];

    /// <summary>Link texts that name the 解读 column (a menu), not one 解读.</summary>
    private static readonly string[] ColumnLabels = ["政策解读", "解读回应", "图解政策", "政策图解", "更多解读", "解读专栏", "政策解读栏目"];

    [GeneratedRegex(@"《([^《》]{4,})》", RegexOptions.CultureInvariant)]
    private static partial Regex BookTitle();

    public static Task<IReadOnlyList<DocumentMatch>> MatchAsync(RuleContext context, CancellationToken ct) =>
        context.Content.MemoAsync("interpretation.matches", () => ComputeAsync(context, ct));

    public static bool IsInterpretationTitle(string? title) =>
        title is not null && InterpretationWords.Any(w => title.Contains(w, StringComparison.Ordinal));

    /// <summary>
    /// The name a 解读 would use for a document: the first 《…》 in its title, else what follows 关于印发/关于 up to a closing
    /// 的通知 ("县人民政府关于印发县停车管理办法的通知" → 县停车管理办法).
    /// </summary>
    public static string? CoreName(string documentTitle)
    {
        var key = TextKey.Of(documentTitle);
        if (BookTitle().Match(key) is { Success: true } book) return book.Groups[1].Value;
        var at = key.LastIndexOf("关于印发", StringComparison.Ordinal);
        var core = at >= 0 ? key[(at + 4)..] : key.IndexOf("关于", StringComparison.Ordinal) is >= 0 and var a ? key[(a + 2)..] : null;
        if (core is null) return null;
        foreach (var tail in new[] { "的通知", "的决定", "的公告", "的通告" })
            if (core.EndsWith(tail, StringComparison.Ordinal)) core = core[..^tail.Length];
        return core.Length >= 6 ? core : null;
    }

    public static bool TitleNames(string interpretationTitle, string documentTitle) =>
        CoreName(documentTitle) is { } core && TextKey.Of(interpretationTitle).Contains(core, StringComparison.Ordinal);

    /// <summary>The form of a 解读, from its title and URL (DOMAIN.md §5).</summary>
    public static string FormOf(string? title, string? url)
    {
        var t = title ?? "";
        var ext = url is null ? "" : Path.GetExtension(new Uri(url).AbsolutePath).ToLowerInvariant();
        if (t.Contains("视频", StringComparison.Ordinal) || ext is ".mp4" or ".flv" or ".m3u8") return "视频";
        if (t.Contains("音频", StringComparison.Ordinal) || t.Contains("广播", StringComparison.Ordinal) || ext is ".mp3") return "音频";
        if (t.Contains("动漫", StringComparison.Ordinal) || t.Contains("动画", StringComparison.Ordinal)) return "动漫";
        if (t.Contains("H5", StringComparison.OrdinalIgnoreCase)) return "H5";
        if (t.Contains("图解", StringComparison.Ordinal) || t.Contains("一图", StringComparison.Ordinal) || t.Contains("图说", StringComparison.Ordinal)
            || t.Contains("图表", StringComparison.Ordinal) || ext is ".jpg" or ".jpeg" or ".png" or ".gif") return "图解";
        if (t.Contains("问答", StringComparison.Ordinal) || t.Contains("答记者问", StringComparison.Ordinal)) return "问答";
        return "文字";
    }

    private static async Task<IReadOnlyList<DocumentMatch>> ComputeAsync(RuleContext context, CancellationToken ct)
    {
        var profile = context.Site.Profile;
        if (profile.Interpretation is not { } settings) return [];
        var content = context.Content;
        var template = await content.TemplateAsync(ct);
        var columnPages = context.Columns.Columns.Where(c => c.Url is not null).Select(c => ContentReader.Bare(c.Url!)).ToHashSet(StringComparer.Ordinal);

        // The 解读 column's items, with the pages they link.
        var interpretations = new List<Interpretation>();
        // Which documents the 解读 column covers: all when it was read whole, else those no older than its oldest visible item.
        DateOnly? coveredFrom = DateOnly.MinValue;
        if (context.Columns[ColumnId] is { Found: true, Url: { } jdUrl })
        {
            var reading = await content.ColumnAsync(jdUrl, ct);
            var whole = reading.IsRead && !reading.Scripted && (reading.ClaimedCount ?? 0) <= reading.Items.Count;
            coveredFrom = !reading.IsRead ? null
                : whole ? DateOnly.MinValue
                : reading.Items.Select(i => ChinaDate.Parse(i.Date)).Where(d => d is not null).Min();
            foreach (var item in reading.Items)
            {
                var (final, page) = await content.PageAsync(item.Url, ct);
                var links = page is null ? [] : (await context.Facts.GetLinksFromAsync(final, ct)).Select(l => ContentReader.Bare(l.ToUrl)).ToHashSet(StringComparer.Ordinal);
                interpretations.Add(new Interpretation(item with { Date = item.Date ?? page?.Published }, final, links, page?.ScriptedRelations ?? false));
                if (page is null) coveredFrom = null; // an unread 解读 may be any document's
            }
        }
        var interpretationUrls = interpretations.SelectMany(j => new[] { ContentReader.Bare(j.Item.Url), ContentReader.Bare(j.Url) }).ToHashSet(StringComparer.Ordinal);

        // The policy documents.
        var documents = new List<Document>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in settings.DocumentColumns)
        {
            if (context.Columns[id] is not { Found: true, Url: { } url }) continue;
            if (profile.Column(id)?.Parent is not null && !context.Columns.FoundUnderParent.Contains(id)) continue;
            foreach (var item in (await content.ColumnAsync(url, ct)).Items)
            {
                if (!seen.Add(ContentReader.Bare(item.Url)) || interpretationUrls.Contains(ContentReader.Bare(item.Url))) continue;
                if (IsInterpretationTitle(item.Title) || settings.ExemptTitles.Any(w => item.Title.Contains(w, StringComparison.Ordinal))) continue;
                var (final, page) = await content.PageAsync(item.Url, ct);
                if (page is null) continue;
                documents.Add(new Document(item, final, page));
            }
        }

        // 1. A 解读 link on the document's page; 2. a 解读 whose page links the document.
        var linked = new List<(Document Doc, IReadOnlyList<LinkRecord> Links, LinkRecord? FromDoc, Interpretation? J)>();
        foreach (var doc in documents)
        {
            var docLinks = await context.Facts.GetLinksFromAsync(doc.Url, ct);
            var fromDoc = docLinks.FirstOrDefault(l => l.Tag is "a" or "area" && interpretationUrls.Contains(ContentReader.Bare(l.ToUrl)));
            foreach (var candidate in fromDoc is null ? docLinks.Where(l => l.Tag is "a" or "area" && IsInterpretationLink(l, doc.Url, template, columnPages)) : [])
            {
                // A 解读 link that does not work gives no 解读 (it is a dead link).
                if (await context.Facts.GetFetchAsync(candidate.ToUrl, ct) is { } fetch && DeadReason.IsDead(fetch.Outcome)) continue;
                fromDoc = candidate;
                break;
            }
            var j = fromDoc is not null ? interpretations.FirstOrDefault(x => x.Is(fromDoc.ToUrl)) : interpretations.FirstOrDefault(x => doc.IsLinkedFrom(x.Links));
            linked.Add((doc, docLinks, fromDoc, j));
        }
        // 3. A 解读 linked to no document, named after one that has none: to the one published closest to it when
        // several documents bear the name (a title repeated year after year).
        var byTitle = new Dictionary<string, Interpretation>(StringComparer.Ordinal);
        foreach (var x in interpretations.Where(x => !documents.Any(d => d.IsLinkedFrom(x.Links))))
        {
            var jDate = ChinaDate.Parse(x.Item.Date);
            var named = linked.Where(l => l.FromDoc is null && l.J is null && !byTitle.ContainsKey(l.Doc.Url) && TitleNames(x.Item.Title, l.Doc.Item.Title))
                .OrderBy(l => jDate is { } jd && l.Doc.Date is { } dd ? Math.Abs(jd.DayNumber - dd.DayNumber) : int.MaxValue)
                .Select(l => l.Doc).FirstOrDefault();
            if (named is not null) byTitle[named.Url] = x;
        }

        var matches = new List<DocumentMatch>();
        foreach (var (doc, docLinks, fromDoc, linkedJ) in linked)
        {
            var docTargets = docLinks.Select(l => ContentReader.Bare(l.ToUrl)).ToHashSet(StringComparer.Ordinal);
            var docDate = doc.Date;
            string? jUrl = null, jTitle = null, matchedBy = null;
            var j = linkedJ;
            if (fromDoc is not null) (jUrl, jTitle, matchedBy) = (fromDoc.ToUrl, j?.Item.Title ?? fromDoc.Text ?? fromDoc.Title, "link-from-document");
            else if (j is not null) (jUrl, jTitle, matchedBy) = (j.Item.Url, j.Item.Title, "link-to-document");
            else if (byTitle.TryGetValue(doc.Url, out var titled)) (j, jUrl, jTitle, matchedBy) = (titled, titled.Item.Url, titled.Item.Title, "title");

            if (jUrl is null)
            {
                // Without a 解读 column, only the document's page can show its 解读: not when it writes it by script.
                var judgeable = coveredFrom is { } from && (from == DateOnly.MinValue || docDate >= from)
                                && (context.Columns[ColumnId] is { Found: true } || !doc.Page.ScriptedRelations);
                matches.Add(new DocumentMatch(doc.Item, doc.Url, docDate, doc.Page.ScriptedRelations, null, null, null, false, false, false, null, null, judgeable));
                continue;
            }
            var (jFinal, jPage) = await content.PageAsync(jUrl, ct);
            var jLinks = j?.Links ?? (jPage is null ? [] : (await context.Facts.GetLinksFromAsync(jFinal, ct)).Select(l => ContentReader.Bare(l.ToUrl)).ToHashSet(StringComparer.Ordinal));
            var linksToJ = docTargets.Contains(ContentReader.Bare(jUrl)) || docTargets.Contains(ContentReader.Bare(jFinal));
            matches.Add(new DocumentMatch(doc.Item, doc.Url, docDate, doc.Page.ScriptedRelations, jUrl, jTitle,
                ChinaDate.Parse(j?.Item.Date) ?? ChinaDate.Parse(jPage?.Published), jPage?.ScriptedRelations ?? j?.Scripted ?? false,
                linksToJ, jPage is not null && doc.IsLinkedFrom(jLinks), matchedBy, FormOf(jTitle, jUrl)));
        }
        return matches;
    }

    private sealed record Interpretation(ListItem Item, string Url, HashSet<string> Links, bool Scripted)
    {
        public bool Is(string url) => ContentReader.Bare(Item.Url) == ContentReader.Bare(url) || ContentReader.Bare(Url) == ContentReader.Bare(url);
    }

    private sealed record Document(ListItem Item, string Url, PageContent Page)
    {
        public DateOnly? Date => ChinaDate.Parse(Item.Date) ?? ChinaDate.Parse(Page.Published);

        public bool IsLinkedFrom(HashSet<string> links) => links.Contains(ContentReader.Bare(Item.Url)) || links.Contains(ContentReader.Bare(Url));
    }

    /// <summary>A link named as a 解读 (相关解读: 《…》解读, 图解…) that is not the site's menu or a column.</summary>
    private static bool IsInterpretationLink(LinkRecord link, string documentUrl, ContentReader.Template template, HashSet<string> columnPages)
    {
        var text = link.Text ?? link.Title;
        if (!IsInterpretationTitle(text) && !IsInterpretationTitle(link.Title)) return false;
        var target = ContentReader.Bare(link.ToUrl);
        if (target == ContentReader.Bare(documentUrl) || template.HasLink(link) || template.Pages.Contains(target) || columnPages.Contains(target)) return false;
        return !ColumnLabels.Contains(TextKey.Of(text), StringComparer.Ordinal);
    }
}
