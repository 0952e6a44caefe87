using System.Text;
using System.Text.RegularExpressions;
using SiteAudit.Core.Profiles;
using SiteAudit.Core.Sites;
using SiteAudit.Core.Urls;

namespace SiteAudit.Core.Tests;

/// <summary>
/// The real list of ~3,000 province/city/county portal URLs (shared/corpus/qianxian-county-sites, see its SOURCE.md;
/// CC BY-NC-ND: parsed here at test time, never copied into the repository). Lines look like
/// `130427 [磁县](http://www.cixian.gov.cn )⠀` or `130500 <b>[邢台市](http://www.xingtai.gov.cn )</b>　冀E　0319`,
/// some with a title (`(http://… '北京朝阳,长春市有同名区')`) or a U+3000 inside the parentheses.
/// </summary>
public sealed partial class QianxianCorpusTests
{
    /// <summary>Entries of the list that are not valid URLs as published (the list's own typos).</summary>
    private static readonly Dictionary<string, string> KnownBadEntries = new()
    {
        ["341022"] = "http://www.xiuning.gov.cn;", // 休宁县: a stray ';' ends up in the host
    };

    [GeneratedRegex(@"^(?<code>\d{6})\s+(?:<b>)?\[(?<name>[^\]]+)\]\((?<url>[^)\s]+)")]
    private static partial Regex PortalLine();

    private sealed record Portal(int Line, string Code, string Name, string Url);

    private static List<Portal> Portals()
    {
        var file = Path.Combine(TestPaths.Corpus, "qianxian-county-sites", "fuwu", "qianxian.md");
        Assert.True(File.Exists(file), $"TEST CORPUS MISSING: {file}");
        var portals = new List<Portal>();
        var lines = File.ReadAllLines(file, Encoding.UTF8);
        for (var i = 0; i < lines.Length; i++)
            if (PortalLine().Match(lines[i]) is { Success: true } m)
                portals.Add(new Portal(i + 1, m.Groups["code"].Value, m.Groups["name"].Value, m.Groups["url"].Value));
        Assert.True(portals.Count >= 2900, $"only {portals.Count} portal lines parsed from {file}: has the format changed?");
        return portals;
    }

    [Fact]
    public void Every_portal_url_normalises_to_a_lower_case_absolute_http_url()
    {
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var p in Portals())
        {
            if (KnownBadEntries.TryGetValue(p.Code, out var bad))
            {
                Assert.Equal(bad, p.Url);
                Assert.Null(SitesFileLoader.ParseSiteUrl(p.Url, out var why));
                Assert.Contains("无效", why);
                continue;
            }
            var normalized = UrlNormalizer.Normalize(p.Url);
            var ok = Uri.TryCreate(normalized, UriKind.Absolute, out var uri)
                     && uri.Scheme is "http" or "https"
                     && uri!.Host.Length > 0
                     && normalized.StartsWith(uri.Scheme + "://" + uri.Host.ToLowerInvariant(), StringComparison.Ordinal)
                     && uri.Host == uri.Host.ToLowerInvariant()
                     && uri.Fragment.Length == 0
                     && uri.AbsolutePath.Length > 0
                     && SitesFileLoader.ParseSiteUrl(p.Url, out _)?.AbsoluteUri == normalized;
            if (!ok) failures.Add($"line {p.Line} {p.Code} {p.Name}: [{p.Url}] -> [{normalized}]");
            checkedCount++;
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedCount >= 2900);
    }

    [Fact]
    public void Every_portal_gets_a_unique_ascii_slug_and_only_the_same_site_shares_a_base_slug()
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var byBase = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var count = 0;
        foreach (var p in Portals().Where(p => !KnownBadEntries.ContainsKey(p.Code)))
        {
            var url = UrlNormalizer.Normalize(new Uri(p.Url.Trim()));
            var slug = Slug.FromUrl(url);
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", slug);
            Assert.True(slug.Length <= 80, slug);
            var unique = Slug.Unique(slug, taken);
            Assert.StartsWith(slug, unique);
            count++;
            // What a slug stands for: the host without www., the port and the path (not the scheme or the query).
            var site = $"{(url.Host.StartsWith("www.") ? url.Host[4..] : url.Host)}:{url.Port}{url.AbsolutePath}".TrimEnd('/');
            (byBase.TryGetValue(slug, out var sites) ? sites : byBase[slug] = []).Add(site);
        }
        Assert.Equal(count, taken.Count);
        var clashes = byBase.Where(kv => kv.Value.Count > 1).Select(kv => $"{kv.Key}: {string.Join(", ", kv.Value)}").ToList();
        Assert.True(clashes.Count == 0, "different sites share a base slug:\n" + string.Join("\n", clashes));
    }

    [Fact]
    public void The_list_as_a_sites_file_loads_except_its_duplicates_and_typos()
    {
        using var dir = new TempDir();
        var portals = Portals();
        var yaml = new StringBuilder("sites:\n");
        foreach (var p in portals)
            yaml.Append($"  - name: \"{p.Name}\"\n    url: \"{p.Url}\"\n    profile: county-portal\n");
        var path = dir.Write("qianxian-sites.yaml", yaml.ToString());

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var expectedDuplicates = portals.Where(p => !KnownBadEntries.ContainsKey(p.Code))
            .Count(p => !seen.Add(UrlNormalizer.Normalize(p.Url)!));
        Assert.True(expectedDuplicates > 0, "the list is known to repeat a few URLs (e.g. 140303 矿区 → www.sjzkq.gov.cn)");

        var e = Assert.Throws<InputException>(() => SitesFileLoader.Load(path, new ProfileCatalog([TestPaths.ProfilesDir])));
        Assert.Equal(expectedDuplicates, e.Problems.Count(p => p.Problem.Contains("重复")));
        var invalid = Assert.Single(e.Problems, p => p.Problem.Contains("无效"));
        var badIndex = portals.FindIndex(p => KnownBadEntries.ContainsKey(p.Code));
        Assert.Equal(3 + 3 * badIndex, invalid.Line); // the url line of that entry in the generated file
        Assert.Equal(expectedDuplicates + KnownBadEntries.Count, e.Problems.Count);
    }
}
