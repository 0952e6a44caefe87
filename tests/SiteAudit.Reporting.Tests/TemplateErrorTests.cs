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
        var templates = CopyTemplates();
        File.WriteAllText(Path.Combine(templates, "partials", "banner.hbs"), "<p class=\"banner\">{{run.id}} 自定义</p>");
        var index = Path.Combine(templates, "index.hbs");
        File.WriteAllText(index, File.ReadAllText(index).Replace("<body>", "<body>\n{{> banner}}"));

        await new ReportWriter(templates).WriteAsync(SampleRun.Build(), dir.File("out"), CancellationToken.None);
        Assert.Contains("<p class=\"banner\">20261121-180000-ab12 自定义</p>", File.ReadAllText(dir.File("out", "index.html")));
    }
}
