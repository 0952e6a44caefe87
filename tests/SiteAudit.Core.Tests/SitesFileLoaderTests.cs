using SiteAudit.Core.Profiles;
using SiteAudit.Core.Sites;
using static SiteAudit.Core.Tests.ProblemAssert;

namespace SiteAudit.Core.Tests;

public sealed class SitesFileLoaderTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ProfileCatalog _catalog = new([TestPaths.ProfilesDir]);

    public void Dispose() => _dir.Dispose();

    private InputException Fails(string yaml, out string path)
    {
        path = _dir.Write("sites.yaml", yaml);
        var file = path;
        return Assert.Throws<InputException>(() => SitesFileLoader.Load(file, _catalog));
    }

    [Fact]
    public void Loads_sites_with_normalised_urls_profiles_scope_and_unique_slugs()
    {
        _dir.Write("my/custom.yaml", "id: custom\nname: 自定义\nextends: county-portal\ncolumns:\n  - {id: news, required: true}\n");
        var path = _dir.Write("sites.yaml", """
            # 本市各县
            sites:
              - name: 青山县人民政府
                url: HTTP://WWW.QingShan.gov.cn:80/index.html#top
                profile: county-portal
                scope: [XXGK.QingShan.gov.cn, "http://Data.QingShan.gov.cn/x", xxgk.qingshan.gov.cn]
              - name: 青山县财政局
                url: " https://www.qingshan.gov.cn/czj/ "
                profile: department-site
              - name: 青山县（https 入口）
                url: https://www.qingshan.gov.cn/index.html
                profile: my/custom.yaml
              - name: 默认配置
                url: http://www.qingshan.gov.cn:8080
            """);
        var sites = SitesFileLoader.Load(path, _catalog);

        Assert.Equal(4, sites.Count);
        Assert.Equal("青山县人民政府", sites[0].Name);
        Assert.Equal("http://www.qingshan.gov.cn/index.html", sites[0].Url.AbsoluteUri);
        Assert.Equal("county-portal", sites[0].Profile.Id);
        Assert.Equal(["xxgk.qingshan.gov.cn", "data.qingshan.gov.cn"], sites[0].ScopeHosts);

        Assert.Equal("https://www.qingshan.gov.cn/czj/", sites[1].Url.AbsoluteUri);
        Assert.Equal("department-site", sites[1].Profile.Id);
        Assert.Empty(sites[1].ScopeHosts);

        Assert.Equal("custom", sites[2].Profile.Id);
        Assert.True(sites[2].Profile.Column("news")!.Required);

        Assert.Equal("county-portal", sites[3].Profile.Id);
        Assert.Equal("http://www.qingshan.gov.cn:8080/", sites[3].Url.AbsoluteUri);

        Assert.Equal(["qingshan-gov-cn-index-html", "qingshan-gov-cn-czj", "qingshan-gov-cn-index-html-2", "qingshan-gov-cn-8080"],
            sites.Select(s => s.Slug));
        Assert.Same(sites[0].Profile, sites[3].Profile);
    }

    [Fact]
    public void Default_profile_can_be_chosen()
    {
        var path = _dir.Write("sites.yaml", "sites:\n  - {name: 局, url: 'http://a.gov.cn/'}\n");
        Assert.Equal("department-site", SitesFileLoader.Load(path, _catalog, "department-site")[0].Profile.Id);
    }

    [Fact]
    public void Every_problem_of_the_file_is_reported_together_with_its_line()
    {
        var e = Fails("""
            sites:
              - name: 缺网址
              - url: http://www.a.gov.cn/
              - name: 无协议
                url: www.b.gov.cn
              - name: 非 http
                url: ftp://c.gov.cn/
              - name: 重复
                url: HTTP://WWW.A.GOV.CN:80/#x
              - name: 未知配置
                url: http://d.gov.cn/
                profile: county
              - name: 拼错字段
                url: http://e.gov.cn/
                scop: [x.gov.cn]
              - name: 坏主机
                url: http://f.gov.cn/
                scope: [ok.f.gov.cn, "bad host", "a:b"]
              - name: [列表]
                url: http://g.gov.cn/
                scope: h.gov.cn
              - 只是字符串
              - name: ""
                url: "http:///nohost"
            """, out var path);
        var problems = e.Problems;
        Assert.All(problems, p => Assert.Equal(path, p.File));
        Has(problems, 2, "缺少字段 “url”");
        Has(problems, 3, "缺少字段 “name”");
        Has(problems, 5, "网址 “www.b.gov.cn” 无效", "缺少 http:// 或 https://");
        Has(problems, 7, "网址 “ftp://c.gov.cn/” 无效", "只支持 http:// 和 https://");
        Has(problems, 9, "网址 http://www.a.gov.cn/ 重复", "第 3 行");
        Has(problems, 12, "找不到配置 “county”", "county-portal, department-site");
        Has(problems, 15, "未知字段 “scop”", "name, url, profile, scope", "是否应为 “scope”");
        Has(problems, 18, "scope 的第 2 项 “bad host” 不是有效的主机名");
        Has(problems, 18, "scope 的第 3 项 “a:b” 不是有效的主机名");
        Has(problems, 19, "字段 “name” 应为字符串", "列表");
        Has(problems, 21, "字段 “scope” 应为列表");
        Has(problems, 22, "sites 的每一项应为映射");
        Has(problems, 23, "字段 “name” 不能为空");
        Has(problems, 24, "网址 “http:///nohost” 无效");
        Assert.Equal(14, problems.Count);
        Assert.Equal(problems.OrderBy(p => p.Line).Select(p => p.Line), problems.Select(p => p.Line));
        Assert.Contains($"{path}:5: ", e.Message);
    }

    [Fact]
    public void A_profile_with_problems_is_named_at_the_site_and_its_problems_listed()
    {
        var profile = _dir.Write("bad.yaml", "id: bad\nname: 坏\nextends: county-portal\ncolumns:\n  - {id: news, required: yes}\n");
        var e = Fails("sites:\n  - name: 甲\n    url: http://a.gov.cn/\n    profile: ./bad.yaml\n  - name: 乙\n    url: http://b.gov.cn/\n    profile: bad.yaml\n", out var path);
        Has(e.Problems.Where(p => p.File == path), 4, "配置 “./bad.yaml” 有错误");
        Has(e.Problems.Where(p => p.File == path), 7, "配置 “bad.yaml” 有错误");
        var inProfile = Assert.Single(e.Problems, p => p.File != path);
        Assert.Equal(5, inProfile.Line);
        Assert.Equal(Path.GetFullPath(profile), Path.GetFullPath(inProfile.File));
        Assert.Equal(3, e.Problems.Count);
    }

    [Fact]
    public void Missing_or_unreadable_file_is_line_0()
    {
        var missing = Path.Combine(_dir.Path, "nope.yaml");
        var e = Assert.Throws<InputException>(() => SitesFileLoader.Load(missing, _catalog));
        var p = Assert.Single(e.Problems);
        Assert.Equal((missing, 0), (p.File, p.Line));
        Assert.StartsWith("无法读取站点文件", p.Problem);
        Assert.Throws<InputException>(() => SitesFileLoader.Load(_dir.Path, _catalog)); // a folder
    }

    [Theory]
    [InlineData("", 0, "文件为空")]
    [InlineData("- name: a\n  url: http://a.gov.cn/\n", 1, "顶层应为映射")]
    [InlineData("site:\n  - name: a\n", 1, "未知字段 “site”")]
    [InlineData("# x\nsites: []\n", 2, "sites 列表为空")]
    [InlineData("sites:\n  name: a\n", 2, "字段 “sites” 应为列表")]
    [InlineData("sites:\n  - name: a\n    url: [http://a.gov.cn/\n", 4, "YAML 语法错误")]
    public void Shape_problems(string yaml, int line, string fragment)
    {
        Has(Fails(yaml, out _).Problems, line, fragment);
    }

    [Fact]
    public void Missing_sites_key()
    {
        Has(Fails("# nothing\nother: 1\n", out _).Problems, 2, "缺少字段 “sites”");
    }

    [Fact]
    public void FromUrl_makes_one_target()
    {
        var t = SitesFileLoader.FromUrl(" HTTP://Www.CiXian.gov.cn ", null, null, _catalog);
        Assert.Equal("http://www.cixian.gov.cn/", t.Url.AbsoluteUri);
        Assert.Equal("www.cixian.gov.cn", t.Name);
        Assert.Equal("cixian-gov-cn", t.Slug);
        Assert.Equal("county-portal", t.Profile.Id);
        Assert.Empty(t.ScopeHosts);

        var d = SitesFileLoader.FromUrl("https://czj.example.gov.cn/", "财政局", "department-site", _catalog);
        Assert.Equal(("财政局", "department-site"), (d.Name, d.Profile.Id));

        Assert.Equal("政府.cn", SitesFileLoader.FromUrl("http://政府.cn/", null, null, _catalog).Name);
    }

    [Theory]
    [InlineData("www.cixian.gov.cn")]
    [InlineData("ftp://www.cixian.gov.cn/")]
    [InlineData("mailto:a@b.cn")]
    [InlineData("")]
    [InlineData("http://")]
    [InlineData("/etc/passwd")]
    public void FromUrl_rejects_bad_urls_as_input_errors_of_the_url_option(string url)
    {
        var e = Assert.Throws<InputException>(() => SitesFileLoader.FromUrl(url, null, null, _catalog));
        var p = Assert.Single(e.Problems);
        Assert.Equal(("--url", 0), (p.File, p.Line));
        Assert.StartsWith("网址", p.Problem);
    }

    [Fact]
    public void FromUrl_with_unknown_profile_is_an_input_error_of_the_profile_option()
    {
        var e = Assert.Throws<InputException>(() => SitesFileLoader.FromUrl("http://a.gov.cn/", null, "nope", _catalog));
        Assert.Equal("--profile", Assert.Single(e.Problems).File);
    }
}
