using System.Text.Json.Nodes;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting.Tests;

/// <summary>Evidence screenshots written out of a real SQLite store beside the site's page, and shown there.</summary>
public sealed class EvidenceFilesReportTests : SqliteStoreTest
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    /// <summary>A run of one site with a section screenshot (and one stored under a name no file may have).</summary>
    private async Task<RunReport> RunAsync()
    {
        var site = Site("http://www.qingshan.gov.cn/", "qingshan");
        var runId = await Store.StartRunAsync(Night, "siteaudit test", "{}", CancellationToken.None);
        var id = await Store.StartSiteAsync(runId, site, Night, CancellationToken.None);
        await Store.AddEvidenceFilesAsync(id,
        [
            new EvidenceFile("0123456789ab.png", "http://www.qingshan.gov.cn/xxgk/", EvidenceKinds.Section, "image/png", Png, Night),
            new EvidenceFile("../escape.png", "http://www.qingshan.gov.cn/", EvidenceKinds.Home, "image/png", Png, Night),
        ], CancellationToken.None);
        var missing = new Finding(RuleIds.ColumnMissing, Severity.Error, null, "http://www.qingshan.gov.cn/xxgk/", "catalog", "未找到法定栏目",
            new JsonObject { ["screenshot"] = ReportWriter.EvidencePath("qingshan", "0123456789ab.png") });
        await Store.FinishSiteAsync(id, new SiteOutcome(SiteStatus.Audited, new SiteStats(10, 20, 1000), [], [missing], Night.AddMinutes(1)),
            CancellationToken.None);
        await Store.FinishRunAsync(runId, RunStatus.Completed, Night.AddHours(1), CancellationToken.None);
        return (await Store.LoadRunAsync(runId, CancellationToken.None))!;
    }

    [Fact]
    public async Task The_section_screenshot_is_written_beside_the_page_and_shown_by_the_checklist()
    {
        var report = await RunAsync();
        var writer = new ReportWriter(RepoPaths.Templates);
        await writer.WriteAsync(report, [], Dir.File("out"), Store, CancellationToken.None);

        Assert.Equal(Png, File.ReadAllBytes(Dir.File("out", "sites", "qingshan", "shots", "0123456789ab.png")));
        Assert.Equal(["0123456789ab.png"], Directory.GetFiles(Dir.File("out", "sites", "qingshan", "shots")).Select(Path.GetFileName));
        Assert.False(File.Exists(Dir.File("out", "sites", "escape.png")));
        var page = File.ReadAllText(Dir.File("out", "sites", "qingshan", "index.html"));
        Assert.Contains("<a href=\"shots/0123456789ab.png\"><img src=\"shots/0123456789ab.png\" alt=\"信息公开专栏截图\"></a>", page);
        Assert.Contains("src=\"../../sites/qingshan/shots/0123456789ab.png\"", page);
        Assert.DoesNotContain("escape", page);
    }

    [Fact]
    public async Task Without_the_store_no_screenshot_is_written_nor_shown_by_the_checklist()
    {
        var report = await RunAsync();
        await Reports.WriteAsync(report, Dir.File("out"));

        Assert.False(Directory.Exists(Dir.File("out", "sites", "qingshan", "shots")));
        Assert.DoesNotContain("信息公开专栏截图", File.ReadAllText(Dir.File("out", "sites", "qingshan", "index.html")));
    }
}
