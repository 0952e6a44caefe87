using SiteAudit.Core.Profiles;
using static SiteAudit.Core.Tests.ProblemAssert;

namespace SiteAudit.Core.Tests;

/// <summary>`extends`: fields override, columns merge by id (override stated fields, remove, append), cycles.</summary>
public sealed class ProfileExtendsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Base = """
        id: base
        name: 基础配置
        freshness:
          dynamic: 14
          yearly: 366
        section:
          names: [政府信息公开, 信息公开]
          urlHints: [xxgk]
        columns:
          - id: guide
            name: 政府信息公开指南
            aliases: [公开指南]
            urlHints: [gkzn]
            required: true
          - id: statutory
            name: 法定主动公开内容
            required: true
          - id: budget
            name: 财政预决算
            parent: statutory
          - id: news
            name: 工作动态
            aliases: [政务动态]
            freshness: dynamic
        """;

    private ProfileCatalog Catalog() => new([_dir.Path]);

    /// <summary>Writes base.yaml and child.yaml (`id: child`, `extends: base`, then <paramref name="body"/> from line 4).</summary>
    private string WriteChild(string body)
    {
        _dir.Write("base.yaml", Base);
        return _dir.Write("child.yaml", "id: child\nname: 子配置\nextends: base\n" + body.ReplaceLineEndings("\n") + "\n");
    }

    [Fact]
    public void Child_overrides_only_the_fields_it_states_and_keeps_the_order()
    {
        WriteChild("""
            columns:
              - id: news
                required: true
              - id: guide
                aliases: [信息公开指南]
              - id: notices
                name: 通知公告
                freshness: yearly
            """);
        var child = Catalog().Resolve("child");

        Assert.Equal("子配置", child.Name);
        Assert.Equal(["guide", "statutory", "budget", "news", "notices"], child.Columns.Select(c => c.Id));
        var news = child.Column("news")!;
        Assert.True(news.Required);
        Assert.Equal("工作动态", news.Name);
        Assert.Equal(["政务动态"], news.Aliases);
        Assert.Equal("dynamic", news.Freshness);
        Assert.Equal(5, news.Line); // where the child's entry starts

        var guide = child.Column("guide")!;
        Assert.Equal(["信息公开指南"], guide.Aliases);
        Assert.Equal(["gkzn"], guide.UrlHints);
        Assert.True(guide.Required);
        Assert.Equal(7, guide.Line);

        Assert.Equal(18, child.Column("budget")!.Line); // untouched: the line in base.yaml
        Assert.Equal("statutory", child.Column("budget")!.Parent);
        Assert.Equal(9, child.Column("notices")!.Line);
        Assert.False(child.Column("notices")!.Required);

        Assert.Equal(["政府信息公开", "信息公开"], child.Section.Names);
        Assert.Equal(["xxgk"], child.Section.UrlHints);
        Assert.Equal(Path.Combine(_dir.Path, "child.yaml"), child.SourceFile);
    }

    [Fact]
    public void Child_can_null_out_freshness_and_parent()
    {
        WriteChild("""
            columns:
              - {id: news, freshness: null}
              - {id: budget, parent: null}
            """);
        var child = Catalog().Resolve("child");
        Assert.Null(child.Column("news")!.Freshness);
        Assert.Null(child.Column("budget")!.Parent);
    }

    [Fact]
    public void Remove_drops_the_parents_column()
    {
        WriteChild("""
            columns:
              - {id: budget, remove: true}
              - id: news
                remove: true
            """);
        var child = Catalog().Resolve("child");
        Assert.Equal(["guide", "statutory"], child.Columns.Select(c => c.Id));
        Assert.Equal(4, Catalog().Resolve("base").Columns.Count); // the parent is unchanged
    }

    [Fact]
    public void Remove_of_a_column_the_parent_lacks_is_an_error()
    {
        var child = WriteChild("columns:\n  - {id: nothing, remove: true}");
        Has(Catalog().Validate([child]), 5, "要删除的栏目在上级配置 base 中不存在");
    }

    [Fact]
    public void Removing_a_column_that_is_still_a_parent_is_an_error_at_the_removal()
    {
        var child = WriteChild("columns:\n  - {id: statutory, remove: true}");
        Has(Catalog().Validate([child]), 5, "删除了栏目 “statutory”，但这些栏目仍以它为 parent：budget");
    }

    [Fact]
    public void Freshness_classes_merge_over_the_parents()
    {
        WriteChild("""
            freshness:
              dynamic: 7
              monthly: 31
            columns:
              - {id: guide, freshness: monthly}
            """);
        var child = Catalog().Resolve("child");
        Assert.Equal(7, child.FreshnessDays["dynamic"]);
        Assert.Equal(366, child.FreshnessDays["yearly"]);
        Assert.Equal(31, child.FreshnessDays["monthly"]);
        Assert.Equal("monthly", child.Column("guide")!.Freshness);
    }

    [Fact]
    public void Child_freshness_must_name_a_class_of_the_merged_profile()
    {
        var child = WriteChild("columns:\n  - id: news\n    freshness: weekly");
        var p = Has(Catalog().Validate([child]), 6, "freshness “weekly” 未定义");
        Assert.Contains("dynamic, yearly", p.Problem);
    }

    [Fact]
    public void Child_parent_must_name_a_column_of_the_merged_profile()
    {
        var child = WriteChild("""
            columns:
              - {id: plans, name: 规划, parent: statutory}
              - {id: news, parent: plans}
              - {id: guide, parent: nothing}
            """);
        var problems = Catalog().Validate([child]);
        var p = Assert.Single(problems);
        Assert.Equal(7, p.Line);
        Assert.Contains("parent “nothing”", p.Problem);
    }

    [Fact]
    public void Kind_and_deadline_are_inherited_or_follow_a_changed_kind()
    {
        _dir.Write("base.yaml", Base + "\nannualReportDeadline: \"03-15\"\n");
        _dir.Write("same.yaml", "id: same\nname: 同类\nextends: base\n");
        _dir.Write("dept.yaml", "id: dept\nname: 部门\nextends: base\nkind: department\n");
        _dir.Write("own.yaml", "id: own\nname: 自定\nextends: dept\nannualReportDeadline: \"02-01\"\n");
        _dir.Write("grandchild.yaml", "id: grandchild\nname: 孙\nextends: own\n");
        var catalog = Catalog();
        Assert.Equal(("government", "03-15"), (catalog.Resolve("same").Kind, catalog.Resolve("same").AnnualReportDeadline));
        Assert.Equal(("department", "01-31"), (catalog.Resolve("dept").Kind, catalog.Resolve("dept").AnnualReportDeadline));
        Assert.Equal(("department", "02-01"), (catalog.Resolve("own").Kind, catalog.Resolve("own").AnnualReportDeadline));
        var grandchild = catalog.Resolve("grandchild");
        Assert.Equal(("department", "02-01"), (grandchild.Kind, grandchild.AnnualReportDeadline));
        Assert.Equal(4, grandchild.Columns.Count);
    }

    [Fact]
    public void Section_lists_are_replaced_as_a_whole()
    {
        WriteChild("section:\n  names: [部门信息公开]");
        var child = Catalog().Resolve("child");
        Assert.Equal(["部门信息公开"], child.Section.Names);
        Assert.Equal(["xxgk"], child.Section.UrlHints);
    }

    [Fact]
    public void Extends_by_relative_path_and_by_id_in_the_same_folder()
    {
        _dir.Write("base.yaml", Base);
        var other = _dir.Write("custom/mine.yaml", "id: mine\nname: 自定义\nextends: ../base.yaml\n");
        _dir.Write("custom/sibling-base.yaml", Base.Replace("id: base", "id: sibling-base").Replace("name: 基础配置", "name: 同目录"));
        var sibling = _dir.Write("custom/uses-sibling.yaml", "id: uses-sibling\nname: 同目录子\nextends: sibling-base\n");
        var byIdInCatalog = _dir.Write("custom/uses-catalog.yaml", "id: uses-catalog\nname: 目录\nextends: base\n");
        var catalog = Catalog();
        Assert.Equal(4, catalog.Resolve(other).Columns.Count);
        Assert.Equal(4, catalog.Resolve(sibling).Columns.Count);
        Assert.Equal(4, catalog.Resolve(byIdInCatalog).Columns.Count);
        Assert.Empty(catalog.Validate([other, sibling, byIdInCatalog]));
    }

    [Fact]
    public void Profile_path_is_resolved_relative_to_the_referring_file()
    {
        _dir.Write("base.yaml", Base);
        var profile = Catalog().Resolve("base.yaml", Path.Combine(_dir.Path, "sites.yaml"));
        Assert.Equal("base", profile.Id);
    }

    [Fact]
    public void A_cycle_is_reported_in_every_file_of_it()
    {
        var a = _dir.Write("a.yaml", Base.Replace("id: base", "id: a") + "\nextends: b\n");
        var b = _dir.Write("b.yaml", "id: b\nname: 乙\nextends: c\n");
        var c = _dir.Write("c.yaml", "# c\nid: c\nname: 丙\nextends: a\n");
        var problems = Catalog().Validate([a]);
        Assert.Contains(new InputProblem(a, 25, "extends 形成循环：a.yaml → b.yaml → c.yaml → a.yaml"), problems);
        Assert.Contains(new InputProblem(b, 3, "extends 形成循环：b.yaml → c.yaml → a.yaml → b.yaml"), problems);
        Assert.Contains(new InputProblem(c, 4, "extends 形成循环：c.yaml → a.yaml → b.yaml → c.yaml"), problems);
        Assert.Equal(3, problems.Count);

        var e = Assert.Throws<InputException>(() => Catalog().Resolve("b"));
        Assert.Equal(3, e.Problems.Count);
    }

    [Fact]
    public void A_child_of_a_cycle_says_its_parent_is_broken()
    {
        _dir.Write("a.yaml", "id: a\nname: 甲\nextends: b\n");
        _dir.Write("b.yaml", "id: b\nname: 乙\nextends: a\n");
        var child = _dir.Write("child.yaml", "id: child\nname: 子\nextends: a\n");
        var problems = Catalog().Validate([child]);
        Has(problems, 3, "extends：上级配置 “a” 有错误");
        Assert.Equal(child, problems[0].File);
        Assert.Contains(problems, p => p.File.EndsWith("a.yaml") && p.Problem.Contains("循环"));
    }

    [Fact]
    public void A_broken_parent_fails_the_child_with_the_parents_problems_and_file()
    {
        var parent = _dir.Write("base.yaml", Base.Replace("required: true", "required: yes"));
        var child = _dir.Write("child.yaml", "id: child\nname: 子\nextends: base\ncolumns:\n  - {id: news, required: true}\n");
        var e = Assert.Throws<InputException>(() => Catalog().Resolve("child"));
        Has(e.Problems.Where(p => p.File == child), 3, "上级配置 “base” 有错误");
        Has(e.Problems.Where(p => p.File == parent), 14, "字段 “required” 应为 true 或 false");
        Has(e.Problems.Where(p => p.File == parent), 17, "字段 “required” 应为 true 或 false");

        // Validating both lists the parent's problems once.
        var all = Catalog().Validate([parent, child]);
        Assert.Equal(3, all.Count);
    }

    [Fact]
    public void Extends_must_be_a_string()
    {
        _dir.Write("base.yaml", Base);
        var child = _dir.Write("child.yaml", "id: child\nname: 子\nextends: [base]\n");
        Has(Catalog().Validate([child]), 3, "字段 “extends” 应为字符串");
    }
}
