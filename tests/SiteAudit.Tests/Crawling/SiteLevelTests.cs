using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Crawling;

public class SiteLevelTests
{
    private const string Head = "<html><head><meta charset=\"utf-8\"><title>测试</title></head><body>";

    [Fact]
    public async Task ADownSiteIsUnreachableAndNothingElse()
    {
        using var audit = new AuditHarness();
        var url = RefusedPort.Url("/");
        var site = await audit.AuditUrlAsync(url);
        Assert.Equal("unreachable", site.GetProperty("status").GetString());
        var finding = Assert.Single(site.GetProperty("findings").EnumerateArray());
        Assert.Equal("site.unreachable", finding.GetProperty("rule").GetString());
        Assert.Equal("connection", finding.Reason());
        Assert.Equal(url, finding.GetProperty("url").GetString());
    }

    [Fact]
    public async Task AHomepageAnswering500IsUnreachable()
    {
        await using var site = await FakeServer.StartAsync();
        site.Status("/", 500);
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"));
        Assert.Equal("http-5xx", Assert.Single(result.Findings("site.unreachable")).Reason());
        Assert.Equal(2, site.Count("/", "GET")); // retried once before giving up
    }

    [Fact]
    public async Task OneBadSiteNeverStopsTheOthers()
    {
        await using var good = await FakeServer.StartAsync();
        good.Html("/", Head + "<a href=\"/x.html\">x</a></body></html>");
        using var audit = new AuditHarness();
        var yaml = $"sites:\n  - name: 坏站\n    url: {RefusedPort.Url("/")}\n  - name: 好站\n    url: {good.Url("/")}\n";
        Assert.Equal(0, await audit.RunAsync("audit", "--sites", audit.WriteSites(yaml), "--out", audit.Out, "--timeout", "3", "--render", "never"));
        // Sites run in parallel: find them by name, not by the order they finished in.
        var sites = audit.Findings().GetProperty("sites").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal("unreachable", sites["坏站"].GetProperty("status").GetString());
        Assert.Equal("audited", sites["好站"].GetProperty("status").GetString());
        Assert.Equal([good.Url("/x.html")], sites["好站"].DeadUrls());
        var pages = Directory.GetDirectories(Path.Combine(audit.Out, "sites")).Select(d => Path.Combine(d, "index.html")).ToList();
        Assert.Equal(2, pages.Count);
        Assert.All(pages, p => Assert.True(File.Exists(p), p));
    }

    [Fact]
    public async Task MaxPagesCapsParsingButLinksFoundAreStillChecked()
    {
        await using var site = await FakeServer.StartAsync();
        site.Html("/", Head + string.Concat(Enumerable.Range(1, 10).Select(i => $"<a href=\"/p{i}.html\">{i}</a>")) + "</body></html>");
        for (var i = 1; i <= 10; i++) site.Html($"/p{i}.html", Head + $"<a href=\"/deep{i}.html\">d</a></body></html>").Html($"/deep{i}.html", Head + "</body></html>");
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"), "--max-pages", "3");
        Assert.Equal("partial", result.GetProperty("status").GetString());
        Assert.Equal(3, result.GetProperty("stats").GetProperty("pagesFetched").GetInt32());
        for (var i = 1; i <= 10; i++) Assert.Equal(1, site.Count($"/p{i}.html", null)); // every page link checked once
        var deepChecked = Enumerable.Range(1, 10).Count(i => site.Count($"/deep{i}.html", null) > 0);
        Assert.Equal(2, deepChecked); // links of the two parsed pages besides the homepage
        Assert.Empty(result.DeadUrls());
    }

    [Fact]
    public async Task PerHostLimitIsRespected()
    {
        await using var site = await FakeServer.StartAsync();
        var inFlight = 0;
        var peak = 0;
        site.Html("/", Head + string.Concat(Enumerable.Range(1, 12).Select(i => $"<a href=\"/slow/{i}.html\">{i}</a>")) + "</body></html>")
            .MapPrefix("/slow/", async ctx =>
            {
                var now = Interlocked.Increment(ref inFlight);
                lock (site) peak = Math.Max(peak, now);
                await Task.Delay(80);
                Interlocked.Decrement(ref inFlight);
                await FakeServer.WriteAsync(ctx, 200, "<html></html>"u8.ToArray(), "text/html");
            });
        using var audit = new AuditHarness();
        await audit.AuditUrlAsync(site.Url("/"), "--per-host", "2");
        Assert.InRange(peak, 1, 2);
    }
}

public class SiteTimeoutTests
{
    [Fact]
    public async Task AHomepageThatNeverAnswersIsTriedTwiceThenUnreachable()
    {
        await using var silent = SilentPort.Start();
        using var audit = new AuditHarness();
        var site = await audit.AuditUrlAsync(silent.Url("/"), "--timeout", "1");
        Assert.Equal("timeout", Assert.Single(site.Findings("site.unreachable")).Reason());
        Assert.True(silent.Accepted >= 2, $"accepted {silent.Accepted}");
    }
}
