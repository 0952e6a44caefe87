using Microsoft.Extensions.Logging;
using SiteAudit.Core;
using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;
using SiteAudit.Core.Sites;
using SiteAudit.Crawling;
using SiteAudit.Host.Pipeline;
using SiteAudit.Reporting;

namespace SiteAudit.Host.Worker;

/// <summary>
/// One scheduled audit run of the worker, at most one at a time: reads the sites file afresh (so it can be edited
/// while the worker runs), runs the pipeline into a staging folder, publishes it as runs/&lt;id&gt;/, points latest
/// at it when the run is complete, then applies retention. Stopping (SIGTERM) cancels the run: the pipeline stops
/// crawling, judges what it has, marks the run partial and writes its report, which is published like any other.
/// </summary>
public sealed class AuditRunner(
    AuditPipeline pipeline,
    IAuditStore store,
    ProfileCatalog catalog,
    ReportWriter reports,
    AuditSettings settings,
    WorkerOptions options,
    CrawlOptions crawl,
    RunFolders folders,
    WorkerState state,
    TimeProvider time,
    ILogger<AuditRunner> log)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Runs one audit; returns its run, or null when none ran (one was going, or the sites file is unusable).</summary>
    /// <param name="trigger">Why: "schedule", "catch-up" …, written into the run's options.</param>
    public async Task<RunInfo?> RunAsync(string trigger, CancellationToken ct)
    {
        if (!await _gate.WaitAsync(0, CancellationToken.None))
        {
            log.LogWarning("Audit ({Trigger}) not started: the run started at {Since:yyyy-MM-dd HH:mm:ss zzz} is still going; runs are never doubled",
                trigger, state.RunningSince);
            return null;
        }
        try
        {
            return await RunExclusiveAsync(trigger, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<RunInfo?> RunExclusiveAsync(string trigger, CancellationToken ct)
    {
        if (ct.IsCancellationRequested) return null;
        IReadOnlyList<SiteTarget> sites;
        try
        {
            sites = SitesFileLoader.Load(settings.Sites!, catalog);
        }
        catch (InputException ex)
        {
            log.LogError("Audit ({Trigger}) not started: the sites file {Sites} has problems:{NewLine}{Problems}",
                trigger, settings.Sites, Environment.NewLine, string.Join(Environment.NewLine, ex.Problems.Select(p => "  " + p)));
            return null;
        }

        var started = time.GetUtcNow();
        state.RunStarted(started, trigger);
        var staging = folders.NewStaging();
        RunReport report;
        try
        {
            var runOptions = new { worker = options.Name, trigger, render = settings.Render.ToLowerInvariant(), crawl };
            report = await pipeline.RunAsync(sites, staging, runOptions, ct);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Audit ({Trigger}) failed", trigger);
            folders.TryDelete(staging);
            await MarkFailedAsync(started);
            state.RunEnded(null);
            return null;
        }

        var run = report.Run;
        var folder = folders.Publish(staging, run.Id);
        if (run.Status == RunStatus.Completed) folders.PointLatestAt(run.Id);
        var findings = report.Sites.Sum(s => s.Findings.Count);
        var fresh = report.Sites.Sum(s => s.Findings.Count(f => f.State == FindingStates.New));
        var resolved = report.Sites.Sum(s => s.Resolved.Count);
        if (run.Status == RunStatus.Completed)
            log.LogInformation("Run {RunId} completed: {Sites} sites, {Findings} findings ({New} new, {Resolved} resolved); reports in {Folder}",
                run.Id, report.Sites.Count, findings, fresh, resolved, folder);
        else
            log.LogWarning("Run {RunId} {Status}{Why}: {Sites} sites, {Findings} findings; reports in {Folder} (latest still shows the last complete run)",
                run.Id, run.Status, ct.IsCancellationRequested ? " (stopped by shutdown)" : "", report.Sites.Count, findings, folder);
        state.RunEnded(run);

        if (!ct.IsCancellationRequested) await PruneAsync();
        return run;
    }

    /// <summary>A run the pipeline could not finish (store gone, templates broken) is marked failed if it was started.</summary>
    private async Task MarkFailedAsync(DateTimeOffset started)
    {
        try
        {
            foreach (var run in await store.ListRunsAsync(5, CancellationToken.None))
                if (run.Status == RunStatus.Running && run.StartedAt >= started)
                    await store.FinishRunAsync(run.Id, RunStatus.Failed, time.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or ArgumentException)
        {
            log.LogWarning("Could not mark the failed run in the store ({Message}); the next start marks it interrupted", ex.Message);
        }
    }

    /// <summary>Retention (<see cref="WorkerOptions.RetainDays"/>): old runs leave the store and the output folder.</summary>
    public async Task PruneAsync()
    {
        if (options.RetainDays <= 0) return;
        try
        {
            var deleted = await store.PruneRunsAsync(time.GetUtcNow().AddDays(-options.RetainDays), CancellationToken.None);
            foreach (var runId in deleted) folders.DeleteRun(runId);
            if (deleted.Count > 0)
                log.LogInformation("Retention ({Days} days): deleted {Count} old run(s): {Runs}", options.RetainDays, deleted.Count, string.Join(" ", deleted));
        }
        catch (Exception ex) when (ex is StoreUnavailableException or IOException or UnauthorizedAccessException)
        {
            log.LogWarning("Retention skipped this time: {Message}", ex.Message);
        }
    }

    /// <summary>
    /// At start: runs of this worker still "running" were cut short by a crash or a kill. They are marked interrupted
    /// and their report (what was crawled) is written to runs/&lt;id&gt;/.
    /// </summary>
    public async Task RecoverAsync(CancellationToken ct)
    {
        folders.CleanUp();
        var interrupted = await store.MarkInterruptedRunsAsync(options.Name, time.GetUtcNow(), ct);
        foreach (var runId in interrupted)
        {
            log.LogWarning("Run {RunId} was interrupted (the worker stopped without winding down): marked interrupted", runId);
            try
            {
                if (await store.LoadRunAsync(runId, ct) is { } report)
                    await reports.WriteAsync(report, [], folders.Publish(folders.NewStaging(), runId), store, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ReportTemplateException or ArgumentException)
            {
                log.LogWarning("The report of interrupted run {RunId} could not be written: {Message}", runId, ex.Message);
            }
        }
        var last = (await store.ListRunsAsync(1, ct)).FirstOrDefault();
        if (last is null) return;
        state.RunEnded(last);
        log.LogInformation("Last run in the store: {RunId} ({Status}, started {Started:yyyy-MM-dd HH:mm:ss zzz})", last.Id, last.Status, last.StartedAt);
        // A stop that outlasted StopSeconds may have ended the process after the run was finished in the store but
        // before its report was published: publish it now.
        if (last.Status != RunStatus.Running && !Directory.Exists(folders.RunFolder(last.Id)))
        {
            try
            {
                if (await store.LoadRunAsync(last.Id, ct) is { } report)
                {
                    var staging = folders.NewStaging();
                    await reports.WriteAsync(report, [], staging, store, ct);
                    folders.Publish(staging, last.Id);
                    if (last.Status == RunStatus.Completed) folders.PointLatestAt(last.Id);
                    log.LogWarning("Run {RunId} had no report folder (the worker stopped before publishing it): written now", last.Id);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ReportTemplateException or ArgumentException)
            {
                log.LogWarning("The report of run {RunId} could not be written: {Message}", last.Id, ex.Message);
            }
        }
    }
}
