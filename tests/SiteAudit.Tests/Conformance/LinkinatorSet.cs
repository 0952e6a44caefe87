using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Conformance;

/// <summary>
/// linkinator (JustinBeckwith/linkinator test/fixtures): the expectations of linkinator's tests as written in the corpus
/// notes (linkinator-fixtures/SOURCE.md). Upstream mocks http://example.invalid with nock; here the base-tag fixtures are
/// served at /pageBase/index of their own server, answering 200 for the expected "ok" target and 404 otherwise.
/// </summary>
public static class LinkinatorSet
{
    public const string Name = "linkinator";

    private static string Folder(string sub = "") => CorpusFiles.PathOf("linkinator-fixtures", "test", "fixtures", sub);

    /// <summary>basetag fixtures and the path their "ok" links resolve to (upstream: page at http://example.invalid/pageBase/index).</summary>
    private static readonly (string Fixture, string Ok)[] BaseTags =
    [
        ("relative-to-root.html", "/anotherBase/ok"), ("relative-folder.html", "/pageBase/anotherBase/ok"),
        ("relative-dot-folder.html", "/pageBase/anotherBase/ok"), ("relative-page.html", "/pageBase/ok"), ("empty-base.html", "/pageBase/ok"),
    ];

    public static async Task<IReadOnlyList<CaseResult>> RunAsync()
    {
        var servers = new List<FakeServer>();
        try
        {
            var fixtures = await FixtureFolder.StartAsync(Folder());
            servers.Add(fixtures);
            var cases = new List<ConformanceCase>();
            void Add(string id, string fixture, string peer, Check check, Stance? stance = null) =>
                cases.Add(new ConformanceCase(Name, id, "linkinator-fixtures/test/fixtures/" + fixture, peer, check, stance ?? Stance.Same));
            string Page(string path) => fixtures.Url("/" + path);

            foreach (var (fixture, ok) in BaseTags)
            {
                var site = await FakeServer.StartAsync();
                servers.Add(site);
                site.Html("/pageBase/index", File.ReadAllText(Folder(Path.Combine("basetag", fixture))), charset: null).Html(ok, "<html><body>ok</body></html>");
                var page = site.Url("/pageBase/index");
                var broken = site.Url(ok[..^"ok".Length] + "broken");
                Add($"basetag/{fixture} links", "basetag/" + fixture, $"3 unique links checked (the page, {ok}, …/broken)",
                    new Check.Extracts(page, [site.Url(ok), broken], Only: true));
                Add($"basetag/{fixture} broken", "basetag/" + fixture, "exactly 1 broken", new Check.DeadCount(1, [page]));
            }
            // absolute.html: the first of its two <base> tags counts; the targets are on another host.
            var absolute = await FakeServer.StartAsync();
            servers.Add(absolute);
            absolute.Html("/pageBase/index", File.ReadAllText(Folder(Path.Combine("basetag", "absolute.html"))), charset: null);
            var absolutePage = absolute.Url("/pageBase/index");
            Add("basetag/absolute.html links", "basetag/absolute.html", "3 unique links (the page, http://another.example.invalid/ok, …/broken): the first <base> counts",
                new Check.Extracts(absolutePage, ["http://another.example.invalid/ok", "http://another.example.invalid/broken"], Only: true));
            Add("basetag/absolute.html broken", "basetag/absolute.html", "exactly 1 broken", new Check.DeadCount(1, [absolutePage]),
                new Stance.NotCompared(Stance.Environment, "the targets are on another host (mocked upstream), unreachable here"));

            Add("malformed", "malformed/index.html", "href=\"//////\": 1 broken link, the run fails", new Check.Nothing([Page("malformed/index.html")]),
                new Stance.Deliberate(Reasons.Unusable));
            Add("protocols", "protocols/index.html", "irc:, mailto: and data: links skipped; the run passes",
                new Check.Extracts(Page("protocols/index.html"), [], Only: true));
            var srcset = Page("srcset/index.html");
            Add("srcset", "srcset/index.html", "comma-separated srcset candidates (with and without wide white space) checked; both exist",
                new Check.Extracts(srcset, [Page("srcset/_site/foo.html"), Page("srcset/_site/bar.html")]));
            Add("srcset passes", "srcset/index.html", "the run passes", new Check.DeadCount(0, [srcset]));

            var refresh = Page("metarefresh/index.html");
            Add("metarefresh 0;url=", "metarefresh/index.html", "extracted", new Check.Extracts(refresh, ["http://example.invalid/redirected"]));
            foreach (var (id, url) in new[] { ("5; url=", "http://example.invalid/delayed"), ("REFRESH URL=", "http://example.invalid/uppercase") })
                Add($"metarefresh {id}", "metarefresh/index.html", "extracted (every meta refresh)", new Check.Skips(refresh, url), new Stance.Deliberate(
                    "only the first <meta http-equiv=refresh> of a page takes effect in a browser (HTML: a document refreshes declaratively once)"));

            Add("relative (recurse)", "relative/index.html", "4 links, the run passes",
                new Check.DeadCount(0, [Page("relative/index.html"), Page("relative/nested/index.html")]));
            Add("relative links", "relative/index.html", "ohai.html, nested/index.html and (recursing) nested/nested.html",
                new Check.Extracts(Page("relative/nested/index.html"), [Page("relative/nested/nested.html")]));
            // recurse/ is served as its own site: first.html links "/" and "/second.html".
            var recurse = await FixtureFolder.StartAsync(Folder("recurse"));
            servers.Add(recurse);
            Add("recurse (no recursion)", "recurse/index.html", "2 links without recursion (the page and first.html)",
                new Check.Extracts(recurse.Url("/index.html"), [recurse.Url("/first.html")], Only: true));
            Add("recurse (recursion) first.html", "recurse/first.html", "4 links with recursion: first.html leads to / and /second.html",
                new Check.Extracts(recurse.Url("/first.html"), [recurse.Url("/"), recurse.Url("/second.html")], Only: true));
            Add("recurse (recursion) second.html", "recurse/second.html", "4 links with recursion, all OK: second.html leads to http://example.invalid",
                new Check.DeadCount(0, [recurse.Url("/second.html")]),
                new Stance.NotCompared(Stance.Environment, "http://example.invalid is mocked upstream, unreachable here"));
            Add("prefetch", "prefetch/index.html", "2 links: the page and the stylesheet; preconnect/prefetch/dns-prefetch hints are not checked",
                new Check.Extracts(Page("prefetch/index.html"), ["http://example.invalid/site.css"], Only: true));
            Add("twittercard", "twittercard/index.html", "2 links: og:url and og:image <meta content> URLs are checked",
                new Check.Extracts(Page("twittercard/index.html"), [], Only: true), new Stance.Deliberate(
                    "Open Graph/Twitter card <meta content> URLs are previews for social media, not links on the page: not checked"));
            Add("alternate", "alternate/index.html", "3 links: <link rel=canonical|alternate> are checked",
                new Check.Extracts(Page("alternate/index.html"), [], Only: true), new Stance.Deliberate(Reasons.Canonical));
            Add("twice", "twice/index.html", "the same link twice (once with a #fragment) is checked once: 2 links",
                new Check.Extracts(Page("twice/index.html"), ["http://example.invalid/"], Only: true));
            Add("fragments-*", "fragments-*/", "fragment (#id) validation: valid, invalid, same-page, github-style, client-state", Check.None,
                new Stance.NotCompared(Stance.NoAssertion, "the notes give no per-link expectation (and SiteAudit does not check fragments)"));
            var css = Page("css/index.html");
            Add("css (default)", "css/index.html", "url() in <style> and style attributes not checked without --check-css",
                new Check.Extracts(css, [Page("css/styles.css"), "http://example.invalid/regular-link"], Only: true));
            Add("css (--check-css)", "css/index.html", "url()s of <style>, style attributes and styles.css checked",
                new Check.Skips(css, "http://example.invalid/bg-inline.jpg", "http://example.invalid/div-bg.jpg"), new Stance.Deliberate(Reasons.NoCss));
            Add("urlpatterns funky%2Bpath.html", "urlpatterns/index.html", "the encoded + path works",
                new Check.LinkVerdict([Page("urlpatterns/index.html")], Page("urlpatterns/funky%2Bpath.html"), Dead: false));
            return await ConformanceJudge.AuditAndJudgeAsync(cases);
        }
        finally
        {
            await Task.WhenAll(servers.Select(s => s.DisposeAsync().AsTask()));
        }
    }
}
