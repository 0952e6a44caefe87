using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Rendering;

/// <summary>
/// Portals that build their disclosure menus in the browser: with the default --render auto, SiteAudit sees what a
/// person sees; with --render never, it cannot (and the difference is the point of rendering).
/// </summary>
public class ScriptBuiltPortalTests
{
    private const string Head = "<html><head><meta charset=\"utf-8\"><title>青山县人民政府</title></head><body>";

    private static async Task<FakeServer> ScriptBuiltPortalAsync()
    {
        var site = await FakeServer.StartAsync();
        // The homepage menu and the section's column menu exist only after scripts run.
        site.Html("/", Head + """
                <div id="nav"></div><p>欢迎访问青山县人民政府门户网站。</p><a href="/news/">新闻</a><a href="/about/">概况</a><a href="/x/">服务</a>
                <script>document.getElementById('nav').innerHTML = '<a href="/zwgk/">政府信息公开</a>';</script></body></html>
                """)
            .Html("/zwgk/", "<html><head><meta charset=\"utf-8\"><title>政府信息公开_青山县</title></head><body><ul id=\"menu\"></ul>" + """
                <a href="/">首页</a><a href="/news/">新闻</a><a href="/about/">概况</a>
                <script>
                fetch('/api/menu.json').then(r => r.json()).then(items => {
                  document.getElementById('menu').innerHTML = items.map(i => '<li><a href="' + i.url + '">' + i.name + '</a></li>').join('');
                });
                </script></body></html>
                """)
            .Bytes("/api/menu.json", System.Text.Encoding.UTF8.GetBytes("""
                [{"url":"/zwgk/zn/","name":"政府信息公开指南"},{"url":"/zwgk/zd/","name":"政府信息公开制度"},
                 {"url":"/zwgk/fd/","name":"法定主动公开内容"},{"url":"/zwgk/ml/","name":"主动公开基本目录"},
                 {"url":"/zwgk/nb/","name":"政府信息公开年报"}]
                """), "application/json");
        foreach (var path in new[] { "/news/", "/about/", "/x/", "/zwgk/zn/", "/zwgk/zd/", "/zwgk/fd/", "/zwgk/ml/", "/zwgk/nb/" })
            site.Html(path, Head + "<p>内容</p></body></html>");
        return site;
    }

    [Fact]
    public async Task ByDefaultTheScriptBuiltMenusAreSeen()
    {
        await using var site = await ScriptBuiltPortalAsync();
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"), "--timeout", "10", "--render", "auto");
        Assert.Empty(result.Findings("column.missing"));
        Assert.Empty(result.DeadUrls());
    }

    [Fact]
    public async Task WithRenderNeverTheyAreNot()
    {
        await using var site = await ScriptBuiltPortalAsync();
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"), "--render", "never");
        Assert.Equal(5, result.Findings("column.missing").Count());
    }

    [Fact]
    public async Task AChallengedPortalThatTheBrowserGetsThroughIsAuditedNormally()
    {
        await using var site = await FakeServer.StartAsync();
        site.Map("/", ctx =>
            {
                var passed = ctx.Request.Cookies.ContainsKey("waf_pass");
                var html = passed
                    ? Head + "<a href=\"/zwgk/\">政府信息公开</a><a href=\"/missing.html\">坏链</a></body></html>"
                    : "<html><head><script>$_ts={};document.cookie='waf_pass=1; path=/';location.reload();</script></head><body></body></html>";
                return FakeServer.WriteAsync(ctx, passed ? 200 : 412, System.Text.Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");
            })
            .Html("/zwgk/", Head + "<a href=\"/zn/\">政府信息公开指南</a><a href=\"/zd/\">政府信息公开制度</a><a href=\"/fd/\">法定主动公开内容</a>" +
                            "<a href=\"/ml/\">主动公开基本目录</a><a href=\"/nb/\">政府信息公开年报</a></body></html>");
        foreach (var path in new[] { "/zn/", "/zd/", "/fd/", "/ml/", "/nb/" }) site.Html(path, Head + "<p>内容</p></body></html>");

        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"), "--timeout", "10", "--render", "auto");
        Assert.Equal("audited", result.GetProperty("status").GetString());
        Assert.Empty(result.Findings("site.unreachable"));
        Assert.Empty(result.Findings("column.missing"));
        Assert.Equal([site.Url("/missing.html")], result.DeadUrls());
    }

}

/// <summary>Changes a process-wide environment variable, so it runs alone.</summary>
[Collection(nameof(ProcessEnvironment))]
public class RenderAlwaysTests
{
    private const string Head = "<html><head><meta charset=\"utf-8\"><title>青山县人民政府</title></head><body>";

    [Fact]
    public async Task RenderAlwaysWithoutABrowserCannotRun()
    {
        await using var site = await FakeServer.StartAsync();
        site.Html("/", Head + "x</body></html>");
        using var audit = new AuditHarness();
        Environment.SetEnvironmentVariable("SiteAudit__Rendering__ChromiumPath", "/nonexistent/chromium");
        try
        {
            var code = await audit.RunAsync("audit", "--url", site.Url("/"), "--out", audit.Out, "--render", "always");
            Assert.Equal(3, code);
            Assert.Contains("/nonexistent/chromium", audit.Stderr.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("SiteAudit__Rendering__ChromiumPath", null);
        }
    }
}

[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

public class RenderedCharsetTests
{
    [Fact]
    public async Task RenderingKeepsTheCharsetTheCrawlerDecoded()
    {
        await using var site = await FakeServer.StartAsync();
        // UTF-8 bytes with no charset anywhere: a browser alone would guess windows-1252 and garble the link.
        var html = "<html><head><title>x</title></head><body><div id=m></div><script>document.getElementById('m').innerHTML='';</script>" +
                   "<a href=\"/文件/政策解读.html\">政策解读</a></body></html>";
        site.Bytes("/", System.Text.Encoding.UTF8.GetBytes(html), "text/html")
            .Html("/文件/政策解读.html", "<html><body>ok</body></html>");
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"), "--render", "always", "--timeout", "10");
        Assert.Empty(result.DeadUrls());
    }
}
