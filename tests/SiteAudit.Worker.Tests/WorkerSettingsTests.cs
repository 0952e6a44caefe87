using Quartz;
using SiteAudit.Core.Model;
using SiteAudit.Host;
using SiteAudit.Host.Worker;

namespace SiteAudit.Worker.Tests;

/// <summary>What the worker refuses before it starts (exit 2 and 3), and when it catches up on a missed audit.</summary>
public sealed class WorkerSettingsTests
{
    private static async Task<(int Code, string Err)> WorkerAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await Cli.RunAsync(["worker", .. args], stdout, stderr);
        return (code, stderr.ToString());
    }

    [Fact]
    public async Task Bad_settings_and_bad_sites_files_exit_2_with_the_reason()
    {
        using var scratch = new Scratch();
        var sites = Path.Combine(scratch.Path, "sites.yaml");
        File.WriteAllText(sites, "sites:\n  - name: 青山\n    url: http://127.0.0.1:9/\n");
        var db = Path.Combine(scratch.Path, "a.db");

        var noSchedule = await WorkerAsync("--sites", sites, "--db", db);
        Assert.Equal((2, true), (noSchedule.Code, noSchedule.Err.Contains("--schedule")));
        var noSites = await WorkerAsync("--schedule", "0 0 2 * * ?", "--db", db);
        Assert.Equal((2, true), (noSites.Code, noSites.Err.Contains("--sites")));
        var badCron = await WorkerAsync("--sites", sites, "--schedule", "every night at two", "--db", db);
        Assert.Equal((2, true), (badCron.Code, badCron.Err.Contains("cron")));
        var badZone = await WorkerAsync("--sites", sites, "--schedule", "0 0 2 * * ?", "--time-zone", "Mars/Olympus", "--db", db);
        Assert.Equal((2, true), (badZone.Code, badZone.Err.Contains("Mars/Olympus")));

        File.WriteAllText(sites, "sites:\n  - name: 青山\n    url: not a url\n");
        var badSites = await WorkerAsync("--sites", sites, "--schedule", "0 0 2 * * ?", "--db", db);
        Assert.Equal(2, badSites.Code);
        Assert.Contains("sites.yaml:3", badSites.Err);
        Assert.Equal(0, (await Cli.RunAsync(["worker", "--help"], new StringWriter(), new StringWriter())));
    }

    [Fact]
    public async Task An_unusable_store_exits_3_before_anything_is_scheduled()
    {
        using var scratch = new Scratch();
        var sites = Path.Combine(scratch.Path, "sites.yaml");
        File.WriteAllText(sites, "sites:\n  - name: 青山\n    url: http://127.0.0.1:9/\n");
        File.WriteAllText(Path.Combine(scratch.Path, "file"), "x");
        var (code, err) = await WorkerAsync("--sites", sites, "--schedule", "0 0 2 * * ?", "--db", Path.Combine(scratch.Path, "file", "a.db"));
        Assert.Equal(3, code);
        Assert.Contains("存储不可用", err);
    }

    [Fact]
    public async Task A_report_port_already_taken_exits_3_and_says_which()
    {
        using var scratch = new Scratch();
        var sites = Path.Combine(scratch.Path, "sites.yaml");
        File.WriteAllText(sites, "sites:\n  - name: 青山\n    url: http://127.0.0.1:9/\n");
        var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
            var (code, err) = await WorkerAsync("--sites", sites, "--schedule", "0 0 3 1 1 ? 2099", "--db", Path.Combine(scratch.Path, "a.db"),
                "--out", Path.Combine(scratch.Path, "out"), "--serve", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(3, code);
            Assert.Contains($"{port}", err);
            Assert.Contains("--serve", err);
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task A_finished_run_without_its_report_folder_gets_one_at_the_next_start()
    {
        // A stop that outlasted StopSeconds: the run was finished in the store, its report never published.
        using var scratch = new Scratch();
        var db = Path.Combine(scratch.Path, "a.db");
        string runId;
        await using (var store = await Stores.OpenAsync(db))
        {
            runId = await store.StartRunAsync(DateTimeOffset.UtcNow.AddMinutes(-5), "siteaudit 0.1.0", """{"worker":"worker"}""", default);
            await store.FinishRunAsync(runId, RunStatus.Completed, DateTimeOffset.UtcNow.AddMinutes(-4), default);
        }
        var sites = Path.Combine(scratch.Path, "sites.yaml");
        File.WriteAllText(sites, "sites:\n  - name: 青山\n    url: http://127.0.0.1:9/\n");
        var output = Path.Combine(scratch.Path, "out");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var worker = Cli.RunAsync(["worker", "--sites", sites, "--schedule", "0 0 3 1 1 ? 2099", "--db", db, "--out", output],
            new StringWriter(), new StringWriter(), stop.Token);
        var findings = Path.Combine(output, "runs", runId, "findings.json");
        while (!File.Exists(Path.Combine(output, "latest", "findings.json")) && !worker.IsCompleted) await Task.Delay(100);
        stop.Cancel();
        Assert.Equal(0, await worker);
        Assert.True(File.Exists(findings));
        Assert.Equal(runId, new RunFolders(output).LatestRunId());
    }

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static CronExpression Nightly() => CronExpression.Parse("0 0 2 * * ?").WithTimeZone(Shanghai);

    private static RunInfo Run(DateTimeOffset started, string status) => new("r", started, null, status, "t");

    [Fact]
    public void A_start_soon_after_a_missed_audit_catches_up_once()
    {
        var twoAm = new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.FromHours(8));
        var grace = TimeSpan.FromMinutes(60);

        // Down at 02:00, up at 02:20: run it now.
        Assert.Equal(twoAm, CatchUp.MissedFire(Nightly(), twoAm.AddMinutes(20), grace, []));
        // A run stopped by SIGTERM at 02:05 (partial) or killed (interrupted) is run again.
        Assert.Equal(twoAm, CatchUp.MissedFire(Nightly(), twoAm.AddMinutes(20), grace, [Run(twoAm, RunStatus.Partial)]));
        // Already done tonight, or being done by someone: nothing to catch up.
        Assert.Null(CatchUp.MissedFire(Nightly(), twoAm.AddMinutes(20), grace, [Run(twoAm.AddSeconds(1), RunStatus.Completed)]));
        Assert.Null(CatchUp.MissedFire(Nightly(), twoAm.AddMinutes(20), grace, [Run(twoAm.AddSeconds(1), RunStatus.Running)]));
        // Yesterday's complete run does not count for tonight.
        Assert.Equal(twoAm, CatchUp.MissedFire(Nightly(), twoAm.AddMinutes(20), grace, [Run(twoAm.AddDays(-1), RunStatus.Completed)]));
        // Up at 09:00: too late for tonight's audit (office hours); wait for tomorrow. Grace 0: never late.
        Assert.Null(CatchUp.MissedFire(Nightly(), twoAm.AddHours(7), grace, []));
        Assert.Null(CatchUp.MissedFire(Nightly(), twoAm.AddMinutes(20), TimeSpan.Zero, []));
        // The schedule is in China time whatever the machine's zone: 02:00 +08 is 18:00 UTC the day before.
        Assert.Equal(twoAm, CatchUp.MissedFire(Nightly(), new DateTimeOffset(2026, 11, 21, 18, 30, 0, TimeSpan.Zero), grace, []));
    }
}
