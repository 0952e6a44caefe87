using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;
using SiteAudit.Core.Sites;
using SiteAudit.Storage;

namespace SiteAudit.Reporting.Tests;

/// <summary>Evidence screenshots written out of a real SQLite store beside the site's page, and shown there.</summary>
public sealed class EvidenceFilesReportTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Night = new(2026, 11, 20, 2, 0, 0, TimeSpan.FromHours(8));
    private static readonly ProfileCatalog Catalog = new([Path.Combine(RepoPaths.Root, "profiles")]);
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    private readonly TempDir dir = new();
    private SqliteAuditStore store = null!;

    public async Task InitializeAsync()
    {
        store = new SqliteAuditStore(dir.File("audit.db"), TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        dir.Dispose();
    }

    /// <summary>A run of one site with a section screenshot (and one stored under a name no file may have).</summary>
    private async Task<RunReport> RunAsync()
    {
        var site = SitesFileLoader.FromUrl("http://www.qingshan.gov.cn/", null, null, Catalog) with { Slug = "qingshan" };
        var runId = await store.StartRunAsync(Night, "siteaudit test", "{}", CancellationToken.None);
        var id = await store.StartSiteAsync(runId, site, Night, CancellationToken.None);
        await store.AddEvidenceFilesAsync(id,
        [
            new EvidenceFile("0123456789ab.png", "http://www.qingshan.gov.cn/xxgk/", EvidenceKinds.Section, "image/png", Png, Night),
            new EvidenceFile("../escape.png", "http://www.qingshan.gov.cn/", EvidenceKinds.Home, "image/png", Png, Night),
        ], CancellationToken.None);
        var missing = new Finding(RuleIds.ColumnMissing, Severity.Error, null, "http://www.qingshan.gov.cn/xxgk/", "catalog", "未找到法定栏目",
            new JsonObject { ["screenshot"] = ReportWriter.EvidencePath("qingshan", "0123456789ab.png") });
        await store.FinishSiteAsync(id, new SiteOutcome(SiteStatus.Audited, new SiteStats(10, 20, 1000), [], [missing], Night.AddMinutes(1)),
            CancellationToken.None);
        await store.FinishRunAsync(runId, RunStatus.Completed, Night.AddHours(1), CancellationToken.None);
        return (await store.LoadRunAsync(runId, CancellationToken.None))!;
    }

    [Fact]
    public async Task The_section_screenshot_is_written_beside_the_page_and_shown_by_the_checklist()
    {
        var report = await RunAsync();
        var writer = new ReportWriter(RepoPaths.Templates);
        await writer.WriteAsync(report, [], dir.File("out"), store, CancellationToken.None);

        Assert.Equal(Png, File.ReadAllBytes(dir.File("out", "sites", "qingshan", "shots", "0123456789ab.png")));
        Assert.Equal(["0123456789ab.png"], Directory.GetFiles(dir.File("out", "sites", "qingshan", "shots")).Select(Path.GetFileName));
        Assert.False(File.Exists(dir.File("out", "sites", "escape.png")));
        var page = File.ReadAllText(dir.File("out", "sites", "qingshan", "index.html"));
        Assert.Contains("<a href=\"shots/0123456789ab.png\"><img src=\"shots/0123456789ab.png\" alt=\"信息公开专栏截图\"></a>", page);
        Assert.Contains("src=\"../../sites/qingshan/shots/0123456789ab.png\"", page);
        Assert.DoesNotContain("escape", page);
    }

    [Fact]
    public async Task Without_the_store_no_screenshot_is_written_nor_shown_by_the_checklist()
    {
        var report = await RunAsync();
        await Reports.WriteAsync(report, dir.File("out"));

        Assert.False(Directory.Exists(dir.File("out", "sites", "qingshan", "shots")));
        Assert.DoesNotContain("信息公开专栏截图", File.ReadAllText(dir.File("out", "sites", "qingshan", "index.html")));
    }
}
