using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SiteAudit.Tests.Fakes;

/// <summary>What a <see cref="FakeServer"/> does with HTTP validators (ETag, Last-Modified).</summary>
public enum ValidatorMode { None, Honoured, Ignored }

/// <summary>
/// A real HTTP server on 127.0.0.1 (its own port, so its own "host" for scope purposes) answering from a route
/// table that tests fill in, before or after start. Every request is counted per method and path so a test can
/// assert "fetched once" or "HEAD was tried". Unknown paths answer 404.
/// </summary>
/// <remarks>
/// Routes are matched on the decoded path plus the query exactly as sent ("/list.html?a=1&amp;b=2" as the client sent it),
/// then on the path alone. A route registered with a query therefore matches only that query: a client that sends
/// an HTML-escaped "&amp;amp;" gets a 404, which is what the `&amp;` tests rely on.
/// </remarks>
public sealed class FakeServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _prefixes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _log = new();
    private WebApplication? _app;
    private int _total;
    private readonly ConcurrentQueue<string> _notModified = new();

    private FakeServer() { }

    /// <summary>Scheme, host and port with a trailing slash, e.g. http://127.0.0.1:39123/.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Requests seen so far, all paths and methods.</summary>
    public int TotalRequests => Volatile.Read(ref _total);

    /// <summary>
    /// Whether 200 answers carry validators like nginx's: an ETag (a hash of the body) and a Last-Modified (when the route
    /// was last registered); <see cref="ValidatorMode.Honoured"/> also answers 304 to a GET whose If-None-Match (or,
    /// without one, If-Modified-Since) matches.
    /// </summary>
    public ValidatorMode Validators { get; set; }

    /// <summary>Paths answered 304 so far, in order.</summary>
    public IReadOnlyCollection<string> NotModified => _notModified.ToArray();

    /// <summary>"METHOD path?query" of every request in arrival order (for diagnostics).</summary>
    public IReadOnlyCollection<string> RequestLog => _log.ToArray();

    public static Task<FakeServer> StartAsync(CancellationToken ct = default) => StartCoreAsync(certificate: null, ct);

    /// <summary>An HTTPS server with a fresh self-signed certificate nobody trusts: every client sees a TLS error.</summary>
    public static Task<FakeServer> StartUntrustedHttpsAsync(CancellationToken ct = default) =>
        StartCoreAsync(SelfSignedCertificate("127.0.0.1"), ct);

    private static async Task<FakeServer> StartCoreAsync(X509Certificate2? certificate, CancellationToken ct)
    {
        var server = new FakeServer();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        // No ConsoleLifetime: a test server must not catch the test runner's Ctrl+C.
        builder.Services.AddSingleton<IHostLifetime, NoSignalsLifetime>();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null) listen.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Absolute URL of <paramref name="pathAndQuery"/> on this server ("/a.html" → http://127.0.0.1:PORT/a.html).</summary>
    public string Url(string pathAndQuery = "/") =>
        BaseUrl.GetLeftPart(UriPartial.Authority) + (pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery);

    // ---------------------------------------------------------------- route table

    public FakeServer Map(string path, Func<HttpContext, Task> handler)
    {
        _routes[path] = new Route(handler) { Registered = DateTimeOffset.UtcNow };
        return this;
    }

    /// <summary>Every path that starts with <paramref name="prefix"/> and has no route of its own.</summary>
    public FakeServer MapPrefix(string prefix, Func<HttpContext, Task> handler)
    {
        _prefixes[prefix] = handler;
        return this;
    }

    /// <summary>
    /// An HTML page. The body is encoded in <paramref name="charset"/>; the header names it unless
    /// <paramref name="headerCharset"/> is false (real servers often send bare "text/html" and leave it to the meta tag).
    /// A null charset sends bare text/html with a UTF-8 body.
    /// </summary>
    public FakeServer Html(string path, string html, string? charset = "utf-8", bool headerCharset = true)
    {
        var encoding = charset is null ? new UTF8Encoding(false) : TextEncodings.Get(charset);
        var type = charset is not null && headerCharset ? $"text/html; charset={charset}" : "text/html";
        return Bytes(path, encoding.GetBytes(html), type);
    }

    public FakeServer Bytes(string path, byte[] body, string contentType) =>
        Map(path, ctx => WriteAsync(ctx, StatusCodes.Status200OK, body, contentType));

    /// <summary>Always answers <paramref name="status"/> (GET and HEAD alike), with a small HTML body.</summary>
    public FakeServer Status(string path, int status, string? body = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body ?? $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{status}</title></head><body><h1>{status}</h1></body></html>");
        return Map(path, ctx => WriteAsync(ctx, status, bytes, "text/html; charset=utf-8"));
    }

    public FakeServer Redirect(string path, string location, int code = 302) =>
        Map(path, ctx =>
        {
            ctx.Response.StatusCode = code;
            ctx.Response.Headers.Location = location;
            return Task.CompletedTask;
        });

    /// <summary>HEAD on these paths answers <paramref name="headStatus"/> (405 by default) while GET still works: real servers do this.</summary>
    public FakeServer RefuseHead(int headStatus, params string[] paths)
    {
        foreach (var path in paths) Existing(path).HeadStatus = headStatus;
        return this;
    }

    public FakeServer RefuseHead(params string[] paths) => RefuseHead(StatusCodes.Status405MethodNotAllowed, paths);

    /// <summary>Waits <paramref name="delay"/> before answering (aborted if the client gives up).</summary>
    public FakeServer Delay(string path, TimeSpan delay)
    {
        Existing(path).Delay = delay;
        return this;
    }

    /// <summary>
    /// The first <paramref name="times"/> requests to the path (any method) answer <paramref name="status"/>, later ones
    /// answer normally: a transient failure that one retry gets past. 429 carries Retry-After: 1.
    /// </summary>
    public FakeServer FailFirst(string path, int times = 1, int status = StatusCodes.Status503ServiceUnavailable)
    {
        var route = Existing(path);
        route.FailStatus = status;
        route.FailuresLeft = times;
        return this;
    }

    /// <summary>Requests to <paramref name="path"/> with <paramref name="method"/> (null = any). A path without "?" counts every query.</summary>
    public int Count(string path, string? method = "GET") =>
        method is null
            ? _counts.TryGetValue("* " + path, out var all) ? all : 0
            : _counts.TryGetValue(method.ToUpperInvariant() + " " + path, out var n) ? n : 0;

    public IReadOnlyDictionary<string, int> RequestCounts => new Dictionary<string, int>(_counts);

    private Route Existing(string path) =>
        _routes.TryGetValue(path, out var route) ? route : throw new InvalidOperationException($"No route {path}: add it first.");

    // ---------------------------------------------------------------- serving

    private async Task HandleAsync(HttpContext ctx)
    {
        var method = ctx.Request.Method.ToUpperInvariant();
        var path = ctx.Request.Path.Value is { Length: > 0 } p ? p : "/";
        var query = ctx.Request.QueryString.Value ?? "";
        Interlocked.Increment(ref _total);
        _log.Enqueue($"{method} {path}{query}");
        foreach (var key in query.Length > 0 ? new[] { path + query, path } : new[] { path })
        {
            _counts.AddOrUpdate(method + " " + key, 1, (_, n) => n + 1);
            _counts.AddOrUpdate("* " + key, 1, (_, n) => n + 1);
        }

        if (!_routes.TryGetValue(path + query, out var route) && !_routes.TryGetValue(path, out route))
        {
            var prefix = _prefixes.Keys.Where(k => path.StartsWith(k, StringComparison.Ordinal)).MaxBy(k => k.Length);
            if (prefix is not null)
            {
                await _prefixes[prefix](ctx);
                return;
            }
            await WriteAsync(ctx, StatusCodes.Status404NotFound,
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>404</title></head><body><h1>404 Not Found</h1></body></html>"u8.ToArray(),
                "text/html; charset=utf-8");
            return;
        }

        if (route.Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(route.Delay, ctx.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        if (route.FailuresLeft > 0 && Interlocked.Decrement(ref route.FailuresLeft) >= 0)
        {
            if (route.FailStatus == StatusCodes.Status429TooManyRequests) ctx.Response.Headers.RetryAfter = "1";
            await WriteAsync(ctx, route.FailStatus, Encoding.UTF8.GetBytes($"<html><body>{route.FailStatus}</body></html>"), "text/html; charset=utf-8");
            return;
        }
        if (route.HeadStatus is { } headStatus && HttpMethods.IsHead(method))
        {
            ctx.Response.StatusCode = headStatus;
            return;
        }
        if (Validators != ValidatorMode.None) ctx.Items[typeof(FakeServer)] = (this, route.Registered);
        await route.Handler(ctx);
    }

    /// <summary>Writes a complete response; HEAD gets the headers only.</summary>
    public static async Task WriteAsync(HttpContext ctx, int status, byte[] body, string contentType)
    {
        if (status == StatusCodes.Status200OK && ctx.Items[typeof(FakeServer)] is (FakeServer server, DateTimeOffset registered)
            && server.AnswerNotModified(ctx, body, registered))
            return;
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        ctx.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method))
        {
            try { await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted); }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>Sets the validators of a 200 response; true when the request's validators match and 304 was sent instead.</summary>
    private bool AnswerNotModified(HttpContext ctx, byte[] body, DateTimeOffset registered)
    {
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..16]}\"";
        var modified = registered.AddTicks(-(registered.Ticks % TimeSpan.TicksPerSecond)); // HTTP dates have whole seconds
        ctx.Response.Headers.ETag = etag;
        ctx.Response.Headers.LastModified = modified.ToString("R");
        var request = ctx.Request.GetTypedHeaders();
        var unchanged = request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(t => t.Tag.ToString() == etag)
            : request.IfModifiedSince is { } since && modified <= since;
        if (!unchanged || Validators != ValidatorMode.Honoured || !HttpMethods.IsGet(ctx.Request.Method)) return false;
        _notModified.Enqueue(ctx.Request.Path.Value ?? "/");
        ctx.Response.StatusCode = StatusCodes.Status304NotModified;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is null) return;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try { await app.StopAsync(cts.Token); }
        catch (OperationCanceledException) { }
        await app.DisposeAsync();
    }

    private static X509Certificate2 SelfSignedCertificate(string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // A PFX round trip gives a key SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), password: null);
    }

    private sealed class NoSignalsLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class Route(Func<HttpContext, Task> handler)
    {
        public Func<HttpContext, Task> Handler { get; } = handler;
        public DateTimeOffset Registered { get; init; }
        public int? HeadStatus { get; set; }
        public TimeSpan Delay { get; set; }
        public int FailStatus = StatusCodes.Status503ServiceUnavailable;
        public int FailuresLeft;
    }
}
