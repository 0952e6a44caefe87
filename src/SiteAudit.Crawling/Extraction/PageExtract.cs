using System.Text.Json.Nodes;

namespace SiteAudit.Crawling.Extraction;

/// <summary>A link as found in a page: the resolved, normalised target and where it came from.</summary>
public sealed record ExtractedLink(Uri Target, string Tag, string? Text, string? Title)
{
    /// <summary>Links a person navigates to (and the crawler may follow), as opposed to embedded resources.</summary>
    public bool IsNavigation => Tag is "a" or "area" or "iframe" or "frame" or "meta-refresh" or "script-redirect";
}

/// <summary>What extraction takes out of one HTML page.</summary>
/// <param name="Refresh">The page's meta refresh target, if any.</param>
/// <param name="VisibleTextLength">Characters of visible text (white space not counted).</param>
/// <param name="VisibleText">The visible text as a comparison key (<see cref="Quirks.SoftNotFound.VisibleText"/>): pages that say exactly the same thing have equal keys.</param>
/// <param name="SaysNotFound">Title, heading or (short) text says the page does not exist (<see cref="Quirks.SoftNotFound"/>).</param>
/// <param name="Content">Lists, dates and text for the content rules (<see cref="ContentExtractor"/>).</param>
public sealed record PageExtract(string? Title, Uri BaseUrl, IReadOnlyList<ExtractedLink> Links, JsonObject Meta,
    Uri? Refresh = null, int VisibleTextLength = 0, bool SaysNotFound = false, string? VisibleText = null,
    SiteAudit.Core.Model.PageContent? Content = null);
