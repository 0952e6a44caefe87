using SiteAudit.Core.Profiles;
using static SiteAudit.Core.Tests.ProblemAssert;

namespace SiteAudit.Core.Tests;

/// <summary>Every problem `profiles validate` reports, with its line (1-based; 0 = the whole file).</summary>
public sealed class ProfileValidationTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Validates one file named <paramref name="file"/> in a catalog folder.</summary>
    private IReadOnlyList<InputProblem> Check(string yaml, string file = "p.yaml")
    {
        var path = _dir.Write(file, yaml);
        var problems = new ProfileCatalog([_dir.Path]).Validate([path]);
        Assert.All(problems, p => Assert.Equal(path, p.File));
        return problems;
    }

    private const string Valid = """
        id: p
        name: 测试配置
        freshness:
          dynamic: 14
        section:
          names: [政府信息公开]
          urlHints: [xxgk]
        columns:
          - id: guide
            name: 政府信息公开指南
            required: true
          - id: news
            name: 工作动态
            freshness: dynamic
        """;

    [Fact]
    public void A_valid_profile_has_no_problems_and_loads()
    {
        Assert.Empty(Check(Valid));
        var profile = new ProfileCatalog([_dir.Path]).Resolve("p");
        Assert.Equal("p", profile.Id);
        Assert.Equal(ProfileKinds.Government, profile.Kind);
        Assert.Equal("03-31", profile.AnnualReportDeadline);
        Assert.Equal(["guide", "news"], profile.Columns.Select(c => c.Id));
        Assert.Equal(9, profile.Column("guide")!.Line);
        Assert.Equal(12, profile.Column("news")!.Line);
        Assert.True(profile.Column("guide")!.Required);
        Assert.False(profile.Column("news")!.Required);
        Assert.Equal("dynamic", profile.Column("news")!.Freshness);
        Assert.Equal(14, profile.FreshnessDays["dynamic"]);
        Assert.Equal(["xxgk"], profile.Section.UrlHints);
    }

    [Fact]
    public void Yaml_syntax_error_is_reported_at_the_parser_line()
    {
        var problems = Check("""
            id: p
            name: 测试
            section:
              names: [政府信息公开,
            columns: []
            """);
        var p = Assert.Single(problems);
        Assert.StartsWith("YAML 语法错误", p.Problem);
        Assert.Equal(4, p.Line); // where the unclosed [ is
    }

    [Fact]
    public void Yaml_errors_come_with_the_line_the_parser_reports()
    {
        Has(Check("id: p\nname: x\nsection:\n  names: [a,\n"), 5, "YAML 语法错误");
        Has(Check("id: p\nname: x\nsection: {names: [a],\nid: q\n"), 3, "YAML 语法错误");
    }

    [Fact]
    public void Tab_indentation_and_unclosed_quotes_are_syntax_errors_with_lines()
    {
        Has(Check("id: p\nname: 'x\n"), 2, "YAML 语法错误");
        Has(Check("id: p\nname: x\n\tcolumns: []\n"), 2, "YAML 语法错误");
    }

    [Fact]
    public void Lines_are_right_with_crlf_line_ends_and_a_byte_order_mark()
    {
        var path = Path.Combine(_dir.Path, "p.yaml");
        File.WriteAllText(path, Valid.ReplaceLineEndings("\r\n").Replace("required: true", "required: yes"),
            new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var p = Assert.Single(new ProfileCatalog([_dir.Path]).Validate([path]));
        Assert.Equal(11, p.Line);
    }

    [Fact]
    public void Duplicate_keys_are_a_yaml_error_at_the_second_key()
    {
        Has(Check(Valid + "\nname: 又一个\n"), 15, "YAML 语法错误", "Duplicate key");
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_is_reported()
    {
        Has(Check("# a profile\n- id: p\n- name: x\n"), 2, "顶层应为映射", "列表");
        Has(Check("just a string\n"), 1, "顶层应为映射");
        Has(Check("# only a comment\n"), 0, "文件为空");
    }

    [Fact]
    public void Only_one_yaml_document_is_allowed()
    {
        Has(Check(Valid + "\n---\nid: q\n"), 16, "只能包含一个 YAML 文档");
    }

    [Fact]
    public void Unknown_top_level_key_names_the_allowed_keys_and_the_likely_one()
    {
        var p = Has(Check(Valid + "\nannualReportDeadLine: \"03-31\"\n"), 15, "未知字段 “annualReportDeadLine”");
        Assert.Contains("可用字段：id, name, extends, kind, annualReportDeadline, freshness, section, columns", p.Problem);
        Assert.Contains("是否应为 “annualReportDeadline”", p.Problem);
    }

    [Fact]
    public void Unknown_column_key_requried_is_reported_with_the_column_keys()
    {
        var problems = Check("""
            id: p
            name: 测试
            section: {names: [信息公开]}
            columns:
              - id: guide
                name: 政府信息公开指南
                requried: true
            """);
        var p = Has(problems, 7,
            "未知字段 “requried”（可用字段：id, name, aliases, urlHints, required, freshness, parent, remove, minItems, standardCatalog）");
        Assert.Contains("是否应为 “required”", p.Problem);
    }

    [Fact]
    public void Unknown_section_key_is_reported()
    {
        Has(Check("id: p\nname: x\nsection:\n  names: [信息公开]\n  hints: [xxgk]\n"), 5, "未知字段 “hints”", "names, urlHints");
    }

    [Fact]
    public void A_list_where_a_string_is_expected()
    {
        Has(Check(Valid.Replace("name: 测试配置", "name: [测试, 配置]")), 2, "字段 “name” 应为字符串", "列表");
        Has(Check(Valid.Replace("    name: 工作动态", "    name:\n      - 工作动态")), 14, "字段 “name” 应为字符串", "列表");
    }

    [Fact]
    public void A_mapping_where_a_string_is_expected()
    {
        Has(Check(Valid.Replace("name: 测试配置", "name: {zh: 测试}")), 2, "字段 “name” 应为字符串", "映射");
    }

    [Fact]
    public void A_string_where_a_list_is_expected()
    {
        Has(Check(Valid.Replace("    name: 工作动态", "    name: 工作动态\n    aliases: 政务动态")), 14, "字段 “aliases” 应为列表", "“政务动态”");
        Has(Check(Valid.Replace("  names: [政府信息公开]", "  names: 政府信息公开")), 6, "字段 “names” 应为列表");
    }

    [Fact]
    public void Columns_and_section_and_freshness_must_have_their_shapes()
    {
        Has(Check("id: p\nname: x\nsection: [信息公开]\ncolumns: {id: guide}\nfreshness: [14]\n"), 3, "字段 “section” 应为映射");
        Has(Check("id: p\nname: x\nsection: {names: [a]}\ncolumns: {id: guide}\n"), 4, "字段 “columns” 应为列表", "映射");
        Has(Check("id: p\nname: x\nsection: {names: [a]}\nfreshness: [14]\n"), 4, "字段 “freshness” 应为映射");
        Has(Check("id: p\nname: x\nsection: {names: [a]}\ncolumns:\n  - guide\n"), 5, "columns 的每一项应为映射", "“guide”");
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("on")]
    [InlineData("1")]
    [InlineData("\"true\"")]
    [InlineData("[true]")]
    public void Required_accepts_only_yaml_booleans(string value)
    {
        var p = Has(Check(Valid.Replace("required: true", "required: " + value)), 11, "字段 “required” 应为 true 或 false");
        Assert.Contains("true/false", p.Problem);
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData("FALSE", false)]
    [InlineData("false", false)]
    public void Required_accepts_true_and_false_in_yaml_spellings(string value, bool expected)
    {
        Assert.Empty(Check(Valid.Replace("required: true", "required: " + value)));
        Assert.Equal(expected, new ProfileCatalog([_dir.Path]).Resolve("p").Column("guide")!.Required);
    }

    [Fact]
    public void Remove_must_be_a_boolean_too()
    {
        Has(Check(Valid.Replace("required: true", "remove: 是")), 11, "字段 “remove” 应为 true 或 false");
    }

    [Fact]
    public void Missing_id_and_name_are_reported_at_the_start_of_the_document()
    {
        var problems = Check("# comment\nsection: {names: [信息公开]}\n");
        Has(problems, 2, "缺少字段 “id”");
        Has(problems, 2, "缺少字段 “name”");
    }

    [Fact]
    public void Empty_id_and_name_are_reported_at_their_lines()
    {
        var problems = Check("id:\nname: ''\nsection: {names: [信息公开]}\n");
        Has(problems, 1, "字段 “id” 不能为空");
        Has(problems, 2, "字段 “name” 不能为空");
    }

    [Theory]
    [InlineData("County-Portal")]
    [InlineData("county_portal")]
    [InlineData("县级")]
    [InlineData("a b")]
    public void Bad_profile_id_format(string id)
    {
        Has(Check(Valid.Replace("id: p", $"id: \"{id}\"")), 1, $"id “{id}” 格式不对", "小写字母、数字和 -");
    }

    [Fact]
    public void Profile_id_must_equal_the_file_name_in_a_catalog_folder()
    {
        Has(Check(Valid, "other.yaml"), 1, "id “p” 应与文件名一致", "other.yaml");
    }

    [Fact]
    public void Profile_id_may_differ_from_the_file_name_outside_the_catalog_folders()
    {
        var path = _dir.Write("custom/whatever.yaml", Valid);
        Assert.Empty(new ProfileCatalog([_dir.Path]).Validate([path]));
    }

    [Fact]
    public void Bad_column_id_format_and_missing_column_id()
    {
        var problems = Check("""
            id: p
            name: x
            section: {names: [信息公开]}
            columns:
              - id: Guide
                name: 指南
              - name: 没有 id
            """);
        Has(problems, 5, "栏目 id “Guide” 格式不对");
        Has(problems, 7, "缺少字段 “id”");
    }

    [Fact]
    public void Duplicate_column_ids_are_reported_at_the_second_with_the_first_line()
    {
        var problems = Check(Valid + "\n  - id: guide\n    name: 公开指南\n");
        Has(problems, 15, "栏目 id “guide” 重复", "第 9 行");
    }

    [Fact]
    public void New_column_without_a_name_is_reported_at_its_entry()
    {
        Has(Check(Valid + "\n  - id: rules\n    required: true\n"), 15, "栏目 “rules” 缺少字段 “name”");
        Has(Check(Valid.Replace("    name: 工作动态", "    name: \"\"")), 13, "字段 “name” 不能为空");
    }

    [Fact]
    public void Freshness_naming_an_undefined_class()
    {
        var p = Has(Check(Valid.Replace("freshness: dynamic", "freshness: monthly")), 14, "freshness “monthly” 未定义");
        Assert.Contains("已定义：dynamic", p.Problem);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("two-weeks")]
    [InlineData("1.5")]
    [InlineData("")]
    public void Freshness_days_must_be_positive_whole_numbers(string days)
    {
        Has(Check(Valid.Replace("dynamic: 14", "dynamic: " + days)), 4, "freshness “dynamic”");
    }

    [Fact]
    public void Freshness_class_names_must_be_ids()
    {
        Has(Check(Valid.Replace("dynamic: 14", "dynamic: 14\n  动态: 14")), 5, "freshness 类名 “动态” 格式不对");
    }

    [Fact]
    public void Parent_naming_an_unknown_column()
    {
        Has(Check(Valid.Replace("freshness: dynamic", "parent: statutory")), 14, "parent “statutory” 不是本配置中的栏目 id");
    }

    [Fact]
    public void Parent_naming_the_column_itself()
    {
        Has(Check(Valid.Replace("freshness: dynamic", "parent: news")), 14, "栏目 “news” 的 parent 不能是它自己");
    }

    [Fact]
    public void Parents_forming_a_cycle()
    {
        var problems = Check(Valid.Replace("    required: true", "    parent: news").Replace("freshness: dynamic", "parent: guide"));
        Has(problems, 11, "栏目 “guide” 的 parent 形成循环");
        Has(problems, 14, "栏目 “news” 的 parent 形成循环");
    }

    [Fact]
    public void Empty_section_names()
    {
        Has(Check(Valid.Replace("names: [政府信息公开]", "names: []")), 6, "section.names 不能为空");
        Has(Check(Valid.Replace("names: [政府信息公开]", "names: [政府信息公开, '']")), 6, "字段 “names” 的第 2 项为空");
        Has(Check(Valid.Replace("  names: [政府信息公开]", "  names:\n    - 政府信息公开\n    -\n")), 8, "字段 “names” 的第 2 项为空");
    }

    [Fact]
    public void Missing_section_or_section_names()
    {
        Has(Check("id: p\nname: x\n"), 1, "缺少 section.names");
        Has(Check("id: p\nname: x\nsection:\n  urlHints: [xxgk]\n"), 4, "缺少 section.names");
    }

    [Fact]
    public void Empty_alias_is_reported()
    {
        Has(Check(Valid.Replace("    name: 工作动态", "    name: 工作动态\n    aliases: [政务动态, \" \"]")), 14, "字段 “aliases” 的第 2 项为空");
    }

    [Theory]
    [InlineData("\"3-31\"")]
    [InlineData("\"02-30\"")]
    [InlineData("\"02-29\"")]
    [InlineData("\"13-01\"")]
    [InlineData("\"00-10\"")]
    [InlineData("2024-03-31")]
    [InlineData("0331")]
    public void Bad_annual_report_deadline(string value)
    {
        Has(Check(Valid + "\nannualReportDeadline: " + value + "\n"), 15, "annualReportDeadline", "无效", "MM-DD");
    }

    [Theory]
    [InlineData("\"12-31\"", "12-31")]
    [InlineData("01-31", "01-31")]
    public void Good_annual_report_deadline(string value, string expected)
    {
        Assert.Empty(Check(Valid + "\nannualReportDeadline: " + value + "\n"));
        Assert.Equal(expected, new ProfileCatalog([_dir.Path]).Resolve("p").AnnualReportDeadline);
    }

    [Fact]
    public void Bad_kind()
    {
        Has(Check(Valid + "\nkind: county\n"), 15, "kind “county” 无效", "government", "department");
    }

    [Fact]
    public void Department_kind_defaults_to_the_january_deadline()
    {
        Assert.Empty(Check(Valid + "\nkind: department\n"));
        Assert.Equal("01-31", new ProfileCatalog([_dir.Path]).Resolve("p").AnnualReportDeadline);
    }

    [Fact]
    public void Extends_not_found()
    {
        var p = Has(Check(Valid + "\nextends: no-such-profile\n"), 15, "extends：找不到配置 “no-such-profile”");
        Assert.Contains("可用配置：p", p.Problem);
        Has(Check(Valid + "\nextends: ../nowhere/base.yaml\n"), 15, "extends：找不到配置文件 “../nowhere/base.yaml”");
    }

    [Fact]
    public void Extends_itself_is_a_cycle()
    {
        Has(Check(Valid + "\nextends: p\n"), 15, "extends 形成循环：p.yaml → p.yaml");
    }

    [Fact]
    public void Remove_without_extends()
    {
        Has(Check(Valid + "\n  - id: news2\n    remove: true\n"), 15, "remove 只能用于 extends");
    }

    [Fact]
    public void All_problems_of_a_file_are_collected()
    {
        var problems = Check("""
            id: Bad_Id
            nam: 拼错
            kind: county
            annualReportDeadline: "02-30"
            freshness:
              dynamic: 0
            section:
              names: []
            columns:
              - id: guide
                name: [指南]
                requried: true
                freshness: weekly
              - id: guide
                name: 重复
              - id: sub
                name: 子栏目
                parent: nothing
                required: yes
            """);
        Has(problems, 1, "格式不对");
        Has(problems, 2, "未知字段 “nam”");
        Has(problems, 1, "缺少字段 “name”");
        Has(problems, 3, "kind “county” 无效");
        Has(problems, 4, "annualReportDeadline “02-30” 无效");
        Has(problems, 6, "freshness “dynamic” 的天数应为正整数");
        Has(problems, 8, "section.names 不能为空");
        Has(problems, 11, "字段 “name” 应为字符串");
        Has(problems, 12, "未知字段 “requried”");
        Has(problems, 13, "freshness “weekly” 未定义");
        Has(problems, 14, "栏目 id “guide” 重复");
        Has(problems, 18, "parent “nothing”");
        Has(problems, 19, "字段 “required” 应为 true 或 false");
        Assert.Equal(problems.Count, problems.Distinct().Count());
    }

    [Fact]
    public void Problems_print_as_file_colon_line()
    {
        var p = Has(Check(Valid + "\nkind: county\n"), 15, "kind");
        Assert.StartsWith(Path.Combine(_dir.Path, "p.yaml") + ":15: kind “county”", p.ToString());
    }

    [Fact]
    public void Resolve_throws_an_InputException_with_every_problem()
    {
        _dir.Write("p.yaml", Valid.Replace("required: true", "required: yes") + "\nkind: county\n");
        var e = Assert.Throws<InputException>(() => new ProfileCatalog([_dir.Path]).Resolve("p"));
        Assert.Equal(2, e.Problems.Count);
        Assert.Contains(":11: ", e.Message);
        Assert.Contains(":15: ", e.Message);
    }

    [Fact]
    public void Unknown_profile_id_names_the_available_ones()
    {
        _dir.Write("p.yaml", Valid);
        var e = Assert.Throws<InputException>(() => new ProfileCatalog([_dir.Path]).Resolve("county"));
        var p = Assert.Single(e.Problems);
        Assert.Equal("--profile", p.File);
        Assert.Equal(0, p.Line);
        Assert.Contains("找不到配置 “county”（可用配置：p", p.Problem);
    }

    [Fact]
    public void Missing_profile_path_is_reported()
    {
        var e = Assert.Throws<InputException>(() => new ProfileCatalog([_dir.Path]).Resolve("./nope.yaml"));
        Assert.Contains("找不到配置文件 “./nope.yaml”", Assert.Single(e.Problems).Problem);
    }

    [Fact]
    public void Validate_without_paths_checks_every_yaml_file_of_the_catalog()
    {
        _dir.Write("p.yaml", Valid);
        var bad = _dir.Write("q.yaml", Valid.Replace("id: p", "id: q") + "\nkind: county\n");
        _dir.Write("notes.txt", "not a profile");
        var problems = new ProfileCatalog([_dir.Path]).Validate();
        var p = Assert.Single(problems);
        Assert.Equal(bad, p.File);
        Assert.Equal(15, p.Line);
    }

    [Fact]
    public void Validate_reports_missing_files_and_folders()
    {
        var missing = Path.Combine(_dir.Path, "missing.yaml");
        Has(new ProfileCatalog([_dir.Path]).Validate([missing]), 0, "文件不存在");
        var noDir = Path.Combine(_dir.Path, "no-such-dir");
        Has(new ProfileCatalog([noDir]).Validate(), 0, "配置目录不存在");

        _dir.Write("p.yaml", Valid);
        Assert.Empty(new ProfileCatalog([noDir, _dir.Path]).Validate());
        Assert.Equal("p", new ProfileCatalog([noDir, _dir.Path]).Resolve("p").Id);
    }

    [Fact]
    public void Loaded_profiles_are_cached()
    {
        _dir.Write("p.yaml", Valid);
        var catalog = new ProfileCatalog([_dir.Path]);
        var first = catalog.Resolve("p");
        File.WriteAllText(Path.Combine(_dir.Path, "p.yaml"), "broken: [");
        Assert.Same(first, catalog.Resolve("p"));
        Assert.Same(first, catalog.Resolve(Path.Combine(_dir.Path, "p.yaml")));
    }
}
