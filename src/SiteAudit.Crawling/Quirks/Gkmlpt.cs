using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SiteAudit.Core.Model;
using SiteAudit.Crawling.Extraction;

namespace SiteAudit.Crawling.Quirks;

/// <summary>One record of a gkmlpt list: what the browser shows as a list row (title, link, date) and its attachments.</summary>
public sealed record GkmlptArticle(string Title, string Href, DateOnly? Published, IReadOnlyList<(string Name, string Href)> Attachments);

/// <summary>One page of a gkmlpt list API answer.</summary>
/// <param name="Name">The category's name (classify.name), when the answer carries it.</param>
/// <param name="Total">How many records the category holds (total, classify.post_count).</param>
/// <param name="PageHrefs">The list's other pages (only listed from its first page, where the page size is known).</param>
public sealed record GkmlptList(string? Name, IReadOnlyList<GkmlptArticle> Articles, int? Total, IReadOnlyList<string> PageHrefs);

/// <summary>
/// 集约化 政府信息公开目录 platforms (Guangdong's gkmlpt and its copies): <c>…/gkmlpt/index</c> is a shell whose script
/// config <c>window._CONFIG = { SID: '755041', TREE: [{id, name, children, jump_url}], … }</c> names the site and its
/// category tree; the browser then reads each category's list from <c>…/gkmlpt/api/all/&lt;id&gt;?page=N&amp;sid=&lt;SID&gt;</c>,
/// which answers <c>{"classify": {"name", "post_count"}, "total", "articles": [{"title", "url", "attachment", dates…}]}</c>.
/// The API URLs are links the page leads to (named as the category), and the API answers are list pages.
/// </summary>
public static partial class Gkmlpt
{
    /// <summary>Pages of one category list that are followed; more would be a trap, not a list.</summary>
    private const int MaxPages = 1000;

    /// <summary>Record fields holding the publication date, most specific first (成文日期 "date" is not a publication date).</summary>
    private static readonly string[] DateFields = ["display_publish_time", "first_publish_time", "publish_time", "created_at", "create_time"];

    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    [GeneratedRegex(@"\bSID\s*['""]?\s*:\s*['""]?(\d{1,12})['""]?", RegexOptions.CultureInvariant)]
    private static partial Regex Sid();

    [GeneratedRegex(@"\bTREE\s*['""]?\s*:\s*\[", RegexOptions.CultureInvariant)]
    private static partial Regex Tree();

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>A script that configures a gkmlpt catalogue shell.</summary>
    public static bool IsConfig(string script) =>
        script.Contains("_CONFIG", StringComparison.Ordinal) && script.Contains("TREE", StringComparison.Ordinal);

    /// <summary>A gkmlpt list API URL (…/gkmlpt/api/…): its answer is JSON whatever the server calls it.</summary>
    public static bool IsApi(Uri url) => url.AbsolutePath.Contains("/gkmlpt/api/", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The categories the catalogue shell shows, as links: each category's list API (first page) named as the category,
    /// or the page a category jumps to. Nothing when the page is not under …/gkmlpt/ or the config lacks SID or a
    /// readable TREE: an API URL is never guessed.
    /// </summary>
    public static IEnumerable<(string Href, string Name)> CatalogLinks(string script, Uri pageUrl)
    {
        var path = pageUrl.AbsolutePath;
        var at = path.IndexOf("/gkmlpt/", StringComparison.OrdinalIgnoreCase);
        var sid = Sid().Match(script);
        var tree = Tree().Match(script);
        if (at < 0 || !sid.Success || !tree.Success) return [];
        var array = BalancedArray(script, tree.Index + tree.Length - 1);
        if (array is null) return [];
        try
        {
            using var doc = JsonDocument.Parse(array, Lenient);
            var root = path[..(at + "/gkmlpt/".Length)];
            var links = new List<(string, string)>();
            Walk(doc.RootElement, root, sid.Groups[1].Value, links, 0);
            return links;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static void Walk(JsonElement nodes, string root, string sid, List<(string, string)> links, int depth)
    {
        if (nodes.ValueKind != JsonValueKind.Array || depth > 8) return;
        foreach (var node in nodes.EnumerateArray())
        {
            if (node.ValueKind != JsonValueKind.Object) continue;
            var name = Text(node, "name");
            var jump = Text(node, "jump_url");
            if (name is not null && jump is not null) links.Add((jump, name));
            else if (name is not null && Id(node) is { } id) links.Add(($"{root}api/all/{id}?page=1&sid={sid}", name));
            if (node.TryGetProperty("children", out var children)) Walk(children, root, sid, links, depth + 1);
        }
    }

    private static string? Id(JsonElement node)
    {
        if (!node.TryGetProperty("id", out var id)) return null;
        var text = id.ValueKind switch
        {
            JsonValueKind.Number => id.GetRawText(),
            JsonValueKind.String => id.GetString(),
            _ => null,
        };
        return text is { Length: > 0 and <= 12 } && text.All(char.IsAsciiDigit) ? text : null;
    }

    /// <summary>The JSON array starting at <paramref name="start"/> ('['), up to its matching ']' (strings respected).</summary>
    private static string? BalancedArray(string text, int start)
    {
        var depth = 0;
        char? quote = null;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                if (c == '\\') i++;
                else if (c == q) quote = null;
                continue;
            }
            switch (c)
            {
                case '"' or '\'': quote = c; break;
                case '[' or '{': depth++; break;
                case ']' or '}':
                    if (--depth == 0) return text[start..(i + 1)];
                    break;
            }
        }
        return null;
    }

    /// <summary>An API answer read as a list; null when it is not the JSON object with an "articles" array the platform sends.</summary>
    public static GkmlptList? ReadList(string body, Uri apiUrl)
    {
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.Length == 0 || trimmed[0] != '{') return null;
        try
        {
            using var doc = JsonDocument.Parse(body, Lenient);
            var root = doc.RootElement;
            if (!root.TryGetProperty("articles", out var records) || records.ValueKind != JsonValueKind.Array) return null;
            var articles = new List<GkmlptArticle>();
            foreach (var record in records.EnumerateArray())
                if (Article(record) is { } article) articles.Add(article);
            var classify = root.TryGetProperty("classify", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            var total = Count(root, "total") ?? (classify.ValueKind == JsonValueKind.Object ? Count(classify, "post_count") : null);
            var name = classify.ValueKind == JsonValueKind.Object ? Text(classify, "name") : null;
            return new GkmlptList(name, articles, total, PageHrefs(apiUrl, records.GetArrayLength(), total));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static GkmlptArticle? Article(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object) return null;
        var title = Text(record, "title");
        var href = Text(record, "url") ?? Text(record, "post_url");
        if (title is null || href is null) return null;
        DateOnly? published = null;
        foreach (var field in DateFields)
            if (record.TryGetProperty(field, out var value) && DateOf(value) is { } date) { published = date; break; }
        var attachments = new List<(string, string)>();
        foreach (var key in new[] { "attachment", "attachments" })
            if (record.TryGetProperty(key, out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var file in list.EnumerateArray())
                    if (file.ValueKind == JsonValueKind.Object && Text(file, "url") is { } url) attachments.Add((Text(file, "name") ?? "", url));
        return new GkmlptArticle(title, href, published, attachments);
    }

    /// <summary>"2024-01-05 16:10:00", or Unix time in seconds or milliseconds (as number or digits), read in China time.</summary>
    internal static DateOnly? DateOf(JsonElement value)
    {
        long? unix = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when value.GetString() is { Length: >= 9 and <= 13 } s && s.All(char.IsAsciiDigit) => long.Parse(s, CultureInfo.InvariantCulture),
            _ => null,
        };
        if (unix is { } t)
        {
            // Before 2001-09 in seconds is not a publication date of these platforms; 0 means "not set".
            if (t < 1_000_000_000) return null;
            var instant = t >= 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(t) : DateTimeOffset.FromUnixTimeSeconds(t);
            return DateOnly.FromDateTime(instant.ToOffset(ChinaOffset).DateTime);
        }
        return value.ValueKind == JsonValueKind.String ? DateParser.Leading(value.GetString()) : null;
    }

    /// <summary>The other pages of a list, from its first page: page=2 … while page size × pages &lt; total.</summary>
    private static IReadOnlyList<string> PageHrefs(Uri apiUrl, int pageSize, int? total)
    {
        var query = apiUrl.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).ToList();
        var at = query.FindIndex(p => p.StartsWith("page=", StringComparison.OrdinalIgnoreCase));
        var current = at < 0 ? 1 : int.TryParse(query[at][5..], out var n) ? n : -1;
        if (current is not (0 or 1) || pageSize <= 0 || total is not { } count || count <= pageSize) return [];
        var pages = Math.Min((count + pageSize - 1) / pageSize, MaxPages);
        var result = new List<string>(pages - 1);
        for (var page = 2; page <= pages; page++)
        {
            var parts = query.ToList();
            if (at < 0) parts.Insert(0, $"page={page}");
            else parts[at] = $"page={page}";
            result.Add(apiUrl.AbsolutePath + "?" + string.Join('&', parts));
        }
        return result;
    }

    private static string? Text(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String) return null;
        var text = TextKey.Display(WebUtility.HtmlDecode(value.GetString()));
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static int? Count(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0) return n;
        if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out n)) return n;
        return null;
    }
}
