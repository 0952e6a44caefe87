using System.Globalization;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>
/// The geometry of the inline SVG trend charts: everything is computed here (coordinates as invariant-culture
/// numbers), so the templates only draw polylines, dots and labels. No chart library, nothing loaded.
/// </summary>
internal static class TrendChart
{
    private static string N(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>One run's figures over the current run's sites.</summary>
    private sealed record Point(string RunId, DateTimeOffset StartedAt, int Sites, int Errors, int Warnings, int Infos, int Vetoed, double AverageScore);

    /// <summary>The summary chart: findings by severity per run, for the sites of the current run.</summary>
    public static object Summary(RunReport report, IReadOnlyList<HistoricRun> history)
    {
        var points = history.Append(HistoricRun.From(report))
            .Select(run =>
            {
                var sites = report.Sites.Select(run.Find).OfType<HistoricSite>().Distinct().ToList();
                return new Point(run.RunId, run.StartedAt, sites.Count, sites.Sum(s => s.Errors), sites.Sum(s => s.Warnings),
                    sites.Sum(s => s.Infos), sites.Count(s => s.Verdict == SiteVerdict.Veto),
                    sites.Count == 0 ? 0 : sites.Average(s => s.Score));
            })
            .ToList();

        const double width = 720, height = 200, left = 44, right = 16, top = 14, bottom = 30;
        var max = NiceMax(points.Max(p => Math.Max(p.Errors, Math.Max(p.Warnings, p.Infos))));
        double X(int i) => points.Count == 1 ? (left + width - right) / 2 : left + i * (width - left - right) / (points.Count - 1);
        double Y(double v) => height - bottom - v / max * (height - top - bottom);
        var labels = DateLabels(points.Select(p => p.StartedAt).ToList());

        object Series(Severity severity, Func<Point, int> value) => new
        {
            id = ReportLabels.SeverityId(severity),
            label = ReportLabels.SeverityLabel(severity),
            points = string.Join(" ", points.Select((p, i) => $"{N(X(i))},{N(Y(value(p)))}")),
            dots = points.Select((p, i) => new
            {
                x = N(X(i)),
                y = N(Y(value(p))),
                title = $"{labels[i]} {ReportLabels.SeverityLabel(severity)} {value(p)}",
            }).ToList(),
            last = value(points[^1]),
        };

        return new
        {
            hasTrend = points.Count >= 2,
            runCount = points.Count,
            width = N(width),
            height = N(height),
            plotLeft = N(left),
            plotRight = N(width - right),
            grid = new[] { 0, max / 2, max }.Distinct().Select(v => new { y = N(Y(v)), labelY = N(Y(v) + 4), label = v }).ToList(),
            // Every step-th run is labelled, counting back from this one, so labels never overlap; the first and
            // last hang inwards so they are not cut at the edges.
            xLabels = points.Select((p, i) => (p, i))
                .Where(x => (points.Count - 1 - x.i) % LabelStep(points.Count, width - left - right, labels[0].Length) == 0)
                .Select(x => new
                {
                    x = N(X(x.i)),
                    y = N(height - 8),
                    label = labels[x.i],
                    anchor = points.Count > 1 && x.i == 0 ? "start" : points.Count > 1 && x.i == points.Count - 1 ? "end" : "middle",
                })
                .ToList(),
            series = new[]
            {
                Series(Severity.Error, p => p.Errors),
                Series(Severity.Warning, p => p.Warnings),
                Series(Severity.Info, p => p.Infos),
            },
            runs = points.Select((p, i) => new
            {
                id = p.RunId,
                date = labels[i],
                startedAt = ReportFormat.Display(p.StartedAt),
                sites = p.Sites,
                errors = p.Errors,
                warnings = p.Warnings,
                infos = p.Infos,
                vetoed = p.Vetoed,
                averageScore = p.AverageScore.ToString("0.#", CultureInfo.InvariantCulture),
                isCurrent = i == points.Count - 1,
            }).Reverse().ToList(),
        };
    }

    /// <summary>A site's score over the runs (0–100), as a sparkline; null when the site has no earlier run.</summary>
    public static object? Sparkline(SiteReport site, IReadOnlyList<HistoricRun> history)
    {
        var now = SiteVerdict.Of(site).Score;
        var earlier = history.Select(run => run.Find(site)).OfType<HistoricSite>().Select(s => s.Score).ToList();
        if (earlier.Count == 0) return null;
        var scores = earlier.Append(now).ToList();
        const double width = 96, height = 24, pad = 3;
        double X(int i) => pad + i * (width - 2 * pad) / (scores.Count - 1);
        double Y(int score) => height - pad - score / 100.0 * (height - 2 * pad);
        var previous = scores[^2];
        return new
        {
            width = N(width),
            height = N(height),
            points = string.Join(" ", scores.Select((s, i) => $"{N(X(i))},{N(Y(s))}")),
            lastX = N(X(scores.Count - 1)),
            lastY = N(Y(now)),
            title = $"最近 {scores.Count} 次得分：{string.Join(" → ", scores)}",
            direction = now > previous ? "up" : now < previous ? "down" : "flat",
            change = now - previous,
        };
    }

    /// <summary>Label every how many runs: a label of <paramref name="chars"/> characters (about 6.5 px each at 11 px) needs its room.</summary>
    private static int LabelStep(int runs, double plotWidth, int chars)
    {
        if (runs < 2) return 1;
        var spacing = plotWidth / (runs - 1);
        return Math.Max(1, (int)Math.Ceiling((chars * 6.5 + 12) / spacing));
    }

    /// <summary>MM-dd, or MM-dd HH:mm when two runs share a day (China time).</summary>
    private static List<string> DateLabels(IReadOnlyList<DateTimeOffset> times)
    {
        var local = times.Select(t => t.ToOffset(ReportFormat.ChinaOffset)).ToList();
        var sameDay = local.GroupBy(t => t.Date).Any(g => g.Count() > 1);
        return local.Select(t => t.ToString(sameDay ? "MM-dd HH:mm" : "MM-dd", CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>A round upper bound for the y axis (≥ the value, at least 4, even so that half of it is whole).</summary>
    private static int NiceMax(int value)
    {
        foreach (var step in new[] { 4, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000 })
            if (value <= step) return step;
        return (value / 100_000 + 1) * 100_000;
    }
}
