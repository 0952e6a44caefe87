namespace SiteAudit.Host;

/// <summary>Settings of the SiteAudit section (appsettings.json, SiteAudit__X environment variables, command line).</summary>
public sealed class AuditSettings
{
    public const string Section = "SiteAudit";

    /// <summary>SQLite file path (or a connection string).</summary>
    public string Db { get; set; } = Path.Combine("data", "siteaudit.db");

    /// <summary>auto | always | never (--render).</summary>
    public string Render { get; set; } = "auto";

    /// <summary>error | warning | info: exit code 4 when a finding of this severity or worse exists (--fail-on).</summary>
    public string? FailOn { get; set; }

    /// <summary>Extra profile folder searched before the bundled profiles/.</summary>
    public string? ProfilesDir { get; set; }

    /// <summary>Report templates folder; default: the bundled report-templates/.</summary>
    public string? TemplatesDir { get; set; }

    // Worker settings (CONTRACT.md "Worker"); used by the scheduled service.
    public string? Schedule { get; set; }
    public string TimeZone { get; set; } = "Asia/Shanghai";
    public string? Sites { get; set; }
    public string? Output { get; set; }
}
