using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Crawling;

/// <summary>Every link.dead reason of the contract, and the hard negatives of DOMAIN.md §8, over real sockets.</summary>
public class DeadLinkTests
{
    private const string Head = "<html><head><meta charset=\"utf-8\"><title>测试</title></head><body>";

    [Fact]
    public async Task ReportsEachReasonOnceWithAllReferrers()
    {
        await using var site = await FakeServer.StartAsync();
        await using var silent = SilentPort.Start();
        var refused = RefusedPort.Url("/gone.html");
        site.Html("/", Head + $"""
                <a href="/a.html">A</a><a href="/b.html">B</a>
                <a href="/404.html">404</a><a href="/410.html">410</a><a href="/500.html">500</a><a href="/503.html">503</a>
                <a href="/loop1">loop</a><a href="/chain0">chain</a><a href="{refused}">refused</a>
                <a href="http://nonexistent-site.invalid/x.html">dns</a><a href="{silent.Url("/slow.html")}">silent</a>
                </body></html>
                """)
            .Html("/a.html", Head + "<a href=\"/404.html\">again</a><img src=\"/img/missing.png\"></body></html>")
            .Html("/b.html", Head + "<a href=\"/404.html\">and again</a></body></html>")
            .Status("/404.html", 404).Status("/410.html", 410).Status("/500.html", 500).Status("/503.html", 503)
            .Redirect("/loop1", "/loop2").Redirect("/loop2", "/loop1");
        for (var i = 0; i < 15; i++) site.Redirect($"/chain{i}", $"/chain{i + 1}");
        site.Html("/chain15", Head + "end</body></html>");

        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"), "--timeout", "2");

        var dead = result.DeadLink(site.Url("/404.html"));
        Assert.Equal("http-4xx", dead.Reason());
        Assert.Equal(404, dead.GetProperty("evidence").GetProperty("status").GetInt32());
        var referrers = dead.GetProperty("evidence").GetProperty("referrers").EnumerateArray().Select(r => r.GetString()).Order().ToList();
        Assert.Equal(new[] { site.Url("/"), site.Url("/a.html"), site.Url("/b.html") }.Order(), referrers);

        Assert.Equal("http-4xx", result.DeadLink(site.Url("/410.html")).Reason());
        Assert.Equal("http-4xx", result.DeadLink(site.Url("/img/missing.png")).Reason());
        Assert.Equal("http-5xx", result.DeadLink(site.Url("/500.html")).Reason());
        Assert.Equal("http-5xx", result.DeadLink(site.Url("/503.html")).Reason());
        Assert.Equal("redirect-loop", result.DeadLink(site.Url("/loop1")).Reason());
        Assert.Equal("too-many-redirects", result.DeadLink(site.Url("/chain0")).Reason());
        Assert.Equal("connection", result.DeadLink(refused).Reason());
        Assert.Equal("dns", result.DeadLink("http://nonexistent-site.invalid/x.html").Reason());
        Assert.Equal("timeout", result.DeadLink(silent.Url("/slow.html")).Reason());
        Assert.Equal(10, result.DeadUrls().Count);
        Assert.Single(result.Findings("link.dead"), f => f.GetProperty("url").GetString() == site.Url("/404.html"));
    }

    [Fact]
    public async Task HardNegativesAreNotDead()
    {
        await using var site = await FakeServer.StartAsync();
        await using var other = await FakeServer.StartAsync();
        site.Html("/", Head + $"""
                <a href="/head-refused.pdf">pdf</a><a href="/r1">redirects</a>
                <a href="mailto:gk@qingshan.gov.cn">mail</a><a href="tel:0591-1234">tel</a><a href="javascript:;">js</a>
                <a href="data:text/plain,hi">data</a><a href="#top">top</a><!-- <a href="/commented-out.html">x</a> -->
                <a href="/list.html?a=1&amp;b=2">amp</a><a href="  /spaced.html  ">spaced</a>
                <a href="HTTP://{site.BaseUrl.Authority.ToUpperInvariant()}/upper.html">upper</a>
                <a ms-attr-href="el.url">tpl</a><a hhref="javascript:;">typo</a>
                <a href="/flaky.html">flaky</a><a href="{other.Url("/ok.html")}">external</a>
                </body></html>
                """)
            .Bytes("/head-refused.pdf", "%PDF-1.4"u8.ToArray(), "application/pdf").RefuseHead(405, "/head-refused.pdf")
            .Redirect("/r1", "/r2").Redirect("/r2", "/r3").Redirect("/r3", "/landed.html")
            .Html("/landed.html", Head + "ok</body></html>")
            .Map("/list.html", async ctx =>
            {
                var ok = ctx.Request.Query["a"] == "1" && ctx.Request.Query["b"] == "2";
                await FakeServer.WriteAsync(ctx, ok ? 200 : 404, "<html></html>"u8.ToArray(), "text/html");
            })
            .Html("/spaced.html", Head + "ok</body></html>").Html("/upper.html", Head + "ok</body></html>")
            .Html("/flaky.html", Head + "ok</body></html>").FailFirst("/flaky.html", 1, 503);
        other.Html("/ok.html", Head + "ok</body></html>").RefuseHead(403, "/ok.html");

        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"));

        Assert.Empty(result.DeadUrls());
        Assert.Equal(0, site.Count("/commented-out.html", null));
        Assert.Equal(2, site.Count("/flaky.html", null)); // one 503, one retry
        Assert.Equal(0, other.Count("/", null)); // external links are checked, not crawled from their root
    }

    [Fact]
    public async Task ExternalLinksAreCheckedOncePerRunAcrossSites()
    {
        await using var external = await FakeServer.StartAsync();
        external.Html("/shared.html", Head + "ok</body></html>").Status("/dead.html", 404);
        var sites = new List<FakeServer>();
        try
        {
            var yaml = "sites:\n";
            for (var i = 0; i < 3; i++)
            {
                var s = await FakeServer.StartAsync();
                s.Html("/", Head + $"<a href=\"{external.Url("/shared.html")}\">s</a><a href=\"{external.Url("/dead.html")}\">d</a></body></html>");
                sites.Add(s);
                yaml += $"  - name: 站点{i}\n    url: {s.Url("/")}\n    profile: county-portal\n";
            }
            using var audit = new AuditHarness();
            var code = await audit.RunAsync("audit", "--sites", audit.WriteSites(yaml), "--out", audit.Out, "--timeout", "3", "--render", "never");
            Assert.True(code == 0, audit.Stderr.ToString());

            Assert.Equal(1, external.Count("/shared.html", "HEAD"));
            var all = audit.Findings().GetProperty("sites").EnumerateArray().ToList();
            Assert.Equal(3, all.Count);
            Assert.All(all, s => Assert.Equal([external.Url("/dead.html")], s.DeadUrls()));
        }
        finally
        {
            foreach (var s in sites) await s.DisposeAsync();
        }
    }

    [Fact]
    public async Task GbkPagesAndBaseHrefAreFollowed()
    {
        await using var site = await FakeServer.StartAsync();
        site.Html("/", "<html><head><meta charset=\"gb2312\"><title>县政府</title></head><body><a href=\"/gbk/\">政府信息公开</a></body></html>", "gb2312", headerCharset: false)
            .Html("/gbk/", "<html><head><meta charset=\"gbk\"><base href=\"/xxgk/\"></head><body><a href=\"gkzn.html\">政府信息公开指南</a><a href=\"none.html\">缺失</a></body></html>", "gbk")
            .Html("/xxgk/gkzn.html", "<html><head><meta charset=\"gbk\"></head><body>指南</body></html>", "gbk");

        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"));

        var guide = result.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "guide");
        Assert.True(guide.GetProperty("found").GetBoolean());
        Assert.Equal(site.Url("/xxgk/gkzn.html"), guide.GetProperty("url").GetString());
        Assert.Equal([site.Url("/xxgk/none.html")], result.DeadUrls());
    }
}

public class SoftNotFoundSiteTests
{
    private const string Head = "<html><head><meta charset=\"utf-8\"><title>青山县人民政府</title></head><body>";
    private const string NotFoundBody = "<div class=\"nav\"><a href=\"/\">首页</a></div><p>您要找的内容暂时无法显示。</p></body></html>";

    [Fact]
    public async Task PagesIdenticalToTheSitesAnswerForNonsenseAreSoft404()
    {
        await using var site = await FakeServer.StartAsync();
        // Every unknown path answers 200 with the same "friendly" page, which says nothing like 页面不存在.
        site.Html("/", Head + "<a href=\"/real.html\">真</a><a href=\"/gone.html\">已删</a></body></html>")
            .Html("/real.html", Head + "<p>一篇真实的文章。</p></body></html>")
            .MapPrefix("/", ctx => FakeServer.WriteAsync(ctx, 200, System.Text.Encoding.UTF8.GetBytes(Head + NotFoundBody), "text/html; charset=utf-8"));
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"));
        Assert.Equal([site.Url("/gone.html")], result.DeadUrls());
        Assert.Equal("soft-404", result.DeadLink(site.Url("/gone.html")).Reason());
    }

    [Fact]
    public async Task ASiteServingItsHomepageEverywhereDoesNotMakeTheHomepageDead()
    {
        await using var site = await FakeServer.StartAsync();
        var home = Head + "<a href=\"/index.html\">首页</a><a href=\"/x.html\">x</a></body></html>";
        site.MapPrefix("/", ctx => FakeServer.WriteAsync(ctx, 200, System.Text.Encoding.UTF8.GetBytes(home), "text/html; charset=utf-8"));
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"));
        Assert.Empty(result.DeadUrls());
    }
}
