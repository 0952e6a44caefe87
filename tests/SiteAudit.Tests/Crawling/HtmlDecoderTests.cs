using System.Text;
using SiteAudit.Crawling.Extraction;

namespace SiteAudit.Tests.Crawling;

public class HtmlDecoderTests
{
    private static readonly Encoding Gbk = HtmlDecoder.Gb18030;
    private const string Chinese = "政府信息公开指南";

    private static byte[] Page(string charsetMeta, Encoding encoding) =>
        encoding.GetBytes($"<html><head>{charsetMeta}<title>{Chinese}</title></head><body>{Chinese}</body></html>");

    [Theory]
    [InlineData("<meta charset=\"gb2312\">", null)]
    [InlineData("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">", null)]
    [InlineData("", "gb2312")]
    [InlineData("<meta charset=\"gbk\">", "gbk")]
    [InlineData("", null)] // nothing declared: GB18030 is the fallback for non-UTF-8 bytes
    [InlineData("<meta charset=\"gbk\">", "utf-8")] // header wrongly says UTF-8: the bytes disagree
    [InlineData("<meta charset=\"utf-8\">", "iso-8859-1")] // both wrong
    public void GbkBytesDecodeAsChineseWhateverTheDeclarations(string meta, string? header)
    {
        var (text, _) = HtmlDecoder.Decode(Page(meta, Gbk), header);
        Assert.Contains(Chinese, text);
    }

    [Theory]
    [InlineData("<meta charset=\"gb2312\">", "gbk")] // declared GBK, served UTF-8
    [InlineData("<meta charset=\"utf-8\">", null)]
    [InlineData("", null)]
    public void Utf8BytesDecodeAsUtf8(string meta, string? header)
    {
        var (text, encoding) = HtmlDecoder.Decode(Page(meta, Encoding.UTF8), header);
        Assert.Contains(Chinese, text);
        Assert.Equal(Encoding.UTF8.WebName, encoding.WebName);
    }

    [Fact]
    public void BomWins()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Page("<meta charset=\"gbk\">", Encoding.UTF8)).ToArray();
        var (text, _) = HtmlDecoder.Decode(bytes, "gbk");
        Assert.StartsWith("<html>", text);
        Assert.Contains(Chinese, text);
    }

    [Fact]
    public void Utf8CutInsideACharacterIsStillUtf8()
    {
        var bytes = Page("", Encoding.UTF8);
        var cut = bytes.AsSpan(0, bytes.Length - 20).ToArray(); // may end mid-character
        for (var len = cut.Length; len > cut.Length - 3; len--)
        {
            var (text, encoding) = HtmlDecoder.Decode(cut.AsSpan(0, len), null);
            Assert.Equal(Encoding.UTF8.WebName, encoding.WebName);
            Assert.Contains(Chinese, text);
        }
    }

    [Theory]
    [InlineData("<meta charset='GB2312' />", "gb2312")]
    [InlineData("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GBK\">", "gbk")]
    [InlineData("<meta name=\"x\"><meta charset=utf-8>", "utf-8")]
    [InlineData("<meta name=\"description\" content=\"nothing\">", null)]
    public void FindsMetaCharset(string head, string? expected) =>
        Assert.Equal(expected, HtmlDecoder.FindMetaCharset(Encoding.ASCII.GetBytes($"<html><head>{head}</head>")));
}
