namespace SiteAudit.Core.Model;

/// <summary>
/// One timed visit of a site's homepage by the worker's availability probe (DOMAIN.md §6 站点无法访问).
/// Failed: the page did not open within the probe's time limit (timeout, connection, DNS or TLS failure, HTTP 5xx).
/// Status is the final HTTP status when there was one; Error a short reason otherwise.
/// </summary>
public sealed record ProbeRecord(
    string SiteUrl,
    DateTimeOffset ProbedAt,
    bool Failed,
    int? Status,
    long DurationMs,
    string? Error);

/// <summary>
/// The availability of a site over a window, as the inspection measures it: how many timed visits of the homepage
/// there were and how many failed to open within the time limit. <see cref="AverageMs"/> is the mean time of the
/// visits that opened (null when none did).
/// </summary>
public sealed record Availability(DateTimeOffset From, DateTimeOffset To, int Probes, int Failed, long? AverageMs)
{
    /// <summary>The window the single-veto rule 站点无法访问 looks at.</summary>
    public static readonly TimeSpan VetoWindow = TimeSpan.FromDays(7);

    /// <summary>Failed visits at or above this share of all visits trigger the veto (≥5%).</summary>
    public const double VetoFailureRatio = 0.05;

    /// <summary>
    /// Fewest visits in the window before the veto is judged at all: the inspection's week of ≥20 timed visits a day.
    /// A worker that has just started (or probes rarely) claims nothing.
    /// </summary>
    public const int VetoMinimumProbes = 140;

    /// <summary>A visit that has not opened within this time failed (DOMAIN.md §6: 15 s).</summary>
    public static readonly TimeSpan ProbeTimeLimit = TimeSpan.FromSeconds(15);

    public static Availability None(DateTimeOffset from, DateTimeOffset to) => new(from, to, 0, 0, null);

    /// <summary>Share of visits that failed (0 when there were none).</summary>
    public double FailureRatio => Probes == 0 ? 0 : (double)Failed / Probes;

    /// <summary>Share of visits that opened, e.g. 0.994.</summary>
    public double AvailableRatio => Probes == 0 ? 0 : 1 - FailureRatio;
}
