using System.Text.RegularExpressions;
using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Conformance;

/// <summary>
/// htmltest (wjdp/htmltest): every row of EXPECTATIONS.tsv, per fixture. htmltest checks a file tree with the fixture's
/// folder as the site root, so each fixture folder is served from its own server at "/". The expected issue count is
/// split by message into link failures (what SiteAudit reports as link.dead, counted per distinct target) and
/// issues of kinds SiteAudit does not check (alt text, markup, fragments, HTTPS, favicon…), which make the case a
/// deliberate disagreement whose remainder — the link failures — must still match.
/// </summary>
public static partial class HtmltestSet
{
    public const string Name = "htmltest";

    private static string Root => CorpusFiles.PathOf("htmltest-fixtures", "htmltest");

    /// <summary>Messages of htmltest issues that are link failures (reported by SiteAudit as link.dead).</summary>
    private static readonly string[] LinkFailures =
    [
        "target does not exist", "no such host", "Non-OK status", "request exceeded our ExternalTimeout", "incomplete certificate chain",
        "target is a directory, no index", "bad reference",
    ];

    private const string AltText = "SiteAudit does not check alt text (accessibility, not link liveness)";
    private const string Markup = "SiteAudit does not validate markup: an element without a target is not a dead link";
    private const string Usemap = "SiteAudit does not check usemap references (fragments)";
    private const string IgnoreLists =
        "htmltest ignore lists (IgnoreURLs, IgnoreInternalURLs, IgnoreDirs): SiteAudit has none, an inspector audits every link a visitor can follow";
    private const string Switches =
        "htmltest switches that turn a kind of link off (Check*: false, IgnoreExternalBrokenLinks): SiteAudit always checks every link";

    /// <summary>Messages of htmltest issues SiteAudit does not raise, with the reason.</summary>
    private static readonly (string Message, string Reason)[] NotChecked =
    [
        ("alt ", AltText), ("src attribute", Markup), ("href blank", Markup), ("missing href", Markup), ("script content missing", Markup),
        ("hash does not exist", Reasons.Fragments), ("empty hash", Reasons.Fragments), ("no such hash", Reasons.Fragments),
        ("usemap", Usemap), ("only fragment starting with #", Usemap),
        ("is not an HTTPS target", "SiteAudit does not enforce HTTPS (most county portals are http://; 检查指标 ask for working links)"),
        ("mailto", Reasons.Mailto), ("email", Reasons.Mailto), ("tel is empty", Reasons.Mailto),
        ("meta refresh", "SiteAudit does not validate meta refresh syntax; it only follows the URL when there is one"),
        ("favicon missing", "SiteAudit does not require a favicon"),
        ("href lacks trailing slash", "a link to a folder without its trailing slash works over HTTP (the server redirects to the slash); htmltest flags the style"),
    ];

    /// <summary>htmltest options that can change which links are reported broken; SiteAudit has no such switches.</summary>
    private static readonly Dictionary<string, string> LivenessOptions = new(StringComparer.Ordinal)
    {
        ["IgnoreURLs"] = IgnoreLists, ["IgnoreInternalURLs"] = IgnoreLists, ["IgnoreDirs"] = IgnoreLists,
        ["CheckAnchors"] = Switches, ["CheckExternal"] = Switches, ["CheckImages"] = Switches, ["CheckInternal"] = Switches,
        ["CheckLinks"] = Switches, ["CheckScripts"] = Switches, ["IgnoreExternalBrokenLinks"] = Switches,
        ["IgnoreSSLVerify"] = "certificate errors are always dead links (reason tls): no switch to ignore them",
        ["RedirectLimit"] = "SiteAudit follows up to 10 redirects (then too-many-redirects): no per-run redirect limit",
        ["IgnoreCanonicalBrokenLinks"] = Reasons.Canonical,
    };

    /// <summary>The attribute (or class) by which htmltest, like html-proofer, skips an element and its children.</summary>
    private const string IgnoreMarker = "data-proofer-ignore";

    /// <summary>Tests that are t.Skip()ped upstream (htmltest/*_test.go at the corpus commit): their expectations are not asserted.</summary>
    private static readonly Dictionary<string, string> SkippedUpstream = new(StringComparer.Ordinal)
    {
        ["TestImageInternalWithBase"] = "absolute base tags not supported",
        ["TestImageSrcIgnored"] = "url ignore patterns not yet implemented",
        ["TestAnchorExternalHashBrokenOption"] = "Not yet implemented",
        ["TestAnchorExternalCache"] = "Not yet implemented",
        ["TestAnchorExternalFollowRedirectsDisabled"] = "Not yet implemented, need new link, times out",
        ["TestAnchorExternalHTTPSMissingChain"] = "the cert on incomplete-chain.badssl.com has expired",
        ["TestAnchorDirectoryCustomRoot"] = "Not yet implemented",
        ["TestAnchorInternalCaseMismatch"] = "unsure whether to ignore case",
        ["TestAnchorMultipleProblems"] = "only a single problem and a hash, not yet supported",
        ["TestAnchorHashQueryBroken"] = "Not yet dealt with",
        ["TestAnchorIdEmpty"] = "Not yet implemented",
        ["TestAnchorBlankHTML4"] = "Not yet implemented",
        ["TestScriptSrcIgnore"] = "url ignoring not implemented",
    };

    /// <summary>
    /// Files the upstream fixtures have but the corpus left out (only *.html/*.htm were copied): the upstream tests
    /// expect them to exist (e.g. TestImageInternalRelative passes with images/gpl.png). Relative to htmltest/.
    /// </summary>
    private static readonly string[] UpstreamAssets =
    [
        "fixtures/images/gpl.png", "fixtures/links/gpl.png", "fixtures/scripts/script.js",
        "fixtures/resources/books/assets/pro-git.jpg", "fixtures/resources/books/assets/getting-good-with-git.jpg",
        "fixtures/resources/books/assets/version-control-with-git.jpg", "fixtures/documents/folder-htm/something.xyz",
    ];

    /// <summary>Where the upstream count of issues mixes kinds and occurrences, the distinct link failures it contains.</summary>
    private static readonly Dictionary<string, (int Links, string Why)> LinkFailuresOfCount = new(StringComparer.Ordinal)
    {
        ["TestImageMultipleProblems"] = (1, "6 issues: lpg.png missing (twice, one target), alt empty, alt whitespace, alt missing, src missing"),
        ["TestBrokenImagePre"] = (1, "16 issues: alt/src markup issues and madeup.xyz missing (twice, one target)"),
        ["TestImageAltSpaces"] = (0, "3 issues: one image with alt=\"\", one with spaces, one with a bare alt"),
    };

    /// <summary>The default-options expectation (link failures) of fixtures that only appear with options upstream.</summary>
    private static readonly Dictionary<string, int> DefaultLinkFailures = new(StringComparer.Ordinal)
    {
        // TestAnchorInternalUrlIgnoreInternalURLsIsStrict: the ignore pattern does not match and the target does not exist.
        ["fixtures/links/link_directory_internal_valid.html"] = 1,
        // TestAnchorDirectoryRootResolve (same fixture, no options).
        ["fixtures/links/linkToFolder.html"] = 0,
        // TestAnchorExternalBroken: the same unresolvable host, without options.
        ["fixtures/links/brokenLinkExternalSingle.html"] = 1,
        // TestRedirectLimitDefault: RedirectLimit -1/-2 are htmltest's defaults (follow redirects).
        ["fixtures/links/http_no_redirect.html"] = 0,
        ["fixtures/links/http_one_redirect.html"] = 0,
        // TestSelfSignedLink: IgnoreSSLVerify false is the default.
        ["fixtures/links/selfSignedLink.html"] = 1,
    };

    private const string SrcsetChecked =
        "srcset candidates are checked (a browser may load any of them); htmltest checks only src, so the fixtures' missing candidates are dead only for SiteAudit";

    /// <summary>Per test, a stance that replaces the mechanical one, with the reason.</summary>
    private static readonly Dictionary<string, Func<IReadOnlyList<string>, (Stance Stance, Check Check)>> Overrides = new(StringComparer.Ordinal)
    {
        // Served over HTTP, the href names erstiebegrüßung.html, which the fixture folder lacks: its file is literally
        // named "erstiebegr%C3%BC%C3%9Fung.html". htmltest also tries the undecoded href as a file name; a browser cannot.
        ["TestAnchorInternalHrefUrlEncoded"] = pages => (new Stance.Deliberate(
            "file-system lookup vs HTTP: htmltest also tries the undecoded href as a file name (the fixture file is literally named "
            + "erstiebegr%C3%BC%C3%9Fung.html); over HTTP both hrefs name erstiebegrüßung.html, which does not exist, so a visitor gets 404 and SiteAudit reports it"),
            new Check.DeadCount(1, pages)),
        // htmltest reads only src; a browser may load any srcset candidate, so SiteAudit checks them all. These fixtures'
        // candidates (/examples/images/large.jpg, extralarge.jpg) exist nowhere: SiteAudit reports them, htmltest cannot.
        ["TestImageSrcSet"] = pages => (new Stance.Deliberate(SrcsetChecked), new Check.DeadCount(2, pages)),
        ["TestImageSrcSetMissing"] = pages => (new Stance.Deliberate(SrcsetChecked + "; markup validity (a missing src) is not checked"), new Check.DeadCount(3, pages)),
        ["TestImageSrcSetMissingAlt"] = pages => (new Stance.Deliberate(SrcsetChecked + "; alt text is not checked"), new Check.DeadCount(2, pages)),
        ["TestCountErrors"] = pages => (Stance.Same, new Check.DeadCount(2, pages)),
        ["TestCountDocuments"] = pages => (new Stance.NotCompared(Stance.NoAssertion, "asserts the number of documents (3), not links"), new Check.Nothing(pages)),
        ["TestFileExtensionDefault"] = _ => (new Stance.NotCompared(Stance.PeerMode, "asserts that .htm files are not documents by default (a file-tree mode)"), Check.None),
        ["TestCacheIntegration"] = _ => (new Stance.NotCompared(Stance.NoAssertion, "asserts htmltest's on-disk cache"), Check.None),
    };

    public static async Task<IReadOnlyList<CaseResult>> RunAsync()
    {
        var rows = ParseExpectations(CorpusFiles.Read("htmltest-fixtures", "EXPECTATIONS.tsv"));
        var fixtures = rows.SelectMany(r => r.Fixtures).Where(f => Exists(f)).Distinct().ToList();
        var roots = fixtures.Select(SiteRoot).Distinct().ToList();
        var servers = new Dictionary<string, FakeServer>(StringComparer.Ordinal);
        try
        {
            var started = await Task.WhenAll(roots.Select(root => FixtureFolder.StartAsync(Path.Combine(Root, root),
                new FixtureFolder.Options(Placeholders: AssetsUnder(root)))));
            for (var i = 0; i < roots.Count; i++) servers[roots[i]] = started[i];

            IReadOnlyList<string> PagesOf(string fixture, bool htm)
            {
                var root = SiteRoot(fixture);
                return Documents(fixture, htm)
                    .Select(file => servers[root].Url("/" + Uri.EscapeDataString(file[(root.Length + 1)..]).Replace("%2F", "/")))
                    .ToList();
            }

            var pages = rows.SelectMany(r => r.Fixtures.Where(Exists).SelectMany(f => PagesOf(f, r.Options.Contains("FileExtension")))).ToList();
            var seen = await ConformanceAudit.RunAsync(pages);

            var cases = new List<ConformanceCase>();
            foreach (var row in rows)
                for (var i = 0; i < row.Fixtures.Count; i++)
                    cases.Add(CaseOf(row, i, rows, f => PagesOf(f, row.Options.Contains("FileExtension")), seen));
            return cases.Select(c => ConformanceJudge.Judge(c, seen)).ToList();
        }
        finally
        {
            await Task.WhenAll(servers.Values.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    private static ConformanceCase CaseOf(Row row, int index, IReadOnlyList<Row> rows, Func<string, IReadOnlyList<string>> pagesOf,
        IReadOnlyDictionary<string, PageSeen> seen)
    {
        var fixture = row.Fixtures[index];
        var id = row.Fixtures.Count > 1 ? $"{row.Test}#{index + 1}" : row.Test;
        var count = index < row.Counts.Count ? row.Counts[index] : null;
        var messages = row.Fixtures.Count > 1 && row.Messages.Count == row.Fixtures.Count ? [row.Messages[index]] : row.Messages;
        var peer = Describe(count, messages, row.Options) + (LinkFailuresOfCount.TryGetValue(row.Test, out var counted) ? $" — {counted.Why}" : "");
        ConformanceCase Case(Stance stance, Check check, string? note = null) =>
            new(Name, id, "htmltest/" + fixture, note is null ? peer : $"{peer} — {note}", check, stance);

        if (SkippedUpstream.TryGetValue(row.Test, out var skip))
            return Case(new Stance.NotCompared(Stance.SkippedUpstream, "the upstream test is skipped (t.Skip): its expectation is not asserted"),
                Exists(fixture) ? new Check.Nothing(pagesOf(fixture)) : Check.None, $"t.Skip(\"{skip}\")");
        if (!Exists(fixture))
            return Case(new Stance.NotCompared(Stance.NotInCorpus, $"{fixture} is not in the corpus"), Check.None);
        var pages = pagesOf(fixture);
        if (Overrides.TryGetValue(row.Test, out var decide))
        {
            var (stance, check) = decide(pages);
            return Case(stance, check);
        }
        if (count is null && messages.Count == 0)
            return Case(new Stance.NotCompared(Stance.NoAssertion, "the row asserts no issue count"), Check.None);

        var (links, notChecked) = Split(row.Test, count, messages);
        var external = pages.SelectMany(p => seen[ConformanceAudit.Key(p)].Links).Any(l => l.Target.Host != "127.0.0.1");
        var options = row.Options.Where(LivenessOptions.ContainsKey).ToList();
        var defaultLinks = DefaultLinks(fixture, rows);

        var observe = new Check.Nothing(pages);
        if (count is null && messages.All(m => m.Times == 0))
            return Case(new Stance.NotCompared(Stance.NoAssertion, "asserts only that an issue SiteAudit never raises is absent"), observe);
        if (options.Count > 0 && defaultLinks is { } unset && unset != links)
        {
            var reason = string.Join("; ", options.Select(o => LivenessOptions[o]).Distinct());
            return Case(new Stance.Deliberate(reason), external ? observe : new Check.DeadCount(unset, pages));
        }
        if (Documents(fixture, row.Options.Contains("FileExtension")).Any(d => File.ReadAllText(Path.Combine(Root, d)).Contains(IgnoreMarker, StringComparison.Ordinal)))
            return Case(new Stance.Deliberate($"htmltest skips elements marked {IgnoreMarker}; SiteAudit audits what visitors get, markers or not"), observe);
        // Issues of kinds SiteAudit does not check; the link failures among them must still match. A count without
        // such a constraint (messages only) asserts nothing about the other links.
        if (notChecked.Count > 0)
            return Case(new Stance.Deliberate(string.Join("; ", notChecked.Distinct())), external || count is null ? observe : new Check.DeadCount(links, pages));
        if (external)
            return Case(new Stance.NotCompared(Stance.Environment, "needs the internet: external links cannot be reached here"), new Check.DeadCount(links, pages));
        return Case(Stance.Same, new Check.DeadCount(links, pages));
    }

    /// <summary>The distinct link failures among the expected issues, and the reasons for the other issues.</summary>
    private static (int Links, List<string> NotChecked) Split(string test, int? count, IReadOnlyList<Message> messages)
    {
        var notChecked = new List<string>();
        int links = 0, other = 0;
        foreach (var message in messages)
        {
            if (LinkFailures.Any(m => message.Text.Contains(m, StringComparison.OrdinalIgnoreCase))) { links += message.Times; continue; }
            var reason = NotChecked.FirstOrDefault(n => message.Text.Contains(n.Message, StringComparison.OrdinalIgnoreCase)).Reason
                         ?? throw new InvalidOperationException($"htmltest {test}: unknown issue message \"{message.Text}\": classify it");
            if (message.Times > 0) notChecked.Add(reason);
            other += message.Times;
        }
        if (LinkFailuresOfCount.TryGetValue(test, out var known))
        {
            notChecked.Add(AltText);
            return (known.Links, notChecked);
        }
        // Issues the row counts without naming them are link failures (broken links, timeouts, TLS errors).
        if (count is { } total && total > links + other) links = total - other;
        return (links, notChecked);
    }

    private static int? DefaultLinks(string fixture, IReadOnlyList<Row> rows)
    {
        if (DefaultLinkFailures.TryGetValue(fixture, out var known)) return known;
        var row = rows.FirstOrDefault(r => r.Fixtures.Count == 1 && r.Fixtures[0] == fixture && !r.Options.Any(LivenessOptions.ContainsKey)
                                           && r.Counts.Count == 1 && !SkippedUpstream.ContainsKey(r.Test));
        return row is null ? null : Split(row.Test, row.Counts[0], row.Messages).Links;
    }

    private static string Describe(int? count, IReadOnlyList<Message> messages, IReadOnlyList<string> options)
    {
        var text = count is null ? "" : $"{count} issue{(count == 1 ? "" : "s")}";
        if (messages.Count > 0) text += (text.Length > 0 ? ": " : "") + string.Join(", ", messages.Select(m => $"\"{m.Text}\" ×{m.Times}"));
        if (options.Count > 0) text += $" (options {string.Join(", ", options)})";
        return text.Length == 0 ? "(no assertion)" : text;
    }

    // ---------------------------------------------------------------- fixtures and servers

    private static bool Exists(string fixture) =>
        File.Exists(Path.Combine(Root, fixture)) || Directory.Exists(Path.Combine(Root, fixture));

    /// <summary>htmltest's DirectoryPath: the fixture file's folder, or the fixture folder itself.</summary>
    private static string SiteRoot(string fixture) =>
        Directory.Exists(Path.Combine(Root, fixture)) ? fixture.TrimEnd('/') : Path.GetDirectoryName(fixture)!.Replace('\\', '/');

    /// <summary>The documents htmltest checks for a fixture: the file, or every *.html (*.htm with FileExtension) below the folder.</summary>
    private static IEnumerable<string> Documents(string fixture, bool htm)
    {
        var full = Path.Combine(Root, fixture);
        if (File.Exists(full)) return [fixture];
        return Directory.EnumerateFiles(full, htm ? "*.htm" : "*.html", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(htm ? ".htm" : ".html", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'));
    }

    private static IReadOnlyList<string> AssetsUnder(string root) =>
        UpstreamAssets.Where(a => a.StartsWith(root + "/", StringComparison.Ordinal)).Select(a => a[(root.Length + 1)..]).ToList();

    // ---------------------------------------------------------------- EXPECTATIONS.tsv

    private sealed record Message(string Text, int Times);

    private sealed record Row(string Test, IReadOnlyList<string> Fixtures, IReadOnlyList<string> Options, IReadOnlyList<int?> Counts,
        IReadOnlyList<Message> Messages);

    [GeneratedRegex("\"(\\w+)\":")]
    private static partial Regex OptionKey();

    [GeneratedRegex(@"^(.*) x(\d+)$")]
    private static partial Regex MessageTimes();

    private static List<Row> ParseExpectations(string tsv)
    {
        var rows = new List<Row>();
        foreach (var line in tsv.Split('\n').Skip(1).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0))
        {
            var cells = line.Split('\t');
            if (cells.Length < 6) throw new InvalidOperationException($"EXPECTATIONS.tsv: unexpected row: {line}");
            var counts = cells[4].Length == 0 ? [] : cells[4].Split(';').Select(c => int.TryParse(c, out var n) ? n : (int?)null).ToList();
            var messages = cells[5].Split(" | ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(m => MessageTimes().Match(m) is { Success: true } x
                    ? new Message(x.Groups[1].Value.Replace("\\\"", "\"").Trim(), int.Parse(x.Groups[2].Value))
                    : new Message(m, 1))
                .ToList();
            rows.Add(new Row(cells[1], cells[2].Split(';').Select(f => f.Trim()).ToList(),
                OptionKey().Matches(cells[3]).Select(m => m.Groups[1].Value).Distinct().ToList(), counts, messages));
        }
        return rows;
    }
}
