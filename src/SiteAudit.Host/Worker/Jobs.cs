using Microsoft.Extensions.Logging;
using Quartz;
using SiteAudit.Host.Probes;

namespace SiteAudit.Host.Worker;

/// <summary>The scheduled audit (SiteAudit:Schedule). Overlap is prevented twice: the trigger skips a fire while the
/// job runs, and <see cref="AuditRunner"/> lets one run in at a time (a catch-up and a fire arriving together).</summary>
public sealed class AuditJob(AuditRunner runner) : IJob
{
    public static readonly JobKey Key = new("audit", "siteaudit");
    public static readonly Quartz.TriggerKey ScheduleTrigger = new("audit-schedule", "siteaudit");
    public const string TriggerKey = "trigger";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var trigger = context.MergedJobDataMap.TryGetValue(TriggerKey, out var value) && value is string s ? s : "schedule";
        await runner.RunAsync(trigger, cancellationToken);
    }
}

/// <summary>The availability probes (SiteAudit:Probe:Schedule), on their own schedule, beside the audits.</summary>
public sealed class ProbeJob(AvailabilityProber prober) : IJob
{
    public static readonly JobKey Key = new("probe", "siteaudit");
    public static readonly TriggerKey ScheduleTrigger = new("probe-schedule", "siteaudit");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await prober.ProbeAllAsync(cancellationToken);
}

/// <summary>Says in the log when a scheduled fire is not run: skipped because a run is still going, or missed.</summary>
public sealed class ScheduleListener(ILogger<ScheduleListener> log, WorkerState state) : ITriggerListener
{
    public string Name => "siteaudit-schedule";

    public ValueTask TriggerFired(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken) => default;

    public ValueTask<bool> VetoJobExecution(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken) => new(false);

    public ValueTask TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken)
    {
        log.LogWarning("Scheduled {Job} missed its time by more than the grace period: skipped; next at {Next:yyyy-MM-dd HH:mm:ss zzz}",
            trigger.JobKey.Name, trigger.NextFireTimeUtc?.ToLocalTime());
        return default;
    }

    public ValueTask TriggerSkipped(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken)
    {
        if (trigger.JobKey.Equals(AuditJob.Key))
            log.LogWarning("Scheduled audit skipped: the run started at {Since:yyyy-MM-dd HH:mm:ss zzz} is still going (runs are never doubled); next at {Next:yyyy-MM-dd HH:mm:ss zzz}",
                state.RunningSince, trigger.NextFireTimeUtc?.ToLocalTime());
        else
            log.LogInformation("Scheduled {Job} skipped: the previous one is still going", trigger.JobKey.Name);
        return default;
    }

    public ValueTask TriggerComplete(ITrigger trigger, IJobExecutionContext context, SchedulerInstruction triggerInstructionCode, CancellationToken cancellationToken) => default;

    public ValueTask TriggerRetriesExhausted(ITrigger trigger, IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken) => default;
}
