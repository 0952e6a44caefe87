using SiteAudit.Core.Model;
using SiteAudit.Crawling.Extraction;
using SiteAudit.Rules.AnnualReports;
using SiteAudit.Rules.Guide;
using SiteAudit.Rules.Interpretation;
using SiteAudit.Tests.Rules;

namespace SiteAudit.Tests.Content;

/// <summary>
/// The content rules on the real saved pingtan pages: its guide judged element by element, its 2024 and 2025 annual
/// reports complete with part 三 adding up, and each of its policy documents matched to its 解读.
/// </summary>
public class PingtanRulesTests
{
    private static readonly string Home = Pingtan.Origin + "/";
    private static readonly string Section = Pingtan.ListUrl("zfxxgk/zfxxgknb");
    private static readonly DateOnly ReadOn = new(2026, 11, 22);

    /// <summary>A homepage leading to the 政府信息公开 section; the saved 年报 list page stands for the section (it carries its menu).</summary>
    private static InMemoryFacts Site() => new InMemoryFacts { Today = ReadOn }
        .Page(Home, $"""<html><body><a href="{Section}">政府信息公开</a><p>平潭综合实验区党工委管委会</p></body></html>""")
        .Page(Section, Pingtan.List("zfxxgk/zfxxgknb"))
        .Page(Section + "nlist.htm", Pingtan.List("zfxxgk/zfxxgknb")); // the menu's link to the same list

    [Fact]
    public async Task The_guide_lacks_only_a_fax_number_and_its_consulting_hours_count_as_office_hours()
    {
        const string folder = "zfxxgk/zfxxgkzn/202311";
        var guideUrl = Pingtan.DocumentUrl(folder, "t20231104_51587.htm");
        var facts = Site()
            .Page(Pingtan.ListUrl("zfxxgk/zfxxgkzn"), $"""<ul><li><a href="./202311/t20231104_51587.htm">平潭综合实验区政府信息公开指南</a><span>2024-03-23</span></li></ul>""")
            .Page(guideUrl, Pingtan.Document(folder, "51587"));
        var context = await RuleHarness.ContextAsync(facts, Home, FixedTime.ChinaDay(2026, 11, 22));

        var finding = Assert.Single(await RuleHarness.RunAsync(new GuideIncompleteRule(), context));
        Assert.Equal(RuleIds.GuideIncomplete, finding.Rule);
        Assert.Equal(guideUrl, finding.Url);
        Assert.Equal(["传真号码"], finding.Evidence["lacking"]!.AsArray().Select(n => n!.GetValue<string>()));
        var found = finding.Evidence["found"]!.AsObject();
        Assert.Equal("咨询时间", found["办公时间"]!.GetValue<string>());
        Assert.Equal("通信地址", found["办公地址"]!.GetValue<string>());
        Assert.NotNull(found["联系电话"]); // 咨询电话 0591-23165385 (and the archives' 联系电话)
        Assert.NotNull(found["分类"]); // 信息类别 (索引号), 公开范围
        Assert.Equal("编排体系", found["编排体系"]!.GetValue<string>());
        Assert.Contains("第十二条", finding.Message);
        Assert.Contains("“咨询时间”视为办公时间", finding.Message);
    }

    [Theory]
    [InlineData("202503", "97791", 2024)]
    [InlineData("202603", "105587", 2025)]
    public void Both_reports_have_the_six_parts_and_part_three_adds_up(string month, string docId, int year)
    {
        var text = LinkExtractor.Extract(Pingtan.Document($"zfxxgk/zfxxgknb/{month}", docId), new Uri(Section), ReadOn).Content!.Text;
        var check = AnnualReportText.Check(text);
        Assert.Empty(check.Lacking);
        Assert.Equal(6, check.Found.Count);
        Assert.True(check.TableAddsUp);
        if (year == 2025) Assert.Equal((154, 0, 148, 6), check.Table);
    }

    private static InMemoryFacts WithReports(InMemoryFacts facts) => facts
        .Page(Section + "202503/t20250310_97791.htm", Pingtan.Document("zfxxgk/zfxxgknb/202503", "97791"))
        .Page(Section + "202603/t20260313_105587.htm", Pingtan.Document("zfxxgk/zfxxgknb/202603", "105587"));

    [Theory]
    [InlineData(2026, 11, 22)]   // 2025 report due by 2026-03-31: published 2026-03-10
    [InlineData(2026, 3, 1)]     // 2024 report due by 2025-03-31
    public async Task Reports_on_time_are_not_missing_and_the_newest_is_complete(int y, int m, int d)
    {
        var context = await RuleHarness.ContextAsync(WithReports(Site()), Home, FixedTime.ChinaDay(y, m, d));
        Assert.Equal(Section + "nlist.htm", context.Columns["annual-report"]!.Url);
        Assert.Empty(await RuleHarness.RunAsync(new AnnualReportMissingRule(), context));
        Assert.Empty(await RuleHarness.RunAsync(new AnnualReportIncompleteRule(), context));
    }

    [Fact]
    public async Task After_the_next_deadline_the_2026_report_is_missing()
    {
        var context = await RuleHarness.ContextAsync(WithReports(Site()), Home, FixedTime.ChinaDay(2027, 4, 1));
        var finding = Assert.Single(await RuleHarness.RunAsync(new AnnualReportMissingRule(), context));
        Assert.Equal(2026, finding.Evidence["year"]!.GetValue<int>());
        Assert.Equal("2027-03-31", finding.Evidence["deadline"]!.GetValue<string>());
        Assert.Equal("annual-report", finding.Column);
        Assert.Null(finding.Url);
        Assert.Contains("第五十条", finding.Message);
    }

    // Where the real section menu leads: 政策文件库 and 解读回应 (their pages are not in the archive, so stand-ins are served).
    private const string Policies = "https://www.pingtan.gov.cn/zwgk/zcwjk/";
    private const string Interpretations = "https://www.pingtan.gov.cn/jdhy/";
    private const string Doc40927 = "https://www.pingtan.gov.cn/zwgk/ghxx/ztgh/202211/t20221122_40927.htm";
    private const string Doc40928 = "https://www.pingtan.gov.cn/zwgk/ghxx/ztgh/202211/t20221122_40928.htm";
    private const string Doc102350 = "https://www.pingtan.gov.cn/zwgk/zfxxgk/gwhwj/hzgfxwj/202510/t20251029_102350.htm";
    private const string Jd41840 = "https://www.pingtan.gov.cn/zwgk/ztzl/sswgh/sswjd/202211/t20221130_41840.htm";
    private const string Jd41904 = "https://www.pingtan.gov.cn/zwgk/ztzl/sswgh/sswjd/202211/t20221130_41904.htm";

    /// <summary>The three policy documents listed in the 政策文件 column and the two 解读 in the 解读 column.</summary>
    private static InMemoryFacts PolicySite() => Site()
        .Page(Policies, $"""
            <ul class="list">
              <li><a href="{Doc102350}">平潭综合实验区管委会关于废止《平潭综合实验区管委会关于印发〈平潭综合实验区政府集中采购目录及限额标准〉的通知》的决定</a><span>2025-06-26</span></li>
              <li><a href="{Doc40928}">平潭综合实验区管委会关于印发《平潭综合实验区“十四五”城乡基础设施专项规划》的通知</a><span>2022-06-08</span></li>
              <li><a href="{Doc40927}">平潭综合实验区管委会关于印发《平潭综合实验区“十四五”综合交通运输规划》的通知</a><span>2022-05-13</span></li>
            </ul>
            """)
        .Page(Interpretations, $"""
            <ul class="list">
              <li><a href="{Jd41904}">关于《平潭综合实验区“十四五”城乡基础设施建设专项规划》的政策解读</a><span>2022-06-08</span></li>
              <li><a href="{Jd41840}">关于《平潭综合实验区“十四五”综合交通运输规划》的政策解读</a><span>2022-05-13</span></li>
            </ul>
            """)
        .Page(Doc40927, Pingtan.Document("ghxx/ztgh/202211", "40927"))
        .Page(Doc40928, Pingtan.Document("ghxx/ztgh/202211", "40928"))
        .Page(Doc102350, Pingtan.Document("zfxxgk/gwhwj/hzgfxwj/202510", "102350"))
        .Page(Jd41840, Pingtan.Document("ztzl/sswgh/sswjd/202211", "41840"))
        .Page(Jd41904, Pingtan.Document("ztzl/sswgh/sswjd/202211", "41904"));

    [Fact]
    public async Task Each_policy_document_is_matched_to_its_interpretation()
    {
        var context = await RuleHarness.ContextAsync(PolicySite(), Home, FixedTime.ChinaDay(2026, 11, 22));
        var matches = await InterpretationMatcher.MatchAsync(context, CancellationToken.None);

        // The 废止 decision is exempt; each 规划 is matched by the 解读's static 相关文件 link (its own link is scripted).
        Assert.Equal([Doc40928, Doc40927], matches.Select(m => m.DocumentUrl));
        Assert.Equal([Jd41904, Jd41840], matches.Select(m => m.InterpretationUrl));
        Assert.All(matches, m =>
        {
            Assert.Equal("link-to-document", m.MatchedBy);
            Assert.True(m.LinksToDocument);
            Assert.False(m.LinksToInterpretation);
            Assert.True(m.DocumentScripted);
            Assert.Equal("文字", m.Form);
        });
        Assert.Equal(new DateOnly(2022, 6, 8), matches[0].DocumentDate);
        Assert.Equal(new DateOnly(2022, 6, 8), matches[0].InterpretationDate);

        // Linked one way in HTML, the other way by script: neither missing nor unlinked nor late.
        Assert.Empty(await RuleHarness.RunAsync(new InterpretationMissingRule(), context));
        Assert.Empty(await RuleHarness.RunAsync(new InterpretationUnlinkedRule(), context));
        Assert.Empty(await RuleHarness.RunAsync(new InterpretationLateRule(), context));
    }

    [Fact]
    public async Task Without_the_exemption_the_repeal_decision_has_no_interpretation()
    {
        var profile = RuleHarness.Profile();
        profile = profile with { Interpretation = profile.Interpretation! with { ExemptTitles = [] } };
        var context = await RuleHarness.ContextAsync(PolicySite(), Home, FixedTime.ChinaDay(2026, 11, 22), profile);
        var finding = Assert.Single(await RuleHarness.RunAsync(new InterpretationMissingRule(), context));
        Assert.Equal(Doc102350, finding.Url);
        Assert.Contains("国办发〔2016〕80号", finding.Message);
    }

    [Fact]
    public async Task Titles_alone_match_a_document_to_its_interpretation_when_neither_links()
    {
        Assert.Equal("平潭综合实验区“十四五”综合交通运输规划",
            InterpretationMatcher.CoreName("平潭综合实验区管委会关于印发《平潭综合实验区“十四五”综合交通运输规划》的通知"));
        Assert.True(InterpretationMatcher.TitleNames("关于《平潭综合实验区“十四五”综合交通运输规划》的政策解读",
            "平潭综合实验区管委会关于印发《平潭综合实验区“十四五”综合交通运输规划》的通知"));
        // The 解读 of 40928 names a slightly different plan (…城乡基础设施建设专项规划): only its link matches it.
        Assert.False(InterpretationMatcher.TitleNames("关于《平潭综合实验区“十四五”城乡基础设施建设专项规划》的政策解读",
            "平潭综合实验区管委会关于印发《平潭综合实验区“十四五”城乡基础设施专项规划》的通知"));
        await Task.CompletedTask;
    }
}
