using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SiteAudit.Host.Demo;

/// <summary>
/// Serves the bundled sample portal (demo-portal/, 青山县人民政府) on loopback so `siteaudit demo` can audit
/// something real without the network. Three addresses take part:
/// <list type="bullet">
/// <item>the portal itself (<see cref="BaseUrl"/>): static files, TRS-style; any path under /broken-500/ answers 500;</item>
/// <item>an "other site" (<see cref="ExternalOkUrl"/>) that answers 200 to everything: stands in for 中国政府网 and friends;</item>
/// <item>a "site that is down" (<see cref="ExternalDownUrl"/>): a free port nobody listens on (connection refused).</item>
/// </list>
/// Pages name the other two by tokens that are replaced while serving: <c>{{EXTERNAL_OK}}</c>, <c>{{EXTERNAL_DOWN}}</c>
/// (scheme, host and port, no trailing slash). Lists that must look fresh whenever the demo runs carry
/// <c>{{DAYS_AGO:n}}</c> (yyyy-MM-dd) and <c>{{DAYS_AGO_MD:n}}</c> (MM-dd), counted back from today in China time.
/// </summary>
public sealed partial class DemoPortal : IAsyncDisposable
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly WebApplication _site;
    private readonly WebApplication _other;
    private readonly string _root;
    private readonly DateOnly? _fixedToday;
    private int _disposed;

    private DemoPortal(WebApplication site, WebApplication other, string root, DateOnly? fixedToday)
    {
        _site = site;
        _other = other;
        _root = root;
        _fixedToday = fixedToday;
    }

    /// <summary>The portal's homepage, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>What {{EXTERNAL_OK}} becomes: a second listener answering 200 for every path.</summary>
    public Uri ExternalOkUrl { get; private set; } = null!;

    /// <summary>What {{EXTERNAL_DOWN}} becomes: a loopback port with nothing listening.</summary>
    public Uri ExternalDownUrl { get; private set; } = null!;

    public static Task<DemoPortal> StartAsync(string contentRoot, CancellationToken ct) =>
        StartAsync(contentRoot, today: null, ct);

    /// <param name="today">Fixes the date the {{DAYS_AGO…}} tokens count from (tests); null = today in China time.</param>
    public static async Task<DemoPortal> StartAsync(string contentRoot, DateOnly? today, CancellationToken ct)
    {
        var root = Path.GetFullPath(contentRoot);
        if (!File.Exists(Path.Combine(root, "index.html")))
            throw new DirectoryNotFoundException($"The demo portal is not at {root} (no index.html).");

        // The "down" port is reserved and released at once: nothing listens there afterwards. Our own listeners get
        // other ports from the ephemeral range; the rare clash is checked below.
        var downPort = RefusedPort();

        var other = CreateApp();
        other.Run(ServeOtherSiteAsync);
        DemoPortal? portal = null;
        var site = CreateApp();
        site.Run(ctx => portal!.ServeAsync(ctx));
        portal = new DemoPortal(site, other, root, today);
        try
        {
            await other.StartAsync(ct).ConfigureAwait(false);
            portal.ExternalOkUrl = BoundAddress(other);
            await site.StartAsync(ct).ConfigureAwait(false);
            portal.BaseUrl = BoundAddress(site);
            while (downPort == portal.BaseUrl.Port || downPort == portal.ExternalOkUrl.Port) downPort = RefusedPort();
            portal.ExternalDownUrl = new Uri($"http://127.0.0.1:{downPort}/");
            return portal;
        }
        catch
        {
            await portal.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        foreach (var app in new[] { _site, _other })
        {
            try { await app.StopAsync(cts.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException) { }
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A bare Kestrel app on 127.0.0.1, any free port, no logging, no configuration sources, no Ctrl+C hooks.</summary>
    private static WebApplication CreateApp()
    {
        // The empty builder reads no appsettings/environment (ASPNETCORE_URLS must not move our listener). Its default
        // ConsoleLifetime would catch Ctrl+C/SIGTERM and stop only this server: NoSignalsLifetime leaves them to the CLI.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoSignalsLifetime>();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, 0);
        });
        return builder.Build();
    }

    private static Uri BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no bound address.");
        // Kestrel reports http://127.0.0.1:PORT; keep exactly that host so links and scope agree.
        return new Uri(first.TrimEnd('/') + "/");
    }

    private static int RefusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task ServeOtherSiteAsync(HttpContext ctx)
    {
        var body = Encoding.UTF8.GetBytes(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>外部网站（演示）</title></head>" +
            "<body><p>这是演示用的外部网站，任何地址都返回 200。</p></body></html>");
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        ctx.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method)) await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
    }

    private async Task ServeAsync(HttpContext ctx)
    {
        var request = ctx.Request;
        var response = ctx.Response;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.Headers.Allow = "GET, HEAD";
            await WriteMessageAsync(ctx, StatusCodes.Status405MethodNotAllowed, "不支持的请求方法");
            return;
        }

        var path = request.Path.Value is { Length: > 0 } p ? p : "/";
        // The planted server error: the 在线访谈 system behind /broken-500/ is "down" whatever is asked of it.
        if (path.Equals("/broken-500", StringComparison.OrdinalIgnoreCase) ||
            path.StartsWith("/broken-500/", StringComparison.OrdinalIgnoreCase))
        {
            await WriteMessageAsync(ctx, StatusCodes.Status500InternalServerError, "服务器内部错误");
            return;
        }

        var file = MapToFile(path);
        if (file is null)
        {
            await WriteMessageAsync(ctx, StatusCodes.Status404NotFound, "您访问的页面不存在");
            return;
        }
        if (Directory.Exists(file))
        {
            if (!path.EndsWith('/'))
            {
                // Like IIS/nginx in front of TRS: /zwgk → 301 /zwgk/ (relative links on the index need the slash).
                response.StatusCode = StatusCodes.Status301MovedPermanently;
                response.Headers.Location = request.PathBase.Add(new PathString(path + "/")).ToUriComponent() + request.QueryString;
                return;
            }
            file = Path.Combine(file, "index.html");
        }
        if (!File.Exists(file))
        {
            await WriteMessageAsync(ctx, StatusCodes.Status404NotFound, "您访问的页面不存在");
            return;
        }

        var bytes = await File.ReadAllBytesAsync(file, ctx.RequestAborted);
        var (type, isText) = ContentTypeOf(file);
        if (isText)
        {
            bytes = ReplaceTokens(bytes);
            // Charset only when the bytes really are UTF-8: the GBK folder goes out as bare text/html, as many
            // real servers do, so the client has to read the <meta charset> itself.
            if (IsUtf8(bytes)) type += "; charset=utf-8";
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = type;
        response.ContentLength = bytes.Length;
        response.Headers.LastModified = File.GetLastWriteTimeUtc(file).ToString("R");
        if (!HttpMethods.IsHead(request.Method)) await response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    /// <summary>The file or folder a request path names, or null when it would leave the content root.</summary>
    private string? MapToFile(string path)
    {
        var relative = path.TrimStart('/').Replace('/', Path.DirectorySeparatorChar);
        if (relative.Contains('\0')) return null;
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        var rootWithSeparator = _root.EndsWith(Path.DirectorySeparatorChar) ? _root : _root + Path.DirectorySeparatorChar;
        if (full != _root && !full.StartsWith(rootWithSeparator, StringComparison.Ordinal)) return null;
        return full;
    }

    private byte[] ReplaceTokens(byte[] bytes)
    {
        // Latin-1 maps every byte to one char and back, so GBK files survive untouched; the tokens are ASCII.
        var text = Encoding.Latin1.GetString(bytes);
        if (!text.Contains("{{", StringComparison.Ordinal)) return bytes;
        var today = _fixedToday ?? DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(ChinaOffset).DateTime);
        text = text
            .Replace("{{EXTERNAL_OK}}", ExternalOkUrl.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
            .Replace("{{EXTERNAL_DOWN}}", ExternalDownUrl.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);
        text = DaysAgoToken().Replace(text, m =>
        {
            var date = today.AddDays(-int.Parse(m.Groups["n"].Value));
            return m.Groups["md"].Success ? date.ToString("MM-dd") : date.ToString("yyyy-MM-dd");
        });
        return Encoding.Latin1.GetBytes(text);
    }

    /// <summary>An IHostLifetime that hooks no signals (the CLI owns Ctrl+C and SIGTERM).</summary>
    private sealed class NoSignalsLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [GeneratedRegex(@"\{\{DAYS_AGO(?<md>_MD)?:(?<n>\d{1,4})\}\}")]
    private static partial Regex DaysAgoToken();

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static (string Type, bool IsText) ContentTypeOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".html" or ".htm" or ".shtml" => ("text/html", true),
        ".css" => ("text/css", true),
        ".js" => ("application/javascript", true),
        ".json" => ("application/json", true),
        ".xml" => ("application/xml", true),
        ".txt" or ".md" => ("text/plain", true),
        ".png" => ("image/png", false),
        ".gif" => ("image/gif", false),
        ".jpg" or ".jpeg" => ("image/jpeg", false),
        ".svg" => ("image/svg+xml", false),
        ".ico" => ("image/x-icon", false),
        ".pdf" => ("application/pdf", false),
        ".doc" => ("application/msword", false),
        ".xls" => ("application/vnd.ms-excel", false),
        ".xlsx" => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false),
        ".docx" => ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", false),
        _ => ("application/octet-stream", false),
    };

    private static async Task WriteMessageAsync(HttpContext ctx, int status, string message)
    {
        var body = Encoding.UTF8.GetBytes(
            $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{status}</title></head><body><h1>{status}</h1><p>{message}</p></body></html>");
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        ctx.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method)) await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
    }
}
