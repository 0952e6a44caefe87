using System.Text.Json;
using SiteAudit.Host.Demo;

namespace SiteAudit.Tests.Content;

/// <summary>
/// The bundled demo portal (ground truth in src/SiteAudit.Host/demo-portal/README.md) through the content rules: its
/// lists are fresh (dates relative to today), its guide and 2025 report complete, and only the document without a 解读
/// is reported — nothing stale or empty that is not.
/// </summary>
public class DemoContentTests
{
    [Fact]
    public async Task The_demo_shows_only_its_planted_content_finding()
    {
        await using var demo = await DemoPortal.StartAsync(Path.Combine(AppContext.BaseDirectory, "demo-portal"), CancellationToken.None);
        using var audit = new AuditHarness();
        var site = await audit.AuditUrlAsync(demo.BaseUrl.AbsoluteUri, "--timeout", "5");

        string[] content =
        [
            "column.stale", "column.empty", "site.veto", "subcolumn.missing", "annual-report.missing", "annual-report.incomplete",
            "guide.incomplete", "interpretation.unlinked", "interpretation.late", "column.sparse", "column.catalog-missing",
        ];
        foreach (var rule in content)
            Assert.True(!site.Findings(rule).Any(), $"{rule}: {string.Join(" | ", site.Findings(rule).Select(f => f.GetProperty("message").GetString()))}");
        Assert.Equal([new Uri(demo.BaseUrl, "/zwgk/zfxxgk/fdzdgknr/zcwj/202409/t20240920_118.html").AbsoluteUri],
            site.Findings("interpretation.missing").Select(f => f.GetProperty("url").GetString()));

        var columns = site.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal(ContentPortal.Day(2), columns["news"].GetProperty("latestItemDate").GetString()); // [MM-dd] of {{DAYS_AGO_MD:2}}
        Assert.Equal(3, columns["rules"].GetProperty("itemCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, columns["catalog"].GetProperty("itemCount").ValueKind);
    }
}
