using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace SiteAudit.Worker.Tests;

/// <summary>
/// `siteaudit worker` as a real child process (the built siteaudit.dll next to the tests), in a scratch folder of
/// its own, with its output captured. <see cref="TerminateAsync"/> sends SIGTERM as `docker stop` does.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process, string folder)
    {
        _process = process;
        Folder = folder;
    }

    public string Folder { get; }
    public string Out => Path.Combine(Folder, "out");
    public string HealthFile => Path.Combine(Folder, "worker.health");
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote so far (stdout and stderr, in arrival order).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "siteaudit.dll");

    /// <param name="folder">Working folder (logs/ and the default outputs go there); the sites file is written there.</param>
    public static WorkerProcess Start(string folder, string sitesYaml, string db, string schedule,
        IEnumerable<string>? extraArgs = null, IDictionary<string, string>? environment = null)
    {
        File.WriteAllText(Path.Combine(folder, "sites.yaml"), sitesYaml);
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Dll, "worker", "--sites", "sites.yaml", "--out", "out", "--db", db, "--schedule", schedule,
                     "--timeout", "3" }.Concat(extraArgs ?? []))
            info.ArgumentList.Add(arg);
        info.Environment["SiteAudit__Worker__HealthFile"] = Path.Combine(folder, "worker.health");
        info.Environment["SiteAudit__Worker__HeartbeatSeconds"] = "1";
        info.Environment["SiteAudit__Probe__Schedule"] = "off";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, folder);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>SIGTERM, as `docker stop` and systemd send it.</summary>
    public void Terminate()
    {
        if (kill(_process.Id, 15) != 0) throw new InvalidOperationException($"kill -TERM {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>SIGKILL: a crash, an OOM kill, a power cut as far as the process can tell.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Waits for the exit; false when it did not come within <paramref name="limit"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with the worker's output when it does not in time.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (_process.HasExited)
                throw new Xunit.Sdk.XunitException($"the worker exited ({_process.ExitCode}) while waiting for {what}:\n{Output}");
            if (watch.Elapsed > limit)
                throw new Xunit.Sdk.XunitException($"timed out after {limit.TotalSeconds:0} s waiting for {what}:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>The run folders published so far (runs/&lt;id&gt;), oldest first.</summary>
    public IReadOnlyList<string> PublishedRuns() =>
        Directory.Exists(Path.Combine(Out, "runs"))
            ? Directory.EnumerateDirectories(Path.Combine(Out, "runs")).Select(d => Path.GetFileName(d)).Where(n => !n.StartsWith('.')).Order().ToList()
            : [];

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
