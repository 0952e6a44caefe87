using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SiteAudit.Crawling.Fetching;

namespace SiteAudit.Crawling.Frontier;

/// <summary>
/// robots.txt of every crawled host, fetched once per run: whether a page may be crawled, and its Crawl-delay
/// applied to the host's throttle. A robots.txt that is missing or cannot be fetched allows everything (an auditor
/// must not stop at a broken file; the failure is logged).
/// </summary>
public sealed class RobotsPolicy(HttpFetcher fetcher, HostThrottle throttle, CrawlOptions options, ILogger log)
{
    private const int MaxRobotsBytes = 512 * 1024;
    private readonly ConcurrentDictionary<string, Lazy<Task<RobotsTxt>>> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The first word of the User-Agent ("SiteAudit" in "Mozilla/5.0 (compatible; SiteAudit/0.1; …)").</summary>
    private string AgentToken { get; } = ProductToken(options.UserAgent);

    public async Task<bool> AllowsAsync(Uri url, CancellationToken ct)
    {
        if (!options.RespectRobots) return true;
        var robots = await _hosts.GetOrAdd(url.GetLeftPart(UriPartial.Authority), _ => new Lazy<Task<RobotsTxt>>(() => LoadAsync(url))).Value
            .WaitAsync(ct).ConfigureAwait(false);
        return robots.IsAllowed(url);
    }

    private async Task<RobotsTxt> LoadAsync(Uri anyUrl)
    {
        var robotsUrl = new Uri(anyUrl, "/robots.txt");
        var (result, text) = await fetcher.FetchTextAsync(robotsUrl, MaxRobotsBytes, CancellationToken.None).ConfigureAwait(false);
        if (text is null)
        {
            if (result.Status is not (>= 400 and < 500)) log.LogInformation("robots.txt of {Host} not readable ({Outcome}); crawling as allowed", anyUrl.Authority, result.Outcome);
            return RobotsTxt.AllowAll;
        }
        var robots = RobotsTxt.Parse(text, AgentToken);
        if (robots.CrawlDelay is { } delay && delay > TimeSpan.Zero)
        {
            var applied = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds, options.MaxPolitenessDelaySeconds));
            throttle.RaiseDelay(anyUrl, applied);
            log.LogInformation("robots.txt of {Host}: Crawl-delay {Delay}s (applied {Applied}s)", anyUrl.Authority, delay.TotalSeconds, applied.TotalSeconds);
        }
        return robots;
    }

    internal static string ProductToken(string userAgent)
    {
        var at = userAgent.IndexOf("SiteAudit", StringComparison.OrdinalIgnoreCase);
        var from = at >= 0 ? userAgent[at..] : userAgent;
        var end = from.IndexOfAny(['/', ' ', ';', ')']);
        return end > 0 ? from[..end] : from;
    }
}
