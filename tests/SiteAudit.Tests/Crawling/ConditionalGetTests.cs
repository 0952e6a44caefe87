using System.Text.Json;
using Microsoft.Data.Sqlite;
using SiteAudit.Crawling.Rendering;
using SiteAudit.Host;
using SiteAudit.Host.Pipeline;
using SiteAudit.Tests.Content;
using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Crawling;

/// <summary>
/// Conditional GET on re-audits (issue #6): a site audited twice into one store; the second audit asks for the pages
/// the first parsed with their validators, and what the rules see must not change when the server answers 304.
/// </summary>
public sealed class ConditionalGetTests
{
    private const string Article = "/xxgk/gzdt/202610/t2.html";
    private const string Redirected = "/xxgk/ywdt.html";

    /// <summary>A county portal with stale, empty and scripted columns, a dead link, and a page reached through a redirect.</summary>
    private static async Task<(FakeServer Server, string Home)> PortalAsync(ValidatorMode validators)
    {
        var server = await FakeServer.StartAsync();
        server.Validators = validators;
        var portal = new ContentPortal(server)
            .Home($"""
                <ul class="list"><li><a href="/xxgk/gzdt/202611/t1.html">县政府召开全体会议</a><span>[{ContentPortal.Today.AddDays(-2):MM-dd}]</span></li></ul>
                <a href="/zwgk/">要闻动态</a> <a href="/files/guide.pdf">办事指南</a>
                """)
            .Column("工作动态", "/xxgk/gzdt/", ("县政府召开全体会议", "/xxgk/gzdt/202611/t1.html", 2), ("县领导调研安全生产", Article, 30))
            .Column("通知公告", "/xxgk/tzgg/", ("关于开展消防检查的通知", "/xxgk/tzgg/202501/t3.html", 300))
            .Column("政府信息公开制度", "/xxgk/gkzd/")
            .ColumnPage("人事信息", "/xxgk/rsxx/", """
                <div ms-controller="list"><ul><li ms-repeat="list"><a ms-attr-href="el.url" ms-text="el.title"></a></li></ul></div>
                <script>listModel({ quickMode: "动静结合", pagebar: { prepage: 15, recordCount: '40' } });</script>
                """)
            .Article("/xxgk/gzdt/202611/t1.html", "县政府召开全体会议", 2)
            .Article(Article, "县领导调研安全生产", 30)
            .Article("/xxgk/tzgg/202501/t3.html", "关于开展消防检查的通知", 300, """<p>附件：<a href="/files/missing.doc">检查表</a></p>""")
            .Page(Redirected, "要闻动态", """<ul class="list"><li><a href="/xxgk/ywdt/t9.html">全县秋粮收购进展顺利</a></li></ul>""", inSection: false)
            .Article("/xxgk/ywdt/t9.html", "全县秋粮收购进展顺利", 5);
        var home = portal.Serve();
        server.Redirect("/zwgk/", Redirected, 301);
        server.Bytes("/files/guide.pdf", "%PDF-1.4"u8.ToArray(), "application/pdf");
        return (server, home);
    }

    [Fact]
    public async Task Unchanged_pages_cost_304s_and_the_rules_see_the_same_facts()
    {
        var (server, home) = await PortalAsync(ValidatorMode.Honoured);
        await using var _ = server;
        using var audit = new AuditHarness();

        var first = await audit.AuditUrlAsync(home);
        Assert.Empty(server.NotModified);
        var second = await audit.AuditUrlAsync(home);

        // Every parsed page but the homepage (always read in full) answered 304, the redirect's target included.
        var parsed = Parsed(audit);
        Assert.Equal(parsed.Where(p => p != "/").Order(), server.NotModified.Order());
        Assert.Contains(Redirected, server.NotModified);
        Assert.Equal(Facts(first), Facts(second));
        Assert.Contains(server.Url("/files/missing.doc"), second.DeadUrls());
        // The reuse shows in the store: status 304, outcome ok, the page's title kept.
        Assert.Equal(("ok", 304, "县领导调研安全生产_测试县人民政府"), Fetch(audit, server.Url(Article)));
    }

    [Fact]
    public async Task A_changed_page_is_read_in_full_and_its_new_dead_link_found()
    {
        var (server, home) = await PortalAsync(ValidatorMode.Honoured);
        await using var _ = server;
        using var audit = new AuditHarness();
        var first = await audit.AuditUrlAsync(home);
        Assert.DoesNotContain(server.Url("/files/new.pdf"), first.DeadUrls());

        server.Html(Article, """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>县领导调研安全生产</title></head>
            <body><a href="/">首页</a><p>附件：<a href="/files/new.pdf">通报</a></p></body></html>
            """);
        var second = await audit.AuditUrlAsync(home);

        Assert.DoesNotContain(Article, server.NotModified);
        Assert.Equal(2, server.Count(Article));
        Assert.Contains(server.Url("/files/new.pdf"), second.DeadUrls());
        Assert.Equal(Parsed(audit).Count(p => p is not "/" and not Article), server.NotModified.Count);
    }

    [Fact]
    public async Task A_304_whose_previous_facts_are_gone_is_fetched_again_in_full()
    {
        var (server, home) = await PortalAsync(ValidatorMode.Honoured);
        await using var _ = server;
        using var audit = new AuditHarness();
        var first = await audit.AuditUrlAsync(home);
        // As if the first audit had been cut off between writing the page's fetch and its content.
        Execute(audit, "DELETE FROM page_contents WHERE url = $url", server.Url(Article));

        var second = await audit.AuditUrlAsync(home);

        Assert.Contains(Article, server.NotModified);
        Assert.Equal(3, server.Count(Article)); // first audit, the 304, the full read
        Assert.Equal(Facts(first), Facts(second));
        Assert.Equal(200, Fetch(audit, server.Url(Article)).Status);
    }

    [Theory]
    [InlineData(ValidatorMode.Ignored, new string[0])]
    [InlineData(ValidatorMode.Honoured, new[] { "--no-conditional" })]
    public async Task Without_304s_every_page_is_read_in_full_with_the_same_result(ValidatorMode validators, string[] options)
    {
        var (server, home) = await PortalAsync(validators);
        await using var _ = server;
        using var audit = new AuditHarness();
        var first = await audit.AuditUrlAsync(home);
        var second = await audit.AuditUrlAsync(home, options);

        Assert.Empty(server.NotModified);
        Assert.Equal(Facts(first), Facts(second));
        Assert.Equal(200, Fetch(audit, server.Url(Article)).Status);
    }

    [Theory]
    [InlineData("""{"render":"never"}""", RenderMode.Never, true)]
    [InlineData("""{"render":"auto"}""", RenderMode.Never, true)]     // its rendered pages carry no validators
    [InlineData("""{"render":"auto","worker":"w"}""", RenderMode.Auto, true)]
    [InlineData("""{"render":"never"}""", RenderMode.Auto, false)]    // it never asked whether a page needed the browser
    [InlineData("""{}""", RenderMode.Auto, false)]
    [InlineData("""not json""", RenderMode.Auto, false)]
    [InlineData("""{"render":"auto"}""", RenderMode.Always, false)]
    public void Previous_pages_are_reused_only_when_read_as_this_run_reads_them(string optionsJson, RenderMode mode, bool reused) =>
        Assert.Equal(reused, AuditPipeline.ReadAlike(optionsJson, mode));

    [Fact]
    public async Task No_conditional_is_a_flag_without_a_value()
    {
        using var audit = new AuditHarness();
        Assert.Equal(Cli.ExitUsage, await audit.RunAsync("audit", "--url", "http://127.0.0.1:9/", "--out", audit.Out, "--no-conditional=yes"));
        Assert.Contains("--no-conditional 不带值", audit.Stderr.ToString());
    }

    /// <summary>What the rules made of the site: findings (without their history), column results, page counts.</summary>
    private static string Facts(JsonElement site)
    {
        var findings = site.GetProperty("findings").EnumerateArray()
            .Select(f => string.Join("|", f.GetProperty("rule").GetString(), Optional(f, "url"), Optional(f, "column"),
                f.GetProperty("message").GetString(), f.GetProperty("evidence").GetRawText()))
            .Order(StringComparer.Ordinal);
        return string.Join("\n", findings.Append(site.GetProperty("columns").GetRawText())
            .Append(site.GetProperty("stats").GetProperty("pagesFetched").GetInt32().ToString()));
    }

    private static string? Optional(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private const string LatestSiteRun = "site_run_id = (SELECT MAX(id) FROM site_runs)";

    /// <summary>Paths of the pages the latest audit parsed (where their redirects ended).</summary>
    private static List<string> Parsed(AuditHarness audit) =>
        Query(audit, $"SELECT COALESCE(final_url, url) FROM fetches WHERE crawled AND {LatestSiteRun}", r => new Uri(r.GetString(0)).PathAndQuery).Distinct().ToList();

    /// <summary>The latest audit's record of <paramref name="url"/>: outcome, status, title.</summary>
    private static (string Outcome, int Status, string? Title) Fetch(AuditHarness audit, string url) =>
        Assert.Single(Query(audit, $"SELECT outcome, status, title FROM fetches WHERE url = $url AND {LatestSiteRun}",
            r => (r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2)), url));

    private static List<T> Query<T>(AuditHarness audit, string sql, Func<SqliteDataReader, T> read, string? url = null)
    {
        using var conn = new SqliteConnection($"Data Source={audit.Db};Pooling=false");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        if (url is not null) cmd.Parameters.AddWithValue("$url", url);
        using var reader = cmd.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    private static void Execute(AuditHarness audit, string sql, string url)
    {
        using var conn = new SqliteConnection($"Data Source={audit.Db};Pooling=false");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$url", url);
        Assert.Equal(1, cmd.ExecuteNonQuery());
    }
}
