using System.Text.Json.Nodes;

namespace SiteAudit.Reporting.Tests;

public sealed class EvidenceTests
{
    [Fact]
    public void Reads_evidence_built_in_code_or_parsed_from_the_store_alike()
    {
        var built = new JsonObject
        {
            ["reason"] = "http-4xx", ["status"] = 404L, ["referrers"] = new JsonArray("http://a/"),
            ["latestDate"] = JsonValue.Create(new DateOnly(2026, 10, 1)), ["limitDays"] = 14, ["none"] = null,
        };
        var parsed = JsonNode.Parse(built.ToJsonString())!.AsObject();

        foreach (var evidence in new[] { new Evidence(built), new Evidence(parsed) })
        {
            Assert.Equal("http-4xx", evidence.Reason);
            Assert.Equal(404, evidence.Status);
            Assert.Equal("HTTP 404", evidence.ReasonLabel);
            Assert.Equal(["http://a/"], evidence.Referrers);
            Assert.Equal(["latestDate", "limitDays"], evidence.Others.Select(o => o.Key));
            Assert.Equal(["2026-10-01"], evidence.Others[0].Values);
            Assert.Equal("最新内容日期", evidence.Others[0].Label);
            Assert.Equal(["14"], evidence.Others[1].Values);
        }
    }

    [Fact]
    public void Odd_shapes_are_shown_not_lost()
    {
        var evidence = new Evidence(new JsonObject
        {
            ["status"] = "n/a",
            ["referrers"] = "not a list",
            ["nested"] = new JsonObject { ["a"] = 1 },
            ["rule"] = "column.stale",
        });
        Assert.Null(evidence.Status);
        Assert.Empty(evidence.Referrers);
        Assert.Equal(["n/a"], evidence.Others.Single(o => o.Key == "status").Values);
        Assert.Equal(["not a list"], evidence.Others.Single(o => o.Key == "referrers").Values);
        Assert.Equal(["a：1"], evidence.Others.Single(o => o.Key == "nested").Values);
        Assert.Equal(["栏目不更新（column.stale）"], evidence.Others.Single(o => o.Key == "rule").Values);
    }

    [Fact]
    public void Objects_read_as_labelled_pairs()
    {
        var evidence = new Evidence(new JsonObject
        {
            ["rule"] = "栏目不更新", // a single-veto item by name, not an id
            ["triggers"] = new JsonArray(new JsonObject
            {
                ["rule"] = "栏目不更新", ["reason"] = "5 个栏目超期未更新", ["count"] = 5, ["threshold"] = 5,
                ["columns"] = new JsonArray("news", "notices"), ["none"] = null,
            }),
            ["newestItem"] = new JsonObject { ["title"] = "<b>通知</b>", ["date"] = "2026-10-01" },
        });
        Assert.Equal(["栏目不更新"], evidence.Others.Single(o => o.Key == "rule").Values);
        Assert.Equal(["否决依据：栏目不更新，原因：5 个栏目超期未更新，数量：5，否决标准：5，栏目：news、notices"],
            evidence.Others.Single(o => o.Key == "triggers").Values);
        Assert.Equal(["标题：<b>通知</b>，日期：2026-10-01"], evidence.Others.Single(o => o.Key == "newestItem").Values);
        Assert.Empty(new Evidence(null).Others);
    }
}
