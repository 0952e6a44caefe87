using SiteAudit.Tests.Content;
using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Rendering;

/// <summary>
/// A static portal whose 通知公告 list is fetched by script into an empty container: with --render auto the list page
/// is read in the browser and the column judged (stale); with --render never it cannot be judged and is not (neither
/// empty nor stale). Articles that call a script (a view counter) are not rendered.
/// </summary>
public class ScriptBuiltListTests
{
    private static async Task<(FakeServer Server, string Home, Func<int> CounterHits)> PortalAsync()
    {
        var server = await FakeServer.StartAsync();
        var hits = 0;
        var counter = """<span id="hits"></span><script>fetch('/api/hits').then(r => r.text()).then(t => document.getElementById('hits').textContent = t);</script>""";
        var portal = new ContentPortal(server)
            .Column("工作动态", "/xxgk/gzdt/", ("县政府召开全体会议", "/xxgk/gzdt/202611/t1.html", 2))
            .ColumnPage("通知公告", "/xxgk/tzgg/", """
                <ul id="list"></ul>
                <script>
                fetch('/api/tzgg.json').then(r => r.json()).then(items => {
                  document.getElementById('list').innerHTML = items.map(i => '<li><a href="' + i.url + '">' + i.title + '</a><span>' + i.date + '</span></li>').join('');
                });
                </script>
                """)
            .Article("/xxgk/gzdt/202611/t1.html", "县政府召开全体会议", 2, "<p>正文。</p>" + counter)
            .Article("/xxgk/tzgg/202501/t3.html", "关于开展消防检查的通知", 300, "<p>正文。</p>" + counter);
        var home = portal.Serve();
        server.Bytes("/api/tzgg.json", System.Text.Encoding.UTF8.GetBytes(
                $$"""[{"url":"/xxgk/tzgg/202501/t3.html","title":"关于开展消防检查的通知","date":"{{ContentPortal.Day(300)}}"}]"""), "application/json")
            .Map("/api/hits", ctx =>
            {
                Interlocked.Increment(ref hits);
                return FakeServer.WriteAsync(ctx, 200, "12"u8.ToArray(), "text/plain");
            });
        return (server, home, () => Volatile.Read(ref hits));
    }

    [Fact]
    public async Task ByDefaultTheScriptBuiltListIsReadAndTheColumnJudged()
    {
        var (server, home, counterHits) = await PortalAsync();
        await using var _ = server;
        using var audit = new AuditHarness();
        var site = await audit.AuditUrlAsync(home, "--timeout", "10", "--render", "auto");

        var stale = Assert.Single(site.Findings("column.stale"));
        Assert.Equal("notices", stale.GetProperty("column").GetString());
        Assert.Equal(ContentPortal.Day(300), stale.GetProperty("evidence").GetProperty("latestDate").GetString());
        Assert.Empty(site.Findings("column.empty"));
        Assert.Equal(0, counterHits()); // articles with a view counter were read as static HTML
    }

    [Fact]
    public async Task WithRenderNeverTheColumnIsNotJudged()
    {
        var (server, home, _) = await PortalAsync();
        await using var _s = server;
        using var audit = new AuditHarness();
        var site = await audit.AuditUrlAsync(home, "--render", "never");

        Assert.Empty(site.Findings("column.stale"));
        Assert.Empty(site.Findings("column.empty"));
    }
}
