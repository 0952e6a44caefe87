using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SiteAudit.Core;
using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;
using SiteAudit.Core.Sites;
using SiteAudit.Host.CommandLine;
using SiteAudit.Host.Demo;
using SiteAudit.Host.Pipeline;
using SiteAudit.Reporting;

namespace SiteAudit.Host;

/// <summary>The command-line verbs of CONTRACT.md. Results go to stdout, progress and errors to stderr.</summary>
public static class Cli
{
    public const int ExitOk = 0, ExitUsage = 2, ExitCannotRun = 3, ExitFailOn = 4;

    private static readonly string[] AuditOptions =
        ["sites", "url", "name", "profile", "out", "timeout", "max-pages", "per-host", "delay-ms", "render", "db", "fail-on", "no-conditional"];

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        try
        {
            var verb = args.FirstOrDefault();
            var rest = args.Skip(1);
            switch (verb)
            {
                case null:
                    await stderr.WriteLineAsync(HelpText.Main);
                    return ExitUsage;
                case "-h" or "--help" or "help":
                    await stdout.WriteLineAsync(HelpText.Main);
                    return ExitOk;
                case "--version":
                    await stdout.WriteLineAsync(AuditPipeline.ToolName);
                    return ExitOk;
                case "audit":
                    return await AuditAsync(Arguments.Parse(rest, AuditOptions), stdout, ct);
                case "demo":
                    return await DemoAsync(Arguments.Parse(rest, "out", "db", "timeout", "fail-on"), stdout, ct);
                case "report":
                    return await ReportAsync(Arguments.Parse(rest, "run", "out", "db"), stdout, ct);
                case "profiles":
                    return await ProfilesAsync(Arguments.Parse(rest), stdout, stderr);
                case "worker":
                    return await WorkerAsync(Arguments.Parse(rest, WorkerOptionNames), stdout, ct);
                default:
                    throw new UsageException($"未知动词 “{verb}”。运行 siteaudit --help 查看用法。");
            }
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"用法错误：{ex.Message}");
            return ExitUsage;
        }
        catch (InputException ex)
        {
            await stderr.WriteLineAsync("输入有误：");
            foreach (var problem in ex.Problems) await stderr.WriteLineAsync($"  {problem}");
            return ExitUsage;
        }
        catch (StoreUnavailableException ex)
        {
            await stderr.WriteLineAsync($"无法运行：存储不可用（{ex.Message}）");
            return ExitCannotRun;
        }
        catch (ReportTemplateException ex)
        {
            await stderr.WriteLineAsync($"无法运行：报告模板有误（{ex.Message}）");
            return ExitCannotRun;
        }
        catch (Crawling.Rendering.RendererUnavailableException ex)
        {
            await stderr.WriteLineAsync($"无法运行：--render always 需要浏览器，但浏览器无法启动（{ex.Message}）");
            return ExitCannotRun;
        }
        catch (CannotRunException ex)
        {
            await stderr.WriteLineAsync($"无法运行：{ex.Message}");
            return ExitCannotRun;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("已取消。");
            return ExitCannotRun;
        }
        catch (Exception ex)
        {
            // A bug or an environment problem: say what happened, keep the details for the report of the bug.
            await stderr.WriteLineAsync($"无法运行：内部错误 {ex.GetType().Name}: {ex.Message}");
            await stderr.WriteLineAsync(ex.ToString());
            return ExitCannotRun;
        }
    }

    private static async Task<int> AuditAsync(Arguments a, TextWriter stdout, CancellationToken ct)
    {
        if (a.Help) { await stdout.WriteLineAsync(HelpText.Audit); return ExitOk; }
        if (a.Positionals.Count > 0) throw new UsageException($"多余的参数 “{a.Positionals[0]}”");
        var sitesFile = a.Get("sites");
        var url = a.Get("url");
        if ((sitesFile is null) == (url is null)) throw new UsageException("audit 需要 --sites FILE 或 --url URL（二选一）");
        if (sitesFile is not null && (a.Get("name") ?? a.Get("profile")) is not null)
            throw new UsageException("--name 和 --profile 只能与 --url 一起使用（站点清单中每个站点自带 name 和 profile）");
        var output = a.Require("out", "audit");

        using var host = AppServices.Build(Settings(a));
        var catalog = host.Services.GetRequiredService<ProfileCatalog>();
        var sites = sitesFile is not null
            ? SitesFileLoader.Load(sitesFile, catalog)
            : [SitesFileLoader.FromUrl(url!, a.Get("name"), a.Get("profile"), catalog)];
        return await RunAuditAsync(host, sites, output, a.GetChoice("fail-on", "error", "warning", "info"), stdout, ct);
    }

    private static readonly string[] WorkerOptionNames =
        ["sites", "out", "schedule", "time-zone", "serve", "db", "timeout", "max-pages", "per-host", "delay-ms", "render", "no-conditional"];

    /// <summary>The scheduled service (src/SiteAudit.Host/Worker): runs until SIGTERM/Ctrl-C, then exits 0.</summary>
    private static async Task<int> WorkerAsync(Arguments a, TextWriter stdout, CancellationToken ct)
    {
        if (a.Help) { await stdout.WriteLineAsync(HelpText.Worker); return ExitOk; }
        if (a.Positionals.Count > 0) throw new UsageException($"多余的参数 “{a.Positionals[0]}”");
        var settings = Settings(a);
        void Put(string key, string? value) { if (value is not null) settings[key] = value; }
        Put("SiteAudit:Sites", a.Get("sites"));
        Put("SiteAudit:Output", a.Get("out"));
        Put("SiteAudit:Schedule", a.Get("schedule"));
        Put("SiteAudit:TimeZone", a.Get("time-zone"));
        if (a.Get("serve") is { } serve)
        {
            var off = serve.Equals("off", StringComparison.OrdinalIgnoreCase);
            Put("SiteAudit:Serve:Enabled", off ? "false" : "true");
            if (!off) Put("SiteAudit:Serve:Port", a.GetInt("serve", 1, 65535)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return await Worker.WorkerCommand.RunAsync(settings, stdout, ct);
    }

    private static async Task<int> DemoAsync(Arguments a, TextWriter stdout, CancellationToken ct)
    {
        if (a.Help) { await stdout.WriteLineAsync(HelpText.Demo); return ExitOk; }
        var output = a.Get("out") ?? Path.Combine("out", "demo");
        var settings = Settings(a);
        settings.TryAdd("SiteAudit:Db", Path.Combine("data", "demo.db"));

        using var host = AppServices.Build(settings);
        var catalog = host.Services.GetRequiredService<ProfileCatalog>();
        await using var portal = await DemoPortal.StartAsync(Path.Combine(AppContext.BaseDirectory, "demo-portal"), ct);
        await stdout.WriteLineAsync($"示例门户已在 {portal.BaseUrl} 启动");
        // The port changes every time; the report folder should not.
        var site = SitesFileLoader.FromUrl(portal.BaseUrl.AbsoluteUri, "青山县人民政府（示例）", "county-portal", catalog) with { Slug = "qingshan-demo" };
        return await RunAuditAsync(host, [site], output, a.GetChoice("fail-on", "error", "warning", "info"), stdout, ct);
    }

    private static async Task<int> RunAuditAsync(IHost host, IReadOnlyList<SiteTarget> sites, string output, string? failOn,
        TextWriter stdout, CancellationToken ct)
    {
        var settings = host.Services.GetRequiredService<AuditSettings>();
        var render = settings.Render.ToLowerInvariant();

        // Templates and store are checked before any crawling, so a broken setup fails in a second, not after the run.
        host.Services.GetRequiredService<ReportWriter>();
        var store = host.Services.GetRequiredService<IAuditStore>();
        await store.InitializeAsync(ct);
        var pipeline = host.Services.GetRequiredService<AuditPipeline>();
        var report = await pipeline.RunAsync(sites, output, new { render, Db = Storage.AuditStoreFactory.Describe(settings.Db), crawl = host.Services.GetRequiredService<Crawling.CrawlOptions>() }, ct);
        await store.DisposeAsync();

        await PrintSummaryAsync(report, output, stdout);
        return CrossesFailOn(report, failOn) ? ExitFailOn : ExitOk;
    }

    private static async Task<int> ReportAsync(Arguments a, TextWriter stdout, CancellationToken ct)
    {
        if (a.Help) { await stdout.WriteLineAsync(HelpText.Report); return ExitOk; }
        using var host = AppServices.Build(Settings(a));
        var store = host.Services.GetRequiredService<IAuditStore>();
        await store.InitializeAsync(ct);
        var runId = a.Get("run");
        if (runId is null)
        {
            await stdout.WriteLineAsync("最近的运行（--run RUN_ID 选择其一）：");
            foreach (var run in await store.ListRunsAsync(20, ct))
                await stdout.WriteLineAsync($"  {run.Id}  {run.StartedAt:yyyy-MM-dd HH:mm}  {run.Status}");
            return ExitOk;
        }
        var output = a.Require("out", "report");
        var report = await store.LoadRunAsync(runId, ct) ?? throw new UsageException($"存储中没有运行 “{runId}”（不带 --run 运行可列出已有运行）");
        var history = await ReportHistory.LoadAsync(store, report, ReportHistory.DefaultRuns, ct);
        await host.Services.GetRequiredService<ReportWriter>().WriteAsync(report, history, output, store, ct);
        await PrintSummaryAsync(report, output, stdout);
        return ExitOk;
    }

    private static async Task<int> ProfilesAsync(Arguments a, TextWriter stdout, TextWriter stderr)
    {
        if (a.Help || a.Positionals.FirstOrDefault() != "validate")
        {
            await (a.Help ? stdout : stderr).WriteLineAsync(HelpText.Profiles);
            return a.Help ? ExitOk : ExitUsage;
        }
        using var host = AppServices.Build(new Dictionary<string, string?>());
        var catalog = host.Services.GetRequiredService<ProfileCatalog>();
        var paths = a.Positionals.Skip(1).ToList();
        var problems = catalog.Validate(paths);
        foreach (var problem in problems) await stderr.WriteLineAsync(problem.ToString());
        if (problems.Count > 0) return ExitUsage;
        await stdout.WriteLineAsync(paths.Count == 0 ? "全部配置校验通过" : $"校验通过：{string.Join("、", paths)}");
        return ExitOk;
    }

    /// <summary>Command-line options as configuration keys (they override appsettings.json and the environment).</summary>
    private static Dictionary<string, string?> Settings(Arguments a)
    {
        var settings = new Dictionary<string, string?>();
        void Put(string key, object? value) { if (value is not null) settings[key] = value.ToString(); }
        Put("SiteAudit:Crawl:Timeout", a.GetInt("timeout", 1, 600));
        Put("SiteAudit:Crawl:MaxPages", a.GetInt("max-pages", 1, 10_000_000));
        Put("SiteAudit:Crawl:PerHost", a.GetInt("per-host", 1, 256));
        Put("SiteAudit:Crawl:DelayMs", a.GetInt("delay-ms", 0, 600_000));
        Put("SiteAudit:Render", a.GetChoice("render", "auto", "always", "never"));
        if (a.Has("no-conditional")) Put("SiteAudit:Crawl:ConditionalGet", false);
        Put("SiteAudit:Db", a.Get("db"));
        return settings;
    }

    private static bool CrossesFailOn(RunReport report, string? failOn)
    {
        if (failOn is null) return false;
        var threshold = Enum.Parse<Severity>(failOn, ignoreCase: true);
        return report.Sites.SelectMany(s => s.Findings).Any(f => f.Severity >= threshold);
    }

    private static async Task PrintSummaryAsync(RunReport report, string output, TextWriter stdout)
    {
        var full = Path.GetFullPath(output);
        await stdout.WriteLineAsync($"运行 {report.Run.Id}（{report.Run.Status}）：{report.Sites.Count} 个站点");
        foreach (var site in report.Sites)
        {
            var byRule = site.Findings.GroupBy(f => f.Rule).Select(g => $"{g.Key}×{g.Count()}");
            await stdout.WriteLineAsync($"  {site.Name}  {site.Status}  {site.Findings.Count} 个问题  {string.Join(" ", byRule)}");
        }
        await stdout.WriteLineAsync($"报告：{Path.Combine(full, "index.html")}");
        await stdout.WriteLineAsync($"数据：{Path.Combine(full, "findings.json")}  {Path.Combine(full, "findings.csv")}");
    }
}

/// <summary>The audit cannot run in this environment (exit code 3).</summary>
public sealed class CannotRunException(string message) : Exception(message);
