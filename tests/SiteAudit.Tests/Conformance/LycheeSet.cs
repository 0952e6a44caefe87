namespace SiteAudit.Tests.Conformance;

/// <summary>
/// lychee (lycheeverse/lychee fixtures): the expectations of lychee's CLI and extractor tests as written in the corpus
/// notes (lychee-fixtures/SOURCE.md; the extractor's expected link sets from lychee's own tests), one case per link.
/// Fixtures checked with <c>--base-url</c>/<c>--root-dir</c> are served with that folder at "/".
/// </summary>
public static class LycheeSet
{
    public const string Name = "lychee";

    private static string Folder(string sub = "") => CorpusFiles.PathOf("lychee-fixtures", "fixtures", sub);

    public static async Task<IReadOnlyList<CaseResult>> RunAsync()
    {
        await using var fixtures = await FixtureFolder.StartAsync(Folder());
        await using var resolvePaths = await FixtureFolder.StartAsync(Folder("resolve_paths"));
        await using var rootDir = await FixtureFolder.StartAsync(Folder("resolve_paths_from_root_dir"));
        var cases = new List<ConformanceCase>();
        void Add(string id, string fixture, string peer, Check check, Stance? stance = null) =>
            cases.Add(new ConformanceCase(Name, id, "lychee-fixtures/fixtures/" + fixture, peer, check, stance ?? Stance.Same));

        // fragments/file.html with --include-fragments: every link is a bare #fragment.
        var fragments = fixtures.Url("/fragments/file.html");
        foreach (var (fragment, ok) in new[]
                 {
                     ("#in-the-beginning", true), ("#tangent%3A-kustomize", true), ("#Upper-ÄÖö", true), ("#Upper-%C3%84%C3%96%C3%B6", true),
                     ("#", true), ("#top", true), ("#a-word", true), ("#in-the-end", false), ("#in-THE-begiNNing", false),
                 })
            Add($"fragments {fragment}", "fragments/file.html", ok ? "OK" : "ERROR (no such id; matching is case-sensitive)",
                new Check.Skips(fragments, fragments), new Stance.Deliberate(Reasons.Fragments));

        // resolve_paths/index.html with --base-url pointing at the folder: 3 links, all OK.
        var index = resolvePaths.Url("/index.html");
        foreach (var (href, url) in new[] { ("/", "/"), ("/about", "/about"), ("/another page", "/another%20page") })
            Add($"resolve_paths {href}", "resolve_paths/index.html", "OK (with --base-url)",
                new Check.LinkVerdict([index], resolvePaths.Url(url), Dead: false));
        Add("offline (no base)", "offline/index.html", "5 errors \"Cannot resolve root-relative link\" (/, /about, /about#fragment, /another page, /another%20page)",
            Check.None, new Stance.NotCompared(Stance.PeerMode, "lychee checks local files and cannot resolve root-relative links without --base-url; a page fetched over HTTP always has its URL as base"));
        Add("resolve_paths index2 (--root-dir --base-url dump)", "resolve_paths/index2.html", "file:///base/root, file:///base/root/about, …",
            Check.None, new Stance.NotCompared(Stance.PeerMode, "lychee's --root-dir/--base-url mapping of local file paths"));

        // resolve_paths_from_root_dir/nested/index.html with --root-dir and --include-fragments: 7 links, 5 OK, 2 errors.
        var nested = rootDir.Url("/nested/index.html");
        foreach (var (href, ok) in new[] { ("/nested", true), ("/nested/about", true), ("/nested/another page", true), ("/nested/about/index.html#fragment", true) })
            Add($"root_dir {href}", "resolve_paths_from_root_dir/nested/index.html", "OK (with --root-dir)",
                new Check.LinkVerdict([nested], rootDir.Url(href.Replace(" ", "%20")), Dead: false));
        Add("root_dir /nested/about/index.html#missing", "resolve_paths_from_root_dir/nested/index.html", "ERROR (no such fragment)",
            new Check.LinkVerdict([nested], rootDir.Url("/nested/about/index.html"), Dead: false), new Stance.Deliberate(Reasons.Fragments));
        Add("root_dir #good", "resolve_paths_from_root_dir/nested/index.html", "OK", Check.None, new Stance.Deliberate(Reasons.Fragments));
        Add("root_dir #bad", "resolve_paths_from_root_dir/nested/index.html", "ERROR (no such fragment)", Check.None, new Stance.Deliberate(Reasons.Fragments));

        Add("LINK_PERIOD", "LINK_PERIOD.html", "the trailing period is kept: https://www.example.com/smth.",
            new Check.Extracts(fixtures.Url("/LINK_PERIOD.html"), ["https://www.example.com/smth."]));
        Add("TEST_EMAIL_QUERY_PARAMS", "TEST_EMAIL_QUERY_PARAMS.html", "mailto:hello@example.org?subject=%5BHello%5D (with --include-mail)",
            new Check.Extracts(fixtures.Url("/TEST_EMAIL_QUERY_PARAMS.html"), [], Only: true), new Stance.Deliberate(Reasons.Mailto));

        var verbatim = fixtures.Url("/TEST_VERBATIM.html");
        Add("TEST_VERBATIM text URLs", "TEST_VERBATIM.html", "URLs in <pre>, <code>, <samp>, <kbd>, <var>, <script> are not extracted by default",
            new Check.Skips(verbatim, [.. new[] { "pre", "code", "samp", "kbd", "var", "script" }.Select(e => $"http://www.example.com/{e}")]));
        Add("TEST_VERBATIM <a> in <pre>", "TEST_VERBATIM.html", "not extracted by default (inside <pre>)",
            new Check.Extracts(verbatim, ["http://www.example.com/pre/a"]), new Stance.Deliberate(
                "an <a href> inside <pre>/<code> is still a link a visitor can click: SiteAudit checks it (lychee skips verbatim blocks because it also takes bare URLs from their text; SiteAudit reads no text URLs at all)"));

        var malformed = fixtures.Url("/TEST_HTML5_MALFORMED_LINKS.html");
        Add("MALFORMED https://example.com/valid", "TEST_HTML5_MALFORMED_LINKS.html", "extracted (the only valid URL)",
            new Check.Extracts(malformed, ["https://example.com/valid"]));
        Add("MALFORMED https://example]org/malformed_two", "TEST_HTML5_MALFORMED_LINKS.html", "malformed: not a URL",
            new Check.Extracts(malformed, ["https://example.com/valid", fixtures.Url("/https;//example.com/malformed_one")], Only: true));
        Add("MALFORMED https;//example.com/malformed_one", "TEST_HTML5_MALFORMED_LINKS.html", "malformed: not a URL",
            new Check.Extracts(malformed, [fixtures.Url("/https;//example.com/malformed_one")]), new Stance.Deliberate(
                "resolved as browsers do (WHATWG URL): \"https;//…\" has no scheme (';' cannot be in one), so it is a relative path a visitor can follow, and it is checked"));

        var dataUris = fixtures.Url("/TEST_DATA_URIS.html");
        Add("DATA_URIS bg-water.webp", "TEST_DATA_URIS.html", "the only link dumped", new Check.Extracts(dataUris, ["http://localhost/assets/img/bg-water.webp"]));
        Add("DATA_URIS data: hrefs", "TEST_DATA_URIS.html", "data: URIs are not links (nor the namespace URL inside the SVG one)",
            new Check.Extracts(dataUris, ["http://www.w3.org/2000/svg", "http://localhost/assets/img/bg-water.webp"], Only: true));
        Add("DATA_URIS <a href=http://www.w3.org/2000/svg>", "TEST_DATA_URIS.html", "left out (a known false positive)",
            new Check.Extracts(dataUris, ["http://www.w3.org/2000/svg"]), new Stance.Deliberate(
                "lychee leaves out well-known XML namespace URLs (http://www.w3.org/2000/svg) by default; as the href of an <a> it is a link a visitor can click, so SiteAudit checks it"));

        foreach (var url in new[] { "https://example.com/head/home", "https://example.com/css/style_full_url.css", "https://example.com/body/a", "https://example.com/body/div_empty_a" })
            Add($"HTML5 {url}", "TEST_HTML5.html", "extracted (not valid XML; <link href>, self-closing <a/>)", new Check.Extracts(fixtures.Url("/TEST_HTML5.html"), [url]));
        Add("HTML5_LOWERCASE_DOCTYPE https://example.com/body/a", "TEST_HTML5_LOWERCASE_DOCTYPE.html", "extracted",
            new Check.Extracts(fixtures.Url("/TEST_HTML5_LOWERCASE_DOCTYPE.html"), ["https://example.com/body/a"]));
        var minified = fixtures.Url("/TEST_HTML5_MINIFIED.html");
        foreach (var url in new[] { "https://example.com/favicon.ico", "https://example.com/docs/", "https://example.com/forum" })
            Add($"HTML5_MINIFIED {url}", "TEST_HTML5_MINIFIED.html", "extracted (unquoted attribute values)", new Check.Extracts(minified, [url]));
        Add("HTML5_MINIFIED https://fonts.externalsite.com (preconnect)", "TEST_HTML5_MINIFIED.html", "not extracted (preconnect)",
            new Check.Skips(minified, "https://fonts.externalsite.com/"));
        // Also the href of an <a> on the page (lychee counts the canonical, SiteAudit the anchor).
        Add("HTML5_MINIFIED https://example.com/", "TEST_HTML5_MINIFIED.html", "extracted", new Check.Extracts(minified, ["https://example.com/"]));
        var custom = fixtures.Url("/TEST_HTML5_CUSTOM_ELEMENTS.html");
        foreach (var url in new[] { "https://example.com/some-weird-element", "https://example.com/even-weirder-src", "https://example.com/even-weirder-href", "https://example.com/citations" })
            Add($"HTML5_CUSTOM_ELEMENTS {url}", "TEST_HTML5_CUSTOM_ELEMENTS.html", "extracted (href/src/cite of any element)", new Check.Skips(custom, url),
                new Stance.Deliberate("href/src of unknown (custom) elements do nothing in a browser without their script, and cite is metadata: SiteAudit reads the link attributes of the elements that are links"));
        return await ConformanceJudge.AuditAndJudgeAsync(cases);
    }
}
