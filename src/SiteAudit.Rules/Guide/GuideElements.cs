using SiteAudit.Core.Model;

namespace SiteAudit.Rules.Guide;

/// <summary>
/// The elements 《政府信息公开条例》第十二条 requires of a 政府信息公开指南 (DOMAIN.md §3), each with the wordings that
/// count for it. Guides word things their own way, so an element is present when the guide uses its name or an
/// equivalent wording that names the same thing: 咨询时间/工作时间/受理时间/接待时间 for 办公时间, 通信地址/联系地址 for
/// 办公地址, 咨询电话 for 联系电话, 电子邮箱/网上申请 for 互联网联系方式, 公开渠道/申请方式 for 获取方式,
/// 工作机构/受理机构 for the office's 名称. Bare words that every guide uses in other senses do not count (名称 only as a
/// label "名称：", 地址 only as "地址：", never 网站 or 获取 alone). 传真号码 has no equivalent: a fax number given only on
/// another page (e.g. the 受理机构 page) is not in the guide.
/// </summary>
public static class GuideElements
{
    public static readonly IReadOnlyList<(string Element, string[] Wordings)> All =
    [
        ("分类", ["分类", "类别", "公开范围", "公开目录"]),
        ("编排体系", ["编排体系", "编排方式", "编排", "排列方式"]),
        ("获取方式", ["获取方式", "获取途径", "获取渠道", "公开渠道", "公开方式", "公开途径", "公开形式", "申请方式", "查阅方式"]),
        ("名称", ["名称：", "机构名称", "工作机构", "受理机构", "办理机构", "承办机构", "主管部门"]),
        ("办公地址", ["办公地址", "通信地址", "通讯地址", "联系地址", "办公地点", "受理地点", "地址："]),
        ("办公时间", ["办公时间", "工作时间", "咨询时间", "受理时间", "接待时间", "上班时间"]),
        ("联系电话", ["联系电话", "咨询电话", "办公电话", "电话："]),
        ("传真号码", ["传真"]),
        ("互联网联系方式", ["互联网联系方式", "电子邮箱", "电子邮件", "邮箱", "e-mail", "email", "@", "网上申请", "在线申请", "网上信箱", "在线留言"]),
    ];

    /// <summary>For each element, the wording that was found (null: lacking).</summary>
    public static IReadOnlyList<(string Element, string? Found)> Judge(string text)
    {
        var key = TextKey.Of(text);
        return All.Select(e => (e.Element, e.Wordings.FirstOrDefault(w => key.Contains(TextKey.Of(w), StringComparison.Ordinal)))).ToList();
    }
}
