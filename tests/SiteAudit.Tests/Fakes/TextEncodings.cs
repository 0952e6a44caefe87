using System.Text;

namespace SiteAudit.Tests.Fakes;

/// <summary>Chinese legacy encodings for test pages. GBK (code page 936) needs the code-pages provider on .NET.</summary>
public static class TextEncodings
{
    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GBK: what "gb2312" pages on real servers actually contain (GB2312 plus the characters it lacks).</summary>
    /// <summary>Encoding a character GBK lacks throws instead of writing "?": a test page must say what it means.</summary>
    public static Encoding Gbk => Encoding.GetEncoding("GBK", EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);

    /// <summary>An encoding by web charset name; "gb2312" and "gbk" give GBK (a superset, as browsers do).</summary>
    public static Encoding Get(string charset) => charset.Trim().ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => new UTF8Encoding(false),
        "gb2312" or "gbk" or "cp936" or "x-gbk" => Gbk,
        "gb18030" => Gb18030,
        var other => Encoding.GetEncoding(other),
    };

    public static byte[] EncodeGbk(string text) => Gbk.GetBytes(text);

    public static string DecodeGbk(byte[] bytes) => Gbk.GetString(bytes);
}
