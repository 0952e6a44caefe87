using SiteAudit.Core.Model;

namespace SiteAudit.Host.Worker;

/// <summary>What the worker is doing, for the heartbeat file and the log. Thread-safe.</summary>
public sealed class WorkerState
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _runningSince;
    private string? _runningTrigger;
    private RunInfo? _lastRun;
    private DateTimeOffset? _lastProbes;

    public DateTimeOffset? RunningSince { get { lock (_lock) return _runningSince; } }

    public RunInfo? LastRun { get { lock (_lock) return _lastRun; } }

    public void RunStarted(DateTimeOffset at, string trigger)
    {
        lock (_lock) (_runningSince, _runningTrigger) = (at, trigger);
    }

    public void RunEnded(RunInfo? run)
    {
        lock (_lock)
        {
            _runningSince = null;
            _runningTrigger = null;
            if (run is not null) _lastRun = run;
        }
    }

    public void ProbesTaken(DateTimeOffset at)
    {
        lock (_lock) _lastProbes = at;
    }

    public Snapshot Take()
    {
        lock (_lock) return new Snapshot(_runningSince, _runningTrigger, _lastRun, _lastProbes);
    }

    public sealed record Snapshot(DateTimeOffset? RunningSince, string? RunningTrigger, RunInfo? LastRun, DateTimeOffset? LastProbes);
}
