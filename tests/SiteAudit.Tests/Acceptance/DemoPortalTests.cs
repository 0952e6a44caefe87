using System.Net;
using System.Text.Json;
using SiteAudit.Host.Demo;
using SiteAudit.Tests.Fakes;
using Xunit.Abstractions;

namespace SiteAudit.Tests.Acceptance;

/// <summary>
/// The bundled demo portal (src/SiteAudit.Host/demo-portal, ground truth in its README.md): the server behaves as the
/// README says, and an audit of it reports exactly the planted column.missing and link.dead findings.
/// </summary>
[Trait("Category", "Acceptance")]
public sealed class DemoPortalTests(ITestOutputHelper output)
{
    /// <summary>The demo's planted dead links, relative to its base URL; "DOWN" stands for {{EXTERNAL_DOWN}}.</summary>
    private static readonly (string Url, string Reason)[] PlantedDeadLinks =
    [
        ("/zwgk/zfxxgk/fdzdgknr/zcwj/202409/P020240920398517826143.pdf", "http-4xx"),
        ("/broken-500/zxft/index.html", "http-5xx"),
        ("DOWN/", "connection"),
        ("http://www.qingshan-old.invalid/", "dns"),
    ];

    [Fact]
    public async Task Demo_server_serves_files_replaces_tokens_and_plants_errors()
    {
        await using var demo = await DemoPortal.StartAsync(DemoRoot(), new DateOnly(2026, 11, 22), CancellationToken.None);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        Uri At(string path) => new(demo.BaseUrl, path);

        var redirect = await http.GetAsync(At("/zwgk"));
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/zwgk/", redirect.Headers.Location!.OriginalString);

        var section = await http.GetAsync(At("/zwgk/"));
        Assert.Equal("text/html; charset=utf-8", section.Content.Headers.ContentType!.ToString());
        var html = await section.Content.ReadAsStringAsync();
        Assert.DoesNotContain("{{", html);
        Assert.Contains(demo.ExternalOkUrl.GetLeftPart(UriPartial.Authority), html);
        Assert.Contains(demo.ExternalDownUrl.GetLeftPart(UriPartial.Authority), html);

        var news = await (await http.GetAsync(At("/xwzx/ywdt/"))).Content.ReadAsStringAsync();
        Assert.Contains("[11-20]", news); // {{DAYS_AGO_MD:2}} counted from the fixed date

        // The GBK folder: bare text/html, GBK bytes, tokens replaced without touching the other bytes.
        var gbk = await http.GetAsync(At("/zwgk/zfxxgk/fdzdgknr/czyjs/"));
        Assert.Equal("text/html", gbk.Content.Headers.ContentType!.ToString());
        var text = TextEncodings.DecodeGbk(await gbk.Content.ReadAsByteArrayAsync());
        Assert.Contains("财政预决算", text);
        Assert.Contains("gb2312", text);
        Assert.Contains(demo.ExternalDownUrl.GetLeftPart(UriPartial.Authority), text);

        Assert.Equal(500, (int)(await http.GetAsync(At("/broken-500/zxft/index.html"))).StatusCode);
        Assert.Equal(500, (int)(await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, At("/broken-500/any")))).StatusCode);
        Assert.Equal(404, (int)(await http.GetAsync(At("/zwgk/zfxxgk/fdzdgknr/zcwj/202409/P020240920398517826143.pdf"))).StatusCode);
        Assert.Equal(404, (int)(await http.GetAsync(At("/%2e%2e/%2e%2e/etc/passwd"))).StatusCode);
        var png = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, At("/images/qs_logo.png")));
        Assert.Equal("image/png", png.Content.Headers.ContentType!.ToString());

        Assert.Equal(200, (int)(await http.GetAsync(new Uri(demo.ExternalOkUrl, "/www.gov.cn/?a=1"))).StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(demo.ExternalDownUrl));
    }

    [Fact]
    public async Task Audit_of_the_demo_reports_exactly_the_planted_findings()
    {
        await using var demo = await DemoPortal.StartAsync(DemoRoot(), CancellationToken.None);
        var work = Directory.CreateTempSubdirectory("siteaudit-demo-");
        try
        {
            var outDir = Path.Combine(work.FullName, "out");
            var stderr = new StringWriter();
            var exit = await SiteAudit.Host.Cli.RunAsync(
                ["audit", "--url", demo.BaseUrl.AbsoluteUri, "--name", "青山县人民政府", "--out", outDir, "--timeout", "5", "--db", Path.Combine(work.FullName, "audit.db")],
                new StringWriter(), stderr);
            Assert.True(exit == 0, $"exit code {exit}\n{stderr}");

            using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "findings.json")));
            var findings = doc.RootElement.GetProperty("sites")[0].GetProperty("findings").EnumerateArray().ToList();
            foreach (var f in findings)
                output.WriteLine($"{f.GetProperty("rule").GetString()} {Prop(f, "url") ?? Prop(f, "column")}");

            var missing = findings.Where(f => Prop(f, "rule") == "column.missing").Select(f => Prop(f, "column")).ToList();
            Assert.Equal(new string?[] { "catalog" }, missing);

            var down = demo.ExternalDownUrl.GetLeftPart(UriPartial.Authority);
            var expected = PlantedDeadLinks
                .Select(d => (Url: d.Url.StartsWith("DOWN", StringComparison.Ordinal) ? down + d.Url[4..]
                    : d.Url.StartsWith('/') ? new Uri(demo.BaseUrl, d.Url).AbsoluteUri : d.Url, d.Reason))
                .OrderBy(d => d.Url, StringComparer.Ordinal).ToList();
            var dead = findings.Where(f => Prop(f, "rule") == "link.dead")
                .Select(f => (Url: Prop(f, "url")!, Reason: f.GetProperty("evidence").TryGetProperty("reason", out var r) ? r.GetString() : null))
                .OrderBy(d => d.Url, StringComparer.Ordinal).ToList();
            Assert.Equal(expected.Select(e => e.Url), dead.Select(d => d.Url));
            Assert.Equal(expected.Select(e => e.Reason), dead.Select(d => d.Reason));
        }
        finally
        {
            try { work.Delete(recursive: true); }
            catch (IOException) { }
        }
    }

    private static string? Prop(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The demo-portal folder: copied next to the test assembly by the Host project, else found in the source tree.</summary>
    private static string DemoRoot()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "demo-portal");
        if (File.Exists(Path.Combine(beside, "index.html"))) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "SiteAudit.Host", "demo-portal");
            if (File.Exists(Path.Combine(candidate, "index.html"))) return candidate;
        }
        throw new DirectoryNotFoundException("src/SiteAudit.Host/demo-portal not found");
    }
}
