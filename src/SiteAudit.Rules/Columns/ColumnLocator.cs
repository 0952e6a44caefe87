using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;

namespace SiteAudit.Rules.Columns;

/// <summary>
/// Finds the 政府信息公开 section from the homepage by the profile's section names and URL hints, then each
/// column by its standard name, its aliases, then URL hints — looking first in the section page, then the
/// homepage, then the pages the section links to, then anywhere on the site for a link named exactly so, and last
/// for a page whose ColumnName meta tag names it.
/// A column is reported missing only when none of these finds it: a false "missing" costs a county a 通报.
/// </summary>
public sealed class ColumnLocator
{
    /// <summary>Pages one hop below the section page that are searched (menus of sub-sections).</summary>
    private const int MaxSubPages = 150;

    /// <summary>Pages carrying a column's name in their ColumnName meta that are weighed (list pages are the shallow ones).</summary>
    private const int MaxMetaPages = 500;

    /// <summary>Meta tags only article pages carry (《政府网站发展指引》: 文章页 ArticleTitle, PubDate).</summary>
    private static readonly string[] ArticleMeta = ["ArticleTitle", "PubDate", "firstpublishedtime"];

    public Task<ColumnMap> LocateAsync(Profile profile, Uri homeUrl, ISiteFacts facts, CancellationToken ct) =>
        LocateAsync(profile, homeUrl, facts, LocateScope.WholeSite, ct);

    /// <param name="scope">Where columns may be found: the whole site, or (a department unit) only links of the unit's own pages.</param>
    public async Task<ColumnMap> LocateAsync(Profile profile, Uri homeUrl, ISiteFacts facts, LocateScope scope, CancellationToken ct)
    {
        var homeLinks = Usable(await NavigationLinksOfAsync(homeUrl.AbsoluteUri, facts, ct), scope);
        var (section, sectionBlocked) = await FindSectionAsync(profile.Section, homeUrl, homeLinks, facts, ct);

        var rounds = new List<(IReadOnlyList<LinkRecord> Links, bool Loose)>();
        IReadOnlyList<LinkRecord> sectionLinks = [];
        if (section is not null)
        {
            sectionLinks = Usable(await NavigationLinksOfAsync(section.PageUrl, facts, ct), scope);
            rounds.Add((sectionLinks, true));
        }
        rounds.Add((homeLinks, section is null));
        var below = Usable(await LinksOneHopBelowAsync(section is null ? homeLinks : sectionLinks, homeUrl, facts, ct), scope);
        rounds.Add((below, true));

        var results = new List<ColumnResult>();
        var underParent = new HashSet<string>(StringComparer.Ordinal);
        var inArticles = new HashSet<string>(StringComparer.Ordinal);
        var parentRounds = new Dictionary<string, List<(IReadOnlyList<LinkRecord>, bool)>>(StringComparer.Ordinal);
        IReadOnlyList<LinkRecord>? namedAnywhere = null; // links named like any column, read once when first needed
        foreach (var column in profile.Columns)
        {
            ColumnMatch? match = null;
            // A sub-column is looked for first under its parent's page (法定主动公开内容's menu and the pages it leads to).
            if (column.Parent is { } parentId && results.FirstOrDefault(r => r.Id == parentId) is { Found: true, Url: { } parentUrl })
            {
                if (!parentRounds.TryGetValue(parentId, out var own))
                {
                    var parentLinks = Usable(await NavigationLinksOfAsync(parentUrl, facts, ct), scope);
                    own = [(parentLinks, true), (Usable(await LinksOneHopBelowAsync(parentLinks, homeUrl, facts, ct), scope), true)];
                    parentRounds[parentId] = own;
                }
                foreach (var (links, loose) in own)
                {
                    match = Match(column.Name, column.Aliases, column.UrlHints, links, loose, exclude: parentUrl);
                    if (match is not null) break;
                }
                if (match is not null) underParent.Add(column.Id);
            }
            foreach (var (links, loose) in rounds)
            {
                if (match is not null) break;
                match = Match(column.Name, column.Aliases, column.UrlHints, links, loose, exclude: homeUrl.AbsoluteUri);
            }
            if (match is null && scope.Anywhere)
            {
                namedAnywhere ??= await facts.FindLinksByTextKeyAsync(profile.Columns.SelectMany(KeysOf).ToHashSet(StringComparer.Ordinal), ct);
                match = FindAnywhere(column, namedAnywhere, homeUrl);
            }
            if (match is null && scope.Anywhere)
            {
                (match, var articlesOnly) = await FindByColumnMetaAsync(column, facts, homeUrl, section?.PageUrl, ct);
                if (articlesOnly) inArticles.Add(column.Id);
            }
            if (match is { MatchedBy: MatchKinds.UrlHint }) match = await HintFolderAsync(match, column.UrlHints, facts, ct);
            results.Add(match is null
                ? new ColumnResult(column.Id, column.Name, column.Required, false, null, null, null)
                : new ColumnResult(column.Id, column.Name, column.Required, true, match.Url, match.MatchedBy, match.Text));
        }
        return new ColumnMap(section?.PageUrl, section?.MatchedBy, section?.Text, results, section is null && sectionBlocked)
        {
            FoundUnderParent = underParent,
            FoundInArticles = inArticles,
        };
    }

    private static IReadOnlyList<LinkRecord> Usable(IReadOnlyList<LinkRecord> links, LocateScope scope) =>
        scope.Ignored.Count == 0 ? links : links.Where(l => !scope.Ignored.Contains(l.ToUrl)).ToList();

    private sealed record ColumnMatch(string Url, string MatchedBy, string? Text, int Rank);

    private sealed record SectionHit(string PageUrl, string MatchedBy, string? Text);

    private static async Task<(SectionHit? Hit, bool Blocked)> FindSectionAsync(SectionSpec spec, Uri homeUrl, IReadOnlyList<LinkRecord> homeLinks,
        ISiteFacts facts, CancellationToken ct)
    {
        // Candidates best first; the first whose page was crawled is the section.
        var candidates = homeLinks
            .Select(l => (Link: l, Match: Match(spec.Names.FirstOrDefault() ?? "", spec.Names.Skip(1).ToList(), spec.UrlHints, [l], true, homeUrl.AbsoluteUri)))
            .Where(c => c.Match is not null)
            .OrderBy(c => c.Match!.Rank)
            .ToList();
        var blocked = false;
        foreach (var (link, match) in candidates)
        {
            var fetch = await facts.GetFetchAsync(link.ToUrl, ct);
            if (fetch is { Crawled: true })
                return (new SectionHit(fetch.FinalUrl ?? fetch.Url, match!.MatchedBy, match.Text), false);
            blocked |= fetch is not null && DeadReason.IsUnreadable(fetch.Outcome);
        }
        return (null, blocked);
    }

    /// <summary>
    /// Best match among <paramref name="links"/>: exact name, exact alias, then (when loose) URL hint, then a text
    /// that contains the name or an alias. Lower rank is better.
    /// </summary>
    private static ColumnMatch? Match(string name, IReadOnlyList<string> aliases, IReadOnlyList<string> urlHints,
        IReadOnlyList<LinkRecord> links, bool loose, string exclude)
    {
        var nameKey = TextKey.Of(name);
        var aliasKeys = aliases.Select(TextKey.Of).Where(k => k.Length > 0).ToList();
        ColumnMatch? best = null;
        foreach (var link in links)
        {
            if (link.ToUrl == exclude) continue;
            var rank = RankOf(link, nameKey, aliasKeys, urlHints, loose, out var kind);
            if (rank is null || best is not null && best.Rank <= rank) continue;
            best = new ColumnMatch(link.ToUrl, kind!, link.Text ?? link.Title, rank.Value);
        }
        return best;
    }

    private static int? RankOf(LinkRecord link, string nameKey, List<string> aliasKeys, IReadOnlyList<string> urlHints, bool loose, out string? kind)
    {
        kind = null;
        var keys = new[] { TextKey.Of(link.Text), TextKey.Of(link.Title) };
        if (nameKey.Length > 0 && keys.Contains(nameKey)) { kind = MatchKinds.Name; return 0; }
        for (var i = 0; i < aliasKeys.Count; i++)
            if (keys.Contains(aliasKeys[i])) { kind = MatchKinds.Alias; return 1 + i; }
        if (!loose) return null;
        if (urlHints.Count > 0 && HasHintSegment(link.ToUrl, urlHints)) { kind = MatchKinds.UrlHint; return 100; }
        // Containment catches "政府信息公开指南（2024年版）" or "本机关政府信息公开年报"; a long text is an article, not a label.
        foreach (var key in keys.Where(k => k.Length > 0))
        {
            if (nameKey.Length > 0 && key.Contains(nameKey) && key.Length <= nameKey.Length + 8) { kind = MatchKinds.Name; return 200; }
            if (aliasKeys.Any(a => key.Contains(a) && key.Length <= a.Length + 8)) { kind = MatchKinds.Alias; return 300; }
        }
        return null;
    }

    /// <summary>
    /// A link found by a URL hint deeper than the hinted folder (…/fdzdgknr/zcwj/ for fdzdgknr) names a page below the
    /// column: the column is the hinted folder itself when that page was crawled.
    /// </summary>
    private static async Task<ColumnMatch> HintFolderAsync(ColumnMatch match, IReadOnlyList<string> hints, ISiteFacts facts, CancellationToken ct)
    {
        if (!Uri.TryCreate(match.Url, UriKind.Absolute, out var uri)) return match;
        var segments = uri.AbsolutePath.Split('/');
        for (var i = 0; i < segments.Length - 2; i++)
        {
            if (!hints.Any(h => segments[i].Equals(h, StringComparison.OrdinalIgnoreCase))) continue;
            var folder = uri.GetLeftPart(UriPartial.Authority) + string.Join('/', segments[..(i + 1)]) + "/";
            return await facts.GetFetchAsync(folder, ct) is { Crawled: true } ? match with { Url = folder } : match;
        }
        return match;
    }

    /// <summary>A path segment (without extension) equal to a hint: /xxgk/gkzn/index.html has "gkzn".</summary>
    internal static bool HasHintSegment(string url, IReadOnlyList<string> hints)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return false;
        foreach (var segment in uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var bare = Path.GetFileNameWithoutExtension(segment);
            foreach (var hint in hints)
                if (bare.Equals(hint, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// A page's navigation links, and those of the pages it shows in frames or refreshes to: many portal homepages
    /// and section pages are a frameset or a bare &lt;meta refresh&gt; to the real page.
    /// </summary>
    private static async Task<IReadOnlyList<LinkRecord>> NavigationLinksOfAsync(string pageUrl, ISiteFacts facts, CancellationToken ct)
    {
        var links = NavigationOnly(await facts.GetLinksFromAsync(pageUrl, ct));
        var embedded = links.Where(l => l.Tag is "frame" or "iframe" or "meta-refresh" or "script-redirect").Select(l => l.ToUrl).Distinct().Take(5).ToList();
        foreach (var url in embedded)
        {
            var fetch = await facts.GetFetchAsync(url, ct);
            if (fetch is not { Crawled: true }) continue;
            var inner = fetch.FinalUrl ?? fetch.Url;
            if (inner != pageUrl) links.AddRange(NavigationOnly(await facts.GetLinksFromAsync(inner, ct)));
        }
        return links;
    }

    private static List<LinkRecord> NavigationOnly(IEnumerable<LinkRecord> links) =>
        links.Where(l => l.Tag is "a" or "area" or "iframe" or "frame" or "meta-refresh" or "script-redirect").ToList();

    private static async Task<IReadOnlyList<LinkRecord>> LinksOneHopBelowAsync(IReadOnlyList<LinkRecord> links, Uri homeUrl,
        ISiteFacts facts, CancellationToken ct)
    {
        var result = new List<LinkRecord>();
        var visited = new HashSet<string> { homeUrl.AbsoluteUri };
        foreach (var link in links)
        {
            if (visited.Count > MaxSubPages) break;
            if (!visited.Add(link.ToUrl)) continue;
            var fetch = await facts.GetFetchAsync(link.ToUrl, ct);
            if (fetch is not { Crawled: true }) continue;
            result.AddRange(NavigationOnly(await facts.GetLinksFromAsync(fetch.FinalUrl ?? fetch.Url, ct)));
        }
        return result;
    }

    /// <summary>
    /// When no link names the column: the page whose ColumnName meta tag is exactly its name or an alias, as strong as a
    /// name match. Article pages carry their column's name too, being pages *in* the column, so the column is its
    /// shallowest list page (no ArticleTitle/PubDate meta); only when no list page says so does an article stand for it,
    /// and then <paramref name="column"/> is reported found but not judged by its content (ArticlesOnly).
    /// </summary>
    private static async Task<(ColumnMatch? Match, bool ArticlesOnly)> FindByColumnMetaAsync(ColumnSpec column, ISiteFacts facts, Uri homeUrl,
        string? sectionUrl, CancellationToken ct)
    {
        var names = new[] { column.Name }.Concat(column.Aliases).Where(n => n.Length > 0).ToList();
        var pages = (await facts.FindPagesByColumnNameAsync(names, MaxMetaPages, ct))
            .Where(p => (p.FinalUrl ?? p.Url) is var url && url != homeUrl.AbsoluteUri && url != sectionUrl)
            .ToList();
        if (pages.Count == 0) return (null, false);
        var lists = pages.Where(p => !ArticleMeta.Any(m => p.Meta?[m] is not null)).ToList();
        var page = (lists.Count > 0 ? lists : pages).OrderBy(p => p.Depth).ThenBy(p => (p.FinalUrl ?? p.Url).Length).First();
        var text = page.Meta?["ColumnName"]?.GetValue<string>();
        return (new ColumnMatch(page.FinalUrl ?? page.Url, MatchKinds.Meta, text, 0), lists.Count == 0);
    }

    private static IEnumerable<string> KeysOf(ColumnSpec column) =>
        new[] { column.Name }.Concat(column.Aliases).Select(TextKey.Of).Where(k => k.Length > 0);

    /// <summary>A link anywhere on the site named exactly as the column (<paramref name="named"/>: links named like any column).</summary>
    private static ColumnMatch? FindAnywhere(ColumnSpec column, IReadOnlyList<LinkRecord> named, Uri homeUrl)
    {
        var keys = KeysOf(column).ToHashSet(StringComparer.Ordinal);
        var links = named.Where(l => keys.Contains(TextKey.Of(l.Text)) || keys.Contains(TextKey.Of(l.Title))).ToList();
        return Match(column.Name, column.Aliases, [], links, loose: false, exclude: homeUrl.AbsoluteUri);
    }
}
