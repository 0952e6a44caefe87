namespace SiteAudit.Host.Worker;

/// <summary>
/// Settings of the worker beyond the contract's SiteAudit:Schedule/TimeZone/Sites/Output/Db (section SiteAudit:Worker;
/// SiteAudit__Worker__RetainDays=90 in the environment).
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = "SiteAudit:Worker";

    /// <summary>
    /// This worker's name, written into its runs' options. At start the worker marks its own runs still "running" as
    /// interrupted (a crash left them), never another process's. Workers sharing one store need different names.
    /// </summary>
    public string Name { get; set; } = "worker";

    /// <summary>
    /// Seconds to wind down after SIGTERM/Ctrl-C: the run stops crawling at once, judges what it has, is marked
    /// partial and writes its report. Keep it below the container's stop timeout (Docker: 10 s unless --stop-timeout).
    /// </summary>
    public int StopSeconds { get; set; } = 8;

    /// <summary>
    /// A scheduled audit that could not start on time (the worker was busy, asleep or down) still runs when it is
    /// at most this late; later, it is skipped until the next one (and the log says so). 0: never run late.
    /// </summary>
    public int MisfireGraceMinutes { get; set; } = 60;

    /// <summary>Runs (store data and output folders) older than this are deleted after each run; 0 keeps everything.</summary>
    public int RetainDays { get; set; } = 90;

    /// <summary>The liveness file (JSON) the worker rewrites every <see cref="HeartbeatSeconds"/> while it is healthy.</summary>
    public string? HealthFile { get; set; }

    public int HeartbeatSeconds { get; set; } = 30;
}

/// <summary>Availability probes (section SiteAudit:Probe): a timed visit of every site's homepage on its own schedule.</summary>
public sealed class ProbeOptions
{
    public const string Section = "SiteAudit:Probe";

    /// <summary>Quartz cron; default hourly (the inspection counts ≥20 timed visits a day). Empty or "off": no probes.</summary>
    public string? Schedule { get; set; } = "0 0 * * * ?";

    /// <summary>A visit fails when the homepage has not opened within this many seconds (DOMAIN.md §6: 15).</summary>
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>Sites probed at the same time.</summary>
    public int Concurrency { get; set; } = 16;
}

/// <summary>The built-in read-only report server (section SiteAudit:Serve).</summary>
public sealed class ServeOptions
{
    public const string Section = "SiteAudit:Serve";

    /// <summary>Off by default; the container turns it on.</summary>
    public bool Enabled { get; set; }

    /// <summary>Address to listen on: 127.0.0.1 by default; 0.0.0.0 (all) in the container.</summary>
    public string Address { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 8080;
}
