using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SiteAudit.Core.Model;
using SiteAudit.Rules.Content;

namespace SiteAudit.Rules.Interpretation;

/// <summary>What the three interpretation rules cite (DOMAIN.md §5).</summary>
internal static class InterpretationSource
{
    public const string Text =
        "依据：《〈关于全面推进政务公开工作的意见〉实施细则》（国办发〔2016〕80号）“谁起草谁解读”，政策文件与解读材料同步组织、同步审签、同步部署（同步发布），并在政府网站上相互关联。";

    /// <summary>A finding about document <paramref name="m"/>: its URL, what is wrong (then the source), the match as evidence plus <paramref name="extra"/>.</summary>
    public static Finding For(string rule, DocumentMatch m, string what, params (string Key, JsonNode? Value)[] extra)
    {
        var evidence = Evidence(m);
        foreach (var (key, value) in extra) evidence[key] = value;
        return new Finding(rule, Severity.Warning, m.DocumentUrl, m.Document.Url, null, what + Text, evidence);
    }

    private static JsonObject Evidence(DocumentMatch m) => new()
    {
        ["interpretationUrl"] = m.InterpretationUrl,
        ["documentTitle"] = m.Document.Title,
        ["documentDate"] = m.DocumentDate is { } d ? ChinaDate.Iso(d) : null,
        ["interpretationTitle"] = m.InterpretationTitle,
        ["interpretationDate"] = m.InterpretationDate is { } j ? ChinaDate.Iso(j) : null,
        ["form"] = m.Form,
        ["matchedBy"] = m.MatchedBy,
    };
}

/// <summary>
/// interpretation.missing: a policy document with no 解读 — none linked from its page, none in the 解读 column that
/// links it or names it — judged only where the 解读 column shows enough to prove it (<see cref="DocumentMatch.Judgeable"/>).
/// </summary>
public sealed class InterpretationMissingRule : IRule
{
    public string Id => RuleIds.InterpretationMissing;

    public async IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        if (context.Columns.SectionBlocked) yield break;
        foreach (var m in (await InterpretationMatcher.MatchAsync(context, ct)).Where(m => m.InterpretationUrl is null && m.Judgeable))
            yield return InterpretationSource.For(Id, m,
                $"政策文件“{m.Document.Title}”未发现政策解读（文件页面没有解读链接，政策解读栏目中也没有解读该文件的内容）。",
                ("interpretationColumn", context.Columns[InterpretationMatcher.ColumnId]?.Url));
    }
}

/// <summary>
/// interpretation.unlinked: a 解读 exists but document and 解读 do not link each other both ways (双向关联). A direction
/// that the page writes by script (pingtan's avalon 相关解读 block) is not claimed missing.
/// </summary>
public sealed class InterpretationUnlinkedRule : IRule
{
    public string Id => RuleIds.InterpretationUnlinked;

    public async IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        if (context.Columns.SectionBlocked) yield break;
        foreach (var m in await InterpretationMatcher.MatchAsync(context, ct))
        {
            if (m.InterpretationUrl is null) continue;
            var noForward = !m.LinksToInterpretation && !m.DocumentScripted;
            var noBackward = !m.LinksToDocument && !m.InterpretationScripted;
            if (!noForward && !noBackward) continue;
            var lacking = noForward && noBackward ? "文件与解读页面互不链接" : noForward ? "文件页面没有链接到解读" : "解读页面没有链接到文件";
            var directions = new[] { noForward ? "文件→解读" : null, noBackward ? "解读→文件" : null }.OfType<string>();
            yield return InterpretationSource.For(Id, m, $"政策文件“{m.Document.Title}”与其解读“{m.InterpretationTitle}”未双向关联：{lacking}。",
                ("lacking", new JsonArray(directions.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray())));
        }
    }
}

/// <summary>
/// interpretation.late: the 解读 was published later than the profile's `interpretation.lagDays` after its document
/// (working days when `workingDays`). Both dates are needed; a profile without lagDays does not check.
/// </summary>
public sealed class InterpretationLateRule : IRule
{
    public string Id => RuleIds.InterpretationLate;

    public async IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        if (context.Columns.SectionBlocked || context.Site.Profile.Interpretation is not { LagDays: { } lagDays } settings) yield break;
        foreach (var m in await InterpretationMatcher.MatchAsync(context, ct))
        {
            if (m is not { InterpretationUrl: not null, DocumentDate: { } doc, InterpretationDate: { } jd }) continue;
            var lag = settings.WorkingDays ? ChinaDate.WorkingDaysBetween(doc, jd) : Math.Max(0, jd.DayNumber - doc.DayNumber);
            if (lag <= lagDays) continue;
            var unit = settings.WorkingDays ? "个工作日" : "天";
            yield return InterpretationSource.For(Id, m,
                $"政策文件“{m.Document.Title}”（{ChinaDate.Iso(doc)}）的解读晚于文件 {lag} {unit}发布（{ChinaDate.Iso(jd)}，要求 {lagDays} {unit}内）。",
                ("lagDays", lag), ("limitDays", lagDays));
        }
    }
}
