using SiteAudit.Core.Model;
using SiteAudit.Rules.Columns;
using SiteAudit.Rules.Content;

namespace SiteAudit.Rules;

/// <summary>What a rule sees of one crawled site.</summary>
public sealed record RuleContext(SiteTarget Site, Uri HomeUrl, ISiteFacts Facts, ColumnMap Columns, TimeProvider Time)
{
    private ContentReader? _content;

    /// <summary>A department unit inside a portal (not a site of its own): searches of "anywhere on the site" stay below <see cref="HomeUrl"/>.</summary>
    public bool IsUnit { get; init; }

    /// <summary>Whether <paramref name="pageUrl"/> belongs to what is judged: the whole crawl, or for a unit its own folder.</summary>
    public bool Owns(string pageUrl) =>
        !IsUnit || pageUrl.StartsWith(HomeUrl.GetLeftPart(UriPartial.Authority) + HomeUrl.AbsolutePath[..(HomeUrl.AbsolutePath.LastIndexOf('/') + 1)], StringComparison.Ordinal);

    /// <summary>Column lists, page text and dates, read once per site and shared by the content rules.</summary>
    public ContentReader Content => _content ??= new ContentReader(this);
}

/// <summary>A rule: a small class that turns crawled facts into findings of one rule id.</summary>
public interface IRule
{
    string Id { get; }

    IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, CancellationToken ct);
}
