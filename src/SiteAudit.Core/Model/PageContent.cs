using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SiteAudit.Core.Model;

/// <summary>One entry of a list on a page (a column's list, a homepage box): title, absolute URL, date (yyyy-MM-dd) if shown.</summary>
public sealed record ListItem(string Title, string Url, string? Date);

/// <summary>
/// The items of a page that share one shape (the same chain of tags and classes above each row): one visible list,
/// or several boxes built alike. <see cref="Shape"/> is that chain, e.g. "li|ul.list|div.list_box".
/// </summary>
public sealed record PageList(string Shape, IReadOnlyList<ListItem> Items)
{
    public int DatedCount => Items.Count(i => i.Date is not null);
}

/// <summary>
/// What content extraction takes out of one crawled HTML page, for the content rules (DOMAIN.md §3–§6):
/// its lists, its own publication date, what it says about list totals, and its visible text.
/// </summary>
/// <param name="Published">The page's own publication date (yyyy-MM-dd): the PubDate meta tag, else a 发布时间/发布日期 label.</param>
/// <param name="Lists">Repeated rows with a link (and usually a date), grouped by shape, in document order.</param>
/// <param name="ClaimedCount">How many items the page says its list holds (TRS recordCount, Hanweb totalrecord, “共N条”), when it says so.</param>
/// <param name="ScriptedList">Part of the list is written by script in the browser (TRS “动静结合” API lists, avalon/vue repeats): the static items may be a part only.</param>
/// <param name="SaysEmpty">A short line says there is nothing (暂无信息, 暂无数据 …).</param>
/// <param name="ScriptedRelations">Related documents (解读 ↔ 文件) are linked by script in the browser, not in the HTML.</param>
/// <param name="Text">Visible text: one line per block element, table cells separated by a tab, white space collapsed.</param>
public sealed record PageContent(
    string? Published,
    IReadOnlyList<PageList> Lists,
    int? ClaimedCount,
    bool ScriptedList,
    bool SaysEmpty,
    bool ScriptedRelations,
    string Text)
{
    public static readonly PageContent Empty = new(null, [], null, false, false, false, "");

    public int ItemCount => Lists.Sum(l => l.Items.Count);
}

/// <summary>A page's content ready for the store: the key columns and the compressed record.</summary>
public sealed record PageContentRow(string Url, string? Published, int ItemCount, byte[] Data);

/// <summary>
/// How page content is stored: UTF-8 JSON compressed with Brotli (about a fifth of the text's size), so a nightly run
/// over many sites keeps every page's text without growing the store much. Every store uses the same encoding.
/// </summary>
public static class PageContentCodec
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static PageContentRow ToRow(string url, PageContent content) =>
        new(url, content.Published, content.ItemCount, Encode(content));

    public static byte[] Encode(PageContent content)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(content, Options);
        // One-shot with a small window: a BrotliStream per page set up a 4 MiB window each time, a cost felt on every
        // crawled page. Records are a few KiB, so a 64 KiB window loses nothing. Readers need no change (the window
        // size is in the stream header).
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(json.Length)];
        if (!BrotliEncoder.TryCompress(json, output, out var written, quality: 1, window: 16))
            throw new InvalidOperationException("Brotli could not compress a page record");
        return output.AsSpan(0, written).ToArray();
    }

    /// <summary>The stored record; null when the bytes are not a record this version can read.</summary>
    public static PageContent? Decode(byte[] data)
    {
        try
        {
            using var input = new BrotliStream(new MemoryStream(data), CompressionMode.Decompress);
            return JsonSerializer.Deserialize<PageContent>(input, Options);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            return null;
        }
    }
}
