using System.Text;

namespace SiteAudit.Crawling.Extraction;

/// <summary>
/// Turns a page's bytes into text. Chinese portals declare GB2312/GBK/GB18030 or UTF-8 in the header, in a
/// meta tag, in both, or wrongly; so declarations are taken as hints and checked against the bytes:
/// a BOM wins; bytes that are valid UTF-8 are UTF-8 (GBK text is practically never valid UTF-8); otherwise the
/// declared non-UTF-8 encoding, and GB18030 (a superset of GB2312 and GBK) when none is usable.
/// Written by hand rather than with a statistical detector: choosing among declarations plus a UTF-8 validity
/// check is exact for this domain, where a detector would guess.
/// </summary>
public static class HtmlDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Looked up once: Encoding.GetEncoding takes a global lock on every call, felt by parallel crawls.</summary>
    public static Encoding Gb18030 { get; } = RegisterCodePages();

    private static Encoding RegisterCodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    public static (string Text, Encoding Encoding) Decode(ReadOnlySpan<byte> body, string? headerCharset)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (Encoding.UTF8.GetString(body[3..]), Encoding.UTF8);
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (Encoding.Unicode.GetString(body[2..]), Encoding.Unicode);
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (Encoding.BigEndianUnicode.GetString(body[2..]), Encoding.BigEndianUnicode);

        if (IsValidUtf8(body)) return (Encoding.UTF8.GetString(body), Encoding.UTF8);

        var declared = Usable(headerCharset) ?? Usable(FindMetaCharset(body)) ?? Gb18030;
        return (declared.GetString(body), declared);
    }

    /// <summary>The encoding a declared charset names, or null when it is absent, unknown, UTF-8 (already ruled out) or a Western single-byte charset (a common misconfiguration on Chinese sites).</summary>
    public static Encoding? Usable(string? charset)
    {
        var name = charset?.Trim().Trim('"', '\'').ToLowerInvariant();
        if (string.IsNullOrEmpty(name)) return null;
        switch (name)
        {
            case "gb2312" or "gbk" or "x-gbk" or "gb_2312-80" or "cp936" or "windows-936" or "gb18030" or "euc-cn" or "hz-gb-2312":
                return Gb18030;
            case "utf-8" or "utf8" or "iso-8859-1" or "latin1" or "us-ascii" or "ascii" or "windows-1252":
                return null;
        }
        try { return Encoding.GetEncoding(name); }
        catch (ArgumentException) { }
        // "cp1250", "x-cp1251": labels browsers accept that .NET knows only by code page number.
        var digits = name.StartsWith("x-", StringComparison.Ordinal) ? name[2..] : name;
        if (digits.StartsWith("cp", StringComparison.Ordinal) && int.TryParse(digits[2..], out var codePage))
        {
            try { return Encoding.GetEncoding(codePage); }
            catch (Exception e) when (e is ArgumentException or NotSupportedException) { }
        }
        return null;
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes)
    {
        // A body cut at MaxBodyBytes may end inside a character: ignore up to 3 trailing bytes of a partial sequence.
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            for (var cut = 1; cut <= 3 && cut < bytes.Length; cut++)
            {
                try { StrictUtf8.GetCharCount(bytes[..^cut]); return true; }
                catch (DecoderFallbackException) { }
            }
            return false;
        }
    }

    /// <summary>Finds &lt;meta charset=x&gt; or &lt;meta http-equiv=Content-Type content="…charset=x"&gt; in the first 4 KiB.</summary>
    public static string? FindMetaCharset(ReadOnlySpan<byte> body)
    {
        var head = Encoding.ASCII.GetString(body[..Math.Min(body.Length, 4096)]).ToLowerInvariant();
        var at = 0;
        while ((at = head.IndexOf("<meta", at, StringComparison.Ordinal)) >= 0)
        {
            var end = head.IndexOf('>', at);
            if (end < 0) break;
            var tag = head[at..end];
            var cs = tag.IndexOf("charset", StringComparison.Ordinal);
            if (cs >= 0)
            {
                var i = cs + "charset".Length;
                while (i < tag.Length && (tag[i] is ' ' or '=' or '"' or '\'')) i++;
                var start = i;
                while (i < tag.Length && (char.IsLetterOrDigit(tag[i]) || tag[i] is '-' or '_' or ':' or '.')) i++;
                if (i > start) return tag[start..i];
            }
            at = end;
        }
        return null;
    }
}
