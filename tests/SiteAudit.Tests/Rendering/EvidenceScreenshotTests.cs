using System.Buffers.Binary;
using System.Text.Json;
using SiteAudit.Crawling.Rendering;
using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Rendering;

/// <summary>
/// Evidence screenshots (issue #3) through the CLI with the real Chromium: the section page and the pages behind
/// column.missing are kept with the run, written beside the site's page and shown there. Without Chromium these
/// tests fail and say so.
/// </summary>
public sealed class EvidenceScreenshotTests
{
    private const string Head = "<html><head><meta charset=\"utf-8\"><title>青山县人民政府</title></head><body>";

    public EvidenceScreenshotTests()
    {
        if (!File.Exists(new RenderOptions().ChromiumPath))
            throw new InvalidOperationException("CHROMIUM MISSING: /usr/bin/chromium is required for browser tests (apt-get install chromium; .ci/run installs it).");
    }

    /// <summary>A portal whose section lacks 主动公开基本目录; the section page is taller than a screenshot may be.</summary>
    private static async Task<FakeServer> PortalAsync(bool withSection = true)
    {
        var site = await FakeServer.StartAsync();
        var columns = "<a href=\"/zwgk/zn/\">政府信息公开指南</a><a href=\"/zwgk/zd/\">政府信息公开制度</a>" +
                      "<a href=\"/zwgk/fd/\">法定主动公开内容</a><a href=\"/zwgk/nb/\">政府信息公开年报</a>";
        site.Html("/", Head + (withSection ? "<a href=\"/zwgk/\">政府信息公开</a>" : "") + "<a href=\"/news/\">新闻</a><p>欢迎访问。</p></body></html>")
            .Html("/zwgk/", Head + columns + "<div style=\"height:9000px;background:#eef\">栏目列表</div></body></html>")
            .Html("/news/", Head + "<p>新闻</p></body></html>");
        foreach (var path in new[] { "/zwgk/zn/", "/zwgk/zd/", "/zwgk/fd/", "/zwgk/nb/" }) site.Html(path, Head + "<p>内容</p></body></html>");
        return site;
    }

    private static string Screenshot(JsonElement finding) =>
        finding.GetProperty("evidence").TryGetProperty("screenshot", out var shot) ? shot.GetString()! : "";

    private static void AssertPng(string path, int maxHeight)
    {
        Assert.True(File.Exists(path), $"no file at {path}");
        var png = File.ReadAllBytes(path);
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        Assert.InRange(png.Length, 2_000, 5_000_000);
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        Assert.InRange(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), 800, 2000);
        Assert.InRange(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)), 100, maxHeight);
    }

    /// <summary>The one site's folder name (its slug) under sites/.</summary>
    private static string SiteFolder(AuditHarness audit) =>
        Path.GetFileName(Assert.Single(Directory.GetDirectories(Path.Combine(audit.Out, "sites"))));

    [Fact]
    public async Task The_section_page_is_shot_kept_with_the_run_shown_and_written_again_by_report()
    {
        await using var site = await PortalAsync();
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"), "--timeout", "10", "--render", "auto");

        var missing = Assert.Single(result.Findings("column.missing"));
        var slug = SiteFolder(audit);
        var path = Screenshot(missing);
        Assert.Matches($"^sites/{slug}/shots/[0-9a-f]{{12}}\\.png$", path);
        AssertPng(Path.Combine(audit.Out, path), maxHeight: 4000);
        Assert.Equal(4000, BinaryPrimitives.ReadInt32BigEndian(File.ReadAllBytes(Path.Combine(audit.Out, path)).AsSpan(20))); // clipped
        var page = File.ReadAllText(Path.Combine(audit.Out, "sites", slug, "index.html"));
        var name = Path.GetFileName(path);
        Assert.Contains($"<img src=\"shots/{name}\" alt=\"信息公开专栏截图\">", page); // by the column checklist
        Assert.Contains($"src=\"../../{path}\"", page); // with the finding
        Assert.Single(Directory.GetFiles(Path.Combine(audit.Out, "sites", slug, "shots"))); // one URL, one file

        // Re-rendering the stored run into a fresh folder writes the screenshot again.
        var runId = audit.Findings().GetProperty("run").GetProperty("id").GetString()!;
        var other = Path.Combine(audit.Dir, "other");
        Assert.Equal(0, await audit.RunAsync("report", "--run", runId, "--out", other));
        Assert.Equal(File.ReadAllBytes(Path.Combine(audit.Out, path)), File.ReadAllBytes(Path.Combine(other, path)));
        Assert.Contains($"shots/{name}", File.ReadAllText(Path.Combine(other, "sites", slug, "index.html")));
    }

    [Fact]
    public async Task Without_a_section_the_homepage_is_shot_once_for_every_missing_column()
    {
        await using var site = await PortalAsync(withSection: false);
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"), "--timeout", "10", "--render", "auto");

        var missing = result.Findings("column.missing").ToList();
        Assert.True(missing.Count >= 2, $"{missing.Count} column.missing");
        var path = Screenshot(missing[0]);
        Assert.All(missing, f => Assert.Equal(path, Screenshot(f)));
        AssertPng(Path.Combine(audit.Out, path), maxHeight: 4000);
        var page = File.ReadAllText(Path.Combine(audit.Out, "sites", SiteFolder(audit), "index.html"));
        Assert.Contains("首页截图（未找到信息公开专栏）", page);
        Assert.DoesNotContain("信息公开专栏截图", page);
    }

    [Fact]
    public async Task With_render_never_there_are_no_screenshots()
    {
        await using var site = await PortalAsync();
        using var audit = new AuditHarness();
        var result = await audit.AuditUrlAsync(site.Url("/"), "--render", "never");

        var missing = Assert.Single(result.Findings("column.missing"));
        Assert.Equal("", Screenshot(missing));
        var slug = SiteFolder(audit);
        Assert.False(Directory.Exists(Path.Combine(audit.Out, "sites", slug, "shots")));
        Assert.DoesNotContain("截图", File.ReadAllText(Path.Combine(audit.Out, "sites", slug, "index.html")));
    }
}
