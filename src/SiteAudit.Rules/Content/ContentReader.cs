using System.Text.RegularExpressions;
using SiteAudit.Core.Model;

namespace SiteAudit.Rules.Content;

/// <summary>
/// Column list understanding over the stored page content, shared by the content rules of one site (and cached, so
/// every rule sees the same reading): a column's items across its pagination, frames and sub-columns; the site's
/// template (the text lines and links of the homepage and the section page), so that what a page says of its own can
/// be told from what every page says; and dates of items whose list shows none (from the item's page).
/// </summary>
public sealed partial class ContentReader(RuleContext context)
{
    /// <summary>A page showing fewer characters than this beyond the template shows nothing.</summary>
    internal const int EmptyTextChars = 40;

    /// <summary>Lines this short beyond the template are headings and labels (the column's own name), not content.</summary>
    private const int LabelChars = 12;

    private const int MaxListPages = 300;
    private const int MaxDateLookups = 30;
    private const int MaxSubColumns = 20;
    private const int MaxSharedPages = 80;

    private static readonly string[] PagerTexts = ["下一页", "下页", "后页", "尾页", "末页", "最后一页", ">", ">>", "»", "›"];
    private static readonly string[] CrumbMarks = ["当前位置", "您的位置", "所在位置", "您现在的位置", "当前页面", "位置："];

    private readonly Dictionary<string, (string Url, PageContent? Content)> _pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ColumnReading> _columns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _memo = new(StringComparer.Ordinal);
    private Template? _template;
    private Shared? _shared;

    /// <summary>Links and own text lines found on two or more column pages, and how many column pages were read.</summary>
    private sealed record Shared(HashSet<string> Links, HashSet<string> Lines, int Pages);

    [GeneratedRegex(@"^(?:index|list|default|more)_?\d{1,4}\.\w+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PagedFile();

    [GeneratedRegex(@"[?&](?:page|pageno|pageindex|curpage|pagenum|p|pn)=\d+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PagedQuery();

    public DateOnly Today => ChinaDate.Today(context.Time);

    /// <summary>A result computed once per site and shared by the rules that need it (e.g. policy documents matched to 解读).</summary>
    public async Task<T> MemoAsync<T>(string key, Func<Task<T>> make) where T : notnull
    {
        if (_memo.TryGetValue(key, out var cached)) return (T)cached;
        var value = await make();
        _memo[key] = value;
        return value;
    }

    /// <summary>
    /// The site's repeated furniture, from the homepage and the section page: their text lines, their link targets, their
    /// links as target and text (a menu repeated on a column page), their list rows as shape and target (a menu that the
    /// list detection took for a list), and the two pages themselves.
    /// </summary>
    public sealed record Template(HashSet<string> Lines, HashSet<string> Links, HashSet<string> NamedLinks, HashSet<string> Rows, HashSet<string> Pages)
    {
        public bool HasLink(LinkRecord link) => NamedLinks.Contains(Named(link));

        public static string Named(LinkRecord link) => Bare(link.ToUrl) + "\n" + TextKey.Of(link.Text ?? link.Title);

        public static string Row(string shape, ListItem item) => shape + "\n" + Bare(item.Url);
    }

    /// <summary>The content of a crawled page (after its redirects), with the URL it was read under; null content when unknown.</summary>
    public async Task<(string Url, PageContent? Content)> PageAsync(string url, CancellationToken ct)
    {
        if (_pages.TryGetValue(url, out var cached)) return cached;
        var fetch = await context.Facts.GetFetchAsync(url, ct);
        (string, PageContent?) result = (url, null);
        if (fetch is { Crawled: true })
        {
            var final = fetch.FinalUrl ?? fetch.Url;
            var content = await context.Facts.GetPageContentAsync(final, ct) ?? await context.Facts.GetPageContentAsync(url, ct);
            result = (final, content);
        }
        return _pages[url] = result;
    }

    public async Task<Template> TemplateAsync(CancellationToken ct)
    {
        if (_template is not null) return _template;
        var lines = new HashSet<string>(StringComparer.Ordinal);
        var links = new HashSet<string>(StringComparer.Ordinal);
        var named = new HashSet<string>(StringComparer.Ordinal);
        var rows = new HashSet<string>(StringComparer.Ordinal);
        var pages = new HashSet<string>(StringComparer.Ordinal) { Bare(context.HomeUrl.AbsoluteUri) };
        foreach (var url in new[] { context.HomeUrl.AbsoluteUri, context.Columns.SectionUrl }.OfType<string>())
        {
            var (final, content) = await PageAsync(url, ct);
            pages.Add(Bare(url));
            pages.Add(Bare(final));
            if (content is not null)
            {
                lines.UnionWith(content.Text.Split('\n'));
                rows.UnionWith(content.Lists.SelectMany(l => l.Items.Select(i => Template.Row(l.Shape, i))));
            }
            foreach (var link in await context.Facts.GetLinksFromAsync(final, ct))
            {
                links.Add(Bare(link.ToUrl));
                named.Add(Template.Named(link));
            }
        }
        return _template = new Template(lines, links, named, rows, pages);
    }

    /// <summary>
    /// Furniture of the column pages themselves (a left menu of all columns that the section page does not show):
    /// links (target and text) and own text lines found on two or more of the located column pages.
    /// </summary>
    private async Task<Shared> SharedAsync(CancellationToken ct)
    {
        if (_shared is { } shared) return shared;
        var read = 0;
        var linkCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var pages = context.Columns.Columns.Where(c => c.Url is not null).Select(c => c.Url!).DistinctBy(Bare).Take(MaxSharedPages);
        foreach (var url in pages)
        {
            var (final, content) = await PageAsync(url, ct);
            if (content is null) continue;
            read++;
            foreach (var key in (await context.Facts.GetLinksFromAsync(final, ct)).Select(Template.Named).Distinct())
                linkCounts[key] = linkCounts.GetValueOrDefault(key) + 1;
            foreach (var line in (await OwnLinesAsync(content, ct)).Distinct())
                lineCounts[line] = lineCounts.GetValueOrDefault(line) + 1;
        }
        return _shared = new Shared(linkCounts.Where(x => x.Value >= 2).Select(x => x.Key).ToHashSet(StringComparer.Ordinal),
            lineCounts.Where(x => x.Value >= 2).Select(x => x.Key).ToHashSet(StringComparer.Ordinal), read);
    }

    /// <summary>The lines of a page's text that the template does not have (and that are not its breadcrumb).</summary>
    public async Task<IReadOnlyList<string>> OwnLinesAsync(PageContent content, CancellationToken ct)
    {
        var template = await TemplateAsync(ct);
        return content.Text.Split('\n').Where(l => !template.Lines.Contains(l) && !IsCrumb(l)).ToList();
    }

    /// <summary>The homepage's list items (all of its boxes), dates filled from item pages where missing.</summary>
    public async Task<ColumnReading> HomepageAsync(CancellationToken ct) => await ColumnAsync(context.HomeUrl.AbsoluteUri, ct, allLists: true);

    public Task<ColumnReading> ColumnAsync(string url, CancellationToken ct) => ColumnAsync(url, ct, allLists: false);

    private async Task<ColumnReading> ColumnAsync(string url, CancellationToken ct, bool allLists)
    {
        var key = (allLists ? "*" : "") + url;
        if (_columns.TryGetValue(key, out var cached)) return cached;
        return _columns[key] = await ReadColumnAsync(url, allLists, 0, ct);
    }

    private async Task<ColumnReading> ReadColumnAsync(string url, bool allLists, int hops, CancellationToken ct)
    {
        var (pageUrl, content) = await PageAsync(url, ct);
        if (content is null) return ColumnReading.NotRead(url);
        var template = await TemplateAsync(ct);
        var shared = await SharedAsync(ct);
        var links = await context.Facts.GetLinksFromAsync(pageUrl, ct);
        var ownLines = await OwnLinesAsync(content, ct);
        var ownText = ownLines.Where(l => l.Length > LabelChars && !shared.Lines.Contains(l)).Sum(l => l.Length);

        // A column page that only refreshes (or script-redirects) elsewhere is judged by where it leads.
        if (content.ItemCount == 0 && ownText < EmptyTextChars
            && links.FirstOrDefault(l => l.Tag is "meta-refresh" or "script-redirect") is { } away && away.ToUrl != pageUrl)
        {
            var target = await context.Facts.GetFetchAsync(away.ToUrl, ct);
            if (target is not { Crawled: true } || hops >= 2) return ColumnReading.NotRead(url, ReadState.Elsewhere, away.ToUrl);
            return (await ReadColumnAsync(away.ToUrl, allLists, hops + 1, ct)) with { Url = url };
        }

        var items = new List<ListItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int? claimed = content.ClaimedCount;
        var scripted = content.ScriptedList;
        var saysEmpty = content.SaysEmpty;
        var uncheckedFrames = false;
        void Take(IEnumerable<ListItem> more)
        {
            foreach (var item in more)
                if (seen.Add(item.Url)) items.Add(item);
        }

        // The page, its frames, and its pagination: each contributes its main list.
        string? shape = null;
        var listPages = new List<(string Url, PageContent Content)> { (pageUrl, content) };
        foreach (var frame in links.Where(l => l.Tag is "frame" or "iframe").Select(l => l.ToUrl).Distinct().Take(5))
        {
            var (frameUrl, frameContent) = await PageAsync(frame, ct);
            if (frameContent is null) { uncheckedFrames = true; continue; }
            if (frameUrl != pageUrl) listPages.Add((frameUrl, frameContent));
        }
        var pagination = new HashSet<string>(StringComparer.Ordinal) { Bare(pageUrl) };
        var queue = new Queue<string>(PagerLinks(pageUrl, links));
        while (queue.Count > 0 && listPages.Count < MaxListPages)
        {
            var next = queue.Dequeue();
            if (!pagination.Add(Bare(next))) continue;
            var (nextUrl, nextContent) = await PageAsync(next, ct);
            if (nextContent is null) continue;
            listPages.Add((nextUrl, nextContent));
            foreach (var more in PagerLinks(nextUrl, await context.Facts.GetLinksFromAsync(nextUrl, ct))) queue.Enqueue(more);
        }
        foreach (var (_, page) in listPages)
        {
            claimed = Max(claimed, page.ClaimedCount);
            scripted |= page.ScriptedList;
            saysEmpty |= page.SaysEmpty;
            if (allLists)
            {
                // The homepage's boxes: every entry (an undated one gets its page's date, or its list's if it is a column).
                Take(page.Lists.SelectMany(l => l.Items));
                continue;
            }
            var main = MainList(page, shape, template, pagination);
            if (main is null) continue;
            shape ??= main.Shape;
            Take(main.Items);
        }

        // Items without a date get their page's date; an undated item that is itself a list is a sub-column.
        var (dated, lookups, dateless) = await FillDatesAsync(items, ct);

        // Furniture is what column pages share. A link the section page also shows but no other column page does is this
        // page's own (a catalog listing the section's categories); with too few column pages to tell, the section decides.
        bool Furniture(LinkRecord l) => shared.Links.Contains(Template.Named(l)) || shared.Pages < 3 && template.HasLink(l);
        var ownLinks = links.Count(l => l.Tag is "a" or "area" && !Furniture(l) && !template.Pages.Contains(Bare(l.ToUrl))
                                        && !pagination.Contains(Bare(l.ToUrl)) && !seen.Contains(l.ToUrl));
        return new ColumnReading(url, ReadState.Read, pageUrl, dated, claimed, scripted, saysEmpty, ownText, ownLinks,
            uncheckedFrames, listPages.Count, lookups, dateless);
    }

    /// <summary>
    /// A page's list for its column: the biggest dated list (the same shape as on the column's first page when there is
    /// one); without dated lists, the undated entries that are not the site's menus.
    /// </summary>
    private static PageList? MainList(PageContent page, string? shape, Template template, HashSet<string> pagination)
    {
        var dated = page.Lists.Where(l => l.DatedCount > 0).ToList();
        if (dated.Count > 0)
            return dated.FirstOrDefault(l => l.Shape == shape) ?? dated.OrderByDescending(l => l.DatedCount).ThenByDescending(l => l.Items.Count).First();
        // Undated: a menu repeated from the homepage or section (same shape, same targets) is not the column's list.
        return page.Lists
            .Select(l => l with { Items = l.Items.Where(i => !template.Rows.Contains(Template.Row(l.Shape, i)) && !template.Pages.Contains(Bare(i.Url))
                                                             && !pagination.Contains(Bare(i.Url))).ToList() })
            .Where(l => l.Items.Count > 0)
            .OrderByDescending(l => l.Items.Count)
            .FirstOrDefault();
    }

    private async Task<(List<ListItem> Items, int Lookups, int Dateless)> FillDatesAsync(List<ListItem> items, CancellationToken ct)
    {
        if (items.All(i => i.Date is not null)) return (items, 0, 0);
        var result = new List<ListItem>(items.Count);
        var lookups = 0;
        var dateless = 0;
        var subColumns = 0;
        var seen = items.Select(i => i.Url).ToHashSet(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.Date is not null || lookups >= MaxDateLookups)
            {
                result.Add(item);
                continue;
            }
            lookups++;
            var (_, page) = await PageAsync(item.Url, ct);
            if (page?.Published is { } published)
            {
                result.Add(item with { Date = published });
                continue;
            }
            var sub = page?.Lists.Where(l => l.DatedCount > 0).OrderByDescending(l => l.DatedCount).FirstOrDefault();
            if (sub is not null && subColumns++ < MaxSubColumns)
            {
                // A menu entry leading to a dated list: the column is a parent, its items are its sub-columns' items.
                foreach (var child in sub.Items)
                    if (seen.Add(child.Url)) result.Add(child);
                continue;
            }
            if (page is not null) dateless++;
            result.Add(item);
        }
        return (result, lookups, dateless);
    }

    /// <summary>Links to the same list's other pages: TRS index_N, ?page=N, and 下一页/尾页 links in the same folder.</summary>
    private static List<string> PagerLinks(string pageUrl, IReadOnlyList<LinkRecord> links)
    {
        var page = new Uri(pageUrl);
        var folder = page.AbsolutePath[..(page.AbsolutePath.LastIndexOf('/') + 1)];
        var result = new List<string>();
        foreach (var link in links)
        {
            if (link.Tag is not ("a" or "area") || !Uri.TryCreate(link.ToUrl, UriKind.Absolute, out var target)) continue;
            if (target.Authority != page.Authority) continue;
            var targetPath = target.AbsolutePath;
            var sameFolder = targetPath.StartsWith(folder, StringComparison.Ordinal) && targetPath.IndexOf('/', folder.Length) < 0;
            if (!sameFolder) continue;
            var file = targetPath[folder.Length..];
            var text = (link.Text ?? "").Trim();
            if (PagedFile().IsMatch(file) || (targetPath == page.AbsolutePath && PagedQuery().IsMatch(target.Query))
                || PagerTexts.Contains(text, StringComparer.Ordinal))
                result.Add(link.ToUrl);
        }
        return result;
    }

    /// <summary>A URL without a trailing index.html/index.htm/default.htm: /a/ and /a/index.html are one page.</summary>
    internal static string Bare(string url)
    {
        foreach (var index in new[] { "index.html", "index.htm", "index.shtml", "default.htm", "default.html" })
            if (url.EndsWith("/" + index, StringComparison.OrdinalIgnoreCase)) return url[..^index.Length];
        return url;
    }

    private static bool IsCrumb(string line) => CrumbMarks.Any(m => line.StartsWith(m, StringComparison.Ordinal));

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
