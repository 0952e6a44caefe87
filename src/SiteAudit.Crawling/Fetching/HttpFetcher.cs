using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using SiteAudit.Core.Model;
using SiteAudit.Core.Urls;
using SiteAudit.Crawling.Quirks;

namespace SiteAudit.Crawling.Fetching;

/// <summary>
/// Requests over HTTP: redirects followed by hand (so loops and chains are seen and classified), every
/// failure turned into a contract reason, one retry on a transient failure, HEAD with a GET fallback for
/// servers that refuse HEAD.
/// </summary>
public sealed class HttpFetcher
{
    private readonly HttpClient _client;
    private readonly HostThrottle _throttle;
    private readonly CrawlOptions _options;
    private readonly ILogger<HttpFetcher> _log;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<FetchResult> _retry;

    public HttpFetcher(HttpClient client, HostThrottle throttle, CrawlOptions options, TimeProvider time, ILogger<HttpFetcher> log)
    {
        _client = client;
        _throttle = throttle;
        _options = options;
        _log = log;
        _time = time;
        _retry = options.Retries <= 0
            ? ResiliencePipeline<FetchResult>.Empty
            : new ResiliencePipelineBuilder<FetchResult> { TimeProvider = time }
                .AddRetry(new RetryStrategyOptions<FetchResult>
                {
                    MaxRetryAttempts = options.Retries,
                    Delay = TimeSpan.FromMilliseconds(Math.Max(1, options.RetryDelayMs)),
                    BackoffType = DelayBackoffType.Exponential,
                    // A server that says when to come back (429/503 Retry-After) is believed, within reason.
                    DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is { } after
                        ? (TimeSpan?)TimeSpan.FromSeconds(Math.Min(after.TotalSeconds, options.MaxPolitenessDelaySeconds))
                        : null),
                    // Timeouts are not retried at once (that would double every dead host's cost); the crawler
                    // rechecks them, like every transient failure, after the site's crawl has drained.
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { IsTransient: true, Outcome: not DeadReason.Timeout }),
                })
                .Build();
    }

    /// <summary>The run's one HttpClient: no automatic redirects, decompression on, cookies kept per run.</summary>
    public static HttpClient CreateClient(CrawlOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = options.RequestTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = Math.Max(1, options.PerHost),
            UseCookies = true,
            // Some portals set a session cookie and redirect to themselves; without cookies that is a loop.
            CookieContainer = new CookieContainer(),
        };
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Clear();
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");
        return client;
    }

    /// <summary>GET a page to parse it: the body is read (up to MaxBodyBytes) when the response is HTML or JSON.</summary>
    public Task<FetchResult> FetchPageAsync(Uri url, CancellationToken ct) => FetchPageAsync(url, null, ct);

    /// <summary>
    /// GET a page to parse it, conditionally when <paramref name="validators"/> are given: a server that finds the page
    /// unchanged answers 304, returned as an ok result with status 304 and no body.
    /// </summary>
    public Task<FetchResult> FetchPageAsync(Uri url, CacheValidators? validators, CancellationToken ct) =>
        _retry.ExecuteAsync(static (state, token) => new ValueTask<FetchResult>(
                state.self.SendAsync(state.url, HttpMethod.Get, readBody: true, token, validators: state.validators)),
            (self: this, url, validators), ct).AsTask();

    /// <summary>GET a small text resource (robots.txt) and return its body whatever its content type; null when it failed.</summary>
    public async Task<(FetchResult Result, string? Text)> FetchTextAsync(Uri url, int maxBytes, CancellationToken ct)
    {
        var result = await SendAsync(url, HttpMethod.Get, readBody: false, ct, textBodyBytes: maxBytes).ConfigureAwait(false);
        return (result, result.IsOk && result.Body is { } body ? Extraction.HtmlDecoder.Decode(body, result.Charset).Text : null);
    }

    /// <summary>Checks that a link works without downloading it: HEAD, then GET when HEAD is refused.</summary>
    public Task<FetchResult> CheckAsync(Uri url, CancellationToken ct) =>
        _retry.ExecuteAsync(static (state, token) => new ValueTask<FetchResult>(state.self.CheckOnceAsync(state.url, token)),
            (self: this, url), ct).AsTask();

    private async Task<FetchResult> CheckOnceAsync(Uri url, CancellationToken ct)
    {
        var head = await SendAsync(url, HttpMethod.Head, readBody: false, ct).ConfigureAwait(false);
        // Many portal servers answer HEAD with 403/404/405/500/501 but serve GET; only a GET verdict counts.
        // No GET after network-level failures: the GET would fail the same way.
        if (head.IsOk || head.Outcome is DeadReason.Dns or DeadReason.Connection or DeadReason.Tls or DeadReason.Timeout or DeadReason.Invalid)
            return head;
        return await SendAsync(url, HttpMethod.Get, readBody: false, ct).ConfigureAwait(false);
    }

    private async Task<FetchResult> SendAsync(Uri url, HttpMethod method, bool readBody, CancellationToken ct, int textBodyBytes = 0,
        CacheValidators? validators = null)
    {
        var watch = Stopwatch.StartNew();
        var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        var current = url;
        for (var hop = 0; ; hop++)
        {
            var conditional = validators is not null && validators.At.AbsoluteUri == current.AbsoluteUri ? validators : null;
            var result = await SendOneAsync(url, current, method, readBody, watch, hop, ct, textBodyBytes, conditional).ConfigureAwait(false);
            if (result.Location is null) return result.Result;

            if (hop >= _options.MaxRedirects)
                return Dead(url, DeadReason.TooManyRedirects, result.Result.Status, current, watch, $"more than {_options.MaxRedirects} redirects", hop);
            if (!visited.Add(result.Location.AbsoluteUri))
                return Dead(url, DeadReason.RedirectLoop, result.Result.Status, result.Location, watch, $"redirect back to {result.Location}", hop + 1);
            if (result.Result.Status == 303) method = HttpMethod.Get;
            current = result.Location;
        }
    }

    private async Task<(FetchResult Result, Uri? Location)> SendOneAsync(
        Uri original, Uri current, HttpMethod method, bool readBody, Stopwatch watch, int hop, CancellationToken ct, int textBodyBytes,
        CacheValidators? conditional)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var lease = await _throttle.AcquireAsync(current, ct).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, current);
            if (conditional?.ETag is { } etag) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (conditional?.LastModified is { } modified) request.Headers.IfModifiedSince = modified;
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status == 304)
                return (new FetchResult(original, FetchRecord.Ok, status, current, null, null, null, watch.ElapsedMilliseconds,
                    ETag: response.Headers.ETag?.ToString(), LastModified: response.Content.Headers.LastModified?.ToString("R"), Redirects: hop), null);

            if (status is >= 300 and < 400 && status != 304 && response.Headers.Location is { } location)
            {
                var next = UrlNormalizer.Resolve(current, location.OriginalString);
                if (next is null) // a redirect to mailto: or garbage: the link leads nowhere a browser can show
                    return (Dead(original, DeadReason.Http4xx, status, current, watch, $"unusable redirect target '{location.OriginalString}'", hop), null);
                return (new FetchResult(original, FetchRecord.Ok, status, current, null, null, null, watch.ElapsedMilliseconds, Redirects: hop), next);
            }

            var contentType = response.Content.Headers.ContentType;
            byte[]? body = null;
            var outcome = status switch
            {
                // Rate limiting says nothing about the link; reported as blocked, never as dead.
                429 => DeadReason.Blocked,
                >= 500 => DeadReason.Http5xx,
                >= 400 => DeadReason.Http4xx,
                _ => FetchRecord.Ok,
            };
            if (readBody && outcome == FetchRecord.Ok && LooksParseable(contentType))
                body = await ReadCappedAsync(response.Content, _options.MaxBodyBytes, timeout.Token).ConfigureAwait(false);
            else if (textBodyBytes > 0 && outcome == FetchRecord.Ok)
                body = await ReadCappedAsync(response.Content, textBodyBytes, timeout.Token).ConfigureAwait(false);
            else if (outcome != FetchRecord.Ok && status != 429 && method != HttpMethod.Head)
            {
                // An error page may be an anti-bot challenge: read its (small) start to tell.
                var probe = await ReadCappedAsync(response.Content, AntiBot.ProbeBytes, timeout.Token).ConfigureAwait(false);
                if (AntiBot.IsChallenge(status, probe, contentType?.CharSet)) outcome = DeadReason.Blocked;
            }
            if (body is not null && textBodyBytes == 0 && AntiBot.IsChallenge(status, body.AsSpan(0, Math.Min(body.Length, AntiBot.ProbeBytes)), contentType?.CharSet))
            {
                outcome = DeadReason.Blocked;
                body = null;
            }

            var retryAfter = status is 429 or 503 ? RetryAfterOf(response) : null;
            if (retryAfter is { } pause)
                _throttle.PauseUntil(current, _time.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(pause.TotalSeconds, _options.MaxPolitenessDelaySeconds)));
            return (new FetchResult(original, outcome, status, current, contentType?.MediaType, contentType?.CharSet, body,
                watch.ElapsedMilliseconds, outcome == FetchRecord.Ok ? null : outcome == DeadReason.Blocked ? $"anti-bot challenge (HTTP {status})" : $"HTTP {status}",
                response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"), hop, retryAfter), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (Dead(original, DeadReason.Timeout, null, current, watch, $"no answer within {_options.Timeout}s", hop), null);
        }
        catch (HttpRequestException ex)
        {
            var reason = Classify(ex);
            _log.LogDebug("{Method} {Url}: {Reason} ({Error})", method, current, reason, ex.Message);
            return (Dead(original, reason, null, current, watch, Describe(ex), hop), null);
        }
        catch (Exception ex) when (ex is UriFormatException or NotSupportedException or InvalidOperationException)
        {
            return (Dead(original, DeadReason.Invalid, null, current, watch, ex.Message, hop), null);
        }
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }

    /// <summary>HTML, or JSON (a list API that a quirk reads as a list page, e.g. Quirks/Gkmlpt; some send it as javascript).</summary>
    private static bool LooksParseable(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is not { } type
        || type.Contains("html", StringComparison.OrdinalIgnoreCase) || type.Contains("json", StringComparison.OrdinalIgnoreCase)
        || type.Contains("javascript", StringComparison.OrdinalIgnoreCase);

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, int max, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            var room = max - (int)buffer.Length;
            buffer.Write(chunk, 0, Math.Min(read, room));
            if (read >= room) break;
        }
        return buffer.ToArray();
    }

    private static FetchResult Dead(Uri url, string reason, int? status, Uri? final, Stopwatch watch, string error, int hops) =>
        new(url, reason, status, final, null, null, null, watch.ElapsedMilliseconds, error, Redirects: hops);

    internal static string Classify(HttpRequestException ex)
    {
        switch (ex.HttpRequestError)
        {
            case HttpRequestError.NameResolutionError: return DeadReason.Dns;
            case HttpRequestError.SecureConnectionError: return DeadReason.Tls;
        }
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain })
                return DeadReason.Dns;
            if (e is AuthenticationException) return DeadReason.Tls;
        }
        return DeadReason.Connection;
    }

    private static string Describe(HttpRequestException ex)
    {
        var inner = ex.InnerException?.Message;
        return inner is null || inner == ex.Message ? ex.Message : $"{ex.Message} ({inner})";
    }
}
