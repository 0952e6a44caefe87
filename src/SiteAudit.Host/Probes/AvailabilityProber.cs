using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SiteAudit.Core;
using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;
using SiteAudit.Core.Sites;
using SiteAudit.Crawling;
using SiteAudit.Host.Worker;

namespace SiteAudit.Host.Probes;

/// <summary>
/// The availability probe (DOMAIN.md §6 站点无法访问): a timed visit of every site's homepage, the way a visitor
/// opens it — a fresh connection (DNS, TCP, TLS), redirects followed, the page read to the end — recorded with its
/// time and, when it did not open within the limit (15 s), why. A visit fails on a timeout, a connection, DNS or
/// TLS failure, or an HTTP 5xx; a 4xx answer is recorded but is no failure (the server answered: a missing page or
/// a refusal of robots is not an outage). Precision first: when every site of a round fails at once the trouble is
/// our own network, and the round is not recorded.
/// </summary>
public sealed class AvailabilityProber : IDisposable
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    private readonly IAuditStore _store;
    private readonly ProfileCatalog _catalog;
    private readonly AuditSettings _settings;
    private readonly ProbeOptions _options;
    private readonly WorkerState _state;
    private readonly TimeProvider _time;
    private readonly ILogger<AvailabilityProber> _log;
    private readonly HttpClient _http;

    public AvailabilityProber(IAuditStore store, ProfileCatalog catalog, AuditSettings settings, ProbeOptions options,
        CrawlOptions crawl, WorkerState state, TimeProvider time, ILogger<AvailabilityProber> log)
    {
        (_store, _catalog, _settings, _options, _state, _time, _log) = (store, catalog, settings, options, state, time, log);
        var handler = new SocketsHttpHandler
        {
            // Every visit opens its own connection, as a new visitor's browser would: no pooled connection hides a slow handshake.
            PooledConnectionLifetime = TimeSpan.Zero,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = DecompressionMethods.All,
            UseCookies = false,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(crawl.UserAgent);
        _http.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
    }

    private TimeSpan Limit => TimeSpan.FromSeconds(Math.Max(1, _options.TimeoutSeconds));

    /// <summary>Probes every site of the sites file once and records the visits. Visits cut short by a shutdown are not recorded.</summary>
    public async Task ProbeAllAsync(CancellationToken ct)
    {
        IReadOnlyList<SiteTarget> sites;
        try
        {
            sites = SitesFileLoader.Load(_settings.Sites!, _catalog);
        }
        catch (InputException ex)
        {
            _log.LogError("Probes not taken: the sites file {Sites} has problems: {Problems}", _settings.Sites, string.Join("; ", ex.Problems));
            return;
        }

        var results = new List<ProbeRecord>(sites.Count);
        await Parallel.ForEachAsync(sites.DistinctBy(s => s.Url.AbsoluteUri),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Concurrency), CancellationToken = ct },
            async (site, token) =>
            {
                var probe = await ProbeAsync(site.Url, token);
                if (probe is null) return;
                lock (results) results.Add(probe);
            }).ConfigureAwait(false);
        if (ct.IsCancellationRequested || results.Count == 0) return;

        var failed = results.Where(r => r.Failed).ToList();
        if (results.Count >= 3 && failed.Count == results.Count)
        {
            _log.LogWarning("Probes: all {Count} sites failed at once ({Error}): most likely this machine's network, not theirs; the round is not recorded",
                results.Count, failed[0].Error);
            return;
        }
        await _store.AddProbesAsync(results, CancellationToken.None);
        _state.ProbesTaken(_time.GetUtcNow());
        if (failed.Count == 0)
            _log.LogInformation("Probes: {Count} sites opened within {Seconds} s", results.Count, Limit.TotalSeconds);
        else
            _log.LogWarning("Probes: {Failed} of {Count} sites did not open within {Seconds} s: {Sites}", failed.Count, results.Count,
                Limit.TotalSeconds, string.Join("; ", failed.Select(f => $"{f.SiteUrl} ({f.Error ?? "HTTP " + f.Status})")));
    }

    /// <summary>One timed visit; null when <paramref name="ct"/> (shutdown) cut it short.</summary>
    public async Task<ProbeRecord?> ProbeAsync(Uri url, CancellationToken ct)
    {
        var at = _time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Limit);
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            await ReadBodyAsync(response, limit.Token);
            var status = (int)response.StatusCode;
            return new ProbeRecord(url.AbsoluteUri, at, status >= 500, status, watch.ElapsedMilliseconds,
                status >= 500 ? $"HTTP {status}" : null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            return Failure(url, at, watch, $"timeout: not open within {Limit.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            return Failure(url, at, watch, Describe(ex));
        }
        catch (IOException ex)
        {
            return Failure(url, at, watch, "connection: " + ex.Message);
        }
    }

    private static ProbeRecord Failure(Uri url, DateTimeOffset at, Stopwatch watch, string error) =>
        new(url.AbsoluteUri, at, true, null, watch.ElapsedMilliseconds, error);

    private static async Task ReadBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[16 * 1024];
        var total = 0;
        int read;
        while (total < MaxBodyBytes && (read = await body.ReadAsync(buffer, ct)) > 0) total += read;
    }

    private static string Describe(HttpRequestException ex) => ex switch
    {
        { HttpRequestError: HttpRequestError.NameResolutionError } => "dns: " + ex.Message,
        { InnerException: System.Security.Authentication.AuthenticationException } => "tls: " + ex.Message,
        { HttpRequestError: HttpRequestError.SecureConnectionError } => "tls: " + ex.Message,
        { InnerException: SocketException s } => $"connection: {s.SocketErrorCode}",
        _ => "connection: " + ex.Message,
    };

    public void Dispose() => _http.Dispose();
}
