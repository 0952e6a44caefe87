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
        var sb = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var ch = raw;
            if (ch is >= '\uFF01' and <= '\uFF5E') ch = (char)(ch - 0xFEE0); // full-width ASCII
            if (char.IsWhiteSpace(ch)) continue;
            var cat = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (cat is UnicodeCategory.Format or UnicodeCategory.Control) continue;
            if (ch is '»' or '>' or '<' or '·' or '●' or '■' or '◆' or '【' or '】' or '[' or ']' or '|' or '•' or '›' or '‹') continue;
            sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
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
