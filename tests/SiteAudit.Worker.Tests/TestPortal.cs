using System.Collections.Concurrent;
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

namespace SiteAudit.Worker.Tests;

/// <summary>
/// A small county portal on 127.0.0.1 for the worker tests: a homepage with a 政府信息公开 section, an attachment
/// that is dead (404) until <see cref="FixDeadLink"/>, and optionally many slow pages so a run lasts long enough
/// to be stopped in the middle.
/// </summary>
public sealed class TestPortal : IAsyncDisposable
{
    public const string DeadPath = "/uploads/2026/biaoge.pdf";

    private readonly WebApplication _app;
    private readonly int _slowPages;
    private readonly TimeSpan _slowDelay;
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private volatile bool _fixed;
    private volatile bool _down;

    private TestPortal(WebApplication app, int slowPages, TimeSpan slowDelay)
    {
        _app = app;
        _slowPages = slowPages;
        _slowDelay = slowDelay;
    }

    public Uri BaseUrl { get; private set; } = null!;
    public string DeadUrl => new Uri(BaseUrl, DeadPath).AbsoluteUri;
    public int Requests => _hits.Values.Sum();

    /// <param name="slowPages">Extra pages linked from the homepage, each answering after <paramref name="slowDelay"/>.</param>
    public static async Task<TestPortal> StartAsync(int slowPages = 0, TimeSpan slowDelay = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoSignals>();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var portal = new TestPortal(app, slowPages, slowDelay);
        app.Run(portal.ServeAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        portal.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return portal;
    }

    /// <summary>The webmaster uploads the missing file: from now on the attachment answers 200.</summary>
    public void FixDeadLink() => _fixed = true;

    /// <summary>The whole site answers 503 (for probes).</summary>
    public bool Down { get => _down; set => _down = value; }

    public string SitesYaml(string name = "青山县人民政府（测试）") =>
        $"sites:\n  - name: {name}\n    url: {BaseUrl}\n    profile: county-portal\n";

    private async Task ServeAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (_down)
        {
            await WriteAsync(ctx, 503, "<h1>维护中</h1>");
            return;
        }
        switch (path)
        {
            case "/":
            case "/index.html":
                var slow = string.Concat(Enumerable.Range(0, _slowPages).Select(i => $"<li><a href=\"/xwzx/{i}.html\">要闻 {i}</a> 2026-11-0{1 + i % 9}</li>"));
                await WriteAsync(ctx, 200, $"""
                    <h1>青山县人民政府</h1>
                    <ul><li><a href="/zwgk/">政府信息公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
                    <p><a href="{DeadPath}">办事表格下载</a></p>
                    <ul>{slow}</ul>
                    """);
                return;
            case "/zwgk/":
                await WriteAsync(ctx, 200, """
                    <h1>政府信息公开</h1>
                    <ul><li><a href="/zwgk/zn.html">政府信息公开指南</a></li><li><a href="/zwgk/zd.html">政府信息公开制度</a></li>
                    <li><a href="/zwgk/nb.html">政府信息公开年报</a></li></ul>
                    """);
                return;
            case "/zwgk/zn.html" or "/zwgk/zd.html" or "/zwgk/nb.html" or "/hdjl/":
                await WriteAsync(ctx, 200, "<h1>内容</h1><p>发布时间：2026-11-01</p>");
                return;
            case DeadPath when _fixed:
                ctx.Response.ContentType = "application/pdf";
                await ctx.Response.Body.WriteAsync("%PDF-1.4 test"u8.ToArray());
                return;
        }
        if (path.StartsWith("/xwzx/", StringComparison.Ordinal))
        {
            try { await Task.Delay(_slowDelay, ctx.RequestAborted); } catch (OperationCanceledException) { return; }
            await WriteAsync(ctx, 200, "<h1>要闻</h1><p>发布时间：2026-11-01</p>");
            return;
        }
        await WriteAsync(ctx, 404, "<h1>404</h1><p>您访问的页面不存在</p>");
    }

    private static async Task WriteAsync(HttpContext ctx, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>青山县</title></head><body>{body}</body></html>");
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        ctx.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method)) await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _app.StopAsync(cts.Token); } catch (OperationCanceledException) { }
        await _app.DisposeAsync();
    }

    private sealed class NoSignals : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
