using SiteAudit.Core.Model;
using SiteAudit.Rules.Columns;
using SiteAudit.Rules.Content;

namespace SiteAudit.Rules.Units;

/// <summary>One department's disclosure page listed by a portal's 部门信息公开 page.</summary>
public sealed record DepartmentUnit(string Name, Uri Url);

/// <summary>
/// Department units (issue: 部门信息公开): a county portal page named like the profile's `departments.names` that lists
/// the departments' own disclosure pages. A link there counts as a department when its text is a department's name
/// (ends in 局, 委, 办, 中心 …) and its page was crawled; the page counts as a listing only with at least three of them.
/// Each department is then audited as a unit with `departments.profile`, by the same rules over the same crawl, its
/// columns looked for only among its own pages (not the portal's menus).
/// </summary>
public static class DepartmentUnits
{
    private const int MinDepartments = 3;
    private const int MaxDepartments = 80;

    private static readonly string[] Suffixes =
        ["委员会", "办公室", "管理局", "局", "委", "办", "中心", "院", "所", "站", "馆", "队", "会", "处", "署", "社", "部"];

    public static bool IsDepartmentName(string? text)
    {
        var name = TextKey.Display(text);
        return name.Length is >= 3 and <= 24 && Suffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal))
               && !name.Contains("信息公开", StringComparison.Ordinal) && !name.Contains("政府", StringComparison.Ordinal);
    }

    public static async Task<IReadOnlyList<DepartmentUnit>> FindAsync(RuleContext context, CancellationToken ct)
    {
        if (context.Site.Profile.Departments is not { Names.Count: > 0 } settings) return [];
        var keys = settings.Names.Select(TextKey.Of).Where(k => k.Length > 0).ToList();
        var listings = (await context.Facts.FindLinksByTextKeyAsync(keys, ct)).Select(l => l.ToUrl).Distinct().Take(5);
        var template = await context.Content.TemplateAsync(ct);
        foreach (var listing in listings)
        {
            var fetch = await context.Facts.GetFetchAsync(listing, ct);
            if (fetch is not { Crawled: true }) continue;
            var units = new List<DepartmentUnit>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var link in await context.Facts.GetLinksFromAsync(fetch.FinalUrl ?? fetch.Url, ct))
            {
                if (link.Tag is not ("a" or "area") || template.HasLink(link) || !IsDepartmentName(link.Text ?? link.Title)) continue;
                var target = await context.Facts.GetFetchAsync(link.ToUrl, ct);
                if (target is not { Crawled: true }) continue;
                var url = target.FinalUrl ?? target.Url;
                if (ContentReader.Bare(url) == ContentReader.Bare(context.HomeUrl.AbsoluteUri) || !seen.Add(ContentReader.Bare(url))) continue;
                units.Add(new DepartmentUnit(TextKey.Display(link.Text ?? link.Title), new Uri(url)));
                if (units.Count >= MaxDepartments) break;
            }
            if (units.Count >= MinDepartments) return units;
        }
        return [];
    }

    /// <summary>Where a unit's columns may be found: not through the portal's own menus (homepage and section links).</summary>
    public static async Task<LocateScope> ScopeAsync(RuleContext portal, CancellationToken ct)
    {
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in new[] { portal.HomeUrl.AbsoluteUri, portal.Columns.SectionUrl }.OfType<string>())
            foreach (var link in await portal.Facts.GetLinksFromAsync(page, ct))
                ignored.Add(link.ToUrl);
        return new LocateScope(ignored, Anywhere: false);
    }
}
