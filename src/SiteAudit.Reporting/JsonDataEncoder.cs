using System.Text.Encodings.Web;

namespace SiteAudit.Reporting;

/// <summary>
/// Escapes only what JSON requires (quote, backslash, control characters) plus U+2028/U+2029, and writes every
/// other character as itself. The built-in encoders (even <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>)
/// \u-escape all characters outside the Basic Multilingual Plane, which includes the CJK extension characters
/// (生僻字) found in place and person names. findings.json is a data file, never inlined into HTML as is:
/// &lt; &gt; &amp; ' stay literal.
/// </summary>
internal sealed class JsonDataEncoder : JavaScriptEncoder
{
    public static readonly JsonDataEncoder Instance = new();

    private JsonDataEncoder() { }

    public override int MaxOutputCharactersPerInputCharacter => 12; // a scalar as two \uXXXX escapes

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar is '"' or '\\' or (>= 0x7F and <= 0x9F) or 0x2028 or 0x2029
        || unicodeScalar is >= 0xD800 and <= 0xDFFF;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < textLength && char.IsLowSurrogate(text[i + 1]))
            {
                i++; // a well-formed pair: written as is
                continue;
            }
            if (WillEncode(ch)) return i; // includes lone surrogates
        }
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        string escaped = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ when !WillEncode(unicodeScalar) => char.ConvertFromUtf32(unicodeScalar),
            _ => $"\\u{unicodeScalar:X4}",
        };
        if (escaped.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }
        for (var i = 0; i < escaped.Length; i++) buffer[i] = escaped[i];
        numberOfCharactersWritten = escaped.Length;
        return true;
    }
}
