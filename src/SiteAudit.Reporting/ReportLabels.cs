using SiteAudit.Core.Model;

namespace SiteAudit.Reporting;

/// <summary>
/// The Chinese wording users see in the reports (HTML and CSV). Ids stay in the data (findings.json, CSV
/// "规则" column); these are only labels. Unknown ids (rules added later) fall back to a label of their family
/// (<c>interpretation.*</c> → 政策解读 …) or to the id itself, never to an error.
/// </summary>
public static class ReportLabels
{
    /// <summary>Rules in the order the reports list them: site-level verdicts first, dead links last.</summary>
    public static readonly IReadOnlyList<string> RuleOrder =
    [
        RuleIds.SiteUnreachable, RuleIds.SiteVeto,
        RuleIds.ColumnMissing, "subcolumn.missing", RuleIds.ColumnEmpty, RuleIds.ColumnStale, "column.sparse", "column.catalog-missing",
        RuleIds.AnnualReportMissing, RuleIds.AnnualReportIncomplete,
        RuleIds.GuideIncomplete,
        RuleIds.InterpretationMissing, RuleIds.InterpretationUnlinked, RuleIds.InterpretationLate,
        RuleIds.LinkDead,
    ];

    private static readonly Dictionary<string, string> Rules = new(StringComparer.Ordinal)
    {
        [RuleIds.SiteUnreachable] = "站点无法访问",
        [RuleIds.SiteVeto] = "单项否决",
        [RuleIds.ColumnMissing] = "栏目缺失",
        [RuleIds.ColumnEmpty] = "栏目空白",
        [RuleIds.ColumnStale] = "栏目不更新",
        ["subcolumn.missing"] = "子栏目缺失",
        ["column.sparse"] = "栏目信息过少",
        ["column.catalog-missing"] = "缺少标准目录",
        [RuleIds.InterpretationMissing] = "政策解读缺失",
        [RuleIds.InterpretationUnlinked] = "政策解读未关联",
        [RuleIds.InterpretationLate] = "政策解读发布滞后",
        [RuleIds.AnnualReportMissing] = "年度报告未发布",
        [RuleIds.AnnualReportIncomplete] = "年度报告内容不全",
        [RuleIds.GuideIncomplete] = "公开指南要素不全",
        [RuleIds.LinkDead] = "链接失效",
    };

    private static readonly Dictionary<string, string> RuleFamilies = new(StringComparer.Ordinal)
    {
        ["site"] = "站点",
        ["column"] = "栏目",
        ["interpretation"] = "政策解读",
        ["annual-report"] = "年度报告",
        ["guide"] = "公开指南",
        ["link"] = "链接",
    };

    /// <summary>Canonical column ids (DOMAIN.md §1) for findings whose site has no column result to name them.</summary>
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["guide"] = "政府信息公开指南",
        ["rules"] = "政府信息公开制度",
        ["statutory"] = "法定主动公开内容",
        ["catalog"] = "主动公开基本目录",
        ["annual-report"] = "政府信息公开年报",
        ["news"] = "工作动态",
        ["notices"] = "通知公告",
        ["policy"] = "政策文件",
        ["interpretation"] = "政策解读",
        ["personnel"] = "人事信息",
        ["planning"] = "规划计划",
    };

    private static readonly Dictionary<string, string> EvidenceKeys = new(StringComparer.Ordinal)
    {
        ["reason"] = "原因",
        ["status"] = "HTTP状态",
        ["referrers"] = "引用页面",
        ["rule"] = "否决依据",
        ["count"] = "数量",
        ["latestDate"] = "最新内容日期",
        ["limitDays"] = "更新时限（天）",
        ["interpretationUrl"] = "解读页面",
        ["year"] = "年度",
        ["deadline"] = "截止日期",
        ["lacking"] = "缺少内容",
        ["sectionUrl"] = "查找的公开专栏",
        ["searchedNames"] = "查找的名称",
        ["error"] = "错误信息",
        ["finalUrl"] = "最终地址",
        ["lagDays"] = "滞后天数",
        ["linkText"] = "链接文字",
        ["screenshot"] = "截图",
        ["documentTitle"] = "文件标题",
        ["documentDate"] = "文件日期",
        ["interpretationTitle"] = "解读标题",
        ["interpretationDate"] = "解读日期",
        ["interpretationColumn"] = "解读栏目",
        ["form"] = "解读形式",
        ["parent"] = "上级栏目",
        ["parentUrl"] = "上级栏目页面",
        ["columnName"] = "栏目名称",
        ["columnUrl"] = "栏目页面",
        ["itemCount"] = "条目数",
        ["ageDays"] = "距今天数",
        ["freshness"] = "更新要求",
        ["newestItem"] = "最新条目",
        ["saysEmpty"] = "页面提示无内容",
        ["matchedText"] = "匹配文字",
        ["matchedBy"] = "识别方式",
        ["triggers"] = "触发项",
        ["threshold"] = "否决标准",
        ["table"] = "申请情况表",
        ["found"] = "已有要素",
        ["title"] = "标题",
        ["url"] = "地址",
        ["date"] = "日期",
        ["columns"] = "栏目",
        ["new"] = "本年新收",
        ["carried"] = "上年结转",
        ["processed"] = "办理结果合计",
        ["next"] = "结转下年度",
    };

    /// <summary>Severities from most to least severe, as the reports list them.</summary>
    public static readonly IReadOnlyList<Severity> SeverityOrder = [Severity.Error, Severity.Warning, Severity.Info];

    /// <summary>The contract's lower-case id: error, warning, info.</summary>
    public static string SeverityId(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Info => "info",
        _ => severity.ToString().ToLowerInvariant(),
    };

    public static string SeverityLabel(Severity severity) => severity switch
    {
        Severity.Error => "严重",
        Severity.Warning => "警告",
        Severity.Info => "提示",
        _ => severity.ToString(),
    };

    public static string Rule(string rule)
    {
        if (Rules.TryGetValue(rule, out var label)) return label;
        var dot = rule.IndexOf('.');
        return dot > 0 && RuleFamilies.TryGetValue(rule[..dot], out var family) ? family : rule;
    }

    /// <summary>Orders rule ids as <see cref="RuleOrder"/>; rules unknown here come after, by id.</summary>
    public static readonly IComparer<string> RuleComparer = Comparer<string>.Create((a, b) =>
    {
        var byRank = RuleRank(a).CompareTo(RuleRank(b));
        return byRank != 0 ? byRank : string.CompareOrdinal(a, b);
    });

    private static int RuleRank(string rule)
    {
        for (var i = 0; i < RuleOrder.Count; i++)
            if (RuleOrder[i] == rule) return i;
        return RuleOrder.Count;
    }

    public static string SiteStatusLabel(string status) => status switch
    {
        SiteStatus.Audited => "已审计",
        SiteStatus.Unreachable => "无法访问",
        SiteStatus.Partial => "部分完成",
        _ => status,
    };

    public static string RunStatusLabel(string status) => status switch
    {
        RunStatus.Running => "进行中",
        RunStatus.Completed => "已完成",
        RunStatus.Partial => "部分完成",
        RunStatus.Failed => "失败",
        RunStatus.Interrupted => "已中断",
        _ => status,
    };

    public static string StateLabel(string state) => state switch
    {
        FindingStates.New => "新增",
        FindingStates.Open => "未整改",
        FindingStates.Reopened => "再次出现",
        _ => state,
    };

    public static string MatchedByLabel(string? matchedBy) => matchedBy switch
    {
        null or "" => "",
        MatchKinds.Name => "名称",
        MatchKinds.Alias => "别名",
        MatchKinds.UrlHint => "网址特征",
        MatchKinds.Meta => "页面元数据",
        _ => matchedBy,
    };

    /// <summary>A canonical column id's standard name, or the id itself.</summary>
    public static string Column(string id) => Columns.TryGetValue(id, out var name) ? name : id;

    public static string EvidenceKey(string key) => EvidenceKeys.TryGetValue(key, out var label) ? label : key;
}
