using System.Text.RegularExpressions;
using SiteAudit.Crawling.Extraction;

namespace SiteAudit.Tests.Conformance;

/// <summary>Judges a case against what SiteAudit did (see <see cref="Stance"/> for what pass and fail mean).</summary>
public static partial class ConformanceJudge
{
    /// <summary>Audits every page the cases look at (<see cref="ConformanceAudit"/>) and judges the cases.</summary>
    public static async Task<IReadOnlyList<CaseResult>> AuditAndJudgeAsync(IReadOnlyList<ConformanceCase> cases)
    {
        var seen = await ConformanceAudit.RunAsync(cases.SelectMany(c => PagesOf(c.Check)).Distinct(StringComparer.Ordinal).ToList());
        return cases.Select(c => Judge(c, seen)).ToList();
    }

    private static IEnumerable<string> PagesOf(Check check) => check switch
    {
        Check.DeadCount d => d.Pages,
        Check.LinkVerdict v => v.Pages,
        Check.Extracts e => [e.Page],
        Check.Skips s => [s.Page],
        Check.Nothing n => n.Pages ?? [],
        _ => [],
    };

    public static CaseResult Judge(ConformanceCase c, IReadOnlyDictionary<string, PageSeen> seen)
    {
        var (pass, actual) = Evaluate(c.Check, seen);
        var verdict = c.Stance switch
        {
            Stance.NotCompared { Kind: Stance.Environment } => Verdict.Environment,
            Stance.NotCompared => Verdict.NotCompared,
            Stance.Compare => pass ? Verdict.Agree : Verdict.Bug,
            Stance.Deliberate => pass ? Verdict.Deliberate : Verdict.Bug,
            Stance.KnownBug => pass ? Verdict.Fixed : Verdict.KnownBug,
            _ => throw new InvalidOperationException($"unknown stance {c.Stance}"),
        };
        return new CaseResult(c, verdict, actual);
    }

    private static (bool Pass, string Actual) Evaluate(Check check, IReadOnlyDictionary<string, PageSeen> seen)
    {
        switch (check)
        {
            case Check.DeadCount d:
            {
                var dead = DeadOf(d.Pages, seen);
                return (dead.Count == d.Expected, DescribeDead(dead));
            }
            case Check.LinkVerdict v:
            {
                // The page and link with this target (and this text, when one is expected: fragments make several links one target).
                var found = v.Pages.Select(p => Page(seen, p))
                    .SelectMany(p => p.Links.Where(l => l.Target.AbsoluteUri == ConformanceAudit.Key(v.Url)).Select(l => (Page: p, Link: l)))
                    .OrderByDescending(x => v.Text is not null && Collapse(x.Link.Text ?? x.Link.Title) == Collapse(v.Text))
                    .FirstOrDefault();
                if (found.Page is null) return (false, $"not extracted (page links: {LinksOf(Page(seen, v.Pages[0]))})");
                var (page, link) = found;
                var dead = page.Dead.TryGetValue(ConformanceAudit.Key(v.Url), out var why) ? why : null;
                var text = link.Text ?? link.Title;
                var actual = (dead is null ? "extracted, works" : $"extracted, dead ({dead})") + (v.Text is null ? "" : $", text \"{text}\"");
                return ((dead is not null) == v.Dead && (v.Text is null || Collapse(text) == Collapse(v.Text)), actual);
            }
            case Check.Extracts e:
            {
                var page = Page(seen, e.Page);
                var missing = e.Urls.Where(u => Find(page, u) is null).ToList();
                var extra = e.Only
                    ? page.Links.Select(l => l.Target.AbsoluteUri).Distinct().Where(t => e.Urls.All(u => ConformanceAudit.Key(u) != t)).ToList()
                    : [];
                var actual = $"extracts {LinksOf(page)}";
                return (missing.Count == 0 && extra.Count == 0, actual);
            }
            case Check.Skips s:
            {
                var page = Page(seen, s.Page);
                return (s.Urls.All(u => Find(page, u) is null), $"extracts {LinksOf(page)}");
            }
            case Check.Nothing n:
                return (true, n.Pages is null ? "" : DescribeDead(DeadOf(n.Pages, seen)));
            default:
                throw new InvalidOperationException($"unknown check {check}");
        }
    }

    private static List<KeyValuePair<string, string>> DeadOf(IEnumerable<string> pages, IReadOnlyDictionary<string, PageSeen> seen) =>
        pages.SelectMany(p => Page(seen, p).Dead)
            .DistinctBy(x => x.Key).OrderBy(x => x.Key, StringComparer.Ordinal).ToList();

    private static string DescribeDead(List<KeyValuePair<string, string>> dead) =>
        dead.Count == 0 ? "no dead links" : $"{dead.Count} dead: " + string.Join(", ", dead.Select(x => $"{Short(x.Key)} ({x.Value})"));

    private static PageSeen Page(IReadOnlyDictionary<string, PageSeen> seen, string url) =>
        seen.TryGetValue(ConformanceAudit.Key(url), out var page) ? page : throw new InvalidOperationException($"{url} was not seen");

    private static ExtractedLink? Find(PageSeen page, string url)
    {
        var key = ConformanceAudit.Key(url);
        return page.Links.FirstOrDefault(l => l.Target.AbsoluteUri == key);
    }

    private static string LinksOf(PageSeen page) =>
        page.Links.Count == 0 ? "no links" : string.Join(", ", page.Links.Select(l => Short(l.Target.AbsoluteUri)).Distinct());

    /// <summary>URLs on the loopback fixture servers without their (random) origin.</summary>
    public static string Short(string url) => LoopbackOrigin().Replace(url, "");

    private static string Collapse(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"^https?://127\.0\.0\.1:\d+")]
    private static partial Regex LoopbackOrigin();
}
