using System.Text;

namespace SiteAudit.Reporting.Tests;

internal static class RepoPaths
{
    /// <summary>The repository root: the first folder above the test binary that holds SiteAudit.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The templates as shipped (the Host copies this folder next to its binary).</summary>
    public static string Templates => Path.Combine(Root, "report-templates");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SiteAudit.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No SiteAudit.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>One writer over the shipped templates for all tests (it is reusable and thread-safe).</summary>
internal static class Reports
{
    private static readonly Lazy<ReportWriter> Writer = new(() => new ReportWriter(RepoPaths.Templates));

    public static Task WriteAsync(SiteAudit.Core.Model.RunReport report, string outputDirectory, CancellationToken ct = default) =>
        Writer.Value.WriteAsync(report, outputDirectory, ct);

    public static Task WriteAsync(SiteAudit.Core.Model.RunReport report, IReadOnlyList<HistoricRun> history, string outputDirectory,
        CancellationToken ct = default) =>
        Writer.Value.WriteAsync(report, history, outputDirectory, ct);
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "siteaudit-reporting-" + Guid.NewGuid().ToString("N"));

    public TempDir() => Directory.CreateDirectory(Path);

    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

internal static class Html
{
    /// <summary>How the report templates escape {{value}}: the expected form of crawled text in the pages.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text)
        {
            sb.Append(ch switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#x27;",
                '`' => "&#x60;",
                '=' => "&#x3D;",
                '{' => "&#x7B;",
                '}' => "&#x7D;",
                _ => ch.ToString(),
            });
        }
        return sb.ToString();
    }
}
