using System.Text.Json.Nodes;
using SiteAudit.Core.Model;

namespace SiteAudit.Rules.Site;

/// <summary>site.unreachable: the homepage could not be opened, so nothing else about the site can be judged.</summary>
public static class SiteUnreachable
{
    public static Finding For(SiteTarget site, string reason, int? status, string? error) =>
        new(RuleIds.SiteUnreachable, Severity.Error, site.Url.AbsoluteUri, null, null,
            $"站点无法访问：{DeadReason.Describe(reason, status)}。依据：《政府网站与政务新媒体检查指标》单项否决项“站点无法访问”。",
            new JsonObject { ["reason"] = reason, ["status"] = status, ["error"] = error });
}
