using SiteAudit.Core.Model;

namespace SiteAudit.Rules.Content;

/// <summary>Whether a column's page could be read, and if not, why: only a read column is judged.</summary>
public enum ReadState
{
    /// <summary>Crawled and its content known.</summary>
    Read,
    /// <summary>Not crawled (outside the site, failed, blocked, beyond --max-pages) or its content not stored.</summary>
    Unknown,
    /// <summary>The page only refreshes (or frames) to a page that was not crawled, usually another platform.</summary>
    Elsewhere,
}

/// <summary>
/// What a column holds, read from its list page(s): the items of its main list across its pagination (and frames,
/// and sub-columns when the page is only a menu of them), with what the pages say about totals.
/// </summary>
/// <param name="PageUrl">The page whose content was read (after redirects and look-through refreshes).</param>
/// <param name="Items">Distinct items, newest-first as listed; Date filled from the item's page when the list shows none.</param>
/// <param name="ClaimedCount">The largest total a list page claims (recordCount, 共N条); the visible items may be fewer.</param>
/// <param name="Scripted">Part of the list is written by script: what is not visible is not proven absent.</param>
/// <param name="SaysEmpty">The page says 暂无信息 or the like.</param>
/// <param name="OwnTextChars">Characters of text the page holds beyond the site's template (lines of the homepage and section).</param>
/// <param name="OwnLinks">Links the page holds beyond the template, its pagination and itself (sub-column menus, catalogs).</param>
/// <param name="UncheckedFrames">Frames or iframes of the page that were not crawled: content may hide there.</param>
/// <param name="DateLookups">Item pages opened for a date the list does not show; DatelessPages of them showed none.</param>
public sealed record ColumnReading(
    string Url,
    ReadState State,
    string? PageUrl,
    IReadOnlyList<ListItem> Items,
    int? ClaimedCount,
    bool Scripted,
    bool SaysEmpty,
    int OwnTextChars,
    int OwnLinks,
    bool UncheckedFrames,
    int Pages,
    int DateLookups,
    int DatelessPages,
    string? Elsewhere = null)
{
    public static ColumnReading NotRead(string url, ReadState state = ReadState.Unknown, string? elsewhere = null) =>
        new(url, state, null, [], null, false, false, 0, 0, false, 0, 0, 0, elsewhere);

    public bool IsRead => State == ReadState.Read;

    /// <summary>What the column holds as far as can be told: the visible items or the claimed total, whichever is larger.</summary>
    public int ItemCount => Math.Max(Items.Count, ClaimedCount ?? 0);

    /// <summary>The newest item date not in the future (a date after tomorrow is a typo or a 伪造 date, not an update).</summary>
    public DateOnly? LatestDate(DateOnly today) =>
        Items.Select(i => ChinaDate.Parse(i.Date)).Where(d => d is { } x && x <= today.AddDays(1)).Max();

    /// <summary>
    /// A 空白栏目: read, nothing listed or claimed, no script writing a list, no menu of sub-columns or other own links,
    /// no frame left unread, and the page says so (暂无信息) or shows next to nothing beyond the template.
    /// </summary>
    public bool IsEmpty => IsRead && Items.Count == 0 && (ClaimedCount ?? 0) == 0 && !Scripted && !UncheckedFrames && OwnLinks == 0
                           && (SaysEmpty || OwnTextChars < ContentReader.EmptyTextChars);
}
