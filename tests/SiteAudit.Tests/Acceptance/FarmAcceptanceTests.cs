using System.Diagnostics;
using System.Text;
using System.Text.Json;
using SiteAudit.Core.Urls;
using SiteAudit.Tests.Fakes;
using Xunit.Abstractions;

namespace SiteAudit.Tests.Acceptance;

/// <summary>
/// Our own version of the acceptance run: audit a farm of county portals (PortalFarm) with
/// `audit --sites FILE --out DIR --timeout 5`, check every contract output exists, and score site.unreachable,
/// column.missing, link.dead and the content rules (column.stale, column.empty, interpretation.missing,
/// annual-report.missing, guide.incomplete) against the farm's ground truth: each needs ≥ 95% recall and ≥ 95% precision.
/// Keys: the column id for column.* (annual-report.missing: annual-report, guide.incomplete: guide), the normalised URL
/// for link.dead and interpretation.missing (the policy document), the site for site.unreachable.
/// </summary>
[Trait("Category", "Acceptance")]
public sealed class FarmAcceptanceTests(ITestOutputHelper output)
{
    private static readonly string[] MeasuredRules =
    [
        "site.unreachable", "column.missing", "link.dead",
        "column.stale", "column.empty", "interpretation.missing", "annual-report.missing", "guide.incomplete",
    ];

    /// <summary>Rules whose key is a column id (not a URL).</summary>
    private static readonly string[] ColumnKeyed = ["column.missing", "column.stale", "column.empty", "annual-report.missing", "guide.incomplete"];
    private const double Required = 0.95;

    [Fact]
    public async Task Audit_of_the_portal_farm_reaches_95_percent_recall_and_precision()
    {
        await using var farm = await PortalFarm.StartAsync();
        var work = Directory.CreateTempSubdirectory("siteaudit-farm-");
        try
        {
            var sitesFile = farm.WriteSitesFile(Path.Combine(work.FullName, "sites.yaml"));
            var outDir = Path.Combine(work.FullName, "out");
            string[] args = ["audit", "--sites", sitesFile, "--out", outDir, "--timeout", "5", "--db", Path.Combine(work.FullName, "audit.db")];
            output.WriteLine($"farm: {farm.Sites.Count} sites, {farm.Sites.Sum(s => s.PageCount)} pages, {farm.Expected.Count()} expected findings");

            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var clock = Stopwatch.StartNew();
            var run = SiteAudit.Host.Cli.RunAsync(args, stdout, stderr);
            // Timeouts dominate the run (a few silent-port links at --timeout 5); minutes mean something hangs.
            if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(5))) != run)
                Assert.Fail($"the audit did not finish within 5 minutes.\nstderr (end):\n{Tail(stderr.ToString())}");
            var exit = await run;
            output.WriteLine($"audit finished in {clock.Elapsed.TotalSeconds:0.0} s with exit code {exit}");
            if (exit != 0) output.WriteLine("stderr (end):\n" + Tail(stderr.ToString()));
            Assert.Equal(0, exit);

            AssertOutputsExist(outDir, farm);

            var actual = ReadFindings(Path.Combine(outDir, "findings.json"), farm);
            var scores = MeasuredRules.Select(rule => Score.Of(rule, farm.Expected.Where(e => e.Rule == rule).ToList(),
                actual.Where(a => a.Rule == rule).ToList())).ToList();
            foreach (var score in scores) output.WriteLine(score.Describe());

            var failures = scores.Where(s => s.Recall < Required || s.Precision < Required)
                .Select(s => $"{s.Rule}: recall {s.Recall:P1}, precision {s.Precision:P1}").ToList();
            if (failures.Count > 0)
            {
                output.WriteLine("\nWhat was planted:\n" + farm.Describe());
                Assert.Fail("below 95%: " + string.Join("; ", failures));
            }
        }
        finally
        {
            try { work.Delete(recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static void AssertOutputsExist(string outDir, PortalFarm farm)
    {
        foreach (var file in new[] { "index.html", "findings.csv", "findings.json" })
            Assert.True(File.Exists(Path.Combine(outDir, file)), $"missing {file} in the output folder");
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var site in farm.Sites)
        {
            var slug = Slug.Unique(Slug.FromUrl(new Uri(site.Url)), taken);
            if (!File.Exists(Path.Combine(outDir, "sites", slug, "index.html"))) missing.Add($"{site.Name}: sites/{slug}/index.html");
        }
        if (missing.Count > 0)
        {
            var present = Directory.Exists(Path.Combine(outDir, "sites"))
                ? string.Join(", ", Directory.GetDirectories(Path.Combine(outDir, "sites")).Select(Path.GetFileName))
                : "(no sites/ folder)";
            Assert.Fail($"site pages missing: {string.Join("; ", missing)}. Present: {present}");
        }
    }

    /// <summary>One measured finding as the audit reported it: (site, rule, key) plus the reason for diagnostics.</summary>
    private sealed record Actual(string Site, string Rule, string Key, string? Reason);

    private static List<Actual> ReadFindings(string path, PortalFarm farm)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        var byName = farm.Sites.ToDictionary(s => s.Name);
        var byUrl = farm.Sites.ToDictionary(s => Key(s.Url));
        var result = new List<Actual>();
        foreach (var site in root.GetProperty("sites").EnumerateArray())
        {
            var name = Str(site, "name");
            var url = Str(site, "url");
            var farmSite = name is not null && byName.TryGetValue(name, out var n) ? n
                : url is not null && byUrl.TryGetValue(Key(url), out var u) ? u
                : null;
            Assert.True(farmSite is not null, $"findings.json has a site the farm does not: {name} {url}");
            if (!site.TryGetProperty("findings", out var findings)) continue;
            foreach (var f in findings.EnumerateArray())
            {
                var rule = Str(f, "rule");
                if (rule is null || !MeasuredRules.Contains(rule)) continue;
                var key = rule switch
                {
                    "site.unreachable" => Key(farmSite!.Url),
                    "column.missing" or "column.stale" or "column.empty" => Str(f, "column") ?? "(no column)",
                    "annual-report.missing" => Str(f, "column") ?? "annual-report",
                    "guide.incomplete" => "guide",
                    _ => Str(f, "url") is { } link ? Key(link) : "(no url)",
                };
                var reason = f.TryGetProperty("evidence", out var ev) && ev.ValueKind == JsonValueKind.Object ? Str(ev, "reason") : null;
                result.Add(new Actual(farmSite!.Name, rule, key, reason));
            }
        }
        return result;
    }

    private static string? Str(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The contract's URL form (lower-case scheme and host, no default port, no fragment), computed independently.</summary>
    private static string Key(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return url.Trim();
        var b = new UriBuilder(uri) { Fragment = "", Scheme = uri.Scheme.ToLowerInvariant(), Host = uri.Host.ToLowerInvariant() };
        if (uri.IsDefaultPort) b.Port = -1;
        return b.Uri.AbsoluteUri;
    }

    private static string Tail(string text, int lines = 40) =>
        string.Join('\n', text.Split('\n').TakeLast(lines));

    private sealed record Score(string Rule, int Expected, int Reported, int Hits, List<string> Missed, List<string> Spurious, List<string> ReasonMismatches)
    {
        public double Recall => Expected == 0 ? 1 : (double)Hits / Expected;
        public double Precision => Reported == 0 ? (Expected == 0 ? 1 : 0) : (double)Hits / Reported;

        public static Score Of(string rule, List<ExpectedFinding> expected, List<Actual> actual)
        {
            var wanted = expected.ToDictionary(e => (e.Site, Key: ColumnKeyed.Contains(e.Rule) ? e.Key : Key(e.Key)));
            var seen = new HashSet<(string, string)>();
            var missed = new List<string>();
            var spurious = new List<string>();
            var reasons = new List<string>();
            var hits = 0;
            foreach (var a in actual)
            {
                if (!wanted.TryGetValue((a.Site, a.Key), out var e))
                {
                    spurious.Add($"{a.Site} {a.Key}{(a.Reason is null ? "" : $" ({a.Reason})")}");
                    continue;
                }
                if (!seen.Add((a.Site, a.Key)))
                {
                    // The contract wants ONE finding per dead target per site: a repeat is a false report.
                    spurious.Add($"{a.Site} {a.Key} (reported again)");
                    continue;
                }
                hits++;
                if (e.Reason is not null && a.Reason is not null && rule == "link.dead" && e.Reason != a.Reason)
                    reasons.Add($"{a.Site} {a.Key}: expected {e.Reason}, reported {a.Reason} — {e.Note}");
            }
            foreach (var e in expected)
                if (!seen.Contains((e.Site, ColumnKeyed.Contains(e.Rule) ? e.Key : Key(e.Key))))
                    missed.Add($"{e.Site} {e.Key}{(e.Reason is null ? "" : $" ({e.Reason})")}{(e.Note is null ? "" : $" — {e.Note}")}");
            return new Score(rule, expected.Count, actual.Count, hits, missed, spurious, reasons);
        }

        public string Describe()
        {
            var sb = new StringBuilder();
            sb.Append($"\n{Rule}: expected {Expected}, reported {Reported}, matched {Hits} → recall {Recall:P1}, precision {Precision:P1}\n");
            List("missed:  ", Missed);
            List("spurious:", Spurious);
            List("reason:  ", ReasonMismatches);
            return sb.ToString();

            void List(string label, List<string> lines)
            {
                // A broken extractor can report thousands: the first 40 tell the story.
                foreach (var line in lines.Take(40)) sb.Append("  ").Append(label).Append(' ').Append(line).Append('\n');
                if (lines.Count > 40) sb.Append($"  {label} … and {lines.Count - 40} more\n");
            }
        }
    }
}
