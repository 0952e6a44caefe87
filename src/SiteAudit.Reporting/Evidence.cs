using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>One evidence entry other than reason/status/referrers, as text values ready to show.</summary>
internal sealed record EvidenceItem(string Key, string Label, IReadOnlyList<string> Values);

/// <summary>
/// Reads a finding's free-form evidence (CONTRACT.md "Rule ids") for people: the well-known keys
/// (reason, status, referrers) apart, every other key as a labelled list of text values. Tolerates any shape;
/// null values are left out (there is nothing to show).
/// </summary>
internal sealed class Evidence
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JsonDataEncoder.Instance };

    public string? Reason { get; }
    public int? Status { get; }
    public IReadOnlyList<string> Referrers { get; }
    public IReadOnlyList<EvidenceItem> Others { get; }

    /// <summary>The first non-empty value of another entry (linkText, screenshot …), or null.</summary>
    public string? First(string key) => Others.FirstOrDefault(o => o.Key == key)?.Values.FirstOrDefault(v => v.Length > 0);

    /// <summary>Chinese wording of <see cref="Reason"/> (请求超时, HTTP 404 …), or null.</summary>
    public string? ReasonLabel => Reason is null ? null : DeadReason.Describe(Reason, Status);

    public Evidence(JsonObject? evidence)
    {
        var others = new List<EvidenceItem>();
        Referrers = [];
        foreach (var (key, node) in evidence ?? [])
        {
            if (node is null) continue; // "status": null and the like: nothing to show
            switch (key)
            {
                case "reason" when node is JsonValue:
                    Reason = Text(node);
                    break;
                case "status" when node is JsonValue v && TryInt(v, out var status):
                    Status = status;
                    break;
                case "referrers" when node is JsonArray referrers:
                    Referrers = referrers.Select(Text).ToList();
                    break;
                default:
                    others.Add(new EvidenceItem(key, ReportLabels.EvidenceKey(key), Values(key, node)));
                    break;
            }
        }
        Others = others;
    }

    private static IReadOnlyList<string> Values(string key, JsonNode? node)
    {
        IEnumerable<string> values = node is JsonArray array ? array.Select(Readable) : [Readable(node)];
        // site.veto names the rule that triggered it: show its Chinese name with the id (when it is an id).
        if (key == "rule") values = values.Select(RuleName);
        return values.ToList();
    }

    private static string RuleName(string id) => ReportLabels.Rule(id) is var label && label != id ? $"{label}（{id}）" : id;

    /// <summary>
    /// Like <see cref="Text"/>, but an object reads as labelled pairs (标题：…，日期：…; site.veto's triggers, a
    /// column's newest item, an annual report's table), its null entries left out, lists joined with 、.
    /// </summary>
    private static string Readable(JsonNode? node) => node switch
    {
        JsonObject o => string.Join("，", o.Where(kv => kv.Value is not null).Select(kv =>
            $"{ReportLabels.EvidenceKey(kv.Key)}：{(kv.Key == "rule" ? RuleName(Readable(kv.Value)) : Readable(kv.Value))}")),
        JsonArray a => string.Join("、", a.Select(Readable)),
        _ => Text(node),
    };

    private static bool TryInt(JsonValue value, out int result)
    {
        result = 0;
        return value.GetValueKind() switch
        {
            JsonValueKind.Number => int.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out result),
            JsonValueKind.String => int.TryParse(Text(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out result),
            _ => false,
        };
    }

    /// <summary>A string as itself; anything else as compact JSON (numbers, true/false, objects).</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        // A string, or a value that serialises as one (DateOnly, DateTimeOffset, Guid …).
        JsonValue v when v.GetValueKind() == JsonValueKind.String =>
            v.TryGetValue(out string? s) ? s : JsonSerializer.Deserialize<string>(v.ToJsonString()) ?? "",
        _ => node.ToJsonString(Compact),
    };
}
