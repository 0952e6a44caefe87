using SiteAudit.Core.Profiles;

namespace SiteAudit.Core.Tests;

/// <summary>profiles/county-portal.yaml and profiles/department-site.yaml against DOMAIN.md §1–§2.</summary>
public sealed class ShippedProfilesTests
{
    private static readonly ProfileCatalog Catalog = new([TestPaths.ProfilesDir]);

    private static readonly string[] Statutory = ["guide", "rules", "statutory", "catalog", "annual-report"];

    private static readonly string[] Article20 =
    [
        "regulations", "org-functions", "plans", "statistics", "licensing", "penalties", "budget", "fees",
        "procurement", "major-projects", "livelihood", "emergency", "supervision", "civil-servants", "other",
    ];

    /// <summary>The 第二十条 categories every county portal carries under some name: required under 法定主动公开内容.</summary>
    private static readonly string[] RequiredCategories = ["regulations", "org-functions", "plans", "budget"];

    private static readonly string[] Article21 =
        ["municipal", "public-services", "public-welfare", "land-acquisition", "housing-expropriation", "public-security", "social-assistance"];

    [Fact]
    public void Every_shipped_profile_validates_clean()
    {
        Assert.Empty(Catalog.Validate());
        Assert.Equal(["county-portal", "department-site", "grassroots-26"], Catalog.Ids);
    }

    [Theory]
    [InlineData("county-portal")]
    [InlineData("department-site")]
    public void The_required_section_columns_are_exactly_the_five_statutory_ones_and_four_categories_below_them(string id)
    {
        var profile = Catalog.Resolve(id);
        Assert.Equal(Statutory, profile.Columns.Where(c => c.Required && c.Parent is null).Select(c => c.Id));
        Assert.Equal(RequiredCategories, profile.Columns.Where(c => c.Required && c.Parent is not null).Select(c => c.Id));
        Assert.All(profile.Columns.Where(c => c.Required && c.Parent is not null), c => Assert.Equal("statutory", c.Parent));
        Assert.All(profile.Columns, c => Assert.True(c.Line > 0, c.Id));
    }

    [Fact]
    public void County_portal_matches_domain_section_1()
    {
        var p = Catalog.Resolve("county-portal");
        Assert.Equal(ProfileKinds.Government, p.Kind);
        Assert.Equal("03-31", p.AnnualReportDeadline);
        Assert.Equal(["政府信息公开", "信息公开", "政务公开"], p.Section.Names);
        Assert.Equal(["zfxxgk", "xxgk", "zwgk"], p.Section.UrlHints);
        Assert.Equal(14, p.FreshnessDays["dynamic"]);
        Assert.Equal(183, p.FreshnessDays["first-level"]);
        Assert.Equal(366, p.FreshnessDays["yearly"]);

        (string Id, string Name, string[] Aliases, string[] Hints)[] statutory =
        [
            ("guide", "政府信息公开指南", ["信息公开指南", "公开指南"], ["zfxxgkzn", "xxgkzn", "gkzn"]),
            ("rules", "政府信息公开制度", ["信息公开制度", "公开制度"], ["zfxxgkzd", "xxgkzd", "gkzd"]),
            ("statutory", "法定主动公开内容", ["法定主动公开", "主动公开内容"], ["fdzdgknr"]),
            ("catalog", "主动公开基本目录", ["主动公开目录", "信息公开目录", "公开目录", "政府信息公开目录"], ["gkml", "zdgkml"]),
            ("annual-report", "政府信息公开年报", ["政府信息公开工作年度报告", "政府信息公开年度报告", "信息公开年报", "年度报告"],
                ["zfxxgknb", "xxgknb", "gknb", "ndbg"]),
        ];
        foreach (var (id, name, aliases, hints) in statutory)
        {
            var c = p.Column(id)!;
            Assert.Equal(name, c.Name);
            Assert.Equal(aliases, c.Aliases);
            Assert.Equal(hints, c.UrlHints);
            Assert.Null(c.Parent);
        }
        Assert.Equal("yearly", p.Column("annual-report")!.Freshness);

        (string Id, string Name, string[] SomeAliases, string? Freshness)[] others =
        [
            ("news", "工作动态", ["政务动态", "要闻", "部门动态", "乡镇动态"], "dynamic"),
            ("notices", "通知公告", ["公示公告"], "first-level"),
            ("policy", "政策文件", ["规范性文件", "法规文件", "文件发布"], "first-level"),
            ("interpretation", "政策解读", ["图解政策", "解读回应"], null),
            ("personnel", "人事信息", ["人事任免"], "yearly"),
            ("planning", "规划计划", ["规划信息", "发展规划"], "yearly"),
        ];
        foreach (var (id, name, aliases, freshness) in others)
        {
            var c = p.Column(id)!;
            Assert.Equal(name, c.Name);
            Assert.All(aliases, a => Assert.Contains(a, c.Aliases));
            Assert.Equal(freshness, c.Freshness);
            Assert.False(c.Required);
            Assert.NotEmpty(c.UrlHints);
        }
    }

    [Fact]
    public void County_portal_has_the_article_20_and_21_categories_under_statutory()
    {
        var p = Catalog.Resolve("county-portal");
        var subs = p.Columns.Where(c => c.Parent == "statutory").ToList();
        Assert.Equal([.. Article20, .. Article21], subs.Select(c => c.Id));
        Assert.All(subs, c => Assert.Equal(RequiredCategories.Contains(c.Id), c.Required));
    }

    [Fact]
    public void Department_site_extends_county_portal_without_article_21()
    {
        var p = Catalog.Resolve("department-site");
        Assert.Equal(ProfileKinds.Department, p.Kind);
        Assert.Equal("01-31", p.AnnualReportDeadline);
        Assert.Contains("部门信息公开", p.Section.Names);
        Assert.Contains("政府信息公开", p.Section.Names);
        Assert.Equal(Article20, p.Columns.Where(c => c.Parent == "statutory").Select(c => c.Id));
        Assert.All(Article21, id => Assert.Null(p.Column(id)));
        Assert.DoesNotContain("乡镇动态", p.Column("news")!.Aliases);
        Assert.Equal("dynamic", p.Column("news")!.Freshness);

        var county = Catalog.Resolve("county-portal");
        foreach (var id in Statutory)
            Assert.Equivalent(county.Column(id), p.Column(id));
    }

    [Fact]
    public void Column_names_and_aliases_do_not_repeat_within_a_profile()
    {
        foreach (var id in Catalog.Ids)
        {
            var p = Catalog.Resolve(id);
            var top = p.Columns.Where(c => c.Parent is null).SelectMany(c => c.Aliases.Prepend(c.Name)).ToList();
            Assert.Equal(top.Count, top.Distinct().Count());
        }
    }
}
