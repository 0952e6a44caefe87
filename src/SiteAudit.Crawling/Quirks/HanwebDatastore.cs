using System.Net;
using System.Text.RegularExpressions;
using HtmlAgilityPack;

namespace SiteAudit.Crawling.Quirks;

/// <summary>
/// Hanweb/大汉 list pages keep their records inside &lt;script type="text/xml"&gt;&lt;datastore&gt;&lt;recordset&gt;
/// &lt;record&gt;&lt;![CDATA[&lt;li&gt;&lt;a href=…&gt;…]]&gt;: a browser script turns them into the list a person sees,
/// so each record's links are real links. The &lt;nextgroup&gt; proxy URL is the script's data source, not a link.
/// </summary>
public static partial class HanwebDatastore
{
    [GeneratedRegex(@"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Record();

    public static bool IsDatastore(string scriptText) => scriptText.Contains("<datastore", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<(string Href, string? Text, string? Title)> RecordLinks(string scriptText)
    {
        foreach (Match record in Record().Matches(scriptText))
        {
            var fragment = new HtmlDocument();
            fragment.LoadHtml(record.Groups[1].Value);
            foreach (var a in fragment.DocumentNode.Descendants("a"))
            {
                var href = a.GetAttributeValue("href", null);
                if (href is null) continue;
                yield return (WebUtility.HtmlDecode(href), WebUtility.HtmlDecode(a.InnerText), a.GetAttributeValue("title", null) is { } t ? WebUtility.HtmlDecode(t) : null);
            }
        }
    }
}
