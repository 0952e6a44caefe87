using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;
using SiteAudit.Crawling;
using SiteAudit.Host;
using SiteAudit.Host.Probes;
using SiteAudit.Host.Worker;
using SiteAudit.Storage;

namespace SiteAudit.Worker.Tests;

/// <summary>
/// Availability (DOMAIN.md §6 站点无法访问): the probe's timed visits, and the site.veto a week of failures brings,
/// shown with the availability figure in findings.json.
/// </summary>
public sealed class AvailabilityTests
{
    private static AvailabilityProber Prober(IAuditStore store, string sitesFile, int timeoutSeconds = 2) => new(
        store, new ProfileCatalog(AppServices.ProfileDirectories(new AuditSettings())), new AuditSettings { Sites = sitesFile },
        new ProbeOptions { TimeoutSeconds = timeoutSeconds }, new CrawlOptions(), new WorkerState(), TimeProvider.System,
        NullLogger<AvailabilityProber>.Instance);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task A_visit_fails_on_5xx_timeout_or_refusal_not_on_4xx()
    {
        using var scratch = new Scratch();
        await using var store = await Stores.OpenAsync(Path.Combine(scratch.Path, "a.db"));
        await using var portal = await TestPortal.StartAsync(slowPages: 1, slowDelay: TimeSpan.FromSeconds(10));
        using var prober = Prober(store, "unused.yaml", timeoutSeconds: 1);

        var ok = await prober.ProbeAsync(portal.BaseUrl, default);
        Assert.Equal((false, 200, null), (ok!.Failed, ok.Status, ok.Error));
        var missing = await prober.ProbeAsync(new Uri(portal.BaseUrl, "/no-such-page"), default);
        Assert.Equal((false, 404), (missing!.Failed, missing.Status)); // the server answered: not an outage
        var slow = await prober.ProbeAsync(new Uri(portal.BaseUrl, "/xwzx/0.html"), default);
        Assert.True(slow!.Failed);
        Assert.StartsWith("timeout", slow.Error);
        Assert.InRange(slow.DurationMs, 900, 5000);
        var refused = await prober.ProbeAsync(new Uri($"http://127.0.0.1:{FreePort()}/"), default);
        Assert.True(refused!.Failed);
        Assert.StartsWith("connection", refused.Error);
        portal.Down = true;
        var down = await prober.ProbeAsync(portal.BaseUrl, default);
        Assert.Equal((true, 503, "HTTP 503"), (down!.Failed, down.Status, down.Error));

        // A visit cut short by the worker's shutdown is no visit at all.
        portal.Down = false;
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.Null(await prober.ProbeAsync(new Uri(portal.BaseUrl, "/xwzx/0.html"), stop.Token));
    }

    [Fact]
    public async Task A_round_is_recorded_unless_every_site_failed_at_once()
    {
        using var scratch = new Scratch();
        await using var store = await Stores.OpenAsync(Path.Combine(scratch.Path, "a.db"));
        await using var up = await TestPortal.StartAsync();
        await using var down = await TestPortal.StartAsync();
        await using var third = await TestPortal.StartAsync();
        var sites = Path.Combine(scratch.Path, "sites.yaml");
        File.WriteAllText(sites, $"sites:\n  - name: 甲\n    url: {up.BaseUrl}\n  - name: 乙\n    url: {down.BaseUrl}\n  - name: 丙\n    url: {third.BaseUrl}\n");
        using var prober = Prober(store, sites);
        var week = (DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        down.Down = true;
        await prober.ProbeAllAsync(default);
        Assert.Equal((1, 1), await CountsAsync(down.BaseUrl));
        Assert.Equal((1, 0), await CountsAsync(up.BaseUrl));

        // All three at once: this machine's network, not theirs. Not recorded.
        up.Down = third.Down = true;
        await prober.ProbeAllAsync(default);
        Assert.Equal((1, 1), await CountsAsync(down.BaseUrl));
        Assert.Equal((1, 0), await CountsAsync(up.BaseUrl));

        async Task<(int, int)> CountsAsync(Uri site) =>
            await store.GetAvailabilityAsync(site.AbsoluteUri, week.Item1, week.Item2, default) is var a ? (a.Probes, a.Failed) : default;
    }

    [Fact]
    public async Task A_week_with_five_percent_failed_visits_is_a_site_veto_and_findings_json_shows_the_figure()
    {
        using var scratch = new Scratch();
        var db = Path.Combine(scratch.Path, "a.db");
        await using var portal = await TestPortal.StartAsync();
        var now = DateTimeOffset.UtcNow;
        // 168 hourly visits in the last week, 9 failed (5.4%): 站点无法访问.
        await using (var store = await Stores.OpenAsync(db))
        {
            await store.AddProbesAsync(Enumerable.Range(1, 168)
                .Select(h => new ProbeRecord(portal.BaseUrl.AbsoluteUri, now.AddHours(-h).AddMinutes(30), h % 18 == 0 && h <= 162,
                    h % 18 == 0 ? null : 200, h % 18 == 0 ? 15000 : 300, h % 18 == 0 ? "timeout" : null))
                .ToList(), default);
        }
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var output = Path.Combine(scratch.Path, "out");
        var code = await Cli.RunAsync(["audit", "--url", portal.BaseUrl.AbsoluteUri, "--out", output, "--db", db, "--timeout", "3"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());

        var site = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "findings.json"))).RootElement.GetProperty("sites")[0];
        var veto = Assert.Single(site.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == RuleIds.SiteVeto);
        var evidence = veto.GetProperty("evidence");
        Assert.Equal("站点无法访问", evidence.GetProperty("rule").GetString());
        Assert.Equal(9, evidence.GetProperty("count").GetInt32());
        Assert.Equal(portal.BaseUrl.AbsoluteUri, veto.GetProperty("url").GetString());
        Assert.Contains("168 次", veto.GetProperty("message").GetString());
        var availability = site.GetProperty("availability");
        Assert.Equal((168, 9), (availability.GetProperty("probes").GetInt32(), availability.GetProperty("failed").GetInt32()));
        Assert.Equal(0.9464, availability.GetProperty("available").GetDouble(), 3);
        // The site's page shows the figure.
        var page = File.ReadAllText(Directory.EnumerateFiles(Path.Combine(output, "sites"), "index.html", SearchOption.AllDirectories).Single());
        Assert.Contains("94.6%", page);
        Assert.Contains("站点无法访问", page);
    }

    [Fact]
    public async Task Fewer_than_a_week_of_visits_or_under_five_percent_is_no_veto()
    {
        using var scratch = new Scratch();
        var db = Path.Combine(scratch.Path, "a.db");
        await using var portal = await TestPortal.StartAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var store = await Stores.OpenAsync(db))
        {
            // A worker started two days ago: 48 visits, half failed. Too few to judge a week.
            await store.AddProbesAsync(Enumerable.Range(1, 48)
                .Select(h => new ProbeRecord(portal.BaseUrl.AbsoluteUri, now.AddHours(-h), h % 2 == 0, null, 100, "timeout")).ToList(), default);
        }
        var output = Path.Combine(scratch.Path, "out");
        Assert.Equal(0, await Cli.RunAsync(["audit", "--url", portal.BaseUrl.AbsoluteUri, "--out", output, "--db", db, "--timeout", "3"], new StringWriter(), new StringWriter()));
        var site = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "findings.json"))).RootElement.GetProperty("sites")[0];
        Assert.DoesNotContain(site.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("rule").GetString() == RuleIds.SiteVeto && f.GetProperty("evidence").GetProperty("rule").GetString() == "站点无法访问");
        Assert.Equal(48, site.GetProperty("availability").GetProperty("probes").GetInt32()); // shown all the same
    }
}
