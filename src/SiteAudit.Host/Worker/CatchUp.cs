using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using SiteAudit.Core.Model;

namespace SiteAudit.Host.Worker;

/// <summary>
/// Misfire handling across restarts. The schedule lives in memory, so a worker that was down at 02:00 would simply
/// wait for tomorrow. At start, when the last scheduled time is at most <see cref="WorkerOptions.MisfireGraceMinutes"/>
/// ago and no run has completed (or is running) since, the worker runs that audit now: a container restarted at
/// 02:05 by a deploy, or whose 02:00 run a SIGTERM cut short, still audits tonight. (While the worker runs, Quartz
/// applies the same grace: a fire late by more is skipped and logged.)
/// </summary>
public sealed class CatchUp(
    IHostApplicationLifetime lifetime,
    ISchedulerFactory schedulers,
    IAuditStore store,
    CronExpression schedule,
    WorkerOptions options,
    TimeProvider time,
    ILogger<CatchUp> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = RunAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The scheduled time this start should catch up on, or null.</summary>
    public static DateTimeOffset? MissedFire(CronExpression schedule, DateTimeOffset now, TimeSpan grace, IEnumerable<RunInfo> recentRuns)
    {
        if (grace <= TimeSpan.Zero) return null;
        if (schedule.GetPreviousValidTimeBefore(now) is not { } previous || now - previous > grace) return null;
        var done = recentRuns.Any(r => r.StartedAt >= previous && r.Status is RunStatus.Completed or RunStatus.Running);
        return done ? null : previous;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            var missed = MissedFire(schedule, time.GetUtcNow(), TimeSpan.FromMinutes(options.MisfireGraceMinutes),
                await store.ListRunsAsync(20, ct));
            if (missed is null) return;
            log.LogWarning("The audit scheduled for {Missed:yyyy-MM-dd HH:mm:ss zzz} did not run to the end (the worker was down or stopped): running it now",
                TimeZoneInfo.ConvertTime(missed.Value, schedule.TimeZone));
            var scheduler = await schedulers.GetScheduler(ct);
            await scheduler.TriggerJob(AuditJob.Key, new JobDataMap { [AuditJob.TriggerKey] = "catch-up" }, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Could not check for a missed audit");
        }
    }
}
