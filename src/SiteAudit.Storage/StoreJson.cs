using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SiteAudit.Storage;

/// <summary>JSON columns (stats, columns, evidence, meta): camelCase, Chinese kept readable rather than \u-escaped.</summary>
internal static class StoreJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Read<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);

    public static string? WriteObject(JsonObject? value) => value?.ToJsonString(Options);

    public static JsonObject? ReadObject(string? json) => json is null ? null : JsonNode.Parse(json)?.AsObject();
}
