using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;
using SiteAudit.Core.Sites;
using SiteAudit.Host.CommandLine;
using SiteAudit.Host.Probes;
using SiteAudit.Reporting;

namespace SiteAudit.Host.Worker;

/// <summary>
/// `siteaudit worker`: the hosted service (CONTRACT.md "Worker"). A Generic Host with Quartz runs the audit on
/// SiteAudit:Schedule (cron, in SiteAudit:TimeZone) and the availability probes on SiteAudit:Probe:Schedule, serves
/// the reports when SiteAudit:Serve:Enabled, and writes a heartbeat file. SIGTERM or Ctrl-C: no new work starts, the
/// running audit stops crawling and is marked partial with its report written, within SiteAudit:Worker:StopSeconds;
/// then the process exits 0. Everything that can be checked is checked before the host starts (exit 2 for bad
/// settings or sites file, 3 when the store or templates are unusable).
/// </summary>
public static class WorkerCommand
{
    public const string DefaultOutput = "out/worker";

    public static async Task<int> RunAsync(IDictionary<string, string?> settings, TextWriter stdout, CancellationToken ct)
    {
        using var host = AppServices.Build(settings, Configure);
        var audit = host.Services.GetRequiredService<AuditSettings>();
        // The sites file must load now; it is read again before every run, so it may be edited while the worker runs.
        var sites = SitesFileLoader.Load(audit.Sites!, host.Services.GetRequiredService<ProfileCatalog>());
        host.Services.GetRequiredService<ReportWriter>(); // templates checked before anything is scheduled
        var store = host.Services.GetRequiredService<IAuditStore>();
        await store.InitializeAsync(ct);
        await host.Services.GetRequiredService<AuditRunner>().RecoverAsync(ct);

        var schedule = host.Services.GetRequiredService<CronExpression>();
        var options = host.Services.GetRequiredService<WorkerOptions>();
        var probes = host.Services.GetRequiredService<ProbeOptions>();
        var time = host.Services.GetRequiredService<TimeProvider>();
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SiteAudit.Worker");
        log.LogInformation("Worker {Name}: {Sites} site(s) from {File}; audits on \"{Schedule}\" ({TimeZone}), next at {Next:yyyy-MM-dd HH:mm:ss zzz}; probes {Probes}; reports in {Output}",
            options.Name, sites.Count, audit.Sites, schedule.CronExpressionString, schedule.TimeZone.Id,
            schedule.GetNextValidTimeAfter(time.GetUtcNow()) is { } next ? TimeZoneInfo.ConvertTime(next, schedule.TimeZone) : null,
            ProbesEnabled(probes) ? $"on \"{probes.Schedule}\"" : "off", host.Services.GetRequiredService<RunFolders>().Output);
        await stdout.WriteLineAsync($"siteaudit worker 已启动（{options.Name}）：按 “{schedule.CronExpressionString}”（{schedule.TimeZone.Id}）审计 {sites.Count} 个站点；Ctrl-C 或 SIGTERM 停止。");

        await host.RunAsync(ct);
        log.LogInformation("Worker {Name} stopped", options.Name);
        return Cli.ExitOk;
    }

    private static bool ProbesEnabled(ProbeOptions probes) =>
        !string.IsNullOrWhiteSpace(probes.Schedule) && !probes.Schedule.Trim().Equals("off", StringComparison.OrdinalIgnoreCase);

    /// <summary>The worker's services on top of the audit's (AppServices). Bad settings throw <see cref="UsageException"/>.</summary>
    private static void Configure(HostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var audit = config.GetSection(AuditSettings.Section).Get<AuditSettings>() ?? new AuditSettings();
        var worker = config.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        var probes = config.GetSection(ProbeOptions.Section).Get<ProbeOptions>() ?? new ProbeOptions();
        var serve = config.GetSection(ServeOptions.Section).Get<ServeOptions>() ?? new ServeOptions();

        if (string.IsNullOrWhiteSpace(audit.Sites))
            throw new UsageException("worker 需要站点清单：--sites FILE 或设置 SiteAudit:Sites（环境变量 SiteAudit__Sites）");
        if (string.IsNullOrWhiteSpace(audit.Schedule))
            throw new UsageException("worker 需要审计时间表：--schedule \"0 0 2 * * ?\"（Quartz cron）或设置 SiteAudit:Schedule");
        if (string.IsNullOrWhiteSpace(worker.Name) || worker.Name.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' and not '.'))
            throw new UsageException($"SiteAudit:Worker:Name 只能由字母、数字和 - _ . 组成，而不是 “{worker.Name}”");
        var zone = FindTimeZone(audit.TimeZone);
        var schedule = ParseCron(audit.Schedule, "SiteAudit:Schedule（--schedule）", zone);
        var probeSchedule = ProbesEnabled(probes) ? ParseCron(probes.Schedule!, "SiteAudit:Probe:Schedule", zone) : null;
        var output = string.IsNullOrWhiteSpace(audit.Output) ? DefaultOutput : audit.Output;
        var grace = TimeSpan.FromMinutes(Math.Max(0, worker.MisfireGraceMinutes));

        var services = builder.Services;
        services.AddSingleton(worker);
        services.AddSingleton(probes);
        services.AddSingleton(serve);
        services.AddSingleton(schedule);
        services.AddSingleton<WorkerState>();
        services.AddSingleton(new RunFolders(output));
        services.AddSingleton<AuditRunner>();
        services.AddSingleton<AvailabilityProber>();
        services.AddSingleton<ReportServer>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportServer>());
        services.AddHostedService<Heartbeat>();
        services.AddHostedService<CatchUp>();
        // SIGTERM/Ctrl-C: the host stops the scheduler, which cancels running jobs (ShutdownJobInterruption.Always)
        // and waits this long for them to wind down.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(1, worker.StopSeconds)));

        builder.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "siteaudit-" + worker.Name;
                s.DefaultTimeZone = zone;
                s.ShutdownJobInterruption = ShutdownJobInterruption.Always;
            });
            q.AddTriggerListener<ScheduleListener>([]);
            // A fire late by up to the grace still runs (Quartz's misfire threshold); later, it is skipped (DoNothing)
            // and logged. A fire while the audit still runs is skipped, never queued (OverlapPolicy.Skip).
            q.ScheduleJob<AuditJob>(
                t => t.WithIdentity(AuditJob.ScheduleTrigger)
                    .WithCronSchedule(schedule.CronExpressionString, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
                    .WithMisfireThreshold(grace > TimeSpan.Zero ? grace : TimeSpan.FromSeconds(1))
                    .WithOverlapPolicy(OverlapPolicy.Skip),
                j => j.WithIdentity(AuditJob.Key).StoreDurably());
            if (probeSchedule is not null)
                q.ScheduleJob<ProbeJob>(
                    t => t.WithIdentity(ProbeJob.ScheduleTrigger)
                        .WithCronSchedule(probeSchedule.CronExpressionString, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
                        .WithOverlapPolicy(OverlapPolicy.Skip),
                    j => j.WithIdentity(ProbeJob.Key));
        });
        builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    private static TimeZoneInfo FindTimeZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(id) ? "Asia/Shanghai" : id.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            if (id.Trim() is "Asia/Shanghai" or "China Standard Time")
                return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
            throw new UsageException($"未知时区 “{id}”（SiteAudit:TimeZone，例如 Asia/Shanghai）");
        }
    }

    private static CronExpression ParseCron(string text, string setting, TimeZoneInfo zone)
    {
        if (!CronExpression.TryParse(text.Trim(), out var cron) || cron is null)
            throw new UsageException($"{setting} 不是有效的 Quartz cron 表达式：“{text}”（六或七个字段：秒 分 时 日 月 周 [年]，例如 “0 0 2 * * ?” 为每天 2:00）");
        return cron.WithTimeZone(zone);
    }
}
