using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>What the webmaster page says about a rule: its source, what it means in plain words, how to fix it.</summary>
/// <param name="Source">The regulation or inspection item behind the rule (依据), as named in DOMAIN.md.</param>
/// <param name="Explain">What is wrong, in plain Chinese (问题说明).</param>
/// <param name="Fix">How to fix it in general (整改要求); <see cref="RuleGuide.Fix"/> may be more specific per reason.</param>
public sealed record RuleAdvice(string Source, string Explain, string Fix);

/// <summary>
/// One entry per rule id of the contract (CONTRACT.md "Rule ids"); reasons of link.dead and site.unreachable
/// have their own fix. Rules this version does not know have no advice (the page then shows only the message).
/// Sources are the documents DOMAIN.md names, so that a webmaster can look them up.
/// </summary>
public static class RuleGuide
{
    private const string Indicators = "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）";
    private const string Regulation = "《中华人民共和国政府信息公开条例》（国务院令第711号）";
    private const string Interpretation =
        "《〈关于全面推进政务公开工作的意见〉实施细则》（国办发〔2016〕80号）：谁起草谁解读，政策文件与解读同步起草、同步审签、同步发布，并相互关联";

    private static readonly Dictionary<string, RuleAdvice> Rules = new(StringComparer.Ordinal)
    {
        [RuleIds.SiteUnreachable] = new(
            $"{Indicators}单项否决项“站点无法访问”",
            "网站首页打不开（已重试），本次无法检查该站点的其他内容。",
            "尽快恢复网站访问，确保首页在 15 秒内稳定打开。"),
        [RuleIds.SiteVeto] = new(
            $"{Indicators}单项否决项",
            "问题已达到单项否决标准，检查中将被直接判为不合格。",
            "逐项整改证据中“否决依据”所指的问题（见下方各栏目的问题），整改后申请复查。"),
        [RuleIds.ColumnMissing] = new(
            $"{Regulation}；国办公开办函〔2019〕61号（政府信息公开专栏统一设置法定栏目）",
            "“政府信息公开”专栏中没有找到这个法定栏目（按标准名称、常见别名和网址特征查找）。",
            "在“政府信息公开”专栏中按标准名称设置该栏目并发布相应内容；栏目已有但名称不同的，改用标准名称。"),
        [RuleIds.ColumnEmpty] = new(
            $"{Indicators}“空白栏目”",
            "栏目存在，但里面没有任何内容（空白栏目）。",
            "在栏目中发布应公开的内容；确实没有内容的栏目应合并或撤销，不得保留空白栏目。"),
        [RuleIds.ColumnStale] = new(
            $"{Indicators}“栏目不更新”（动态、要闻类超过 2 周，通知公告、政策文件类超过 6 个月）",
            "栏目最新一条内容的发布日期已超过更新时限。",
            "及时发布新内容并标明发布日期；不再需要更新的栏目应调整或撤销。"),
        [RuleIds.InterpretationMissing] = new(
            Interpretation,
            "政策文件没有找到对应的解读材料。",
            "为该政策文件编写并发布解读（文字、图解、问答等形式），并在文件页和解读页互相加上链接。"),
        [RuleIds.InterpretationUnlinked] = new(
            Interpretation,
            "政策文件与其解读没有互相链接（未双向关联）。",
            "在政策文件页加上“相关解读”链接，在解读页加上“原文”链接。"),
        [RuleIds.InterpretationLate] = new(
            Interpretation,
            "解读发布晚于政策文件，超过规定时限。",
            "今后解读与政策文件同步发布；本项请在整改说明中写明原因。"),
        [RuleIds.AnnualReportMissing] = new(
            $"{Regulation}第四十九条、第五十条（部门 1 月 31 日前、县级以上人民政府 3 月 31 日前公布上一年度报告）",
            "没有找到上一年度的政府信息公开工作年度报告。",
            "按国办公开办函〔2021〕30号规定的格式编制上一年度报告，在“政府信息公开年报”栏目发布。"),
        [RuleIds.AnnualReportIncomplete] = new(
            $"{Regulation}第五十条；年度报告格式 国办公开办函〔2021〕30号（六个部分）",
            "年度报告缺少规定的部分。",
            "按 2021 年格式补齐证据中列出的缺少部分，更新已发布的报告。"),
        [RuleIds.GuideIncomplete] = new(
            $"{Regulation}第十二条",
            "政府信息公开指南缺少法定要素。",
            "在指南中补充证据中列出的缺少要素（分类、编排体系、获取方式，公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式），并保持更新。"),
        // Rules the content rules add beyond the contract's list (SiteAudit.Rules.ContentRuleIds).
        ["subcolumn.missing"] = new(
            $"{Regulation}第二十条、第二十一条（法定主动公开内容）",
            "“法定主动公开内容”下缺少规定的子栏目。",
            "在“法定主动公开内容”下按条例所列类别设置该子栏目并发布相应内容。"),
        ["column.sparse"] = new(
            "基层政务公开标准化规范化（国办发〔2019〕54号）及本地要求",
            "栏目内容条数少于要求。",
            "按标准目录补充发布该领域应公开的内容。"),
        ["column.catalog-missing"] = new(
            "基层政务公开标准化规范化（国办发〔2019〕54号）：各领域公开标准目录",
            "该领域栏目没有发布政务公开事项标准目录。",
            "在该领域栏目中发布本级政务公开事项标准目录。"),
        [RuleIds.LinkDead] = new(
            $"{Indicators}“不可用链接”扣分项；国办公开办函〔2019〕61号（链接有效）",
            "网页上的链接打不开，访问者点开后看到错误或空白页面。",
            "修正链接地址，或从引用页面中删除该链接。"),
    };

    /// <summary>link.dead by reason (CONTRACT.md evidence.reason).</summary>
    private static readonly Dictionary<string, string> DeadLinkFixes = new(StringComparer.Ordinal)
    {
        [DeadReason.Http4xx] = "目标页面或文件已不存在：恢复该文件，或在引用页面中改为正确地址、删除该链接。",
        [DeadReason.Http5xx] = "目标服务器出错：检查目标页面所在系统；外部网站的，改为其可用地址或删除链接。",
        [DeadReason.Timeout] = "目标长时间没有响应：检查目标服务器；长期不可用的外部链接应删除。",
        [DeadReason.Connection] = "连接不上目标服务器：常见于内网地址、测试地址或已停用的系统，改为正确的公网地址或删除链接。",
        [DeadReason.Dns] = "域名无法解析：链接指向已停用或拼错的域名，改为现用地址或删除链接。",
        [DeadReason.Tls] = "目标网站的 HTTPS 证书或加密连接有误：更新证书；外部网站的，改用其可用地址。",
        [DeadReason.Soft404] = "页面显示“不存在/已删除”：恢复内容，或从引用页面中删除该链接。",
        [DeadReason.RedirectLoop] = "目标地址反复跳转：检查服务器的跳转配置。",
        [DeadReason.TooManyRedirects] = "目标地址跳转次数过多：检查服务器的跳转配置，直接链接到最终地址。",
    };

    /// <summary>site.unreachable by reason.</summary>
    private static readonly Dictionary<string, string> UnreachableFixes = new(StringComparer.Ordinal)
    {
        [DeadReason.Dns] = "域名无法解析：检查域名是否到期、DNS 解析记录是否正确。",
        [DeadReason.Connection] = "连接不上服务器：检查服务器是否运行，防火墙和端口是否对外开放。",
        [DeadReason.Timeout] = "首页长时间没有响应：检查服务器负载和带宽，确保首页在 15 秒内打开。",
        [DeadReason.Tls] = "HTTPS 证书或加密连接有误：更新过期证书，确保证书与域名一致、证书链完整。",
        [DeadReason.Http5xx] = "服务器内部错误：检查网站程序和数据库，修复后确认首页正常打开。",
        [DeadReason.Http4xx] = "首页返回错误：检查首页地址是否变更、访问控制是否误拦截。",
    };

    /// <summary>The advice for a rule id, or null for a rule this version does not know.</summary>
    public static RuleAdvice? For(string rule) => Rules.GetValueOrDefault(rule);

    /// <summary>How to fix one finding: by reason where the rule has reasons, else the rule's fix; null when unknown.</summary>
    public static string? Fix(string rule, string? reason)
    {
        var byReason = rule switch
        {
            RuleIds.LinkDead => DeadLinkFixes,
            RuleIds.SiteUnreachable => UnreachableFixes,
            _ => null,
        };
        return reason is not null && byReason is not null && byReason.TryGetValue(reason, out var fix) ? fix : For(rule)?.Fix;
    }
}
