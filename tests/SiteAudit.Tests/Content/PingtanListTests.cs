using SiteAudit.Core.Model;
using SiteAudit.Crawling.Extraction;

namespace SiteAudit.Tests.Content;

/// <summary>List understanding on the real saved pingtan column pages ("动静结合": only part of each list is static).</summary>
public class PingtanListTests
{
    private static readonly DateOnly ReadOn = new(2026, 11, 22);

    private static PageContent Extract(string column) =>
        LinkExtractor.Extract(Pingtan.List(column), new Uri(Pingtan.ListUrl(column)), ReadOn).Content!;

    private static PageList MainList(PageContent content) => content.Lists.OrderByDescending(l => l.DatedCount).First();

    [Fact]
    public void Annual_report_list_has_its_ten_static_items_with_their_dates_and_claims_twenty()
    {
        var content = Extract("zfxxgk/zfxxgknb");
        var list = MainList(content);
        var expected = new (int Year, string Url, string Date)[]
        {
            (2025, "202603/t20260313_105587.htm", "2026-03-10"), (2024, "202503/t20250310_97791.htm", "2025-03-10"),
            (2023, "202403/t20240308_87885.htm", "2024-03-08"), (2022, "202302/t20230220_80629.htm", "2023-02-20"),
            (2021, "202202/t20220208_80613.htm", "2022-02-08"), (2020, "202103/t20210305_80595.htm", "2021-03-05"),
            (2019, "202001/t20200120_80576.htm", "2020-01-20"), (2018, "201901/t20190110_80529.htm", "2019-01-10"),
            (2017, "201801/t20180123_80506.htm", "2018-01-23"), (2016, "201701/t20170118_80485.htm", "2017-01-18"),
        };
        Assert.Equal(
            expected.Select(e => new ListItem($"平潭综合实验区{e.Year}年度政府信息公开工作年度报告", Pingtan.ListUrl("zfxxgk/zfxxgknb") + e.Url, e.Date)),
            list.Items);
        Assert.Equal(20, content.ClaimedCount);
        Assert.True(content.ScriptedList);
        Assert.Single(content.Lists, l => l.DatedCount > 0);
    }

    [Fact]
    public void Rules_list_has_fifteen_static_items_of_thirty_four()
    {
        var content = Extract("zfxxgk/zfxxgkzd");
        var list = MainList(content);
        Assert.Equal(15, list.Items.Count);
        Assert.Equal(15, list.DatedCount);
        Assert.Equal(34, content.ClaimedCount);
        Assert.Equal(new ListItem("最高人民法院关于审理政府信息公开行政案件适用法律若干问题的解释",
            Pingtan.ListUrl("zfxxgk/zfxxgkzd") + "202508/t20250818_100984.htm", "2025-05-21"), list.Items[0]);
        Assert.Equal(new ListItem("国务院办公厅政府信息与政务公开办公室 关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知",
            Pingtan.ListUrl("zfxxgk/zfxxgkzd") + "202311/t20231108_80912.htm", "2021-10-01"), list.Items[3]);
        // The list's own dates, not the URLs' (t20250818 is listed as 2025-05-21).
        Assert.All(list.Items, i => Assert.NotNull(i.Date));
    }

    [Fact]
    public void Personnel_list_is_one_list_of_seventy_five_across_fifteen_static_groups()
    {
        var content = Extract("zfxxgk/fdzdgknr/zkly/rsrm");
        var list = MainList(content);
        Assert.Equal(75, list.Items.Count);
        Assert.Equal(75, list.DatedCount);
        Assert.Equal(127, content.ClaimedCount);
        Assert.True(content.ScriptedList);
        var baseUrl = Pingtan.ListUrl("zfxxgk/fdzdgknr/zkly/rsrm");
        Assert.Equal(new ListItem("平潭综合实验区党工委关于江涛等同志职务职级任免的通知", baseUrl + "202602/t20260205_105072.htm", "2025-08-05"), list.Items[0]);
        Assert.Equal(new ListItem("平潭综合实验区党工委关于廖振华同志任职的通知", baseUrl + "202602/t20260205_105069.htm", "2025-05-07"), list.Items[3]);
        Assert.Equal(new ListItem("平潭综合实验区党工委关于陈信锥同志免职的通知", baseUrl + "202602/t20260203_105019.htm", "2025-06-27"), list.Items[4]);
        Assert.Equal(75, list.Items.Select(i => i.Url).Distinct().Count());
    }

    [Theory]
    [InlineData("zfxxgk/fdzdgknr/hzcfhzqz/bljggs")]
    [InlineData("zfxxgk/fdzdgknr/hzcfhzqz/bszn")]
    public void A_column_that_only_refreshes_to_another_platform_has_no_list_and_says_nothing(string column)
    {
        var extract = LinkExtractor.Extract(Pingtan.List(column), new Uri(Pingtan.ListUrl(column)), ReadOn);
        Assert.Empty(extract.Content!.Lists);
        Assert.False(extract.Content.SaysEmpty);
        Assert.NotNull(extract.Refresh);
    }

    [Fact]
    public void Document_pages_carry_their_publication_date_and_say_their_related_documents_are_scripted()
    {
        var doc = LinkExtractor.Extract(Pingtan.Document("ghxx/ztgh/202211", "40927"),
            new Uri(Pingtan.DocumentUrl("ghxx/ztgh/202211", "t20221122_40927.htm")), ReadOn).Content!;
        Assert.Equal("2022-05-13", doc.Published);
        Assert.True(doc.ScriptedRelations);
        var guide = LinkExtractor.Extract(Pingtan.Document("zfxxgk/zfxxgkzn/202311", "51587"),
            new Uri(Pingtan.DocumentUrl("zfxxgk/zfxxgkzn/202311", "t20231104_51587.htm")), ReadOn).Content!;
        Assert.Equal("2024-03-23", guide.Published); // PubDate, not the URL's t20231104
    }
}
