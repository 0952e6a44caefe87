using System.Globalization;
using System.Text;

namespace SiteAudit.Core.Model;

/// <summary>
/// The form in which names are compared: no white space of any kind (labels are split by &lt;br&gt;, nbsp and
/// full-width spaces), no zero-width/format characters (real titles carry them), full-width ASCII folded to
/// half-width, lower case, and decorative punctuation (» &gt; · ● 【】) dropped.
/// </summary>
public static class TextKey
{
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        // Hot path (every page's visible text goes through here): CJK and lower-case ASCII pass unchanged, other
        // characters take the general rules; char.ToLowerInvariant on CJK would go through ICU for nothing.
        return string.Create(CountKept(text), text, static (span, source) =>
        {
            var i = 0;
            foreach (var raw in source)
                if (Fold(raw) is var ch and not '\0') span[i++] = ch;
        });
    }

    private static int CountKept(string text)
    {
        var n = 0;
        foreach (var raw in text)
            if (Fold(raw) != '\0') n++;
        return n;
    }

    /// <summary>The character as it appears in a key, or \0 when it is dropped.</summary>
    private static char Fold(char ch)
    {
        if (ch is >= 'a' and <= 'z' or >= '0' and <= '9' or >= '\u4E00' and <= '\u9FFF') return ch;
        if (ch is >= 'A' and <= 'Z') return (char)(ch + 32);
        if (ch is >= '\uFF01' and <= '\uFF5E') ch = (char)(ch - 0xFEE0); // full-width ASCII
        if (char.IsWhiteSpace(ch)) return '\0';
        var cat = CharUnicodeInfo.GetUnicodeCategory(ch);
        if (cat is UnicodeCategory.Format or UnicodeCategory.Control) return '\0';
        if (ch is '»' or '>' or '<' or '·' or '●' or '■' or '◆' or '【' or '】' or '[' or ']' or '|' or '•' or '›' or '‹') return '\0';
        return char.ToLowerInvariant(ch);
    }

    /// <summary>Collapses runs of white space to one space and trims: for showing text, not comparing it.</summary>
    public static string Display(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.Format) continue; // zero-width: not a space
            if (char.IsWhiteSpace(ch))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
