using System.Text;
using System.Text.Json;
using SiteAudit.Core.Urls;
using SiteAudit.Crawling.Extraction;

namespace SiteAudit.Tests.Conformance;

/// <summary>What SiteAudit made of one fixture page: its links (as the crawler extracts them) and, when audited, its dead links.</summary>
/// <param name="Dead">link.dead targets reported for the page's site, with their reasons.</param>
public sealed record PageSeen(string Url, IReadOnlyList<ExtractedLink> Links, IReadOnlyDictionary<string, string> Dead);

/// <summary>
/// Runs SiteAudit over fixture pages: every page is its own site of a sites file, audited by the real CLI with
/// <c>--max-pages 1</c> (only the fixture page is parsed; every link on it is checked) and <c>--render never</c> (the
/// peers read static HTML too). Links are also extracted directly (the crawler's decoder and extractor on the served
/// bytes) so extraction can be compared link by link.
/// </summary>
public static class ConformanceAudit
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private const int SitesPerRun = 40;

    /// <param name="audited">Pages to audit (absolute URLs on fixture servers).</param>
    public static async Task<IReadOnlyDictionary<string, PageSeen>> RunAsync(IReadOnlyCollection<string> audited)
    {
        var seen = new Dictionary<string, PageSeen>(StringComparer.Ordinal);
        var pages = audited.Distinct(StringComparer.Ordinal).ToList();
        if (pages.Count == 0) return seen;

        var links = await Task.WhenAll(pages.Select(ExtractServedAsync));
        // Several runs side by side: a site waiting on an unreachable external host then holds up fewer others.
        var dead = (await Task.WhenAll(pages.Chunk(SitesPerRun).Select(AuditAsync))).SelectMany(d => d).ToDictionary(StringComparer.Ordinal);
        for (var i = 0; i < pages.Count; i++)
            seen[Key(pages[i])] = new PageSeen(pages[i], links[i], dead.TryGetValue(Key(pages[i]), out var d) ? d : new Dictionary<string, string>());
        return seen;
    }

    public static string Key(string url) => UrlNormalizer.Normalize(url) ?? url;

    /// <summary>The page's links as the crawler sees them: fetched, decoded with the header's charset, extracted at the final URL.</summary>
    private static async Task<IReadOnlyList<ExtractedLink>> ExtractServedAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = HtmlDecoder.Decode(bytes, response.Content.Headers.ContentType?.CharSet).Text;
        return LinkExtractor.Extract(text, response.RequestMessage?.RequestUri ?? new Uri(url)).Links;
    }

    /// <summary>One CLI run over all pages; the link.dead findings of each page's site, by the site's URL.</summary>
    private static async Task<Dictionary<string, Dictionary<string, string>>> AuditAsync(IReadOnlyList<string> pages)
    {
        using var audit = new AuditHarness();
        var yaml = new StringBuilder("sites:\n");
        for (var i = 0; i < pages.Count; i++)
            yaml.Append($"  - name: 'fixture {i + 1}'\n    url: '{pages[i].Replace("'", "''")}'\n");
        var code = await audit.RunAsync("audit", "--sites", audit.WriteSites(yaml.ToString()), "--out", audit.Out,
            "--max-pages", "1", "--timeout", "2", "--per-host", "8", "--render", "never");
        if (code != 0) throw new InvalidOperationException($"the conformance audit exited {code}:\n{audit.Stderr}");

        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var site in audit.Findings().GetProperty("sites").EnumerateArray())
        {
            var deadLinks = site.Findings("link.dead").ToDictionary(f => f.GetProperty("url").GetString()!, f => Describe(f), StringComparer.Ordinal);
            foreach (var finding in site.Findings("site.unreachable"))
                deadLinks[site.GetProperty("url").GetString()!] = "site.unreachable " + finding.Reason();
            result[Key(site.GetProperty("url").GetString()!)] = deadLinks;
        }
        return result;
    }

    private static string Describe(JsonElement finding)
    {
        var evidence = finding.GetProperty("evidence");
        return evidence.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number
            ? $"{finding.Reason()} {status.GetInt32()}"
            : finding.Reason();
    }
}
