namespace SiteAudit.Reporting.Tests;

public sealed class TemplateErrorTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>A copy of the shipped templates to break.</summary>
    private string CopyTemplates()
    {
        var target = dir.File("templates");
        foreach (var file in Directory.GetFiles(RepoPaths.Templates, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(RepoPaths.Templates, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    [Fact]
    public void Missing_folder_names_the_folder()
    {
        var missing = dir.File("no-such-templates");
        var e = Assert.Throws<ReportTemplateException>(() => new ReportWriter(missing));
        Assert.Contains(missing, e.Message);
        Assert.Equal(missing, e.TemplatePath);
    }

    [Fact]
    public void Missing_page_template_names_the_file()
    {
        var templates = CopyTemplates();
        File.Delete(Path.Combine(templates, "site.hbs"));
        var e = Assert.Throws<ReportTemplateException>(() => new ReportWriter(templates));
        Assert.Contains(Path.Combine(templates, "site.hbs"), e.Message);
    }

    [Theory]
    [InlineData("index.hbs")]
    [InlineData("site.hbs")]
    [InlineData("partials/evidence.hbs")]
    public void Syntax_error_names_the_file(string file) =>
        AssertRefused(file, "{{#each sites}}never closed");

    [Theory]
    [InlineData("{{{site.name}}}")]
    [InlineData("{{& site.name}}")]
    [InlineData("{{~{site.name}~}}")]
    public void Unescaped_output_is_refused(string construct) =>
        AssertRefused("site.hbs", construct, "unescaped");

    [Fact]
    public void Reference_to_a_missing_partial_names_the_file_and_partial() =>
        AssertRefused("index.hbs", "{{> nosuchpartial}}", "nosuchpartial");

    [Theory]
    [InlineData("<script>var name = \"{{site.name}}\";</script>", "plain text")]
    [InlineData("<script src=\"https://cdn.example/x.js\"></script>", "inline")]
    public void Scripts_must_be_inline_and_static(string script, string inMessage) =>
        AssertRefused("site.hbs", script, inMessage);

    [Fact]
    public async Task A_users_own_inline_script_is_allowed_by_its_hash()
    {
        const string body = "\r\ndocument.title += \" ✓\";\r\n"; // saved with Windows line ends
        var html = await RenderEditedAsync("site.hbs", "</body>", "<script>" + body + "</script>\n</body>", "sites/qingshui-gov-cn/index.html");
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body.Replace("\r\n", "\n"))));
        Assert.Contains($"&#x27;sha256-{hash.Replace("=", "&#x3D;")}&#x27;", html);
    }

    /// <summary>Handlebars.Net writes an indented standalone partial without escaping; the loader must not let that through.</summary>
    [Fact]
    public async Task An_indented_partial_still_escapes()
    {
        var html = await RenderEditedAsync("site.hbs", "</body>", "<div>\n    {{> name site}}\n\t{{> name site}}\n</div>\n</body>",
            "sites/test-gov-cn/index.html", ("name", "<b>{{name}}</b>"));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(html, "<b>测试站点 &#x7B;&#x7B;7\\*7&#x7D;&#x7D;</b>").Count);
        Assert.DoesNotContain("{{7*7}}", html);
    }

    /// <summary>Appending <paramref name="text"/> to <paramref name="file"/> makes the templates unusable, and the error says where.</summary>
    private void AssertRefused(string file, string text, params string[] alsoInMessage)
    {
        var templates = CopyTemplates();
        var path = Path.Combine(templates, file);
        File.AppendAllText(path, "\n" + text + "\n");
        var e = Assert.Throws<ReportTemplateException>(() => new ReportWriter(templates));
        Assert.Equal(path, e.TemplatePath);
        Assert.Contains(path, e.Message);
        foreach (var part in alsoInMessage) Assert.Contains(part, e.Message);
    }

    [Fact]
    public async Task Partials_are_registered_by_file_name_so_users_can_add_their_own()
    {
        var html = await RenderEditedAsync("index.hbs", "<body>", "<body>\n{{> banner}}", "index.html", ("banner", "<p class=\"banner\">{{run.id}} 自定义</p>"));
        Assert.Contains("<p class=\"banner\">20261121-180000-ab12 自定义</p>", html);
    }

    /// <summary>
    /// Renders the sample run with a copy of the templates where <paramref name="find"/> in <paramref name="file"/> is
    /// replaced by <paramref name="replace"/> (and a partial added), and returns the written <paramref name="page"/>.
    /// </summary>
    private async Task<string> RenderEditedAsync(string file, string find, string replace, string page, (string Name, string Source)? partial = null)
    {
        var templates = CopyTemplates();
        if (partial is { } p) File.WriteAllText(Path.Combine(templates, "partials", p.Name + ".hbs"), p.Source);
        var path = Path.Combine(templates, file);
        File.WriteAllText(path, File.ReadAllText(path).Replace(find, replace));
        await new ReportWriter(templates).WriteAsync(SampleRun.Build(), dir.File("out"), CancellationToken.None);
        return File.ReadAllText(dir.File(["out", .. page.Split('/')]));
    }
}
