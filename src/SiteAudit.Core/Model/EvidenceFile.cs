namespace SiteAudit.Core.Model;

/// <summary>
/// A file kept as evidence with a site's audit (a screenshot of a page), stored with the run so that re-rendering
/// the run writes it again. <see cref="Name"/> is unique within the site's audit and safe as a file name.
/// </summary>
public sealed record EvidenceFile(string Name, string Url, string Kind, string ContentType, byte[] Bytes, DateTimeOffset TakenAt)
{
    /// <summary>What the reports know of it without its bytes (those are read when the files are written).</summary>
    public EvidenceFileInfo Info => new(Name, Url, Kind, ContentType, Bytes.Length, TakenAt);
}

/// <summary>A stored evidence file as a site's report lists it.</summary>
public sealed record EvidenceFileInfo(string Name, string Url, string Kind, string ContentType, long Length, DateTimeOffset TakenAt);

/// <summary>Which page an evidence screenshot shows.</summary>
public static class EvidenceKinds
{
    /// <summary>The 政府信息公开 section page.</summary>
    public const string Section = "section";

    /// <summary>The homepage, where columns were looked for when no section was found.</summary>
    public const string Home = "home";
}
