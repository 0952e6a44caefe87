using System.Diagnostics;
using Xunit.Abstractions;

namespace SiteAudit.Tests.Conformance;

/// <summary>Runs every fixture set once (concurrently) for the tests of this class, and writes the report.</summary>
public sealed class ConformanceRun : IAsyncLifetime
{
    private static readonly (string Name, Func<Task<IReadOnlyList<CaseResult>>> Run)[] Runners =
    [
        (HtmltestSet.Name, HtmltestSet.RunAsync), (LinkcheckerSet.Name, LinkcheckerSet.RunAsync),
        (LycheeSet.Name, LycheeSet.RunAsync), (LinkinatorSet.Name, LinkinatorSet.RunAsync),
    ];

    public IReadOnlyList<(string Set, IReadOnlyList<CaseResult> Results)> Sets { get; private set; } = [];
    public string ReportPath { get; private set; } = "";
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Seconds each set took (they run at the same time).</summary>
    public Dictionary<string, double> Seconds { get; } = new();

    public async Task InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Runners.Select(r => TimedAsync(r.Name, r.Run)));
        Sets = Runners.Select((r, i) => (r.Name, results[i])).ToList();
        Elapsed = watch.Elapsed;

        // SITEAUDIT_CONFORMANCE_OUT=…/bench/CONFORMANCE.md regenerates the note; otherwise it goes beside the test binaries.
        ReportPath = Environment.GetEnvironmentVariable("SITEAUDIT_CONFORMANCE_OUT") is { Length: > 0 } target
            ? target
            : Path.Combine(AppContext.BaseDirectory, "CONFORMANCE.md");
        await File.WriteAllTextAsync(ReportPath, ConformanceReport.Markdown(Sets, Elapsed));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public IReadOnlyList<CaseResult> Of(string set) => Sets.Single(s => s.Set == set).Results;

    private async Task<IReadOnlyList<CaseResult>> TimedAsync(string set, Func<Task<IReadOnlyList<CaseResult>>> run)
    {
        var watch = Stopwatch.StartNew();
        var results = await run();
        lock (Seconds) Seconds[set] = watch.Elapsed.TotalSeconds;
        return results;
    }
}

/// <summary>
/// Conformance with peers (issue 6): SiteAudit's extraction and verdicts against htmltest, linkchecker, lychee and
/// linkinator fixtures. Every comparable case must agree; deliberate disagreements must still behave as written down;
/// known bugs must still be bugs (a fixed one is to be taken off the list). The figures go to bench/CONFORMANCE.md.
/// </summary>
public sealed class PeerConformanceTests(ConformanceRun run, ITestOutputHelper output) : IClassFixture<ConformanceRun>
{
    [Theory]
    [InlineData(HtmltestSet.Name)]
    [InlineData(LinkcheckerSet.Name)]
    [InlineData(LycheeSet.Name)]
    [InlineData(LinkinatorSet.Name)]
    public void ComparableCasesAgree(string set)
    {
        var results = run.Of(set);
        output.WriteLine($"report: {run.ReportPath} (runner took {run.Elapsed.TotalSeconds:0.0} s, {set} {run.Seconds[set]:0.0} s)");
        foreach (var group in results.GroupBy(r => r.Verdict)) output.WriteLine($"{group.Key}: {group.Count()}");
        var wrong = results.Where(r => r.Verdict is Verdict.Bug or Verdict.Fixed).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} {set} case(s) disagree:\n" + string.Join("\n", wrong.Select(r =>
            $"- {r.Case.Id} ({r.Case.Fixture}) [{ConformanceReport.Label(r.Verdict)}]: peer expects {r.Case.Peer}; " +
            $"SiteAudit: {r.Actual}{(r.Reason is null ? "" : $" — recorded as: {r.Reason}")}")));
    }
}
