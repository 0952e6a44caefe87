namespace SiteAudit.Tests.Conformance;

/// <summary>
/// linkchecker (linkchecker/linkchecker tests/checker/data): every URL block of every <c>.result</c> file is a case —
/// the URL must be extracted from the input page (with linkchecker's link text, where it gives one) and be reported
/// dead exactly when linkchecker says <c>error</c>. The data folder is served at /tests/checker/data/ as linkchecker's
/// test server (Python http.server) does, directory listings included; file:// tests are served over HTTP too.
/// </summary>
public static class LinkcheckerSet
{
    public const string Name = "linkchecker";

    private const string DataDir = "tests/checker/data";

    private static string Root => CorpusFiles.PathOf("linkchecker-data");

    /// <summary>Binary files the corpus left out (*.ico, *.swf, *.php) that upstream's expectations rely on.</summary>
    private static readonly string[] UpstreamAssets = [$"{DataDir}/favicon.ico", $"{DataDir}/test.swf", $"{DataDir}/file.php"];

    private const string Bookmarks = "browser bookmark files and URL lists are linkchecker inputs, not pages of a site";

    /// <summary>Inputs that are not HTML pages: SiteAudit checks such files as link targets and does not read them.</summary>
    private static readonly (string Suffix, string Reason)[] NotPages =
    [
        ("Bookmarks", Bookmarks), (".adr", Bookmarks), ("urllist.txt", Bookmarks),
        (".xml", "SiteAudit does not read sitemaps: it crawls what the homepage links to, as a visitor finds it"),
        (".css", Reasons.NoCss),
        ("", "SiteAudit reads links from HTML pages only; documents (PDF, Word, Markdown, text, WML) are checked as link targets, not parsed"),
    ];

    private const string Obsolete = "obsolete plugin markup (<applet>, <object archive/codebase>): no current browser loads it, SiteAudit does not read it";

    /// <summary>Entries judged by hand, by input file and the URL as written; the check is SiteAudit's behaviour (deliberate) or the peer's (known bug).</summary>
    private static readonly Dictionary<(string Input, string Url), (Stance Stance, Func<Entry, Check> Check)> Overrides = new()
    {
        [("redir.html", "redirect_newhost.html")] = (new Stance.NotCompared(Stance.Environment,
            "needs linkchecker's test server, which redirects this path to http://www.example.com/"), e => e.Verdict()),
        [("archive.html", "file.html")] = (new Stance.Deliberate(Obsolete), _ => Check.None),
        [("archive.html", "http://www.example.com")] = (new Stance.Deliberate(Obsolete), _ => Check.None),
        [("base3.html", "test.txt")] = (new Stance.Deliberate(Obsolete), _ => Check.None),
        [("http.html", "file.html")] = (new Stance.Deliberate(Obsolete), _ => Check.None),
        [("http.html", "file.css")] = (new Stance.Deliberate(Obsolete), _ => Check.None),
        [("http.html", "http://example.org/foo/ #a=1,2,3")] = (new Stance.Deliberate(Obsolete), _ => Check.None),
        [("http.html", "file.asc")] = (new Stance.Deliberate(Reasons.NoCss), _ => Check.None),
        [("http.html", "file.txt")] = (new Stance.Deliberate(Reasons.NoCss), _ => Check.None),
        [("http.html", "http://.example.org/")] = (new Stance.Deliberate(Reasons.Unusable), _ => Check.None),
        [("http_invalid_host.html", "http://localhost]")] = (new Stance.Deliberate(Reasons.Unusable), _ => Check.None),
        [("http_slash.html", "http://")] = (new Stance.Deliberate(Reasons.Unusable), _ => Check.None),
        [("http_slash.html", "http:")] = (new Stance.Deliberate(
            "resolved as browsers do (WHATWG URL): \"http:\" on an http page is the page itself, which works"), e => e.VerdictOf(e.Pages[0], dead: false)),
        // Browsers (WHATWG URL) and SiteAudit take these as paths of the same site, which 404; linkchecker calls them errors.
        [("http_slash.html", "http:/www.example.com/")] = (Stance.Same, e => e.VerdictOf(e.At("/www.example.com/"), dead: true)),
        [("http_slash.html", "http:www.example.com/")] = (Stance.Same, e => e.VerdictOf(e.At($"/{DataDir}/www.example.com/"), dead: true)),
        [("http_slash.html", "http:/")] = (new Stance.Deliberate(
            "resolved as browsers do (WHATWG URL): \"http:/\" on an http page is the site root, which works"), e => e.VerdictOf(e.At("/"), dead: false)),
        [("http_quotes.html", "/stalter&sohn")] = (new Stance.Deliberate(
            "URLs are requested as written, as browsers do (an & in the path is not escaped to %26 as linkchecker does); the verdict is the same"),
            e => e.VerdictOf(e.At("/stalter&sohn"), dead: true)),
        [("html5.html", "file.css")] = (new Stance.Deliberate("<button formaction> submits a form: forms are not followed or checked"), _ => Check.None),
        [("html5.html", "file.php")] = (new Stance.Deliberate("<html manifest> (application cache) is obsolete and ignored by browsers"), _ => Check.None),
        [("misc.html", "favicon.ico")] = (new Stance.Deliberate("<meta rel=icon href> is not HTML (href is not a meta attribute); browsers ignore it"), _ => Check.None),
        [("http_url_quote.html", "http://localhost:8001/?quoted=ü")] = (new Stance.Deliberate(Latin1), e => new Check.Skips(e.Pages[0], e.Target!)),
        [("file_url_quote.html", "http://localhost:8001/?quoted=ü")] = (new Stance.Deliberate(Latin1), e => new Check.Skips(e.Pages[0], e.Target!)),
        [("http_url_quote.html", "http://localhost:8001/?quoted=%FF")] = (new Stance.Deliberate(KeepEscapes),
            e => new Check.Extracts(e.Pages[0], ["http://localhost:8001/?quoted=%FF"])),
        [("file_url_quote.html", "http://localhost:8001/?quoted=%FF")] = (new Stance.Deliberate(KeepEscapes),
            e => new Check.Extracts(e.Pages[0], ["http://localhost:8001/?quoted=%FF"])),
    };

    private const string Latin1 =
        "a declared ISO-8859-1 is distrusted (on Chinese portals it is usually a server default over GBK bytes), so the byte 0xFC is not read as ü";
    private const string KeepEscapes = "percent-escapes are kept as written, as browsers send them (linkchecker re-encodes %FF as UTF-8 %C3%BF)";

    public static async Task<IReadOnlyList<CaseResult>> RunAsync()
    {
        var folder = Path.Combine(Root, DataDir);
        var results = Directory.EnumerateFiles(folder, "*.result", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        await using var server = await FixtureFolder.StartAsync(Root, new FixtureFolder.Options(Listing: true, Placeholders: UpstreamAssets));
        string UrlOf(string input) => server.Url($"/{DataDir}/" + Uri.EscapeDataString(input).Replace("%2F", "/"));

        var cases = new List<ConformanceCase>();
        foreach (var result in results)
        {
            var input = result[..^".result".Length];
            var fixture = $"linkchecker-data/{DataDir}/{result}";
            if (result.EndsWith(".file.result", StringComparison.Ordinal))
            {
                cases.Add(new ConformanceCase(Name, result, fixture, "the file:// variant of the same input", Check.None,
                    new Stance.NotCompared(Stance.PeerMode, $"the same expectations as {input[..^".file".Length]}.result, compared once over HTTP")));
                continue;
            }
            var entries = Entry.Parse(File.ReadAllText(Path.Combine(folder, result)), server.BaseUrl).Skip(1).ToList();
            if (!File.Exists(Path.Combine(folder, input)))
            {
                cases.Add(new ConformanceCase(Name, input, fixture, $"{entries.Count} link(s)", Check.None,
                    new Stance.NotCompared(Stance.NotInCorpus, $"the input {input} is not in the corpus")));
                continue;
            }
            if (!IsPage(input))
            {
                var reason = NotPages.First(n => input.EndsWith(n.Suffix, StringComparison.Ordinal)).Reason;
                cases.Add(new ConformanceCase(Name, input, fixture, $"{entries.Count} link(s) read from it: " + string.Join(", ", entries.Select(e => e.Url)),
                    Check.None, new Stance.Deliberate(reason)));
                continue;
            }
            // The pages linkchecker recursed into (anchor1.html → anchor2.html, anchor3.html) are audited too, to find their links.
            var candidates = new[] { input }.Concat(LinkedPages(folder, input)).Select(UrlOf).ToList();
            foreach (var entry in entries)
            {
                var e = entry with { Pages = candidates };
                var (stance, check) = Overrides.TryGetValue((input, entry.Url), out var o) ? (o.Stance, o.Check(e)) : Judge(e);
                cases.Add(new ConformanceCase(Name, $"{input} {entry.Url}", fixture, e.Describe(), check, stance));
            }
        }
        return await ConformanceJudge.AuditAndJudgeAsync(cases);
    }

    /// <summary>The mechanical stance for an entry of an HTML input.</summary>
    private static (Stance, Check) Judge(Entry e)
    {
        if (e.Url.StartsWith('#'))
            return (new Stance.Deliberate(Reasons.Fragments), Check.None);
        switch (e.Scheme)
        {
            case "mailto":
                return (new Stance.Deliberate(Reasons.Mailto), Check.None);
            case "javascript" or "clsid":
                return (Stance.Same, Check.None); // ignored by both
            case "dns": // linkchecker's name for a <link rel=dns-prefetch>: a hint, not a link, for both
                return (Stance.Same, new Check.Skips(e.Pages[0], "http://" + e.CacheKey!["dns://".Length..] + "/"));
            case "file" when !e.Local:
                return (new Stance.KnownBug("file: links (a path on the editor's own disk, a common mistake on portals) are dropped as "
                    + "\"not checked\" like mailto:, although no visitor can open them; linkchecker reports them"), e.Verdict(e.CacheKey!));
        }
        if (e.Target is null)
            throw new InvalidOperationException($"linkchecker: no URL for \"{e.Url}\": judge it in Overrides");
        // An external URL's verdict needs the internet; its extraction does not.
        return (Stance.Same, e.Local ? e.Verdict() : new Check.Extracts(e.Pages[0], [e.Target]));
    }

    private static bool IsPage(string input) =>
        input.EndsWith(".html", StringComparison.Ordinal) || input.EndsWith(".htm", StringComparison.Ordinal)
        || input.EndsWith(".xhtml", StringComparison.Ordinal);

    /// <summary>Local HTML pages an input leads to by hrefs to their anchors ("anchor2.html#x"), as linkchecker recursed.</summary>
    private static List<string> LinkedPages(string folder, string input)
    {
        var found = new List<string>();
        var queue = new Queue<string>([input]);
        while (queue.TryDequeue(out var page))
        {
            var html = File.ReadAllText(Path.Combine(folder, page));
            foreach (var file in Directory.EnumerateFiles(folder, "*.html").Select(Path.GetFileName))
                if (file != input && !found.Contains(file!) && html.Contains($"\"{file}#", StringComparison.Ordinal))
                {
                    found.Add(file!);
                    queue.Enqueue(file!);
                }
        }
        return found;
    }

    /// <summary>One URL block of a .result file, with its placeholders resolved to the fixture server.</summary>
    public sealed record Entry(string Url, string? CacheKey, string? Name, bool Valid)
    {
        /// <summary>The input page and the pages linkchecker recursed into: where the link may stand.</summary>
        public IReadOnlyList<string> Pages { get; init; } = [];

        /// <summary>The absolute http(s) URL linkchecker checked, on the fixture server when it is a local one.</summary>
        public string? Target { get; init; }

        /// <summary>On linkchecker's own test server (or a local file): comparable here, verdict included.</summary>
        public bool Local { get; init; }

        public string? Scheme => CacheKey is { } key && key.IndexOf(':') is > 0 and var colon ? key[..colon] : null;

        /// <summary>linkchecker's verdict on its URL (or <paramref name="url"/>), with its link text.</summary>
        public Check Verdict(string? url = null) => new Check.LinkVerdict(Pages, url ?? Target!, Dead: !Valid, Text: Name);

        /// <summary>A verdict on the URL SiteAudit resolves the link to.</summary>
        public Check VerdictOf(string url, bool dead) => new Check.LinkVerdict(Pages, url, dead, Name);

        /// <summary>An absolute URL on the fixture server.</summary>
        public string At(string path) => new Uri(Pages[0]).GetLeftPart(UriPartial.Authority) + path;

        public string Describe() =>
            $"{(Valid ? "valid" : "error")}: {CacheKey ?? "(no cache key)"}{(Name is null ? "" : $" \"{Name}\"")}"
            + (Local || Target is null ? "" : " (extraction only: the verdict needs the internet)");

        public static IEnumerable<Entry> Parse(string text, Uri server)
        {
            var origin = server.GetLeftPart(UriPartial.Authority);
            foreach (var block in text.Replace("\r", "").Split("\n\n").Select(b => b.Trim('\n')).Where(b => b.Length > 0))
            {
                var lines = block.Split('\n');
                string? Field(string key) =>
                    lines.FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal))?[(key.Length + 1)..].Replace("%%", "%");
                var cacheKey = Field("cache key") is { } k && k != "None" ? k : null;
                var local = cacheKey is not null && (cacheKey.StartsWith("file://%(curdir)s/", StringComparison.Ordinal) || cacheKey.Contains("localhost:%(port)d"));
                var target = cacheKey?
                    .Replace("file://%(curdir)s/%(datadir)s", $"{origin}/{DataDir}")
                    .Replace("http://localhost:%(port)d/%(datadir)s", $"{origin}/{DataDir}")
                    .Replace("http://localhost:%(port)d", origin);
                if (target is not null && !target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                    target = null;
                yield return new Entry(Field("url") ?? "", cacheKey, Field("name"), lines.Contains("valid")) { Target = target, Local = local };
            }
        }
    }
}
