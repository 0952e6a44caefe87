using System.Text.Json;
using System.Text.Json.Nodes;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>
/// findings.json, schemaVersion 1 (CONTRACT.md). The records below are the schema: property order is the order
/// written, names are camel-cased, null values are written as null (keys are never dropped).
/// Additions to the contract's keys: columns[].required, columns[].matchedText, resolved[].column,
/// sites[].availability (the worker's homepage probes over the week before the audit; null without probes).
/// </summary>
internal static class FindingsJson
{
    public const int SchemaVersion = 1;

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JsonDataEncoder.Instance,
    };

    public static byte[] Serialize(RunReport report) =>
        JsonSerializer.SerializeToUtf8Bytes(ToDocument(report), Options);

    internal static JsonDocumentV1 ToDocument(RunReport report) => new(
        SchemaVersion,
        new JsonRun(report.Run.Id, ReportFormat.Iso(report.Run.StartedAt), ReportFormat.Iso(report.Run.FinishedAt), report.Run.Tool),
        report.Sites.Select(ToSite).ToList());

    private static JsonSite ToSite(SiteReport s) => new(
        s.Name, s.Url, s.Profile, s.Status,
        new JsonStats(s.Stats.PagesFetched, s.Stats.LinksChecked, s.Stats.DurationMs),
        s.Columns.Select(c => new JsonColumn(c.Id, c.Name, c.Found, c.Url, c.MatchedBy, c.ItemCount, c.LatestItemDate, c.Required, c.MatchedText)).ToList(),
        s.Findings.Select(f => new JsonFinding(
            f.Rule, ReportLabels.SeverityId(f.Severity), f.Url, f.PageUrl, f.Column, f.Message,
            f.Evidence, f.Fingerprint, f.State, f.FirstSeen)).ToList(),
        s.Resolved.Select(r => new JsonResolved(r.Rule, r.Url, r.Fingerprint, r.FirstSeen, r.ResolvedIn, r.Column)).ToList(),
        s.Availability is { } a
            ? new JsonAvailability(a.Probes, a.Failed, Math.Round(a.AvailableRatio, 4), a.AverageMs, ReportFormat.Iso(a.From), ReportFormat.Iso(a.To))
            : null);

    internal sealed record JsonDocumentV1(int SchemaVersion, JsonRun Run, IReadOnlyList<JsonSite> Sites);

    internal sealed record JsonRun(string Id, string StartedAt, string? FinishedAt, string Tool);

    internal sealed record JsonSite(
        string Name, string Url, string Profile, string Status, JsonStats Stats,
        IReadOnlyList<JsonColumn> Columns, IReadOnlyList<JsonFinding> Findings, IReadOnlyList<JsonResolved> Resolved,
        JsonAvailability? Availability);

    /// <summary>Timed homepage visits (probes) in [from, to]: how many, how many failed to open within 15 s, the share that opened.</summary>
    internal sealed record JsonAvailability(int Probes, int Failed, double Available, long? AverageMs, string From, string To);

    internal sealed record JsonStats(int PagesFetched, int LinksChecked, long DurationMs);

    internal sealed record JsonColumn(
        string Id, string Name, bool Found, string? Url, string? MatchedBy, int? ItemCount, string? LatestItemDate,
        bool Required, string? MatchedText);

    /// <summary>Evidence is written as stored: serialising a <see cref="JsonObject"/> does not re-parent or change it.</summary>
    internal sealed record JsonFinding(
        string Rule, string Severity, string? Url, string? PageUrl, string? Column, string Message,
        JsonObject Evidence, string Fingerprint, string State, string FirstSeen);

    internal sealed record JsonResolved(string Rule, string? Url, string Fingerprint, string FirstSeen, string ResolvedIn, string? Column);
}
