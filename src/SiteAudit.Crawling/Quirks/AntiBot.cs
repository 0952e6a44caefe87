using System.Text;
using SiteAudit.Crawling.Extraction;

namespace SiteAudit.Crawling.Quirks;

/// <summary>
/// Anti-bot challenges stand between the crawler and a working page: 瑞数 (Riversec) answers 412 with a `$_ts`
/// script, 加速乐 521 with a cookie script, cloud WAFs a small 安全验证/请稍候 page, sometimes with 200. Such a page
/// says nothing about the link, so it is `blocked`: never a dead link, never a missing column.
/// </summary>
public static class AntiBot
{
    /// <summary>How much of a body is read to recognise a challenge (they are small).</summary>
    public const int ProbeBytes = 32 * 1024;

    private static readonly string[] ScriptMarkers =
        ["$_ts", "__jsl_clearance", "acw_sc__v2", "_waf_", "challenge-platform", "document.cookie"];

    private static readonly string[] TextMarkers =
    [
        "安全验证", "请稍候", "请稍后", "正在进行安全检测", "访问验证", "人机验证", "滑动验证", "您的访问被拦截",
        "访问被拦截", "网站防火墙", "web应用防火墙", "请开启javascript", "请启用javascript", "javascriptisrequired",
        "checkingyourbrowser", "pleasewait",
    ];

    public static bool IsChallenge(int status, ReadOnlySpan<byte> body, string? charset)
    {
        if (body.IsEmpty) return status is 412 or 521;
        // Real pages are large; challenges are small. This keeps the check off the hot path of ordinary crawling.
        if (status is >= 200 and < 300 && (body.Length >= ProbeBytes || HasNavigation(body))) return false;
        var (text, _) = HtmlDecoder.Decode(body, charset);
        var scripted = ScriptMarkers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
        if (status is 412 or 521 && (scripted || text.Contains("<script", StringComparison.OrdinalIgnoreCase))) return true;

        var key = Core.Model.TextKey.Of(text);
        var marked = TextMarkers.Any(m => key.Contains(m, StringComparison.Ordinal));
        if (!scripted && !marked) return false;
        // A page that is nearly all script and a "please wait" line: a challenge, whatever its status.
        var visible = VisibleTextKey(text);
        if (visible.Length > 300) return false;
        return scripted && visible.Length < 80 || TextMarkers.Any(m => visible.Contains(m, StringComparison.Ordinal));
    }

    /// <summary>
    /// Ten or more &lt;a&gt; tags: a page with a navigation, never a challenge (they show a line of text and a script).
    /// Read on the bytes, before any decoding: small portal pages are common, and this check runs on each of them.
    /// </summary>
    private static bool HasNavigation(ReadOnlySpan<byte> body)
    {
        var anchors = 0;
        for (var at = body.IndexOf((byte)'<'); at >= 0 && at + 2 < body.Length; )
        {
            if ((body[at + 1] | 0x20) == 'a' && body[at + 2] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' && ++anchors >= 10) return true;
            var next = body[(at + 1)..].IndexOf((byte)'<');
            if (next < 0) break;
            at += 1 + next;
        }
        return false;
    }

    private static string VisibleTextKey(string html)
    {
        var doc = new HtmlAgilityPack.HtmlDocument();
        doc.LoadHtml(html);
        return SoftNotFound.VisibleText(doc);
    }
}
