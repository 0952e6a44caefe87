using System.Text.Json;
using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Content;

/// <summary>部门信息公开: each listed department is audited as a unit with the department-site profile.</summary>
public class DepartmentUnitTests
{
    private static string Page(string title, string body) =>
        $"""
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
        <div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/xxgk/">政府信息公开</a></li></ul></div>
        {body}
        <div class="footer">主办：测试县人民政府办公室</div></body></html>
        """;

    /// <summary>A department's disclosure page with the five statutory columns except those in <paramref name="lacking"/>.</summary>
    private static void Department(FakeServer server, string code, string name, params string[] lacking)
    {
        var root = $"/xxgk/bmxxgk/{code}/";
        var columns = new (string Id, string Label, string Folder)[]
        {
            ("guide", "政府信息公开指南", "zn"), ("rules", "政府信息公开制度", "zd"), ("statutory", "法定主动公开内容", "fd"),
            ("catalog", "主动公开基本目录", "ml"), ("annual-report", "政府信息公开年报", "nb"),
        }.Where(c => !lacking.Contains(c.Id)).ToList();
        server.Html(root, Page(name, $"<h2>{name}</h2><ul class=\"menu\">" +
            string.Concat(columns.Select(c => $"<li><a href=\"{root}{c.Folder}/\">{c.Label}</a></li>")) + "</ul>"));
        var year = ContentPortal.Today.Year - 1;
        foreach (var (id, label, folder) in columns)
        {
            var items = id == "annual-report"
                ? $"<li><a href=\"{root}{folder}/r.html\">{name}{year}年政府信息公开工作年度报告</a><span>{year + 1}-01-20</span></li>"
                : $"<li><a href=\"{root}{folder}/a.html\">{name}{label}（{ContentPortal.Today.Year}年）</a><span>{ContentPortal.Day(10)}</span></li>";
            server.Html($"{root}{folder}/", Page(label, $"<h2>{label}</h2><ul class=\"list\">{items}</ul>"));
        }
    }

    [Fact]
    public async Task Each_department_listed_is_a_unit_with_its_own_findings()
    {
        await using var server = await FakeServer.StartAsync();
        server.Html("/", Page("首页", "<p>测试县人民政府</p>"));
        server.Html("/xxgk/", Page("政府信息公开", """
            <ul class="menu"><li><a href="/xxgk/zn/">政府信息公开指南</a></li><li><a href="/xxgk/bmxxgk/">部门信息公开</a></li></ul>
            """));
        server.Html("/xxgk/bmxxgk/", Page("部门信息公开", """
            <ul class="depts"><li><a href="/xxgk/bmxxgk/czj/">县财政局</a></li><li><a href="/xxgk/bmxxgk/jyj/">县教育局</a></li>
            <li><a href="/xxgk/bmxxgk/fgw/">县发展和改革委员会</a></li></ul>
            """));
        Department(server, "czj", "县财政局");
        Department(server, "jyj", "县教育局", "guide");
        Department(server, "fgw", "县发展和改革委员会", "catalog", "annual-report");

        using var audit = new AuditHarness();
        Assert.Equal(0, await audit.RunAsync("audit", "--url", server.Url("/"), "--name", "测试县人民政府", "--out", audit.Out, "--timeout", "3", "--render", "never"));
        var sites = audit.Findings().GetProperty("sites").EnumerateArray().ToList();

        Assert.Equal(["测试县人民政府", "县财政局（测试县人民政府）", "县教育局（测试县人民政府）", "县发展和改革委员会（测试县人民政府）"],
            sites.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(server.Url("/xxgk/bmxxgk/jyj/"), sites[2].GetProperty("url").GetString());
        Assert.All(sites.Skip(1), s => Assert.Equal("department-site", s.GetProperty("profile").GetString()));

        static List<string?> Missing(JsonElement site) => site.Findings("column.missing").Select(f => f.GetProperty("column").GetString()).ToList();
        Assert.Empty(Missing(sites[1]));
        Assert.Equal(["guide"], Missing(sites[2]));
        Assert.Equal(["annual-report", "catalog"], Missing(sites[3]).Order());
        // A department's report is due by 31 January; the unit without a report column has none anywhere.
        var report = Assert.Single(sites[3].Findings("annual-report.missing"));
        Assert.EndsWith("-01-31", report.GetProperty("evidence").GetProperty("deadline").GetString());
        Assert.Empty(sites[1].Findings("annual-report.missing"));
        // The portal's dead links are not repeated per unit; each unit has its own report page.
        Assert.All(sites.Skip(1), s => Assert.Empty(s.Findings("link.dead")));
        Assert.Equal(4, Directory.GetDirectories(Path.Combine(audit.Out, "sites")).Length);
    }
}
