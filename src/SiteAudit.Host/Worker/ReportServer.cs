using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SiteAudit.Host.Worker;

/// <summary>
/// The built-in report server: the worker's output folder over HTTP, read-only. <c>/</c> is the latest complete
/// run (its index.html), <c>/sites/&lt;slug&gt;/</c> a site's page in it, <c>/findings.json</c> and friends its data;
/// <c>/runs/</c> lists the runs kept and <c>/runs/&lt;run-id&gt;/…</c> serves any of them. Only GET and HEAD, only
/// report files (.html .json .csv .svg .png), never a hidden file, never outside the output folder; nothing else
/// (no listing of folders, no store, no settings) is exposed. <c>/healthz</c> answers "ok" for probes of orchestrators.
/// </summary>
public sealed class ReportServer(ServeOptions options, RunFolders folders, ILogger<ReportServer> log) : IHostedService, IAsyncDisposable
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".csv"] = "text/csv; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    };

    private WebApplication? _app;

    /// <summary>The address it listens on (http://host:port/), once started.</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled) return;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoSignalsLifetime>(); // the worker's host owns SIGTERM
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 0;
            k.Listen(ParseAddress(options.Address), options.Port);
        });
        var app = builder.Build();
        app.Run(ServeAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync();
            throw new CannotRunException($"报告服务无法在 {options.Address}:{options.Port} 上监听（{ex.Message}）；换一个端口（--serve PORT 或 SiteAudit:Serve:Port），或关闭报告服务（--serve off）");
        }
        _app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = bound is null ? null : new Uri(bound.TrimEnd('/') + "/");
        log.LogInformation("Report server: {Address} serves {Output} (latest run at /, older runs at /runs/)", Address, folders.Output);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is null) return;
        try { await _app.StopAsync(cancellationToken); }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _app = null;
    }

    private static IPAddress ParseAddress(string address) => address.Trim() switch
    {
        "" or "*" or "0.0.0.0" or "+" => IPAddress.Any,
        "::" => IPAddress.IPv6Any,
        "localhost" => IPAddress.Loopback,
        var a => IPAddress.Parse(a),
    };

    private async Task ServeAsync(HttpContext ctx)
    {
        var response = ctx.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-cache";
        if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
        {
            response.Headers.Allow = "GET, HEAD";
            await MessageAsync(ctx, 405, "只读服务：仅支持 GET 和 HEAD。");
            return;
        }

        var path = ctx.Request.Path.Value ?? "/";
        if (path == "/healthz")
        {
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("ok");
            return;
        }
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s.StartsWith('.') || s.Contains('\\') || s.Contains(':') || s.Contains('\0')))
        {
            await MessageAsync(ctx, 404, "没有这个页面。");
            return;
        }

        string root;
        string[] rest;
        if (segments.Length > 0 && segments[0] == RunFolders.RunsFolder)
        {
            if (segments.Length == 1)
            {
                await RunListAsync(ctx);
                return;
            }
            if (!RunFolders.IsRunId(segments[1]))
            {
                await MessageAsync(ctx, 404, "没有这次运行。");
                return;
            }
            root = folders.RunFolder(segments[1]);
            rest = segments[2..];
        }
        else
        {
            root = folders.Latest;
            rest = segments;
            if (!Directory.Exists(root))
            {
                await MessageAsync(ctx, 404, "还没有已完成的审计。正在进行或未完成的运行见 /runs/。", runsLink: true);
                return;
            }
        }

        var file = Path.GetFullPath(Path.Combine([root, .. rest]));
        var rootFull = Path.GetFullPath(root);
        if (file != rootFull && !file.StartsWith(rootFull + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            await MessageAsync(ctx, 404, "没有这个页面。");
            return;
        }
        if (Directory.Exists(file))
        {
            if (!path.EndsWith('/'))
            {
                // Relative links in the reports (../../index.html) need the folder's trailing slash.
                response.StatusCode = 301;
                response.Headers.Location = path + "/";
                return;
            }
            file = Path.Combine(file, "index.html");
        }
        if (!File.Exists(file) || !ContentTypes.TryGetValue(Path.GetExtension(file), out var type))
        {
            await MessageAsync(ctx, 404, "没有这个页面。");
            return;
        }
        response.ContentType = type;
        var info = new FileInfo(file);
        response.ContentLength = info.Length;
        response.Headers.LastModified = info.LastWriteTimeUtc.ToString("R");
        if (HttpMethods.IsHead(ctx.Request.Method)) return;
        await response.SendFileAsync(file, ctx.RequestAborted);
    }

    /// <summary>/runs/: the runs kept, newest first (ids sort by start time), the latest complete one marked.</summary>
    private async Task RunListAsync(HttpContext ctx)
    {
        var ids = Directory.Exists(folders.Runs)
            ? Directory.EnumerateDirectories(folders.Runs).Select(Path.GetFileName).Where(RunFolders.IsRunId).OrderDescending().ToList()
            : [];
        var latest = folders.LatestRunId();
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>全部运行</title>
            <style>body{font-family:sans-serif;margin:2em}li{margin:.3em 0}</style></head><body>
            <h1>全部运行</h1><p><a href="/">最新已完成的审计</a></p><ul>
            """);
        foreach (var id in ids)
            html.Append($"<li><a href=\"/runs/{id}/\">{id}</a>{(id == latest ? "（最新）" : "")}</li>");
        if (ids.Count == 0) html.Append("<li>暂无</li>");
        html.Append("</ul><p>运行编号为开始时间（UTC）加四位随机数。</p></body></html>");
        ctx.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        ctx.Response.ContentType = "text/html; charset=utf-8";
        await ctx.Response.WriteAsync(html.ToString());
    }

    private static async Task MessageAsync(HttpContext ctx, int status, string message, bool runsLink = false)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.Headers.ContentSecurityPolicy = "default-src 'none'";
        ctx.Response.ContentType = "text/html; charset=utf-8";
        var link = runsLink ? "<p><a href=\"/runs/\">全部运行</a></p>" : "";
        await ctx.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{status}</title></head><body><p>{WebUtility.HtmlEncode(message)}</p>{link}</body></html>");
    }

    private sealed class NoSignalsLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
