using System.Text.Json;
using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Content;

/// <summary>Each content rule through the real CLI against a fake portal on Kestrel (dates relative to today).</summary>
public class ContentRuleTests
{
    private static List<JsonElement> Of(JsonElement site, string rule) => site.Findings(rule).ToList();

    private static JsonElement Column(JsonElement site, string id) =>
        site.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    [Fact]
    public async Task Stale_fresh_empty_and_never_empty_columns()
    {
        await using var server = await FakeServer.StartAsync();
        var portal = new ContentPortal(server)
            .Home($"""<ul class="list"><li><a href="/xxgk/gzdt/202611/t1.html">县政府召开全体会议</a><span>[{ContentPortal.Today.AddDays(-2):MM-dd}]</span></li></ul>""")
            .Column("工作动态", "/xxgk/gzdt/", ("县政府召开全体会议", "/xxgk/gzdt/202611/t1.html", 2), ("县领导调研安全生产", "/xxgk/gzdt/202610/t2.html", 30))
            .Column("通知公告", "/xxgk/tzgg/", ("关于开展消防检查的通知", "/xxgk/tzgg/202501/t3.html", 300))
            .Column("政府信息公开制度", "/xxgk/gkzd/")
            // 人事信息: "动静结合", nothing static, 40 records behind the API: neither empty nor stale.
            .ColumnPage("人事信息", "/xxgk/rsxx/", """
                <div ms-controller="list"><ul><li ms-repeat="list"><a ms-attr-href="el.url" ms-text="el.title"></a></li></ul></div>
                <script>listModel({ quickMode: "动静结合", pagebar: { prepage: 15, recordCount: '40' } });</script>
                """)
            // 规划计划: items without dates in the list; their pages carry PubDate.
            .ColumnPage("规划计划", "/xxgk/ghjh/", """<ul class="list"><li><a href="/xxgk/ghjh/202401/t5.html">县“十五五”规划纲要</a></li></ul>""")
            .Article("/xxgk/ghjh/202401/t5.html", "县“十五五”规划纲要", 500)
            .Article("/xxgk/gzdt/202611/t1.html", "县政府召开全体会议", 2)
            .Article("/xxgk/gzdt/202610/t2.html", "县领导调研安全生产", 30)
            .Article("/xxgk/tzgg/202501/t3.html", "关于开展消防检查的通知", 300);
        var home = portal.Serve();
        // 法定主动公开内容 → 行政许可 refreshes to another platform (not empty).
        server.Html("/xxgk/fdzdgknr/", """<html><body><a href="/xxgk/">政府信息公开</a><ul class="sub"><li><a href="/xxgk/fdzdgknr/xzxk/">行政许可</a></li></ul></body></html>""");
        server.Html("/xxgk/fdzdgknr/xzxk/", """<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/zwfw/">""");

        using var audit = new AuditHarness();
        var site = await audit.AuditUrlAsync(home);

        var stale = Of(site, "column.stale").Select(f => f.GetProperty("column").GetString()).Order().ToList();
        Assert.Equal(["notices", "planning"], stale);
        var notices = Of(site, "column.stale").Single(f => f.GetProperty("column").GetString() == "notices");
        Assert.Equal(ContentPortal.Day(300), notices.GetProperty("evidence").GetProperty("latestDate").GetString());
        Assert.Equal(183, notices.GetProperty("evidence").GetProperty("limitDays").GetInt32());
        Assert.Equal(server.Url("/xxgk/tzgg/"), notices.GetProperty("url").GetString());
        Assert.Contains("国办秘函〔2019〕19号", notices.GetProperty("message").GetString());

        Assert.Equal(["rules"], Of(site, "column.empty").Select(f => f.GetProperty("column").GetString()));

        Assert.Equal(2, Column(site, "news").GetProperty("itemCount").GetInt32());
        Assert.Equal(ContentPortal.Day(2), Column(site, "news").GetProperty("latestItemDate").GetString());
        Assert.Equal(40, Column(site, "personnel").GetProperty("itemCount").GetInt32());
        Assert.Equal(ContentPortal.Day(500), Column(site, "planning").GetProperty("latestItemDate").GetString());
        Assert.Empty(Of(site, "site.veto"));
    }

    [Fact]
    public async Task An_empty_column_is_empty_whatever_menu_the_column_pages_share()
    {
        await using var server = await FakeServer.StartAsync();
        // Column pages carry a side menu of their own (not on the section page): it is furniture, not content.
        const string side = """<div class="side"><a href="/xxgk/rsxx/">人事信息</a><a href="/xxgk/ghjh/">规划计划</a><a href="/xxgk/zcwj/">政策文件</a></div>""";
        var portal = new ContentPortal(server)
            .ColumnPage("人事信息", "/xxgk/rsxx/", side + $"""<ul class="list"><li><a href="/xxgk/rsxx/t1.html">关于张三同志任职的通知</a><span>{ContentPortal.Day(20)}</span></li></ul>""")
            .ColumnPage("规划计划", "/xxgk/ghjh/", side + "<ul class=\"list\"></ul>")
            .ColumnPage("政策文件", "/xxgk/zcwj/", side + $"""<ul class="list"><li><a href="/xxgk/zcwj/t1.html">县人民政府关于印发县停车管理办法的通知</a><span>{ContentPortal.Day(20)}</span></li></ul>""");
        using var audit = new AuditHarness();
        var site = await audit.AuditUrlAsync(portal.Serve());
        Assert.Equal(["planning"], Of(site, "column.empty").Select(f => f.GetProperty("column").GetString()));
    }

    [Fact]
    public async Task A_homepage_not_updated_for_two_weeks_and_five_empty_columns_are_veto_verdicts()
    {
        await using var server = await FakeServer.StartAsync();
        var portal = new ContentPortal(server)
            .Home($"""<ul class="list"><li><a href="/xxgk/gzdt/t1.html">县政府召开全体会议</a><span>{ContentPortal.Day(20)}</span></li></ul>""")
            .Column("工作动态", "/xxgk/gzdt/", ("县政府召开全体会议", "/xxgk/gzdt/t1.html", 20))
            .Column("政府信息公开制度", "/xxgk/gkzd/").Column("通知公告", "/xxgk/tzgg/").Column("政策文件", "/xxgk/zcwj/")
            .Column("人事信息", "/xxgk/rsxx/").Column("规划计划", "/xxgk/ghjh/")
            .Article("/xxgk/gzdt/t1.html", "县政府召开全体会议", 20);
        using var audit = new AuditHarness();
        var site = await audit.AuditUrlAsync(portal.Serve());

        Assert.Equal(5, Of(site, "column.empty").Count);
        var veto = Assert.Single(Of(site, "site.veto"));
        Assert.Equal("首页不更新", veto.GetProperty("evidence").GetProperty("rule").GetString());
        Assert.Equal(20, veto.GetProperty("evidence").GetProperty("count").GetInt32());
        var triggers = veto.GetProperty("evidence").GetProperty("triggers").EnumerateArray().Select(t => t.GetProperty("rule").GetString()).ToList();
        Assert.Equal(["首页不更新", "栏目不更新"], triggers);
        Assert.Equal(server.Url("/"), veto.GetProperty("url").GetString());
        Assert.Contains("单项否决", veto.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Interpretations_missing_unlinked_and_late()
    {
        await using var server = await FakeServer.StartAsync();
        var portal = new ContentPortal(server)
            .Column("政策文件", "/xxgk/zcwj/",
                ("县人民政府关于印发县停车管理办法的通知", "/xxgk/zcwj/t1.html", 30),
                ("县人民政府关于印发县养老服务补贴办法的通知", "/xxgk/zcwj/t2.html", 40),
                ("县人民政府关于印发县河道管理办法的通知", "/xxgk/zcwj/t3.html", 50),
                ("县人民政府办公室关于做好防汛工作的通知", "/xxgk/zcwj/t4.html", 60))
            .Column("政策解读", "/xxgk/zcjd/",
                ("《县停车管理办法》政策解读", "/xxgk/zcjd/j1.html", 30),
                ("图解：县养老服务补贴办法", "/xxgk/zcjd/j2.html", 20),
                ("关于《县河道管理办法》的解读", "/xxgk/zcjd/j3.html", 50))
            // t1 ↔ j1 both ways, same day; t2 → j2 only, ten days later; t3 and j3 only share a name; t4 has nothing.
            .Article("/xxgk/zcwj/t1.html", "县人民政府关于印发县停车管理办法的通知", 30, "<p>正文</p><p>相关解读：<a href=\"/xxgk/zcjd/j1.html\">《县停车管理办法》政策解读</a></p>")
            .Article("/xxgk/zcjd/j1.html", "《县停车管理办法》政策解读", 30, "<p>相关文件：<a href=\"/xxgk/zcwj/t1.html\">县人民政府关于印发县停车管理办法的通知</a></p>")
            .Article("/xxgk/zcwj/t2.html", "县人民政府关于印发县养老服务补贴办法的通知", 40, "<p>相关解读：<a href=\"/xxgk/zcjd/j2.html\">图解：县养老服务补贴办法</a></p>")
            .Article("/xxgk/zcjd/j2.html", "图解：县养老服务补贴办法", 20)
            .Article("/xxgk/zcwj/t3.html", "县人民政府关于印发县河道管理办法的通知", 50)
            .Article("/xxgk/zcjd/j3.html", "关于《县河道管理办法》的解读", 50)
            .Article("/xxgk/zcwj/t4.html", "县人民政府办公室关于做好防汛工作的通知", 60);
        using var audit = new AuditHarness();
        var site = await audit.AuditUrlAsync(portal.Serve());

        Assert.Equal([server.Url("/xxgk/zcwj/t4.html")], Of(site, "interpretation.missing").Select(f => f.GetProperty("url").GetString()));
        var unlinked = Of(site, "interpretation.unlinked").ToDictionary(f => f.GetProperty("url").GetString()!);
        Assert.Equal([server.Url("/xxgk/zcwj/t2.html"), server.Url("/xxgk/zcwj/t3.html")], unlinked.Keys.Order());
        Assert.Equal(server.Url("/xxgk/zcjd/j3.html"), unlinked[server.Url("/xxgk/zcwj/t3.html")].GetProperty("evidence").GetProperty("interpretationUrl").GetString());
        Assert.Equal("title", unlinked[server.Url("/xxgk/zcwj/t3.html")].GetProperty("evidence").GetProperty("matchedBy").GetString());
        var late = Assert.Single(Of(site, "interpretation.late"));
        Assert.Equal(server.Url("/xxgk/zcwj/t2.html"), late.GetProperty("url").GetString());
        Assert.Equal("图解", late.GetProperty("evidence").GetProperty("form").GetString());
    }

    [Fact]
    public async Task A_missing_report_an_incomplete_report_and_an_incomplete_guide()
    {
        var lastYear = ContentPortal.Today.Year - (ContentPortal.Today > new DateOnly(ContentPortal.Today.Year, 3, 31) ? 1 : 2);
        await using var server = await FakeServer.StartAsync();
        var portal = new ContentPortal(server)
            .Column("政府信息公开年报", "/xxgk/gknb/", ($"测试县{lastYear - 1}年政府信息公开工作年度报告", "/xxgk/gknb/r1.html", 400))
            .Article("/xxgk/gknb/r1.html", $"测试县{lastYear - 1}年政府信息公开工作年度报告", 400, """
                <h3>一、总体情况</h3><p>全年公开信息。</p>
                <h3>二、主动公开政府信息情况</h3><p>主动公开。</p>
                <h3>三、收到和处理政府信息公开申请情况</h3>
                <table><tr><td>本年新收</td><td>20</td></tr><tr><td>上年结转</td><td>2</td></tr>
                <tr><td>办理结果总计</td><td>19</td></tr><tr><td>结转下年度继续办理</td><td>1</td></tr></table>
                <h3>四、政府信息公开行政复议、行政诉讼情况</h3><p>无。</p>
                <h3>六、其他需要报告的事项</h3><p>无。</p>
                """)
            .Column("政府信息公开指南", "/xxgk/gkzn/", ("测试县政府信息公开指南", "/xxgk/gkzn/g1.html", 100))
            .Article("/xxgk/gkzn/g1.html", "测试县政府信息公开指南", 100, """
                <p>为便于公民依法获取政府信息，编制本指南。一、信息分类与编排体系：按主题分类，按索引号编排。二、获取方式：网站查阅、依申请获取。</p>
                <p>名称：测试县人民政府办公室　办公地址：城关镇人民路1号　办公时间：工作日8:30—17:30　联系电话：0571-88100001　电子邮箱：xxgk@example.gov.cn</p>
                """);
        using var audit = new AuditHarness();
        var site = await audit.AuditUrlAsync(portal.Serve());

        var missing = Assert.Single(Of(site, "annual-report.missing"));
        Assert.Equal(lastYear, missing.GetProperty("evidence").GetProperty("year").GetInt32());
        Assert.Equal($"{lastYear + 1}-03-31", missing.GetProperty("evidence").GetProperty("deadline").GetString());
        var incomplete = Assert.Single(Of(site, "annual-report.incomplete"));
        Assert.Equal(["五、存在的主要问题及改进情况", "第三部分表格数据不平衡"],
            incomplete.GetProperty("evidence").GetProperty("lacking").EnumerateArray().Select(e => e.GetString()));
        var guide = Assert.Single(Of(site, "guide.incomplete"));
        Assert.Equal(server.Url("/xxgk/gkzn/g1.html"), guide.GetProperty("url").GetString());
        Assert.Equal(["传真号码"], guide.GetProperty("evidence").GetProperty("lacking").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_required_category_missing_under_the_statutory_column()
    {
        await using var server = await FakeServer.StartAsync();
        var portal = new ContentPortal(server)
            .ColumnPage("法定主动公开内容", "/xxgk/fdzdgknr/", """
                <ul class="sub_columns"><li><a href="/xxgk/fdzdgknr/zcwj/">政策文件</a></li><li><a href="/xxgk/fdzdgknr/ghxx/">规划信息</a></li>
                <li><a href="/xxgk/fdzdgknr/czxx/">财政信息</a></li><li><a href="/xxgk/fdzdgknr/tjxx/">统计信息</a></li></ul>
                """)
            .Page("/xxgk/fdzdgknr/zcwj/", "政策文件", $"""<ul class="list"><li><a href="/xxgk/zcwj/t1.html">县人民政府关于印发县停车管理办法的通知</a><span>{ContentPortal.Day(5)}</span></li></ul>""")
            .Page("/xxgk/fdzdgknr/ghxx/", "规划信息", $"""<ul class="list"><li><a href="/xxgk/ghxx/t1.html">县国民经济和社会发展规划</a><span>{ContentPortal.Day(50)}</span></li></ul>""")
            .Page("/xxgk/fdzdgknr/czxx/", "财政信息", $"""<ul class="list"><li><a href="/xxgk/czxx/t1.html">县级部门预算公开</a><span>{ContentPortal.Day(50)}</span></li></ul>""")
            .Page("/xxgk/fdzdgknr/tjxx/", "统计信息", """<ul class="list"></ul><p>暂无信息</p>""");
        using var audit = new AuditHarness();
        var site = await audit.AuditUrlAsync(portal.Serve());

        var finding = Assert.Single(Of(site, "subcolumn.missing"));
        Assert.Equal("org-functions", finding.GetProperty("column").GetString());
        Assert.Equal("statutory", finding.GetProperty("evidence").GetProperty("parent").GetString());
        Assert.Contains("第二十条", finding.GetProperty("message").GetString());
        // An empty category found under 法定主动公开内容 is an empty column.
        Assert.Equal(["statistics"], Of(site, "column.empty").Select(f => f.GetProperty("column").GetString()));
    }
}
