namespace SiteAudit.Reporting;

/// <summary>
/// The report templates cannot be used: the folder or a required file is missing, a template does not parse,
/// uses a forbidden construct, or fails while rendering. <see cref="TemplatePath"/> names the file (or folder).
/// </summary>
public sealed class ReportTemplateException(string message, string templatePath, Exception? inner = null)
    : Exception(message, inner)
{
    public string TemplatePath { get; } = templatePath;
}
