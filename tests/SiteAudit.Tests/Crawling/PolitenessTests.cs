using SiteAudit.Crawling;
using SiteAudit.Crawling.Fetching;
using SiteAudit.Crawling.Frontier;
using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Crawling;

public class RobotsTxtTests
{
    private const string Robots = """
        # comment
        User-agent: Googlebot
        Disallow: /

        User-agent: *
        Disallow: /private/
        Disallow: /*.jsp$
        Allow: /private/open.html
        Crawl-delay: 2

        User-agent: SiteAudit
        User-agent: OtherBot
        Disallow: /audit-no/
        Crawl-delay: 0.5
        """;

    [Theory]
    [InlineData("http://x.cn/private/a.html", "*", false)]
    [InlineData("http://x.cn/private/open.html", "*", true)]   // longer Allow wins
    [InlineData("http://x.cn/search.jsp", "*", false)]
    [InlineData("http://x.cn/search.jsp?q=1", "*", true)]        // $ anchors the end
    [InlineData("http://x.cn/index.html", "*", true)]
    [InlineData("http://x.cn/private/a.html", "SiteAudit", true)] // our own group replaces *
    [InlineData("http://x.cn/audit-no/a.html", "SiteAudit", false)]
    public void AllowsByTheRightGroupAndTheLongestRule(string url, string agent, bool allowed) =>
        Assert.Equal(allowed, RobotsTxt.Parse(Robots, agent).IsAllowed(new Uri(url)));

    [Fact]
    public void ReadsCrawlDelayOfTheGroup()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), RobotsTxt.Parse(Robots, "*").CrawlDelay);
        Assert.Equal(TimeSpan.FromSeconds(0.5), RobotsTxt.Parse(Robots, "SiteAudit").CrawlDelay);
        Assert.True(RobotsTxt.Parse("", "SiteAudit").IsAllowed(new Uri("http://x.cn/a")));
    }

    [Fact]
    public void ProductTokenComesFromTheUserAgent() =>
        Assert.Equal("SiteAudit", RobotsPolicy.ProductToken(new CrawlOptions().UserAgent));
}

public class PolitenessTests
{
    private const string Head = "<html><head><meta charset=\"utf-8\"><title>测试</title></head><body>";

    [Fact]
    public async Task RobotsExcludedPagesAreCheckedButNotParsed()
    {
        await using var site = await FakeServer.StartAsync();
        site.Bytes("/robots.txt", "User-agent: *\nDisallow: /private/\n"u8.ToArray(), "text/plain")
            .Html("/", Head + "<a href=\"/private/p.html\">p</a><a href=\"/open.html\">o</a></body></html>")
            .Html("/private/p.html", Head + "<a href=\"/private/dead.html\">x</a></body></html>")
            .Html("/open.html", Head + "<a href=\"/dead.html\">x</a></body></html>");
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"));
        Assert.Equal([site.Url("/dead.html")], result.DeadUrls());
        Assert.Equal(0, site.Count("/private/p.html", "GET"));
        Assert.Equal(1, site.Count("/private/p.html", "HEAD"));
        Assert.Equal(0, site.Count("/private/dead.html", null));
    }

    [Fact]
    public async Task CrawlDelaySpacesRequestsToTheHost()
    {
        await using var site = await FakeServer.StartAsync();
        var starts = new List<DateTimeOffset>();
        site.Bytes("/robots.txt", "User-agent: *\nCrawl-delay: 0.3\n"u8.ToArray(), "text/plain")
            .Html("/", Head + string.Concat(Enumerable.Range(1, 4).Select(i => $"<a href=\"/p{i}.html\">{i}</a>")) + "</body></html>")
            .MapPrefix("/p", ctx =>
            {
                lock (starts) starts.Add(DateTimeOffset.UtcNow);
                return FakeServer.WriteAsync(ctx, 200, "<html></html>"u8.ToArray(), "text/html");
            });
        using var audit = new AuditHarness();
        await audit.AuditUrlAsync(site.Url("/"), "--per-host", "4");
        Assert.Equal(4, starts.Count);
        // Starts are spaced 0.3 s apart, so the last cannot arrive before 0.9 s after the first was sent; arrivals jitter
        // on a loaded machine, so only the span is asserted, with margin.
        var span = starts.Max() - starts.Min();
        Assert.True(span >= TimeSpan.FromMilliseconds(600), $"span {span}");
    }

    [Fact]
    public async Task TooManyRequestsWithRetryAfterIsWaitedOutNotDead()
    {
        await using var site = await FakeServer.StartAsync();
        site.Html("/", Head + "<a href=\"/busy.html\">busy</a></body></html>")
            .Html("/busy.html", Head + "ok</body></html>").FailFirst("/busy.html", 1, 429);
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"));
        Assert.Empty(result.DeadUrls());
        Assert.Equal(2, site.Count("/busy.html", null));
    }

    [Fact]
    public async Task AnEndlessCalendarEnds()
    {
        await using var site = await FakeServer.StartAsync();
        site.Html("/", Head + "<a href=\"/cal.jsp?d=0\">日历</a><a href=\"/a/\">a</a></body></html>")
            .Map("/cal.jsp", ctx =>
            {
                var d = int.Parse(ctx.Request.Query["d"]!);
                var html = Head + $"<a href=\"/cal.jsp?d={d + 1}\">下一天</a><a href=\"/cal.jsp?d={d - 1}\">前一天</a></body></html>";
                return FakeServer.WriteAsync(ctx, 200, System.Text.Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");
            })
            .MapPrefix("/a/", ctx => FakeServer.WriteAsync(ctx, 200,
                System.Text.Encoding.UTF8.GetBytes(Head + "<a href=\"a/\">again</a></body></html>"), "text/html; charset=utf-8"));
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"));
        Assert.InRange(result.GetProperty("stats").GetProperty("pagesFetched").GetInt32(), 3, TrapGuard.MaxQueryVariantsPerPath + 10);
        Assert.Equal("audited", result.GetProperty("status").GetString());
    }
}
