using SiteAudit.Core.Model;

namespace SiteAudit.Reporting.Tests;

public sealed class WriteBehaviourTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Creates_missing_folders_overwrites_and_leaves_no_temporary_files()
    {
        var output = dir.File("a", "b", "out");
        var writer = new ReportWriter(RepoPaths.Templates);
        await writer.WriteAsync(SampleRun.Build(), output, CancellationToken.None);
        var first = File.ReadAllText(Path.Combine(output, "findings.json"));

        var changed = SampleRun.Build() with { Sites = [SampleRun.Qingshui()] };
        await writer.WriteAsync(changed, output, CancellationToken.None);

        Assert.NotEqual(first, File.ReadAllText(Path.Combine(output, "findings.json")));
        Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(output, ".*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_cancelled_write_leaves_no_findings_json()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Reports.WriteAsync(SampleRun.Build(), dir.Path, cts.Token));
        Assert.False(File.Exists(dir.File("findings.json")));
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("青山")]
    public async Task Unsafe_slugs_are_refused_before_anything_is_written(string slug)
    {
        var report = SampleRun.Build() with { Sites = [SampleRun.Qingshui() with { Slug = slug }] };
        await Assert.ThrowsAsync<ArgumentException>(
            () => Reports.WriteAsync(report, dir.Path, CancellationToken.None));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task Two_sites_with_one_slug_are_refused()
    {
        var report = SampleRun.Build() with { Sites = [SampleRun.Qingshui(), SampleRun.Qingshan() with { Slug = "Qingshui-gov-cn" }] };
        var e = await Assert.ThrowsAsync<ArgumentException>(
            () => Reports.WriteAsync(report, dir.Path, CancellationToken.None));
        Assert.Contains("Qingshui-gov-cn", e.Message);
    }

    [Fact]
    public async Task A_run_without_sites_still_writes_every_file()
    {
        await Reports.WriteAsync(SampleRun.Build() with { Sites = [] }, dir.Path, CancellationToken.None);
        foreach (var file in new[] { "index.html", "findings.json", "findings.csv" })
            Assert.True(File.Exists(dir.File(file)), file);
        Assert.Contains("本次运行没有站点", File.ReadAllText(dir.File("index.html")));
    }

    /// <summary>
    /// Not a check: set SITEAUDIT_SAMPLE_REPORT to a folder to get the sample run rendered there, for looking at the
    /// pages in a browser while working on the templates.
    /// </summary>
    [Fact]
    public async Task Writes_the_sample_report_when_asked()
    {
        var target = Environment.GetEnvironmentVariable("SITEAUDIT_SAMPLE_REPORT");
        if (string.IsNullOrWhiteSpace(target)) return;
        await Reports.WriteAsync(SampleRun.Build(), SampleRun.History(), target, CancellationToken.None);
    }
}
