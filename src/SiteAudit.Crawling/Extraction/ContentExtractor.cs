using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HtmlAgilityPack;
using SiteAudit.Core.Model;
using SiteAudit.Core.Urls;
using SiteAudit.Crawling.Quirks;

namespace SiteAudit.Crawling.Extraction;

/// <summary>
/// Takes out of one page what the content rules judge (<see cref="PageContent"/>): its list items, its own
/// publication date, what it says about the list's total, and its visible text.
/// <para>List detection is generic: a row is the smallest element around a link that also shows a date (li, tr, dd,
/// dl, div …) and holds no other item's title; rows with the same chain of tags and classes above them form one list
/// (TRS "动静结合" pages split one list into many &lt;ul&gt; groups, still one shape). Rows without a date are kept
/// when they look like list entries (li/tr/dd) outside navigation, so an undated list is not mistaken for an empty one.
/// Hanweb datastore records (Quirks/HanwebDatastore) are rows too, and so are the records of a 集约化 catalogue's list
/// API (Quirks/Gkmlpt), read from its JSON rather than from HTML.</para>
/// </summary>
public static partial class ContentExtractor
{
    /// <summary>Titles shorter than this are buttons (查看, 详情, 更多), not items.</summary>
    private const int MinTitleChars = 4;

    /// <summary>A link this long is an item's title: a row holding two of them is a list, not a row.</summary>
    private const int TitleChars = 6;

    private const int MaxRowDepth = 5;

    private static readonly string[] EmptyPhrases =
        ["暂无信息", "暂无数据", "暂无内容", "暂无记录", "暂无相关", "暂无文章", "暂无公开", "没有信息", "没有相关信息", "没有找到相关", "无相关信息", "没有记录", "暂无"];

    /// <summary>Inline script calls that fetch data or mount an app (the list is then written in the browser).</summary>
    private static readonly string[] DataCalls =
        ["$.ajax", "$.get(", "$.post(", "$.getJSON", "axios", "fetch(", "XMLHttpRequest", "new Vue", "createApp(", "ReactDOM", "jsonp", "dataproxy.jsp"];

    private static readonly string[] PublishedMeta = ["PubDate", "firstpublishedtime"];

    private static readonly HashSet<string> RowTags = new(StringComparer.OrdinalIgnoreCase) { "li", "tr", "dd", "dt", "dl" };

    [GeneratedRegex(@"recordCount\s*[:=]\s*['""]?(\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RecordCount();

    [GeneratedRegex(@"<totalrecord>\s*(\d+)\s*</totalrecord>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TotalRecord();

    [GeneratedRegex(@"createPageHTML\s*\(\s*['""][^'""]*['""]\s*,\s*\d+\s*,\s*\d+\s*,\s*['""][^'""]*['""]\s*,\s*['""][^'""]*['""]\s*,\s*(\d+)\s*\)", RegexOptions.CultureInvariant)]
    private static partial Regex TrsRecordArgument();

    /// <summary>One record of a Hanweb datastore (the links themselves are read by Quirks/HanwebDatastore).</summary>
    [GeneratedRegex(@"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex DatastoreRecord();

    [GeneratedRegex(@"共\s*(\d{1,7})\s*条", RegexOptions.CultureInvariant)]
    private static partial Regex TotalInText();

    public static PageContent Extract(HtmlDocument doc, Uri baseUrl, JsonObject meta, DateOnly today)
    {
        var text = PageText.Of(doc);
        var lines = text.Split('\n');
        var lists = new ListBuilder();
        FindRows(doc.DocumentNode, baseUrl, today, lists);

        int? claimed = null;
        var scriptedList = false;
        var scriptedRelations = false;
        var fetchesData = false;
        foreach (var script in HtmlWalk.Elements(doc.DocumentNode, "script"))
        {
            var code = script.InnerText;
            if (code.Length == 0) continue;
            if (HanwebDatastore.IsDatastore(code))
            {
                foreach (Match record in DatastoreRecord().Matches(code)) AddFragmentRow(record.Groups[1].Value, baseUrl, today, lists);
                claimed = Max(claimed, TotalRecord().Match(code) is { Success: true } t ? int.Parse(t.Groups[1].Value) : null);
                continue;
            }
            if (code.Contains("listModel", StringComparison.Ordinal) || code.Contains("动静结合", StringComparison.Ordinal)
                || code.Contains("list2.trsapi", StringComparison.Ordinal) || Gkmlpt.IsConfig(code))
                scriptedList = true;
            foreach (Match m in RecordCount().Matches(code)) claimed = Max(claimed, Parse(m.Groups[1].Value));
            foreach (Match m in TrsRecordArgument().Matches(code)) claimed = Max(claimed, Parse(m.Groups[1].Value));
            if (MentionsRelations(code)) scriptedRelations = true;
            fetchesData |= DataCalls.Any(c => code.Contains(c, StringComparison.Ordinal));
        }
        var (repeats, relations) = ScriptTemplates(doc.DocumentNode);
        scriptedList |= repeats;
        scriptedRelations |= relations;
        foreach (var line in lines)
            if (line.Length <= 40 && line.Contains('共') && TotalInText().Match(line) is { Success: true } total) claimed = Max(claimed, Parse(total.Groups[1].Value));

        var saysEmpty = lines.Any(l => l.Length <= 30 && TextKey.Of(l) is var key && EmptyPhrases.Any(p => key.Contains(p, StringComparison.Ordinal)));
        var built = lists.Build();
        // A page that lists nothing itself but fetches data by script (an app, an API list) may well list in a browser.
        if (built.Count == 0 && fetchesData) scriptedList = true;
        return new PageContent(PublishedDate(meta, lines), built, claimed, scriptedList, saysEmpty, scriptedRelations, text);
    }

    /// <summary>A gkmlpt list API answer (Quirks/Gkmlpt) as a list page: its records are the rows, dated by the API.</summary>
    public static PageContent FromGkmlpt(GkmlptList list, Uri url)
    {
        var lists = new ListBuilder();
        foreach (var article in list.Articles)
            if (UrlNormalizer.Resolve(url, article.Href) is { } target)
                lists.Add("gkmlpt.articles", new ListItem(article.Title, target.AbsoluteUri, article.Published is { } d ? DateParser.Iso(d) : null));
        // What the browser shows: the titles, or the platform's "no records" when the category has none.
        var empty = list.Articles.Count == 0 && (list.Total ?? 0) == 0;
        return new PageContent(null, lists.Build(), list.Total, false, empty, false, string.Join('\n', list.Articles.Select(a => a.Title)));
    }

    /// <summary>
    /// The page's own date: the government meta tags (PubDate, which 《政府网站发展指引》 asks of article pages, else the
    /// firstpublishedtime some 集约化 platforms write), else the first 发布时间/发布日期 label in the text.
    /// </summary>
    private static string? PublishedDate(JsonObject meta, string[] lines)
    {
        foreach (var tag in PublishedMeta)
            if (DateParser.Leading(meta[tag]?.GetValue<string>()) is { } pub) return DateParser.Iso(pub);
        foreach (var line in lines)
            if (line.Length <= 200 && (line.Contains('时') || line.Contains('日')) && DateParser.AfterLabel(line) is { } labelled)
                return DateParser.Iso(labelled);
        return null;
    }

    private static bool MentionsRelations(string code) =>
        code.Contains("reldoc", StringComparison.OrdinalIgnoreCase) || code.Contains("jdwj", StringComparison.OrdinalIgnoreCase)
        || code.Contains("xgjd", StringComparison.OrdinalIgnoreCase) || code.Contains("相关解读", StringComparison.Ordinal);

    /// <summary>
    /// In one pass over the elements: avalon (ms-repeat/ms-for) or vue (v-for) templates around a link (items the browser
    /// writes), and avalon attributes about related documents (ms-visible="havJdwj": 解读 linked by script).
    /// </summary>
    private static (bool Repeats, bool Relations) ScriptTemplates(HtmlNode root)
    {
        bool repeats = false, relations = false;
        foreach (var n in HtmlWalk.Descendants(root))
        {
            if (n.NodeType != HtmlNodeType.Element || !n.HasAttributes) continue;
            foreach (var attribute in n.Attributes)
            {
                var name = attribute.Name;
                if (!name.StartsWith("ms-", StringComparison.Ordinal) && !name.StartsWith("v-", StringComparison.Ordinal)) continue;
                if (!repeats && name is "ms-repeat" or "ms-for" or "v-for" && n.DescendantsAndSelf("a").Any()) repeats = true;
                if (!relations && name.StartsWith("ms-", StringComparison.Ordinal) && MentionsRelations(attribute.Value ?? "")) relations = true;
            }
            if (repeats && relations) break;
        }
        return (repeats, relations);
    }

    // ---------------------------------------------------------------- rows

    private static void FindRows(HtmlNode root, Uri baseUrl, DateOnly today, ListBuilder lists)
    {
        var anchors = HtmlWalk.Elements(root, "a").Where(a => a.Attributes.Contains("href") || a.Attributes.Contains("onclick"))
            .Select(a => (Node: a, Title: TitleOf(a))).ToList();
        if (anchors.Count == 0) return;
        // How many title-like links each element holds (ancestors up to the row depth): a row holds one.
        var titles = new Dictionary<HtmlNode, int>();
        var texts = new Dictionary<HtmlNode, string>();
        foreach (var (a, title) in anchors)
        {
            if (title.Length < TitleChars) continue;
            var node = a;
            for (var depth = 0; depth <= MaxRowDepth && node is not null; depth++, node = node.ParentNode)
                titles[node] = titles.GetValueOrDefault(node) + 1;
        }

        var rows = new Dictionary<HtmlNode, (HtmlNode Anchor, string Title, DateOnly? Date)>();
        var order = new List<HtmlNode>();
        foreach (var (a, title) in anchors)
        {
            if (title.Length < MinTitleChars) continue;
            if (ItemUrl(a, baseUrl) is null) continue;
            var (row, date, titleText) = RowOf(a, title, titles, texts, today);
            if (row is null) continue;
            if (rows.TryGetValue(row, out var existing))
            {
                // Two links in one row (title and 附件/详情): the longer one names the item.
                if (titleText.Length > existing.Title.Length) rows[row] = (a, titleText, date ?? existing.Date);
                continue;
            }
            rows[row] = (a, titleText, date);
            order.Add(row);
        }
        foreach (var row in order)
        {
            var (anchor, title, date) = rows[row];
            if (date is null && InNavigation(row)) continue;
            lists.Add(Shape(row), new ListItem(title, ItemUrl(anchor, baseUrl)!.AbsoluteUri, date is { } d ? DateParser.Iso(d) : null));
        }
    }

    /// <summary>The row around <paramref name="a"/>: the nearest element showing a date besides the link, or (undated) the nearest li/tr/dd.</summary>
    private static (HtmlNode? Row, DateOnly? Date, string Title) RowOf(HtmlNode a, string title, Dictionary<HtmlNode, int> titles,
        Dictionary<HtmlNode, string> texts, DateOnly today)
    {
        if (DateInsideAnchor(a, title, today) is { } inside) return (a, inside.Date, inside.Title);
        var node = a.ParentNode;
        HtmlNode? undatedRow = null;
        for (var depth = 1; depth <= MaxRowDepth && node is not null; depth++, node = node.ParentNode)
        {
            if (node.NodeType != HtmlNodeType.Element || node.Name is "body" or "html" or "form") break;
            if (titles.GetValueOrDefault(node) > 1) break;
            if (!texts.TryGetValue(node, out var text)) texts[node] = text = TextOutsideLinks(node);
            if (text.Length > 0 && DateParser.InRow(text, today) is { } date) return (node, date, title);
            if (undatedRow is null && depth <= 3 && RowTags.Contains(node.Name)) undatedRow = node;
        }
        return (undatedRow, null, title);
    }

    /// <summary>A date written inside the link itself: a child element holding only a date, or a date closing the link text.</summary>
    private static (DateOnly Date, string Title)? DateInsideAnchor(HtmlNode a, string title, DateOnly today)
    {
        if (!a.HasChildNodes || a.FirstChild == a.LastChild && a.FirstChild.NodeType == HtmlNodeType.Text && !char.IsDigit(title[^1]))
            return null;
        foreach (var child in a.Descendants().Where(n => n.NodeType == HtmlNodeType.Element))
        {
            var text = TextKey.Display(WebUtility.HtmlDecode(child.InnerText));
            if (text.Length is 0 or > 24) continue;
            var date = DateParser.FullDates(text).Select(d => (DateOnly?)d.Date).FirstOrDefault() ?? DateParser.MonthDay(text, today);
            if (date is null) continue;
            var rest = TextKey.Display(WebUtility.HtmlDecode(a.InnerText)).Replace(text, "", StringComparison.Ordinal).Trim();
            return (date.Value, rest.Length >= MinTitleChars ? rest : title);
        }
        var whole = TextKey.Display(WebUtility.HtmlDecode(a.InnerText));
        foreach (var (date, index, length) in DateParser.FullDates(whole))
            if (index + length >= whole.Length - 1 && index >= MinTitleChars)
                return (date, whole[..index].TrimEnd(' ', '[', '(', '（', '【', '-', '|'));
        return null;
    }

    private static string TextOutsideLinks(HtmlNode node)
    {
        var sb = new StringBuilder();
        var stack = new Stack<HtmlNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n.NodeType == HtmlNodeType.Text)
            {
                sb.Append(WebUtility.HtmlDecode(((HtmlTextNode)n).Text)).Append(' ');
                continue;
            }
            if (n.NodeType is not (HtmlNodeType.Element or HtmlNodeType.Document) || n.Name is "a" or "script" or "style") continue;
            for (var c = n.LastChild; c is not null; c = c.PreviousSibling) stack.Push(c);
        }
        return TextKey.Display(sb.ToString());
    }

    private static string TitleOf(HtmlNode a)
    {
        var text = TextKey.Display(WebUtility.HtmlDecode(a.InnerText));
        var title = TextKey.Display(WebUtility.HtmlDecode(a.GetAttributeValue("title", "")));
        // The title attribute carries the whole title where the text is cut ("…关于印发…的通…").
        return title.Length > text.Length && (text.Length == 0 || title.StartsWith(text.TrimEnd('.', '…', ' '), StringComparison.Ordinal) || text.EndsWith('…') || text.EndsWith("..."))
            ? title
            : text;
    }

    /// <summary>Where an item leads: its href, or the literal URL its onclick / javascript: href opens (Quirks/ScriptedLinks).</summary>
    private static Uri? ItemUrl(HtmlNode a, Uri baseUrl)
    {
        var href = WebUtility.HtmlDecode(a.GetAttributeValue("href", "")).Trim();
        if (href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || href.Length == 0 || href.StartsWith('#'))
        {
            var scripted = ScriptedLinks.FromHandler(href).Concat(ScriptedLinks.FromHandler(WebUtility.HtmlDecode(a.GetAttributeValue("onclick", "")))).FirstOrDefault();
            return scripted is null ? null : UrlNormalizer.Resolve(baseUrl, scripted);
        }
        if (href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)) return null;
        return UrlNormalizer.Resolve(baseUrl, href);
    }

    /// <summary>Menus and page furniture: undated links there are navigation, not list entries.</summary>
    private static bool InNavigation(HtmlNode row)
    {
        for (var node = row; node is not null && node.NodeType == HtmlNodeType.Element; node = node.ParentNode)
        {
            if (node.Name is "nav" or "header" or "footer") return true;
            var marks = (node.GetAttributeValue("class", "") + " " + node.GetAttributeValue("id", "")).ToLowerInvariant();
            if (marks.Contains("nav") || marks.Contains("menu") || marks.Contains("footer") || marks.Contains("header")
                || marks.Contains("crumb") || marks.Contains("position") || marks.Contains("friend") || marks.Contains("links"))
                return true;
        }
        return false;
    }

    /// <summary>The row's tag and class and those of its two ancestors: rows of one list share it.</summary>
    private static string Shape(HtmlNode row)
    {
        var parts = new List<string>(3);
        var node = row;
        for (var i = 0; i < 3 && node is not null && node.NodeType == HtmlNodeType.Element; i++, node = node.ParentNode)
        {
            var cls = string.Join('.', node.GetAttributeValue("class", "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
            parts.Add(cls.Length == 0 ? node.Name : node.Name + "." + cls);
        }
        return string.Join('|', parts);
    }

    /// <summary>A Hanweb record (&lt;li&gt;&lt;a …&gt;title&lt;/a&gt;&lt;span&gt;date&lt;/span&gt;&lt;/li&gt;) as one row.</summary>
    private static void AddFragmentRow(string html, Uri baseUrl, DateOnly today, ListBuilder lists)
    {
        var fragment = new HtmlDocument();
        fragment.LoadHtml(html);
        var best = fragment.DocumentNode.Descendants("a")
            .Select(a => (Anchor: a, Title: TitleOf(a), Url: ItemUrl(a, baseUrl)))
            .Where(x => x.Url is not null && x.Title.Length >= MinTitleChars)
            .OrderByDescending(x => x.Title.Length)
            .FirstOrDefault();
        if (best.Anchor is null) return;
        var date = DateParser.InRow(TextOutsideLinks(fragment.DocumentNode), today)
                   ?? DateInsideAnchor(best.Anchor, best.Title, today)?.Date;
        lists.Add("datastore.record", new ListItem(best.Title, best.Url!.AbsoluteUri, date is { } d ? DateParser.Iso(d) : null));
    }

    private static int? Parse(string digits) => int.TryParse(digits, out var n) ? n : null;

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    /// <summary>Rows grouped by shape, in the order each shape first appears; one entry per URL within a list.</summary>
    private sealed class ListBuilder
    {
        private readonly Dictionary<string, (List<ListItem> Items, HashSet<string> Urls)> _lists = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];

        public void Add(string shape, ListItem item)
        {
            if (!_lists.TryGetValue(shape, out var list))
            {
                list = ([], new HashSet<string>(StringComparer.Ordinal));
                _lists[shape] = list;
                _order.Add(shape);
            }
            if (list.Urls.Add(item.Url)) list.Items.Add(item);
        }

        public IReadOnlyList<PageList> Build() => _order.Select(s => new PageList(s, _lists[s].Items)).ToList();
    }
}
