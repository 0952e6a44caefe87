using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Crawling;

/// <summary>Anti-bot challenges are "blocked": never a dead link, never a missing column (DOMAIN.md §8).</summary>
public class AntiBotTests
{
    private const string Head = "<html><head><meta charset=\"utf-8\"><title>测试</title></head><body>";

    private const string Riversec = """
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><script type="text/javascript">
        $_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=12345;$_ts.cd="qqqqrrrAsssvvvwwwxxxyyyzzz";</script>
        <script type="text/javascript" r='m'>(function(){var a=1;})();</script></head><body></body></html>
        """;

    private const string WaitPage = """
        <html><head><meta charset="utf-8"><title>安全验证</title></head><body><p>正在进行安全检测，请稍候……</p>
        <script>setTimeout(function(){document.cookie="waf=1";location.reload();},1000);</script></body></html>
        """;

    [Fact]
    public async Task ChallengedLinksAreNotDead()
    {
        await using var site = await FakeServer.StartAsync();
        site.Html("/", Head + "<a href=\"/doc.html\">文件</a><a href=\"/file.pdf\">附件</a><a href=\"/wait.html\">等待</a></body></html>")
            .Map("/doc.html", ctx => FakeServer.WriteAsync(ctx, 412, System.Text.Encoding.UTF8.GetBytes(Riversec), "text/html"))
            .Map("/file.pdf", ctx => FakeServer.WriteAsync(ctx, 521, System.Text.Encoding.UTF8.GetBytes("<script>document.cookie='__jsl_clearance=1';</script>"), "text/html"))
            .Html("/wait.html", WaitPage);

        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"));
        Assert.Empty(result.DeadUrls());
    }

    [Fact]
    public async Task AChallengedHomepageIsUnreachableAsBlocked()
    {
        await using var site = await FakeServer.StartAsync();
        site.Map("/", ctx => FakeServer.WriteAsync(ctx, 412, System.Text.Encoding.UTF8.GetBytes(Riversec), "text/html"));
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"));
        var finding = Assert.Single(result.GetProperty("findings").EnumerateArray());
        Assert.Equal("site.unreachable", finding.GetProperty("rule").GetString());
        Assert.Equal("blocked", finding.Reason());
    }

    [Fact]
    public async Task AChallengedSectionProvesNoColumnMissing()
    {
        await using var site = await FakeServer.StartAsync();
        site.Html("/", Head + "<a href=\"/zwgk/\">政府信息公开</a></body></html>")
            .Html("/zwgk/", WaitPage);
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"));
        Assert.Empty(result.Findings("column.missing"));
        Assert.Empty(result.DeadUrls());
    }

    [Fact]
    public async Task AnOrdinaryPageMentioningVerificationIsNotAChallenge()
    {
        await using var site = await FakeServer.StartAsync();
        var article = string.Concat(Enumerable.Repeat("本县开展政务服务事项办理安全验证工作，群众可通过网站办理业务。", 15));
        site.Html("/", Head + "<a href=\"/zwgk/\">政府信息公开</a></body></html>")
            .Html("/zwgk/", Head + $"<p>{article}</p><a href=\"/gkzn/\">政府信息公开指南</a></body></html>")
            .Html("/gkzn/", Head + "指南</body></html>");
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"));
        var guide = result.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "guide");
        Assert.True(guide.GetProperty("found").GetBoolean());
    }

    [Fact]
    public void APageWithANavigationIsNeverAChallengeWhateverItSays()
    {
        var bytes = (string html) => System.Text.Encoding.UTF8.GetBytes(html);
        var links = (int n, string sep) => string.Concat(Enumerable.Range(0, n).Select(i => $"<a{sep}href=\"/{i}.html\">栏目{i}</a>"));
        Assert.True(SiteAudit.Crawling.Quirks.AntiBot.IsChallenge(200, bytes(WaitPage), "utf-8"));
        Assert.True(SiteAudit.Crawling.Quirks.AntiBot.IsChallenge(200, bytes(WaitPage.Replace("</body>", links(9, " ") + "</body>")), "utf-8"));
        Assert.False(SiteAudit.Crawling.Quirks.AntiBot.IsChallenge(200, bytes(WaitPage.Replace("</body>", links(10, " ") + "</body>")), "utf-8"));
        Assert.False(SiteAudit.Crawling.Quirks.AntiBot.IsChallenge(200, bytes(WaitPage.Replace("</body>", links(10, "\n").ToUpperInvariant() + "</body>")), "utf-8"));
        // Error statuses are judged by their content only: a 412 challenge may carry links of its own.
        Assert.True(SiteAudit.Crawling.Quirks.AntiBot.IsChallenge(412, bytes(Riversec.Replace("<body>", "<body>" + links(12, " "))), "utf-8"));
    }
}
