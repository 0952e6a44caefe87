using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting.Tests;

public sealed class FindingsJsonTests
{
    private static async Task<(string Text, JsonElement Root)> WriteAsync(RunReport report, TempDir dir)
    {
        await Reports.WriteAsync(report, dir.Path, CancellationToken.None);
        var text = await File.ReadAllTextAsync(dir.File("findings.json"), Encoding.UTF8);
        return (text, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Has_every_contract_key_with_the_right_type()
    {
        using var dir = new TempDir();
        var report = SampleRun.Build();
        var (_, root) = await WriteAsync(report, dir);

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        var run = root.GetProperty("run");
        AssertKinds(run, ("id", JsonValueKind.String), ("startedAt", JsonValueKind.String), ("finishedAt", JsonValueKind.String), ("tool", JsonValueKind.String));
        Assert.Equal("2026-11-22T02:00:00+08:00", run.GetProperty("startedAt").GetString());
        Assert.Equal("2026-11-22T02:25:30+08:00", run.GetProperty("finishedAt").GetString());
        Assert.Equal("siteaudit 0.1.0", run.GetProperty("tool").GetString());

        var sites = root.GetProperty("sites");
        Assert.Equal(report.Sites.Count, sites.GetArrayLength());
        foreach (var (site, model) in sites.EnumerateArray().Zip(report.Sites))
        {
            AssertKinds(site, ("name", JsonValueKind.String), ("url", JsonValueKind.String), ("profile", JsonValueKind.String),
                ("status", JsonValueKind.String), ("stats", JsonValueKind.Object), ("columns", JsonValueKind.Array),
                ("findings", JsonValueKind.Array), ("resolved", JsonValueKind.Array));
            Assert.Equal(model.Status, site.GetProperty("status").GetString());
            var stats = site.GetProperty("stats");
            Assert.Equal(model.Stats.PagesFetched, stats.GetProperty("pagesFetched").GetInt32());
            Assert.Equal(model.Stats.LinksChecked, stats.GetProperty("linksChecked").GetInt32());
            Assert.Equal(model.Stats.DurationMs, stats.GetProperty("durationMs").GetInt64());

            foreach (var (column, c) in site.GetProperty("columns").EnumerateArray().Zip(model.Columns))
            {
                AssertKinds(column, ("id", JsonValueKind.String), ("name", JsonValueKind.String), ("found", c.Found ? JsonValueKind.True : JsonValueKind.False),
                    ("url", Kind(c.Url)), ("matchedBy", Kind(c.MatchedBy)), ("itemCount", c.ItemCount is null ? JsonValueKind.Null : JsonValueKind.Number),
                    ("latestItemDate", Kind(c.LatestItemDate)), ("required", c.Required ? JsonValueKind.True : JsonValueKind.False),
                    ("matchedText", Kind(c.MatchedText)));
            }

            foreach (var (finding, f) in site.GetProperty("findings").EnumerateArray().Zip(model.Findings))
            {
                AssertKinds(finding, ("rule", JsonValueKind.String), ("severity", JsonValueKind.String), ("url", Kind(f.Url)),
                    ("pageUrl", Kind(f.PageUrl)), ("column", Kind(f.Column)), ("message", JsonValueKind.String),
                    ("evidence", JsonValueKind.Object), ("fingerprint", JsonValueKind.String), ("state", JsonValueKind.String),
                    ("firstSeen", JsonValueKind.String));
                Assert.Contains(finding.GetProperty("severity").GetString(), new[] { "error", "warning", "info" });
                Assert.Equal(f.Severity.ToString().ToLowerInvariant(), finding.GetProperty("severity").GetString());
                Assert.Equal(f.Fingerprint, finding.GetProperty("fingerprint").GetString());
                Assert.True(JsonNode.DeepEquals(f.Evidence, JsonNode.Parse(finding.GetProperty("evidence").GetRawText())),
                    $"evidence of {f.Rule} {f.Url} changed");
            }
            Assert.Equal(model.Findings.Count, site.GetProperty("findings").GetArrayLength());

            foreach (var (resolved, r) in site.GetProperty("resolved").EnumerateArray().Zip(model.Resolved))
            {
                AssertKinds(resolved, ("rule", JsonValueKind.String), ("url", Kind(r.Url)), ("fingerprint", JsonValueKind.String),
                    ("firstSeen", JsonValueKind.String), ("resolvedIn", JsonValueKind.String));
            }
            Assert.Equal(model.Resolved.Count, site.GetProperty("resolved").GetArrayLength());
        }
    }

    [Fact]
    public async Task Unfinished_run_writes_finishedAt_as_null()
    {
        using var dir = new TempDir();
        var (text, root) = await WriteAsync(SampleRun.Build(unfinished: true), dir);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("run").GetProperty("finishedAt").ValueKind);
        Assert.Contains("\"finishedAt\": null", text);
    }

    [Fact]
    public async Task Chinese_text_is_written_as_is_and_round_trips()
    {
        using var dir = new TempDir();
        var report = SampleRun.Build();
        var (text, root) = await WriteAsync(report, dir);

        Assert.Contains("青山县人民政府", text);
        Assert.Contains("白石县人民政府" + SampleRun.RareCharacter, text); // outside the BMP, still literal
        Assert.Contains("链接不可用：HTTP 404", text);
        Assert.DoesNotContain("\\u", text); // nothing in the sample needs a \u escape
        Assert.Contains("\"-2 多行\\n第二行, 含逗号\"", text); // but JSON's own escapes are kept

        var messages = root.GetProperty("sites").EnumerateArray()
            .SelectMany(s => s.GetProperty("findings").EnumerateArray())
            .Select(f => f.GetProperty("message").GetString()).ToList();
        Assert.Equal(report.Sites.SelectMany(s => s.Findings).Select(f => f.Message), messages);
        Assert.Equal(report.Sites.Select(s => s.Name), root.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Control_characters_and_lone_surrogates_still_give_valid_json()
    {
        using var dir = new TempDir();
        var site = SampleRun.Qingshui() with { Name = "a\u0001b\u2028c\"d\\e\ud800f" };
        var (text, root) = await WriteAsync(SampleRun.Build() with { Sites = [site] }, dir);
        var name = root.GetProperty("sites")[0].GetProperty("name").GetString();
        Assert.StartsWith("a\u0001b\u2028c\"d\\e", name);
        Assert.EndsWith("f", name);
        Assert.Contains("\\u0001", text);
        Assert.Contains("\\u2028", text);
    }

    private static JsonValueKind Kind(string? value) => value is null ? JsonValueKind.Null : JsonValueKind.String;

    private static void AssertKinds(JsonElement element, params (string Key, JsonValueKind Kind)[] expected)
    {
        foreach (var (key, kind) in expected)
        {
            Assert.True(element.TryGetProperty(key, out var value), $"missing key '{key}' in {element.GetRawText()[..Math.Min(200, element.GetRawText().Length)]}");
            Assert.True(kind == value.ValueKind, $"'{key}' is {value.ValueKind}, expected {kind}");
        }
    }
}
