using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SiteAudit.Core.Model;
using SiteAudit.Crawling.Rendering;
using SiteAudit.Reporting;
using SiteAudit.Rules.Columns;

namespace SiteAudit.Host.Pipeline;

/// <summary>
/// Evidence screenshots (issue #3), taken after a site's rules ran: a full-page PNG of the 政府信息公开 section page
/// and of each page behind a column.missing finding (the section page, or the homepage when there is no section),
/// each URL once and at most <see cref="MaxPerSite"/> per site, so a nightly run of hundreds of sites stays cheap.
/// They are stored with the site's audit; the column.missing findings get evidence.screenshot, the path the report
/// writer puts the file at. A screenshot that fails is logged and skipped: it never fails the site.
/// </summary>
internal sealed class EvidenceShots(PageRenderer renderer, IAuditStore store, TimeProvider time, ILogger log)
{
    public const int MaxPerSite = 6;

    /// <summary>Takes and stores the site's screenshots; returns the findings, column.missing ones with evidence.screenshot.</summary>
    public async Task<IReadOnlyList<Finding>> TakeAsync(SiteTarget site, long siteRunId, Uri homeUrl, ColumnMap columns,
        IReadOnlyList<Finding> findings, CancellationToken ct)
    {
        var files = new List<EvidenceFile>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (url, kind) in Pages(homeUrl, columns, findings))
        {
            try
            {
                // The browser fetches the page itself: the crawl keeps what it extracted, not the page's HTML.
                var result = await renderer.RenderAsync(new Uri(url), screenshot: true, ct);
                if (result.Screenshot is { Length: > 0 } png)
                    files.Add(new EvidenceFile(FileName(url), url, kind, "image/png", png, time.GetUtcNow()));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (RendererUnavailableException ex)
            {
                log.LogWarning("Site {Site}: no screenshots, the browser is not available: {Message}", site.Url, ex.Message);
                break;
            }
            catch (Exception ex)
            {
                log.LogWarning("Site {Site}: screenshot of {Url} failed, skipped: {Message}", site.Url, url, ex.Message);
            }
        }
        if (files.Count == 0) return findings;
        await store.AddEvidenceFilesAsync(siteRunId, files, CancellationToken.None);
        log.LogInformation("Site {Name}: {Count} screenshot(s) stored ({Bytes} bytes, {Seconds:0.0}s)",
            site.Name, files.Count, files.Sum(f => f.Bytes.Length), watch.Elapsed.TotalSeconds);

        var paths = files.ToDictionary(f => f.Url, f => ReportWriter.EvidencePath(site.Slug, f.Name), StringComparer.Ordinal);
        return findings
            .Select(f => f.Rule == RuleIds.ColumnMissing && paths.TryGetValue(f.PageUrl ?? homeUrl.AbsoluteUri, out var path)
                ? f with { Evidence = WithScreenshot(f.Evidence, path) }
                : f)
            .ToList();
    }

    /// <summary>The section page, then the pages column.missing findings were looked for on; each once, at most <see cref="MaxPerSite"/>.</summary>
    internal static IReadOnlyList<(string Url, string Kind)> Pages(Uri homeUrl, ColumnMap columns, IReadOnlyList<Finding> findings)
    {
        var home = homeUrl.AbsoluteUri;
        var candidates = new List<string>();
        if (columns.SectionUrl is { } section) candidates.Add(section);
        candidates.AddRange(findings.Where(f => f.Rule == RuleIds.ColumnMissing).Select(f => f.PageUrl ?? home));
        return candidates.Distinct(StringComparer.Ordinal).Take(MaxPerSite)
            .Select(url => (url, url == columns.SectionUrl ? EvidenceKinds.Section : EvidenceKinds.Home))
            .ToList();
    }

    /// <summary>A short stable name from the URL: the same page gets the same file name in every run.</summary>
    internal static string FileName(string url) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)).AsSpan(0, 6)) + ".png";

    private static JsonObject WithScreenshot(JsonObject evidence, string path)
    {
        var copy = (JsonObject)evidence.DeepClone();
        copy[EvidenceKeys.Screenshot] = path;
        return copy;
    }
}
