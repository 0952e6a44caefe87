using System.Text.RegularExpressions;

namespace SiteAudit.Crawling.Quirks;

/// <summary>
/// TRS WCM list pages write their pager with script: createPageHTML(total, current, "index", "html") makes links to
/// index.html, index_1.html … index_{total-1}.html beside the page. Newer templates put an element id first and a
/// record count last (createPageHTML('page', 11, 1, 'index', 'shtml', 155)); both are read: the first two numbers are
/// total and current, the two strings after them name and extension.
/// </summary>
public static partial class TrsPagination
{
    /// <summary>Pages a TRS list claims; more would be a spider trap, not a list.</summary>
    private const int MaxPages = 1000;

    [GeneratedRegex(@"createPageHTML\s*\(([^()]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Call();

    public static IEnumerable<string> PageHrefs(string script)
    {
        foreach (Match call in Call().Matches(script))
        {
            var args = call.Groups[1].Value.Split(',').Select(a => a.Trim().Trim('"', '\'').Trim()).ToList();
            var numbers = args.Select((a, i) => (i, ok: int.TryParse(a, out var n), n)).Where(x => x.ok).ToList();
            if (numbers.Count < 2) continue;
            var (totalAt, _, total) = numbers[0];
            var current = numbers[1].n;
            var names = args.Skip(numbers[1].i + 1).Where(a => a.Length > 0 && !int.TryParse(a, out _)).ToList();
            var name = names.ElementAtOrDefault(0) ?? "index";
            var ext = names.ElementAtOrDefault(1) ?? "html";
            if (totalAt > 1 || total <= 1 || !IsFileWord(name) || !IsFileWord(ext)) continue;
            for (var page = 0; page < Math.Min(total, MaxPages); page++)
                if (page != current) yield return page == 0 ? $"{name}.{ext}" : $"{name}_{page}.{ext}";
        }
    }

    private static bool IsFileWord(string s) => s.Length is > 0 and < 40 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
