using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SiteAudit.Core.Model;
using SiteAudit.Rules.Content;

namespace SiteAudit.Rules.Guide;

/// <summary>
/// guide.incomplete: the 政府信息公开指南 lacks elements of 条例第十二条 (<see cref="GuideElements"/>). The guide is the
/// newest item of the guide column named …指南 (or its only item), else the column page itself; a guide published only
/// as an attachment (a short page, or one naming few elements beside a document to download) is not judged.
/// </summary>
public sealed class GuideIncompleteRule : IRule
{
    /// <summary>A page with less own text than this is a cover page for an attachment, not the guide.</summary>
    private const int MinGuideChars = 60;

    private const int MinElementsWithAttachment = 4;

    private static readonly string[] DocumentExtensions = [".pdf", ".doc", ".docx", ".wps", ".ofd", ".zip", ".rar"];

    public const string ColumnId = "guide";

    private static bool IsDocument(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && DocumentExtensions.Contains(Path.GetExtension(uri.AbsolutePath), StringComparer.OrdinalIgnoreCase);

    public string Id => RuleIds.GuideIncomplete;

    public async IAsyncEnumerable<Finding> EvaluateAsync(RuleContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        if (context.Columns.SectionBlocked || context.Columns[ColumnId] is not { Found: true, Url: { } columnUrl } column) yield break;
        var reading = await context.Content.ColumnAsync(columnUrl, ct);
        if (!reading.IsRead) yield break;

        string? guideUrl;
        if (reading.Items.Count > 0)
        {
            var named = reading.Items.Where(i => i.Title.Contains("指南", StringComparison.Ordinal)).ToList();
            var item = named.Count > 0 ? named.OrderByDescending(i => i.Date ?? "").First() : reading.Items.Count == 1 ? reading.Items[0] : null;
            guideUrl = item?.Url;
        }
        else guideUrl = reading.PageUrl;
        if (guideUrl is null) yield break;

        var (pageUrl, page) = await context.Content.PageAsync(guideUrl, ct);
        if (page is null) yield break;
        var text = string.Join('\n', await context.Content.OwnLinesAsync(page, ct));
        if (text.Length < MinGuideChars) yield break;

        var judged = GuideElements.Judge(text);
        var lacking = judged.Where(e => e.Found is null).Select(e => e.Element).ToList();
        if (lacking.Count == 0) yield break;
        // A page naming few elements and offering a document to download is the cover of a guide in an attachment.
        if (judged.Count(e => e.Found is not null) < MinElementsWithAttachment
            && (await context.Facts.GetLinksFromAsync(pageUrl, ct)).Any(l => IsDocument(l.ToUrl)))
            yield break;
        var equivalents = judged.Where(e => e.Found is { } f && TextKey.Of(f) != TextKey.Of(e.Element)).Select(e => $"“{e.Found!.TrimEnd('：')}”视为{e.Element}").ToList();
        yield return new Finding(
            Id, Severity.Warning, pageUrl, columnUrl, ColumnId,
            $"政府信息公开指南缺少：{string.Join("、", lacking)}。依据：《政府信息公开条例》第十二条，指南应当包括政府信息的分类、编排体系、获取方式和政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式等内容。"
            + (equivalents.Count > 0 ? $"（已认可的等同表述：{string.Join("，", equivalents)}。）" : ""),
            new JsonObject
            {
                ["lacking"] = new JsonArray(lacking.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
                ["found"] = new JsonObject(judged.Where(e => e.Found is not null).Select(e => KeyValuePair.Create(e.Element, (JsonNode?)JsonValue.Create(e.Found)))),
                ["columnName"] = column.MatchedText ?? column.Name,
            });
    }
}
