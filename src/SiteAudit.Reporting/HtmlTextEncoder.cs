using System.Text;
using HandlebarsDotNet;

namespace SiteAudit.Reporting;

/// <summary>
/// What <c>{{value}}</c> does to text in the HTML templates. Escapes the HTML-significant characters
/// (&amp; &lt; &gt; " ' ` =) so values are safe in element content and in quoted attributes, and also { and },
/// so crawled text such as <c>{{7*7}}</c> can never be read as a template by anything that processes the page
/// later. Every other character (Chinese included) is written as itself.
/// </summary>
internal sealed class HtmlTextEncoder : ITextEncoder
{
    public void Encode(StringBuilder? text, TextWriter target)
    {
        if (text is null) return;
        foreach (var chunk in text.GetChunks())
            foreach (var ch in chunk.Span) Write(ch, target);
    }

    public void Encode(string? text, TextWriter target)
    {
        if (text is null) return;
        foreach (var ch in text) Write(ch, target);
    }

    public void Encode<T>(T? text, TextWriter target) where T : IEnumerator<char>
    {
        if (text is null) return;
        while (text.MoveNext()) Write(text.Current, target);
    }

    private static void Write(char ch, TextWriter target)
    {
        switch (ch)
        {
            case '&': target.Write("&amp;"); break;
            case '<': target.Write("&lt;"); break;
            case '>': target.Write("&gt;"); break;
            case '"': target.Write("&quot;"); break;
            case '\'': target.Write("&#x27;"); break;
            case '`': target.Write("&#x60;"); break;
            case '=': target.Write("&#x3D;"); break;
            case '{': target.Write("&#x7B;"); break;
            case '}': target.Write("&#x7D;"); break;
            default: target.Write(ch); break;
        }
    }
}
