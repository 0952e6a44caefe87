using System.Globalization;

namespace SiteAudit.Reporting;

/// <summary>How times, durations and links are shown. Reports show China time (Asia/Shanghai has no DST: +08:00).</summary>
internal static class ReportFormat
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>ISO 8601 with offset, seconds precision: 2026-11-22T02:00:00+08:00.</summary>
    public static string Iso(DateTimeOffset time) =>
        time.ToOffset(ChinaOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string? Iso(DateTimeOffset? time) => time is { } t ? Iso(t) : null;

    /// <summary>For people: 2026-11-22 02:00:00 (China time).</summary>
    public static string Display(DateTimeOffset time) =>
        time.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Duration(long ms)
    {
        if (ms < 0) ms = 0;
        if (ms < 60_000) return (ms / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + " 秒";
        var t = TimeSpan.FromMilliseconds(ms);
        return t.TotalHours >= 1
            ? $"{(int)t.TotalHours} 小时 {t.Minutes} 分"
            : $"{t.Minutes} 分 {t.Seconds} 秒";
    }

    /// <summary>
    /// True for an absolute http(s) URL that may become an href. Anything else (javascript:, data:, relative,
    /// leading blanks or control characters that browsers strip) is shown as text only.
    /// </summary>
    public static bool IsWebUrl(string? url) =>
        url is not null
        && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
