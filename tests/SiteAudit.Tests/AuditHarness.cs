using System.Text.Json;
using SiteAudit.Host;

namespace SiteAudit.Tests;

/// <summary>Runs the real CLI in-process into a temporary folder and reads back what it wrote.</summary>
public sealed class AuditHarness : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("siteaudit-test-").FullName;
    public string Out => Path.Combine(Dir, "out");
    public string Db => Path.Combine(Dir, "audit.db");
    public StringWriter Stdout { get; } = new();
    public StringWriter Stderr { get; } = new();

    public async Task<int> RunAsync(params string[] args)
    {
        var all = args.Concat(args.Contains("--db") ? [] : new[] { "--db", Db }).ToArray();
        return await Cli.RunAsync(all, Stdout, Stderr);
    }

    /// <summary>
    /// Audits one URL with a short timeout; asserts exit code 0 and returns findings.json's only site. Crawl tests
    /// need no browser, so rendering is off unless the test passes --render itself (the acceptance tests keep the
    /// product's defaults).
    /// </summary>
    public async Task<JsonElement> AuditUrlAsync(string url, params string[] extra)
    {
        var render = extra.Contains("--render") ? [] : new[] { "--render", "never" };
        var code = await RunAsync(["audit", "--url", url, "--name", "测试站点", "--out", Out, "--timeout", "3", .. render, .. extra]);
        Assert.True(code == 0, $"exit code {code}\n{Stderr}");
        return Findings().GetProperty("sites")[0];
    }

    public JsonElement Findings() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "findings.json"))).RootElement;

    public string WriteSites(string yaml)
    {
        var path = Path.Combine(Dir, "sites.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public static class FindingsJson
{
    public static IEnumerable<JsonElement> Findings(this JsonElement site, string rule) =>
        site.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("rule").GetString() == rule);

    public static JsonElement DeadLink(this JsonElement site, string url) =>
        site.Findings("link.dead").SingleOrDefault(f => f.GetProperty("url").GetString() == url) is { ValueKind: JsonValueKind.Object } f
            ? f
            : throw new Xunit.Sdk.XunitException($"no link.dead for {url}; have: {string.Join(", ", site.Findings("link.dead").Select(x => x.GetProperty("url").GetString()))}");

    public static string Reason(this JsonElement finding) => finding.GetProperty("evidence").GetProperty("reason").GetString()!;

    public static IReadOnlyList<string> DeadUrls(this JsonElement site) =>
        site.Findings("link.dead").Select(f => f.GetProperty("url").GetString()!).Order().ToList();
}
