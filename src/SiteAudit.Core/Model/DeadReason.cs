namespace SiteAudit.Core.Model;

/// <summary>Why a link (or a site) could not be used. Values are the contract's evidence.reason strings.</summary>
public static class DeadReason
{
    public const string Http4xx = "http-4xx";
    public const string Http5xx = "http-5xx";
    public const string Timeout = "timeout";
    public const string Connection = "connection";
    public const string Dns = "dns";
    public const string Tls = "tls";
    public const string Soft404 = "soft-404";
    public const string RedirectLoop = "redirect-loop";
    public const string TooManyRedirects = "too-many-redirects";
    /// <summary>An anti-bot challenge stood in the way: never reported as dead, only as blocked.</summary>
    public const string Blocked = "blocked";
    /// <summary>The URL could not be requested at all (bad syntax, unsupported scheme).</summary>
    public const string Invalid = "invalid-url";
    /// <summary>The link works but robots.txt forbids crawling the page, so its content was not read.</summary>
    public const string RobotsExcluded = "robots-excluded";

    /// <summary>Outcomes that say a link does not work for a person (the contract's link.dead reasons).</summary>
    public static bool IsDead(string outcome) => outcome is not (FetchRecord.Ok or Blocked or Invalid or RobotsExcluded);

    /// <summary>Outcomes that mean the page exists but its content could not be read: nothing can be concluded from its absence.</summary>
    public static bool IsUnreadable(string outcome) => outcome is Blocked or RobotsExcluded;

    /// <summary>Chinese wording for users, e.g. "链接不可用：HTTP 404".</summary>
    public static string Describe(string reason, int? status) => reason switch
    {
        Http4xx or Http5xx => $"HTTP {status}",
        Timeout => "请求超时",
        Connection => "无法建立连接",
        Dns => "域名无法解析",
        Tls => "HTTPS 证书或加密连接错误",
        Soft404 => "页面显示“不存在/已删除”（软 404）",
        RedirectLoop => "重定向循环",
        TooManyRedirects => "重定向次数过多",
        Blocked => "被安全防护拦截",
        Invalid => "链接地址无效",
        RobotsExcluded => "robots.txt 禁止抓取",
        _ => reason,
    };
}
