using System.Diagnostics;
using System.Text.Json;
using SiteAudit.Core.Model;

namespace SiteAudit.Worker.Tests;

/// <summary>
/// The "done when", with the real executable: a worker on a schedule firing every 20 seconds against a local
/// portal completes two runs and the dead link fixed between them is 已整改 in the second; SIGTERM during a run ends
/// the process within 15 seconds with the run partial and the store readable; a killed run is marked interrupted at
/// the next start. Each against SQLite and PostgreSQL.
/// </summary>
public static class ScheduledRuns
{
    /// <summary>Runs the scenario against a store of <paramref name="kind"/>.</summary>
    public static async Task TwoRunsAsync(string kind, Xunit.Abstractions.ITestOutputHelper output)
    {
        using var scratch = new Scratch();
        var (db, drop) = await Stores.CreateAsync(kind, scratch.Path);
        await using var portal = await TestPortal.StartAsync();
        try
        {
            // Started between two fires: the last one was missed, so the worker catches up at once (run 1), then the
            // schedule fires every 20 seconds (run 2).
            await using var worker = WorkerProcess.Start(scratch.Path, portal.SitesYaml(), db, WorkerOutput.Every20Seconds);
            await worker.WaitUntilAsync(() => worker.PublishedRuns().Count >= 1, TimeSpan.FromSeconds(60), "the first run");
            var first = worker.PublishedRuns()[0];
            portal.FixDeadLink();
            var fixedAt = DateTimeOffset.UtcNow;

            var site1 = WorkerOutput.ReadSite(worker, first);
            var dead = Assert.Single(site1.GetProperty("findings").EnumerateArray(),
                f => f.GetProperty("rule").GetString() == RuleIds.LinkDead && f.GetProperty("url").GetString() == portal.DeadUrl);
            Assert.Equal("new", dead.GetProperty("state").GetString());
            // latest shows the complete run (it is pointed there right after the folder is published)
            await worker.WaitUntilAsync(() => WorkerOutput.LatestRunId(worker) == first, TimeSpan.FromSeconds(10), "latest to show the first run");

            // The next run that started after the fix (one already starting in the same instant would not see it).
            string? second = null;
            await worker.WaitUntilAsync(() =>
            {
                second = worker.PublishedRuns().FirstOrDefault(r => r != first && WorkerOutput.StartedAt(worker, r) >= fixedAt);
                return second is not null;
            }, TimeSpan.FromSeconds(75), "a run after the fix");

            var site2 = WorkerOutput.ReadSite(worker, second!);
            Assert.DoesNotContain(site2.GetProperty("findings").EnumerateArray(), f => f.GetProperty("url").GetString() == portal.DeadUrl);
            var resolved = Assert.Single(site2.GetProperty("resolved").EnumerateArray(), r => r.GetProperty("url").GetString() == portal.DeadUrl);
            Assert.Equal((RuleIds.LinkDead, second), (resolved.GetProperty("rule").GetString(), resolved.GetProperty("resolvedIn").GetString()));
            Assert.Equal(dead.GetProperty("firstSeen").GetString(), resolved.GetProperty("firstSeen").GetString());
            // Findings still there are "open" with the first night's date, not new.
            Assert.All(site2.GetProperty("findings").EnumerateArray(), f => Assert.NotEqual("new", f.GetProperty("state").GetString()));
            var page = await File.ReadAllTextAsync(Directory.EnumerateFiles(Path.Combine(worker.Out, "runs", second!, "sites"), "index.html", SearchOption.AllDirectories).Single());
            Assert.Contains("已整改", page);
            Assert.Contains(portal.DeadUrl, page);
            await worker.WaitUntilAsync(() => string.CompareOrdinal(WorkerOutput.LatestRunId(worker), second) >= 0, TimeSpan.FromSeconds(10), "latest to move on");

            output.WriteLine(worker.Output);
            // The worker is healthy meanwhile, and the store agrees with the files.
            Assert.True(File.Exists(worker.HealthFile), worker.Output);
            worker.Terminate();
            Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(15)), worker.Output);
            Assert.Equal(0, worker.ExitCode);
            await using var store = await Stores.OpenAsync(db);
            var stored = Assert.Single((await store.LoadRunAsync(second!, default))!.Sites);
            Assert.Contains(stored.Resolved, r => r.Url == portal.DeadUrl);
            Assert.Equal(RunStatus.Completed, (await store.ListRunsAsync(10, default)).Single(r => r.Id == first).Status);
        }
        finally
        {
            await drop();
        }
    }
}

/// <summary>The scheduled runs and their history with the SQLite store.</summary>
public sealed class ScheduledRunSqliteTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public Task Two_scheduled_runs_show_a_dead_link_fixed_between_them_as_resolved() => ScheduledRuns.TwoRunsAsync(Stores.Sqlite, output);
}

/// <summary>The same with the PostgreSQL store (its own class: the two run side by side).</summary>
public sealed class ScheduledRunPostgresTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [PostgresFact]
    public void PostgreSQL_is_reachable_for_the_worker_tests() => Assert.Null(Stores.PostgresSkipReason);

    [PostgresFact]
    public Task Two_scheduled_runs_show_a_dead_link_fixed_between_them_as_resolved() => ScheduledRuns.TwoRunsAsync(Stores.Postgres, output);
}

/// <summary>SIGTERM during a run (docker stop): a bounded wind-down, the run partial, exit 0.</summary>
public sealed class StopTests
{
    [Theory, MemberData(nameof(Stores.Kinds), MemberType = typeof(Stores))]
    public async Task SIGTERM_during_a_run_ends_the_process_within_15_seconds_with_the_run_partial(string kind)
    {
        using var scratch = new Scratch();
        var (db, drop) = await Stores.CreateAsync(kind, scratch.Path);
        // 300 pages at 400 ms each, two at a time: a minute of crawling if nobody stops it.
        await using var portal = await TestPortal.StartAsync(slowPages: 300, slowDelay: TimeSpan.FromMilliseconds(400));
        try
        {
            // The wind-down may take 12 s of the 15 (the default, 8 s, suits Docker's 10 s; CI machines are busy).
            await using var worker = WorkerProcess.Start(scratch.Path, portal.SitesYaml(), db, WorkerOutput.Every20Seconds, ["--per-host", "2"],
                new Dictionary<string, string> { ["SiteAudit__Worker__StopSeconds"] = "12" });
            await worker.WaitUntilAsync(() => portal.Requests >= 15, TimeSpan.FromSeconds(60), "the crawl to be under way");

            var watch = Stopwatch.StartNew();
            worker.Terminate();
            var exited = await worker.WaitForExitAsync(TimeSpan.FromSeconds(15));
            watch.Stop();
            Assert.True(exited, $"still running 15 s after SIGTERM:\n{worker.Output}");
            Assert.Equal(0, worker.ExitCode);

            await using var store = await Stores.OpenAsync(db);
            var run = Assert.Single(await store.ListRunsAsync(10, default));
            Assert.Equal(RunStatus.Partial, run.Status);
            Assert.NotNull(run.FinishedAt);
            var report = (await store.LoadRunAsync(run.Id, default))!;
            var site = Assert.Single(report.Sites);
            Assert.Equal(SiteStatus.Partial, site.Status);
            Assert.InRange(site.Stats.PagesFetched, 1, 299);
            // Its report was written and published; latest does not show a partial run.
            Assert.Equal([run.Id], worker.PublishedRuns());
            Assert.True(File.Exists(Path.Combine(worker.Out, "runs", run.Id, "findings.json")), worker.Output);
            Assert.False(Directory.Exists(Path.Combine(worker.Out, "latest")));
            Assert.Contains("stopped by shutdown", worker.Output);
            Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        }
        finally
        {
            await drop();
        }
    }
}

/// <summary>A run killed outright (crash, OOM, power cut) is marked interrupted by the next start.</summary>
public sealed class CrashTests
{
    [Fact]
    public async Task A_run_killed_outright_is_marked_interrupted_at_the_next_start()
    {
        using var scratch = new Scratch();
        var (db, _) = await Stores.CreateAsync(Stores.Sqlite, scratch.Path);
        await using var portal = await TestPortal.StartAsync(slowPages: 300, slowDelay: TimeSpan.FromMilliseconds(400));
        var worker = WorkerProcess.Start(scratch.Path, portal.SitesYaml(), db, WorkerOutput.Every20Seconds, ["--per-host", "2"]);
        await using (worker)
        {
            await worker.WaitUntilAsync(() => portal.Requests >= 10, TimeSpan.FromSeconds(60), "the crawl to be under way");
            worker.Kill();
            Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }
        string killedRun;
        await using (var store = await Stores.OpenAsync(db))
        {
            var run = Assert.Single(await store.ListRunsAsync(10, default));
            Assert.Equal(RunStatus.Running, run.Status); // nobody could say otherwise
            killedRun = run.Id;
        }

        // Next start, at a time with no missed fire (so no catch-up run): the dead run is marked and its report written.
        await using var again = WorkerProcess.Start(scratch.Path, portal.SitesYaml(), db, "0 0 3 1 1 ? 2099");
        await again.WaitUntilAsync(() => again.Output.Contains("marked interrupted"), TimeSpan.FromSeconds(30), "the interrupted run to be marked");
        await again.WaitUntilAsync(() => File.Exists(Path.Combine(again.Out, "runs", killedRun, "findings.json")), TimeSpan.FromSeconds(10), "its report");
        again.Terminate();
        Assert.True(await again.WaitForExitAsync(TimeSpan.FromSeconds(15)), again.Output);
        await using var reopened = await Stores.OpenAsync(db);
        Assert.Equal(RunStatus.Interrupted, Assert.Single(await reopened.ListRunsAsync(10, default)).Status);
    }
}

/// <summary>Reading what a worker process wrote.</summary>
public static class WorkerOutput
{
    public const string Every20Seconds = "0/20 * * * * ?";

    public static JsonElement ReadSite(WorkerProcess worker, string runId)
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(worker.Out, "runs", runId, "findings.json"))).RootElement;
        return json.GetProperty("sites")[0];
    }

    public static DateTimeOffset StartedAt(WorkerProcess worker, string runId)
    {
        var path = Path.Combine(worker.Out, "runs", runId, "findings.json");
        var json = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        return DateTimeOffset.Parse(json.GetProperty("run").GetProperty("startedAt").GetString()!);
    }

    public static string? LatestRunId(WorkerProcess worker)
    {
        var latest = new DirectoryInfo(Path.Combine(worker.Out, "latest"));
        if (!latest.Exists) return null;
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(latest.FullName, "findings.json"))).RootElement;
        return json.GetProperty("run").GetProperty("id").GetString();
    }
}
