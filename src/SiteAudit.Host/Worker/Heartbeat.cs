using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace SiteAudit.Host.Worker;

/// <summary>
/// Liveness for the container's HEALTHCHECK: while the scheduler runs, a small JSON file is rewritten every
/// <see cref="WorkerOptions.HeartbeatSeconds"/> (what the worker is doing, the last run, the next one). A worker that
/// hangs or whose scheduler died stops touching it; the check looks at the file's age.
/// </summary>
public sealed class Heartbeat(
    ISchedulerFactory schedulers,
    WorkerState state,
    WorkerOptions options,
    TimeProvider time,
    ILogger<Heartbeat> log) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The file, by default in the temporary folder and named after the worker.</summary>
    public static string PathOf(WorkerOptions options) =>
        string.IsNullOrWhiteSpace(options.HealthFile)
            ? System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"siteaudit-{options.Name}.health")
            : options.HealthFile;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = PathOf(options);
        var period = TimeSpan.FromSeconds(Math.Max(1, options.HeartbeatSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var scheduler = await schedulers.GetScheduler(stoppingToken);
                var status = await scheduler.GetStatus(stoppingToken);
                if (status is SchedulerStatus.Running or SchedulerStatus.Created or SchedulerStatus.Standby)
                {
                    var next = await scheduler.GetTrigger(AuditJob.ScheduleTrigger, stoppingToken);
                    Write(path, status, next?.NextFireTimeUtc);
                }
                else
                {
                    log.LogWarning("Heartbeat withheld: the scheduler is {Status}", status);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SchedulerException)
            {
                log.LogWarning("Heartbeat not written to {Path}: {Message}", path, ex.Message);
            }
            try
            {
                await Task.Delay(period, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A stopped worker is not alive: no stale heartbeat for the next container to trust.
        try { File.Delete(PathOf(options)); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private void Write(string path, SchedulerStatus status, DateTimeOffset? nextRun)
    {
        var snapshot = state.Take();
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            status = "alive",
            at = time.GetUtcNow(),
            worker = options.Name,
            scheduler = status.ToString().ToLowerInvariant(),
            running = snapshot.RunningSince is { } since ? new { since, trigger = snapshot.RunningTrigger } : null,
            lastRun = snapshot.LastRun is { } run ? new { run.Id, run.Status, run.StartedAt, run.FinishedAt } : null,
            nextRun,
            lastProbes = snapshot.LastProbes,
        }, Json);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, body);
        File.Move(temp, path, overwrite: true);
    }
}
