using System.Text.Json.Nodes;

namespace SiteAudit.Core.Model;

public sealed record RunInfo(string Id, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Status, string Tool);

/// <summary>A run as the reports show it: read back from the store, so `report --run` renders the same.</summary>
public sealed record RunReport(RunInfo Run, IReadOnlyList<SiteReport> Sites);

/// <summary>
/// One site of a run as the reports show it. Availability: the worker's homepage probes over the 7 days before the
/// site's audit finished (null when the store has none for the site: no worker probed it). Evidence: the screenshots
/// stored with the site's audit (null or empty: none).
/// </summary>
public sealed record SiteReport(
    string Name,
    string Url,
    string Slug,
    string Profile,
    string Status,
    SiteStats Stats,
    IReadOnlyList<ColumnResult> Columns,
    IReadOnlyList<ReportedFinding> Findings,
    IReadOnlyList<ResolvedFinding> Resolved,
    string? Error,
    string? Region = null,
    Availability? Availability = null,
    IReadOnlyList<EvidenceFileInfo>? Evidence = null);

/// <summary>A finding with its history: state is new/open/reopened, FirstSeen a date (yyyy-MM-dd, Asia/Shanghai).</summary>
public sealed record ReportedFinding(
    string Rule,
    Severity Severity,
    string? Url,
    string? PageUrl,
    string? Column,
    string Message,
    JsonObject Evidence,
    string Fingerprint,
    string State,
    string FirstSeen);

/// <summary>A finding of the previous run of the site that this run no longer has (已整改).</summary>
public sealed record ResolvedFinding(string Rule, string? Url, string? Column, string Fingerprint, string FirstSeen, string ResolvedIn);
