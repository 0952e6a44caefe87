using System.Net;
using System.Text;
using HtmlAgilityPack;
using SiteAudit.Core.Model;

namespace SiteAudit.Crawling.Extraction;

/// <summary>
/// The visible text of a page as lines: one line per block element, table rows as lines with their cells separated by
/// a tab (so a statistics table can be read back), white space (also nbsp and full-width spaces) collapsed. Scripts,
/// styles, comments, form controls and elements hidden with display:none are left out.
/// </summary>
public static class PageText
{
    /// <summary>Pages longer than this are cut: nothing a rule reads lies that deep.</summary>
    public const int MaxChars = 300_000;

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "select", "textarea", "svg", "object", "button", "iframe", "frame",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "caption", "h1", "h2", "h3", "h4",
        "h5", "h6", "section", "article", "header", "footer", "nav", "aside", "form", "blockquote", "pre", "hr", "address",
        "figure", "figcaption", "center", "main", "fieldset", "legend", "br",
    };

    /// <summary>Where a node sits: ordinary flow, a data table's rows, or inside a data table's cell.</summary>
    private enum Mode { Flow, DataTable, Cell }

    public static string Of(HtmlDocument doc)
    {
        var root = HtmlWalk.First(doc.DocumentNode, "body") ?? doc.DocumentNode;
        var sb = new StringBuilder();
        // An explicit stack, so a page nested a thousand levels deep cannot overflow ours.
        var stack = new Stack<(HtmlNode Node, bool Enter, Mode Mode)>();
        stack.Push((root, true, Mode.Flow));
        while (stack.Count > 0 && sb.Length < MaxChars)
        {
            var (node, enter, mode) = stack.Pop();
            if (!enter)
            {
                Close(sb, node.Name, mode);
                continue;
            }
            if (node.NodeType == HtmlNodeType.Text)
            {
                AppendText(sb, ((HtmlTextNode)node).Text);
                continue;
            }
            if (node.NodeType != HtmlNodeType.Element && node.NodeType != HtmlNodeType.Document) continue;
            if (Skipped.Contains(node.Name) || IsHidden(node)) continue;
            var name = node.Name;
            if (name == "br")
            {
                sb.Append(mode == Mode.Cell ? ' ' : '\n');
                continue;
            }
            Mode childMode;
            if (name == "table")
            {
                // Old portals lay whole pages out in nested tables: only a table without tables inside holds data.
                childMode = mode == Mode.Cell ? Mode.Cell : node.Descendants("table").Any() ? Mode.Flow : Mode.DataTable;
                Open(sb, mode);
            }
            else if (mode == Mode.DataTable && name is "td" or "th") childMode = Mode.Cell;
            else if (mode == Mode.DataTable) childMode = Mode.DataTable; // tr, thead, tbody
            else
            {
                childMode = mode;
                if (Blocks.Contains(name) || name is "tr" or "td" or "th") Open(sb, mode);
            }
            if (mode == Mode.DataTable && name == "tr") NewLine(sb);
            stack.Push((node, false, mode));
            for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
                stack.Push((child, true, childMode));
        }
        return Tidy(sb);
    }

    private static void Open(StringBuilder sb, Mode mode)
    {
        if (mode == Mode.Cell) sb.Append(' ');
        else NewLine(sb);
    }

    private static void Close(StringBuilder sb, string name, Mode mode)
    {
        if (mode == Mode.DataTable)
        {
            if (name is "td" or "th") sb.Append('\t');
            else if (name == "tr") sb.Append('\n');
            return;
        }
        if (name == "table" || Blocks.Contains(name) || name is "tr" or "td" or "th") sb.Append(mode == Mode.Cell ? ' ' : '\n');
    }

    private static void NewLine(StringBuilder sb)
    {
        if (sb.Length > 0 && sb[^1] != '\n') sb.Append('\n');
    }

    private static void AppendText(StringBuilder sb, string raw)
    {
        if (raw.Length == 0) return;
        var text = WebUtility.HtmlDecode(raw);
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) && ch != '\t') sb.Append(' ');
            else if (ch == '\t') sb.Append(' ');
            else if (char.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.Format) sb.Append(ch);
        }
    }

    /// <summary>Lines trimmed, runs of spaces collapsed, empty lines and cells at the ends of rows dropped.</summary>
    private static string Tidy(StringBuilder sb)
    {
        var result = new StringBuilder(sb.Length);
        foreach (var rawLine in sb.ToString().Split('\n'))
        {
            var cells = rawLine.Split('\t').Select(c => TextKey.Display(c)).ToList();
            while (cells.Count > 0 && cells[^1].Length == 0) cells.RemoveAt(cells.Count - 1);
            while (cells.Count > 0 && cells[0].Length == 0) cells.RemoveAt(0);
            if (cells.Count == 0) continue;
            if (result.Length > 0) result.Append('\n');
            result.Append(string.Join('\t', cells));
        }
        return result.Length > MaxChars ? result.ToString(0, MaxChars) : result.ToString();
    }

    /// <summary>display:none in the style attribute, or the hidden attribute: a browser shows nothing of it.</summary>
    internal static bool IsHidden(HtmlNode node)
    {
        if (node.NodeType != HtmlNodeType.Element) return false;
        if (node.Attributes.Contains("hidden")) return true;
        var style = node.GetAttributeValue("style", null);
        if (style is null) return false;
        var compact = style.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        return compact.Contains("display:none", StringComparison.Ordinal) || compact.Contains("visibility:hidden", StringComparison.Ordinal);
    }
}
