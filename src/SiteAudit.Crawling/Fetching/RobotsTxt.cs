namespace SiteAudit.Crawling.Fetching;

/// <summary>
/// robots.txt as RFC 9309 reads it: the group for our user-agent token (else "*"), Allow/Disallow with "*" and "$"
/// wildcards, the longest matching rule wins and Allow wins a tie; plus the common Crawl-delay extension.
/// Written by hand because no robots.txt package is obtainable from this project's package source; the subset is
/// small and fully tested.
/// </summary>
public sealed class RobotsTxt
{
    public static readonly RobotsTxt AllowAll = new([], null);

    private readonly List<(bool Allow, string Pattern)> _rules;

    public TimeSpan? CrawlDelay { get; }

    private RobotsTxt(List<(bool Allow, string Pattern)> rules, TimeSpan? crawlDelay)
    {
        _rules = rules;
        CrawlDelay = crawlDelay;
    }

    private sealed class Group
    {
        public List<string> Agents { get; } = new();
        public List<(bool Allow, string Pattern)> Rules { get; } = new();
        public TimeSpan? Delay { get; set; }
    }

    /// <param name="agentToken">Our product token, e.g. "SiteAudit" (a group applies when its user-agent is a prefix of it).</param>
    public static RobotsTxt Parse(string text, string agentToken)
    {
        var groups = new List<Group>();
        Group? current = null;
        var lastWasAgent = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key == "user-agent")
            {
                // Consecutive user-agent lines share one group.
                if (!lastWasAgent || current is null) groups.Add(current = new Group());
                current.Agents.Add(value.ToLowerInvariant());
                lastWasAgent = true;
                continue;
            }
            lastWasAgent = false;
            if (current is null) continue;
            if (key is "allow" or "disallow" && value.Length > 0) current.Rules.Add((key == "allow", value));
            else if (key == "crawl-delay" && double.TryParse(value, System.Globalization.NumberStyles.Float,
                         System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                current.Delay = TimeSpan.FromSeconds(seconds);
        }

        var token = agentToken.ToLowerInvariant();
        var mine = groups.Where(g => g.Agents.Any(a => a != "*" && token.StartsWith(a, StringComparison.Ordinal))).ToList();
        if (mine.Count == 0) mine = groups.Where(g => g.Agents.Contains("*")).ToList();
        return new RobotsTxt(mine.SelectMany(g => g.Rules).ToList(), mine.Select(g => g.Delay).FirstOrDefault(d => d is not null));
    }

    public bool IsAllowed(Uri url)
    {
        var path = url.PathAndQuery;
        (bool Allow, int Length)? best = null;
        foreach (var (allow, pattern) in _rules)
        {
            if (!Matches(pattern, path)) continue;
            if (best is null || pattern.Length > best.Value.Length || pattern.Length == best.Value.Length && allow)
                best = (allow, pattern.Length);
        }
        return best?.Allow ?? true;
    }

    /// <summary>Pattern match with '*' (any run) and a final '$' (end of path), as RFC 9309 §2.2.3.</summary>
    internal static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var p = anchored ? pattern[..^1] : pattern;
        return Match(p, 0, path, 0, anchored);
    }

    private static bool Match(string p, int pi, string s, int si, bool anchored)
    {
        while (pi < p.Length)
        {
            if (p[pi] == '*')
            {
                while (pi < p.Length && p[pi] == '*') pi++;
                if (pi == p.Length) return true;
                for (var k = si; k <= s.Length; k++)
                    if (Match(p, pi, s, k, anchored)) return true;
                return false;
            }
            if (si >= s.Length || p[pi] != s[si]) return false;
            pi++;
            si++;
        }
        return !anchored || si == s.Length;
    }
}
