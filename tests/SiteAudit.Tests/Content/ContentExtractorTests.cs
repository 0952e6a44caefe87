using SiteAudit.Core.Model;
using SiteAudit.Crawling.Extraction;

namespace SiteAudit.Tests.Content;

public class ContentExtractorTests
{
    private static readonly Uri Page = new("http://www.qingshan.gov.cn/xxgk/zcwj/index.html");
    private static readonly DateOnly Today = new(2026, 1, 10);

    private static PageContent Extract(string body, string head = "") =>
        LinkExtractor.Extract($"<html><head><meta charset=\"utf-8\">{head}<title>t</title></head><body>{body}</body></html>", Page, Today).Content!;

    private static ListItem Item(string title, string path, string? date) => new(title, "http://www.qingshan.gov.cn" + path, date);

    [Fact]
    public void Rows_of_every_common_shape_with_their_dates()
    {
        var content = Extract("""
            <ul class="list"><li><a href="a1.html" title="关于开展消防安全检查的通知">关于开展消防安全检查…</a><span>2026-01-05</span></li>
              <li><a href="a2.html">县政府召开常务会议</a> <em>[01-08]</em></li></ul>
            <table class="tab"><tr><td><a href="t1.html">县人民政府关于印发停车管理办法的通知</a></td><td>2025年12月30日</td></tr></table>
            <dl><dd><a href="d1.html">县财政局2025年部门预算</a></dd><dd>2025/11/03</dd></dl>
            <div class="item"><a href="x1.html"><span class="t">县长信箱办理情况通报</span><span class="d">2025-10-01</span></a></div>
            """);
        Assert.Equal(
        [
            Item("关于开展消防安全检查的通知", "/xxgk/zcwj/a1.html", "2026-01-05"),
            Item("县政府召开常务会议", "/xxgk/zcwj/a2.html", "2026-01-08"),
        ], content.Lists[0].Items);
        Assert.Equal(Item("县人民政府关于印发停车管理办法的通知", "/xxgk/zcwj/t1.html", "2025-12-30"), content.Lists[1].Items.Single());
        Assert.Equal(Item("县财政局2025年部门预算", "/xxgk/zcwj/d1.html", "2025-11-03"), content.Lists[2].Items.Single());
        Assert.Equal(Item("县长信箱办理情况通报", "/xxgk/zcwj/x1.html", "2025-10-01"), content.Lists[3].Items.Single());
    }

    [Fact]
    public void Menus_buttons_and_links_in_comments_are_not_items()
    {
        var content = Extract("""
            <ul class="nav"><li><a href="/">首页</a></li><li><a href="/xxgk/">政府信息公开专栏</a></li></ul>
            <ul class="list"><li><a href="a.html">县政府召开常务会议</a><a href="a.pdf">下载</a><span>2026-01-05</span></li></ul>
            <!-- <ul><li><a href="old.html">旧文章标题很长很长</a><span>2019-01-01</span></li></ul> -->
            <p><a href="more.html">更多</a></p>
            """);
        Assert.Equal([Item("县政府召开常务会议", "/xxgk/zcwj/a.html", "2026-01-05")], content.Lists.SelectMany(l => l.Items));
    }

    [Fact]
    public void Undated_list_entries_are_kept_outside_navigation()
    {
        var content = Extract("""<ul class="sub"><li><a href="gfxwj/">规范性文件</a></li><li><a href="qtwj/">其他文件目录</a></li></ul>""");
        Assert.Equal(2, content.Lists.Single().Items.Count);
        Assert.Equal(0, content.Lists.Single().DatedCount);
    }

    [Fact]
    public void Hanweb_records_are_rows_and_their_total_is_claimed()
    {
        var content = Extract("""
            <div id="4001"><script type="text/xml"><datastore><totalrecord>57</totalrecord><recordset>
            <record><![CDATA[<li><a href="/art/2026/1/5/art_1_1.html" title="县政府召开常务会议">县政府召开常务会议</a><span>2026-01-05</span></li>]]></record>
            <record><![CDATA[<li><a href="/art/2025/12/1/art_1_2.html">县领导调研安全生产工作</a><span>2025-12-01</span></li>]]></record>
            </recordset></datastore></script></div>
            """);
        Assert.Equal(
        [
            Item("县政府召开常务会议", "/art/2026/1/5/art_1_1.html", "2026-01-05"),
            Item("县领导调研安全生产工作", "/art/2025/12/1/art_1_2.html", "2025-12-01"),
        ], content.Lists.Single().Items);
        Assert.Equal(57, content.ClaimedCount);
        Assert.False(content.ScriptedList);
    }

    [Fact]
    public void Totals_emptiness_dates_and_scripted_relations()
    {
        var content = Extract("""
            <div class="article"><div class="info">发布日期：2025-12-24　来源：县政府办</div><p>正文。</p></div>
            <p class="empty">本栏目暂无信息</p><div class="page">共 23 条记录</div>
            <script>detailpage({ ReldocChannelId: 100600, RelDocPath: "zcjd" });</script>
            """);
        Assert.Equal("2025-12-24", content.Published);
        Assert.True(content.SaysEmpty);
        Assert.Equal(23, content.ClaimedCount);
        Assert.True(content.ScriptedRelations);
        Assert.Equal("2024-03-23", Extract("", "<meta name=\"PubDate\" content=\"2024-03-23 16:23\">").Published);
        Assert.False(Extract("<p>根据本年度实际情况，暂无收取任何信息处理费用的情形，特此说明。</p>").SaysEmpty);
    }

    [Fact]
    public void Text_keeps_blocks_as_lines_and_table_cells_as_tabs()
    {
        var text = Extract("""
            <h3>三、收到和处理政府信息公开申请情况</h3>
            <table><tr><td>一、本年新收<br>政府信息公开申请数量</td><td>151</td><td>3</td><td>154</td></tr>
            <tr><td>二、上年结转</td><td>0</td><td></td><td>0</td></tr></table>
            <p>办公时间：&nbsp;工作日　8:30</p><script>var x = 1;</script><div style="display:none">隐藏</div>
            """).Text;
        Assert.Equal("三、收到和处理政府信息公开申请情况\n一、本年新收 政府信息公开申请数量\t151\t3\t154\n二、上年结转\t0\t\t0\n办公时间： 工作日 8:30", text);
    }
}

public class ScriptedItemTests
{
    [Fact]
    public void Items_opened_by_onclick_lead_where_the_script_says()
    {
        var content = LinkExtractor.Extract("""
            <html><body><ul class="list">
            <li><a href="javascript:void(0)" onclick="window.open('/xxgk/t1.html')">县政府召开常务会议</a><span>2026-01-05</span></li>
            <li><a href="javascript:location.href='/xxgk/t2.html'">县领导调研安全生产</a><span>2026-01-04</span></li>
            </ul></body></html>
            """, new Uri("http://www.qingshan.gov.cn/"), new DateOnly(2026, 1, 10)).Content!;
        Assert.Equal(["http://www.qingshan.gov.cn/xxgk/t1.html", "http://www.qingshan.gov.cn/xxgk/t2.html"],
            content.Lists.Single().Items.Select(i => i.Url));
    }
}
