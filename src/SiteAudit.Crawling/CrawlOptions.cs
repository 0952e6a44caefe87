namespace SiteAudit.Crawling;

/// <summary>Crawl settings (configuration section SiteAudit:Crawl; the audit options of the contract map here).</summary>
public sealed class CrawlOptions
{
    public const string Section = "SiteAudit:Crawl";

    /// <summary>Seconds per request, including reading the body (--timeout; SiteAudit__Crawl__Timeout).</summary>
    public int Timeout { get; set; } = 15;

    /// <summary>Pages parsed per site (--max-pages). Links found beyond it are still checked.</summary>
    public int MaxPages { get; set; } = 2000;

    /// <summary>Concurrent requests to one host (--per-host).</summary>
    public int PerHost { get; set; } = 4;

    /// <summary>Minimum time between two request starts to one host (--delay-ms).</summary>
    public int DelayMs { get; set; }

    /// <summary>Concurrent requests across all sites of a run.</summary>
    public int GlobalConcurrency { get; set; } = 32;

    /// <summary>Sites crawled at the same time.</summary>
    public int ParallelSites { get; set; } = 8;

    public int MaxRedirects { get; set; } = 10;

    /// <summary>Retries after a transient failure (timeout, connection reset, 5xx, 429) before a link is called dead.</summary>
    public int Retries { get; set; } = 1;

    public int RetryDelayMs { get; set; } = 300;

    /// <summary>Larger HTML bodies are cut here; their links beyond the cut are not seen.</summary>
    public int MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Crawl depth from the homepage.</summary>
    public int MaxDepth { get; set; } = 12;

    /// <summary>
    /// Ask for pages the site's previous audit parsed with If-None-Match/If-Modified-Since, and take an unchanged page's
    /// facts from that audit on 304 (issue #6). Off: --no-conditional (SiteAudit__Crawl__ConditionalGet=false).
    /// </summary>
    public bool ConditionalGet { get; set; } = true;

    /// <summary>Honour robots.txt (Disallow and Crawl-delay) of crawled sites. Links are still checked one request each.</summary>
    public bool RespectRobots { get; set; } = true;

    /// <summary>A robots.txt Crawl-delay or a Retry-After longer than this is cut to it (a night has only so many hours).</summary>
    public int MaxPolitenessDelaySeconds { get; set; } = 10;

    /// <summary>Identifies the auditor to webmasters (ASCII only: HTTP headers cannot carry Chinese).</summary>
    public string UserAgent { get; set; } = "Mozilla/5.0 (compatible; SiteAudit/0.1; government disclosure audit)";

    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(Math.Max(1, Timeout));
}
