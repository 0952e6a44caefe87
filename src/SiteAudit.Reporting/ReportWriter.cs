using System.Text;
using System.Text.RegularExpressions;
using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>
/// Writes a run's output folder (CONTRACT.md "Output folder"): index.html, sites/&lt;slug&gt;/index.html,
/// findings.json and findings.csv, and beside each site page its 整改清单 (sites/&lt;slug&gt;/zhenggai.csv) and its
/// evidence screenshots out of the store (sites/&lt;slug&gt;/shots/&lt;name&gt;.png). The HTML comes from Handlebars templates (report-templates/); the templates are
/// loaded and compiled by the constructor, so a missing or broken template fails before any audit work is done.
/// One instance can write any number of runs, also concurrently.
/// </summary>
public sealed partial class ReportWriter
{
    public const string IndexFileName = "index.html";
    public const string FindingsJsonFileName = "findings.json";
    public const string FindingsCsvFileName = "findings.csv";
    public const string SitesFolderName = "sites";
    public const string RectificationFileName = ReportViewModels.RectificationFile;
    public const string ShotsFolderName = "shots";

    /// <summary>Where a site's evidence file is written, relative to the output folder ('/' separators): also its evidence.screenshot.</summary>
    public static string EvidencePath(string slug, string name) => $"{SitesFolderName}/{slug}/{ShotsFolderName}/{name}";

    private readonly ReportTemplates templates;

    /// <exception cref="ReportTemplateException">The folder, index.hbs or site.hbs is missing, or a template is invalid.</exception>
    public ReportWriter(string templatesDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templatesDirectory);
        templates = ReportTemplates.Load(templatesDirectory);
    }

    /// <summary>
    /// Renders everything in memory first (a template error leaves the folder as it was), then writes each file
    /// atomically: site pages, index.html, findings.csv and last findings.json. Folders are created as needed;
    /// files of other sites already in the folder are left alone.
    /// </summary>
    /// <exception cref="ArgumentException">A site slug is not a safe folder name, or two sites share one.</exception>
    /// <exception cref="ReportTemplateException">A template failed while rendering.</exception>
    public Task WriteAsync(RunReport report, string outputDirectory, CancellationToken ct) =>
        WriteAsync(report, [], outputDirectory, ct);

    /// <inheritdoc cref="WriteAsync(RunReport, string, CancellationToken)"/>
    /// <param name="history">
    /// Earlier runs, oldest first, for the trends of the summary and of each site (<see cref="ReportHistory.LoadAsync"/>);
    /// empty: no trend is drawn.
    /// </param>
    public Task WriteAsync(RunReport report, IReadOnlyList<HistoricRun> history, string outputDirectory, CancellationToken ct) =>
        WriteAsync(report, history, outputDirectory, null, ct);

    /// <inheritdoc cref="WriteAsync(RunReport, IReadOnlyList{HistoricRun}, string, CancellationToken)"/>
    /// <param name="evidence">
    /// The store the run was read from: the sites' evidence files (<see cref="SiteReport.Evidence"/>) are read out of
    /// it, one site at a time, and written before the pages that show them. Null: no evidence files are written nor shown.
    /// </param>
    public async Task WriteAsync(RunReport report, IReadOnlyList<HistoricRun> history, string outputDirectory, IAuditStore? evidence,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        CheckSlugs(report.Sites);

        var files = new List<(string Path, byte[] Content)>();
        var shots = new List<(SiteReport Site, EvidenceFileInfo File)>();
        foreach (var reported in report.Sites)
        {
            ct.ThrowIfCancellationRequested();
            // Only files it can write are shown; a name that is not a safe file name stays in the store.
            var site = reported with { Evidence = evidence is null ? [] : (reported.Evidence ?? []).Where(f => SafeSlug().IsMatch(f.Name)).ToList() };
            shots.AddRange(site.Evidence!.Select(f => (site, f)));
            var html = templates.RenderSite(ReportViewModels.Site(report, site, history, templates.ContentSecurityPolicy));
            var folder = Path.Combine(outputDirectory, SitesFolderName, site.Slug);
            files.Add((Path.Combine(folder, IndexFileName), Encoding.UTF8.GetBytes(html)));
            files.Add((Path.Combine(folder, RectificationFileName), RectificationCsv.Serialize(site)));
        }
        var index = templates.RenderIndex(ReportViewModels.Index(report, history, templates.ContentSecurityPolicy));
        files.Add((Path.Combine(outputDirectory, IndexFileName), Encoding.UTF8.GetBytes(index)));
        files.Add((Path.Combine(outputDirectory, FindingsCsvFileName), FindingsCsv.Serialize(report)));
        files.Add((Path.Combine(outputDirectory, FindingsJsonFileName), FindingsJson.Serialize(report)));

        // Screenshots first, so that a page is never there before its pictures; read one at a time (they can be large).
        foreach (var (site, file) in shots)
        {
            var bytes = await evidence!.ReadEvidenceFileAsync(report.Run.Id, site.Slug, file.Name, ct);
            if (bytes is not null)
                await AtomicFile.WriteAsync(Path.Combine(outputDirectory, SitesFolderName, site.Slug, ShotsFolderName, file.Name), bytes, ct);
        }
        foreach (var (path, content) in files)
        {
            ct.ThrowIfCancellationRequested();
            await AtomicFile.WriteAsync(path, content, ct);
        }
    }

    /// <summary>Slugs become folder names and hrefs: they must not climb out of sites/ nor collide.</summary>
    private static void CheckSlugs(IReadOnlyList<SiteReport> sites)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // case-insensitive file systems
        foreach (var site in sites)
        {
            if (site.Slug is null || !SafeSlug().IsMatch(site.Slug))
                throw new ArgumentException($"Site '{site.Name}' has an unusable slug '{site.Slug}' (expected ASCII letters, digits, '-', '_', '.').", nameof(sites));
            if (!seen.Add(site.Slug))
                throw new ArgumentException($"Two sites share the slug '{site.Slug}'; each site needs its own folder.", nameof(sites));
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex SafeSlug();
}
