// Renders PAGES script-built pages served from loopback with 1, 2 and 4 browser contexts and prints pages/s and the
// peak memory of this process plus every Chromium process it started, as PSS (shared pages divided among the
// processes that share them, so Chromium's many processes are not counted many times), sampled every 100 ms.
// Usage: dotnet run -c Release --project bench/RenderBench [PAGES]
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SiteAudit.Crawling.Rendering;

var pages = args.Length > 0 ? int.Parse(args[0]) : 60;
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
var app = builder.Build();
app.MapGet("/p/{n:int}", (int n) => Results.Content($$"""
    <html><head><meta charset="utf-8"><title>栏目{{n}}</title></head><body><ul id="list"></ul>
    <script>fetch('/api/{{n}}').then(r => r.json()).then(items => document.getElementById('list').innerHTML =
      items.map(i => '<li><a href="' + i.url + '">' + i.title + '</a><span>' + i.date + '</span></li>').join(''));</script>
    </body></html>
    """, "text/html; charset=utf-8"));
app.MapGet("/api/{n:int}", (int n) => Results.Json(Enumerable.Range(0, 20).Select(i => new { url = $"/a/{n}/{i}.html", title = $"文件{n}-{i}", date = "2026-11-20" })));
await app.StartAsync();
var baseUrl = app.Urls.First();

Console.WriteLine($"{"contexts",8} {"pages",6} {"seconds",8} {"pages/s",8} {"peak MiB",9} {"incomplete",10}");
foreach (var contexts in new[] { 1, 2, 4 })
{
    await using var renderer = new PageRenderer(new RenderOptions { Contexts = contexts }, "SiteAudit-bench", NullLogger<PageRenderer>.Instance);
    await renderer.EnsureStartedAsync(CancellationToken.None);
    using var sampler = new PeakMemory();
    var clock = Stopwatch.StartNew();
    var incomplete = 0;
    await Parallel.ForEachAsync(Enumerable.Range(0, pages), new ParallelOptions { MaxDegreeOfParallelism = contexts * 2 }, async (n, ct) =>
    {
        var result = await renderer.RenderAsync(new Uri($"{baseUrl}/p/{n}"), screenshot: false, ct);
        if (!result.Html.Contains($"文件{n}-19")) Interlocked.Increment(ref incomplete); // read before its list arrived
    });
    clock.Stop();
    Console.WriteLine($"{contexts,8} {pages,6} {clock.Elapsed.TotalSeconds,8:0.0} {pages / clock.Elapsed.TotalSeconds,8:0.0} {sampler.PeakMiB,9:0} {incomplete,10}");
}
await app.StopAsync();

/// <summary>Peak PSS of this process and all its descendants (Chromium and Playwright's driver), from /proc.</summary>
sealed class PeakMemory : IDisposable
{
    private readonly Timer _timer;
    private long _peak;
    public double PeakMiB => Interlocked.Read(ref _peak) / 1024.0 / 1024.0;

    public PeakMemory() => _timer = new Timer(_ => Sample(), null, 0, 100);

    private void Sample()
    {
        var me = Environment.ProcessId;
        var parents = new Dictionary<int, int>();
        var rss = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1]);
                var pss = File.ReadLines(Path.Combine(dir, "smaps_rollup")).FirstOrDefault(l => l.StartsWith("Pss:"));
                if (pss is not null) rss[pid] = long.Parse(pss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        long total = 0;
        foreach (var (pid, size) in rss)
            for (var p = pid; p > 1 && parents.TryGetValue(p, out var parent); p = parent)
                if (p == me) { total += size; break; }
        if (total > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, total);
    }

    public void Dispose() => _timer.Dispose();
}
