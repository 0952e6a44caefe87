using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Content;

/// <summary>The grassroots-26 profile: the 基层政务公开 专栏 and its 26 areas (DOMAIN.md §7).</summary>
public class GrassrootsTests
{
    [Fact]
    public async Task Areas_are_checked_for_presence_content_freshness_count_and_standard_catalog()
    {
        static string Items(string area, int count, int daysAgo) => string.Concat(Enumerable.Range(1, count).Select(i =>
            $"<li><a href=\"/jczwgk/{area}/t{i}.html\">{area}领域公开信息第{i}条</a><span>{ContentPortal.Day(daysAgo + i)}</span></li>"));
        await using var server = await FakeServer.StartAsync();
        var portal = new ContentPortal(server)
            .ColumnPage("基层政务公开", "/jczwgk/", """
                <ul class="areas"><li><a href="/jczwgk/zdxm/">重大建设项目</a></li><li><a href="/jczwgk/ywjy/">义务教育</a></li>
                <li><a href="/jczwgk/hjgl/">户籍管理</a></li><li><a href="/jczwgk/shjz/">社会救助</a></li></ul>
                """)
            // 重大建设项目: complete. 义务教育: two items, no 标准目录. 户籍管理: empty. 社会救助: complete but 200 days old.
            .Page("/jczwgk/zdxm/", "重大建设项目", $"<p><a href=\"/jczwgk/zdxm/ml.html\">重大建设项目领域基层政务公开标准目录</a></p><ul class=\"list\">{Items("zdxm", 5, 3)}</ul>")
            .Page("/jczwgk/ywjy/", "义务教育", $"<ul class=\"list\">{Items("ywjy", 2, 3)}</ul>")
            .Page("/jczwgk/hjgl/", "户籍管理", "<ul class=\"list\"></ul><p>暂无信息</p>")
            .Page("/jczwgk/shjz/", "社会救助", $"<p><a href=\"/jczwgk/shjz/ml.html\">社会救助领域标准目录</a></p><ul class=\"list\">{Items("shjz", 6, 200)}</ul>");
        using var audit = new AuditHarness();
        var site = await audit.AuditUrlAsync(portal.Serve(), "--profile", "grassroots-26");

        static List<string?> Columns(System.Text.Json.JsonElement site, string rule) =>
            site.Findings(rule).Select(f => f.GetProperty("column").GetString()).Order().ToList();
        Assert.Equal(22, Columns(site, "subcolumn.missing").Count);
        Assert.DoesNotContain("gr-major-projects", Columns(site, "subcolumn.missing"));
        Assert.Equal(["gr-household"], Columns(site, "column.empty"));
        Assert.Equal(["gr-compulsory-education"], Columns(site, "column.sparse"));
        Assert.Equal(["gr-compulsory-education", "gr-household"], Columns(site, "column.catalog-missing"));
        Assert.Equal(["gr-social-assistance"], Columns(site, "column.stale"));
        Assert.Equal(90, site.Findings("column.stale").Single().GetProperty("evidence").GetProperty("limitDays").GetInt32());
        Assert.Contains("国办发〔2019〕54号", site.Findings("column.sparse").Single().GetProperty("message").GetString());
    }
}
