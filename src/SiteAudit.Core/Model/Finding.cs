using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SiteAudit.Core.Model;

public enum Severity { Info = 0, Warning = 1, Error = 2 }

/// <summary>Rule ids of the contract (CONTRACT.md "Rule ids"). Their meaning never changes.</summary>
public static class RuleIds
{
    public const string SiteUnreachable = "site.unreachable";
    public const string SiteVeto = "site.veto";
    public const string ColumnMissing = "column.missing";
    public const string ColumnEmpty = "column.empty";
    public const string ColumnStale = "column.stale";
    public const string InterpretationMissing = "interpretation.missing";
    public const string InterpretationUnlinked = "interpretation.unlinked";
    public const string InterpretationLate = "interpretation.late";
    public const string AnnualReportMissing = "annual-report.missing";
    public const string AnnualReportIncomplete = "annual-report.incomplete";
    public const string GuideIncomplete = "guide.incomplete";
    public const string LinkDead = "link.dead";
}

/// <summary>One problem found on one site. Evidence is free-form JSON as the contract describes per rule.</summary>
public sealed record Finding(
    string Rule,
    Severity Severity,
    string? Url,
    string? PageUrl,
    string? Column,
    string Message,
    JsonObject Evidence)
{
    /// <summary>
    /// Stable across runs: the same problem at the same place hashes the same, whatever its message or evidence
    /// (referrers and statuses change from night to night; the problem does not).
    /// </summary>
    public string Fingerprint => ComputeFingerprint(Rule, Column, Url);

    public static string ComputeFingerprint(string rule, string? column, string? url)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{rule}\n{column}\n{url}"));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 10));
    }
}

/// <summary>Lifecycle of a finding compared with earlier runs of the same site in the same store.</summary>
public static class FindingStates
{
    public const string New = "new";
    public const string Open = "open";
    public const string Reopened = "reopened";
}
