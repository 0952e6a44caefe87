using SiteAudit.Core.Profiles;
using static SiteAudit.Core.Tests.ProblemAssert;

namespace SiteAudit.Core.Tests;

/// <summary>The content rules' profile keys: veto, interpretation, departments, and the columns' minItems and standardCatalog.</summary>
public sealed class ProfileContentKeysTests : IDisposable
{
    private static readonly ProfileCatalog Shipped = new([TestPaths.ProfilesDir]);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Base = """
        id: base
        name: 基础
        freshness:
          dynamic: 14
          first-level: 183
        section:
          names: [政府信息公开]
        columns:
          - {id: policy, name: 政策文件, freshness: first-level}
          - {id: news, name: 工作动态, freshness: dynamic}
        veto:
          homepageDays: 14
          staleColumns: 5
          staleClasses: [dynamic, first-level]
          longUnupdatedDays: 366
          longUnupdatedColumns: 10
          emptyColumns: 5
        interpretation:
          documentColumns: [policy]
          lagDays: 3
          workingDays: true
        """;

    private IReadOnlyList<InputProblem> Check(string yaml, string file = "p.yaml") =>
        new ProfileCatalog([_dir.Path]).Validate([_dir.Write(file, yaml)]);

    [Fact]
    public void The_county_portal_states_every_threshold()
    {
        var p = Shipped.Resolve("county-portal");
        Assert.Equal((14, 5, 366, 10, 5), (p.Veto!.HomepageDays, p.Veto.StaleColumns, p.Veto.LongUnupdatedDays, p.Veto.LongUnupdatedColumns, p.Veto.EmptyColumns));
        Assert.Equal(["dynamic", "first-level"], p.Veto.StaleClasses);
        Assert.Equal(["policy", "regulations"], p.Interpretation!.DocumentColumns);
        Assert.Equal(3, p.Interpretation.LagDays);
        Assert.True(p.Interpretation.WorkingDays);
        Assert.Contains("废止", p.Interpretation.ExemptTitles);
        Assert.Contains("部门信息公开", p.Departments!.Names);
        Assert.Equal("department-site", p.Departments.UnitProfile!.Id);
        Assert.Equal("01-31", p.Departments.UnitProfile.AnnualReportDeadline);
    }

    [Fact]
    public void A_department_site_inherits_the_thresholds_but_lists_no_departments()
    {
        var p = Shipped.Resolve("department-site");
        Assert.Null(p.Departments);
        Assert.Equal(Shipped.Resolve("county-portal").Veto!.HomepageDays, p.Veto!.HomepageDays);
        Assert.NotNull(p.Interpretation);
    }

    [Fact]
    public void Grassroots_26_adds_the_column_and_its_26_areas()
    {
        var p = Shipped.Resolve("grassroots-26");
        Assert.Equal("county-portal", Shipped.Resolve("county-portal").Id);
        var column = p.Column("grassroots")!;
        Assert.True(column.Required);
        Assert.Null(column.Parent);
        var areas = p.Children("grassroots").ToList();
        Assert.Equal(26, areas.Count);
        Assert.Equal(
            ["重大建设项目", "公共资源交易", "义务教育", "户籍管理", "社会救助", "养老服务", "公共法律服务", "财政预决算", "就业", "社会保险",
             "城乡规划", "农村集体土地征收", "生态环境", "保障性住房", "国有土地上房屋征收", "农村危房改造", "市政服务", "城市综合执法",
             "涉农补贴", "公共文化服务", "卫生健康", "安全生产", "救灾", "食品药品监管", "税收管理", "扶贫"],
            areas.Select(a => a.Name));
        Assert.All(areas, a =>
        {
            Assert.True(a.Required);
            Assert.Equal("grassroots", a.Freshness);
            Assert.Equal(4, a.MinItems);
            Assert.Contains("标准目录", a.StandardCatalog!);
        });
        Assert.Equal(90, p.FreshnessDays["grassroots"]);
        // Everything of the county portal is still there.
        Assert.NotNull(p.Column("guide"));
        Assert.Equal(14, p.Veto!.HomepageDays);
        Assert.Equal("department-site", p.Departments!.Profile);
    }

    [Fact]
    public void A_child_overrides_one_threshold_and_can_switch_a_section_off()
    {
        _dir.Write("base.yaml", Base);
        _dir.Write("child.yaml", """
            id: child
            name: 子配置
            extends: base
            veto:
              homepageDays: 7
            interpretation: null
            """);
        var p = new ProfileCatalog([_dir.Path]).Resolve("child");
        Assert.Equal(7, p.Veto!.HomepageDays);
        Assert.Equal(5, p.Veto.StaleColumns);
        Assert.Null(p.Interpretation);
        Assert.Null(p.Departments);
    }

    [Fact]
    public void Problems_in_the_new_keys_are_reported_at_their_lines()
    {
        var problems = Check("""
            id: p
            name: 测试
            freshness:
              dynamic: 14
            section:
              names: [政府信息公开]
            columns:
              - {id: policy, name: 政策文件, minItems: 0, standardCatalog: 标准目录}
            veto:
              homepageDays: 14
              staleClasse: [dynamic]
            interpretation:
              documentColumns: [policy, zcjd]
              lagDays: -1
            """);
        Has(problems, 8, "minItems", "正整数");
        Has(problems, 8, "standardCatalog", "列表");
        Has(problems, 11, "未知字段", "staleClasse", "staleClasses");
        Has(problems, 9, "veto 缺少字段", "staleColumns");
        Has(problems, 13, "documentColumns", "zcjd");
        Has(problems, 14, "lagDays", "非负整数");
    }

    [Fact]
    public void The_units_profile_must_exist()
    {
        var problems = Check(Base.Replace("id: base", "id: p") + "\ndepartments:\n  names: [部门信息公开]\n  profile: no-such-profile\n");
        Has(problems, 24, "departments.profile", "no-such-profile");
    }

    [Fact]
    public void Stale_classes_must_be_freshness_classes()
    {
        var problems = Check(Base.Replace("staleClasses: [dynamic, first-level]", "staleClasses: [dynamic, yearly]").Replace("id: base", "id: p"));
        Has(problems, 14, "veto.staleClasses", "yearly", "未定义");
    }
}
