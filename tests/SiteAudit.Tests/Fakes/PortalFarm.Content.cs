using System.Text;

namespace SiteAudit.Tests.Fakes;

// Content cases of the farm (issue "content compliance rules"): stale, empty and fresh columns, policy documents with
// and without 解读, a missing last-year annual report, incomplete guides — and the hard negatives beside them that
// must not be reported (a "动静结合" list whose items are all behind the API, a sub-column that only refreshes to
// another platform, a 解读 linked only one way or only named by title, a 废止 decision, a guide in other words).
public sealed partial class PortalFarm
{
    /// <summary>What one portal's content looks like; columns are the profile's ids (news, notices, policy, personnel, planning …).</summary>
    /// <param name="Stale">Columns whose newest item is older than their freshness class allows; the others are fresh.</param>
    /// <param name="Empty">Columns with no items ("暂无信息", or nothing at all when <paramref name="SilentEmpty"/>).</param>
    /// <param name="GuideLacks">条例第十二条 elements the guide leaves out (DOMAIN.md §3 names).</param>
    /// <param name="GuideEquivalents">The guide says 咨询时间/通信地址/咨询电话 instead of 办公时间/办公地址/联系电话 (complete).</param>
    /// <param name="MissingLastReport">The annual report column lacks the report now due.</param>
    /// <param name="DynamicPersonnel">人事信息 is a TRS "动静结合" page: no static items, recordCount 23 (neither empty nor stale).</param>
    /// <param name="RefreshSubColumn">法定主动公开内容 has 行政许可, a page that only refreshes to the 政务服务网 (not empty).</param>
    /// <param name="OneWayInterpretation">One document's 解读 links the document but not back (unlinked, not missing).</param>
    /// <param name="TitleOnlyInterpretation">One document has a 解读 named 《…》 after it and no links either way (unlinked, not missing).</param>
    /// <param name="Repeal">A 废止 decision without 解读 in the policy list (exempt).</param>
    private sealed record ContentSpec(
        string[] Stale,
        string[]? Empty = null,
        bool SilentEmpty = false,
        string[]? GuideLacks = null,
        bool GuideEquivalents = false,
        bool MissingLastReport = false,
        bool DynamicPersonnel = false,
        bool RefreshSubColumn = false,
        bool OneWayInterpretation = false,
        bool TitleOnlyInterpretation = false,
        bool Repeal = false);

    private static readonly Dictionary<string, ContentSpec> Contents = new()
    {
        ["nanxi"] = new(Stale: ["news"], Empty: ["interpretation"], GuideLacks: ["传真号码"]),
        ["baishi"] = new(Stale: ["notices", "planning"], Repeal: true),
        ["dongling"] = new(Stale: ["policy"], GuideLacks: ["办公时间", "互联网联系方式"], MissingLastReport: true, DynamicPersonnel: true, Repeal: true),
        ["xiping"] = new(Stale: ["news", "personnel"], Empty: ["planning"], GuideLacks: ["联系电话", "传真号码"]),
        ["beitang"] = new(Stale: [], Empty: ["rules"]),
        ["linhe"] = new(Stale: ["notices", "policy", "personnel"], GuideLacks: ["分类"]),
        ["qinghe"] = new(Stale: ["planning"], GuideEquivalents: true, RefreshSubColumn: true, OneWayInterpretation: true, TitleOnlyInterpretation: true),
        ["shimen"] = new(Stale: ["news", "notices"], Empty: ["budget"], SilentEmpty: true, GuideLacks: ["编排体系"]),
        ["anyuan"] = new(Stale: ["policy"], Empty: ["personnel"], MissingLastReport: true),
    };

    /// <summary>Freshness classes of the county-portal profile, written here independently (DOMAIN.md §6).</summary>
    private static readonly Dictionary<string, int> FreshnessLimit = new()
    {
        ["news"] = 14, ["notices"] = 183, ["policy"] = 183, ["personnel"] = 366, ["planning"] = 366,
    };

    private sealed partial class SiteBuilder
    {
        private ContentSpec Content => Contents.GetValueOrDefault(_spec.Key) ?? new ContentSpec([]);
        private readonly List<(string Column, List<Item> Items)> _freshnessColumns = [];
        private readonly List<Item> _documentsWithout = [];

        private bool IsEmpty(string column) => Content.Empty?.Contains(column) == true;

        /// <summary>How many items a column gets: none when it is planted empty (or its list lives behind an API).</summary>
        private int CountOf(string column, int random) =>
            IsEmpty(column) || column == "personnel" && Content.DynamicPersonnel ? 0 : random;

        /// <summary>The age of a column's newest item: well inside its limit, or well past it.</summary>
        private int? NewestAge(string column)
        {
            if (!FreshnessLimit.TryGetValue(column, out var limit)) return null;
            return Content.Stale.Contains(column) ? limit + _rng.Next(10, 150) : _rng.Next(1, Math.Max(2, limit / 2));
        }

        private List<Item> Freshness(string column, List<Item> items)
        {
            _freshnessColumns.Add((column, items));
            return items;
        }

        private string? EmptyText(string column) => IsEmpty(column) && Content.SilentEmpty ? "" : null;

        /// <summary>The list page of a TRS "动静结合" column: no static items, the rest from the API (pingtan's 人事任免).</summary>
        private string DynamicListScript(int recordCount) => $$"""
            <div class="list_box"><div ms-controller="list"><div ms-visible="showStatic"><ul class="list"></ul></div>
            <ul ms-visible="!showStatic"><li ms-repeat="list"><a ms-attr-href="el.url" ms-text="el.title"></a><span ms-text="el.time"></span></li></ul></div></div>
            <script>require(["list2.trsapi"], function(listModel){ listModel({ quickMode: "动静结合", maxStaticIndex: 1,
              listArgs: { channelid: 200210, classsql: "chnlid=653" }, pagebar: { prepage: 15, recordCount: '{{recordCount}}' } }); });</script>
            """;

        /// <summary>行政许可 under 法定主动公开内容: a page that is only a meta refresh to the 政务服务网 (pingtan's bszn).</summary>
        private string RefreshSubColumn()
        {
            var folder = ColumnDir(_columnPath["statutory"]) + "xzxk/";
            var html = $"<meta http-equiv=\"refresh\" content=\"0;url={_shared.Other.Url($"/zwfw/{_spec.Key}/xzxk/index.html")}\" />";
            _server.Html(folder, html).Html(folder + "index.html", html);
            return "<p><a href=\"./xzxk/\">行政许可</a></p>\n";
        }

        // ---------------------------------------------------------------- 解读

        /// <summary>
        /// Pairs each of the first policies with a 解读 linked both ways (as before), plants the one-way, title-only and
        /// 废止 cases, and remembers the documents that are left without any 解读 (interpretation.missing).
        /// </summary>
        private void PlanInterpretations(List<Item> policies, List<Item> interpretations, List<(Item Doc, Item Jd)> pairs)
        {
            pairs.AddRange(policies.Zip(interpretations));
            var unpaired = policies.Skip(pairs.Count).ToList();
            var column = _columnPath["interpretation"];
            if (Content.OneWayInterpretation && unpaired.Count > 0)
            {
                var doc = unpaired[0];
                unpaired.RemoveAt(0);
                var jd = NewInterpretation(column, $"{_spec.County}政策问答（{doc.Date:yyyy}年第{_rng.Next(1, 9)}期）", doc.Date.AddDays(1));
                jd.Page.Extras.Add($"<div class=\"xgwj\">相关文件：<a href=\"{doc.Page.Path}\">{doc.Title}</a></div>");
                interpretations.Add(jd);
            }
            if (Content.TitleOnlyInterpretation && unpaired.FirstOrDefault(p => p.Title.Contains("关于印发")) is { } named)
            {
                unpaired.Remove(named);
                var core = named.Title[(named.Title.IndexOf("关于印发", StringComparison.Ordinal) + 4)..^3]; // …的通知
                interpretations.Add(NewInterpretation(column, $"关于《{core}》的政策解读", named.Date.AddDays(1)));
            }
            if (Content.Repeal)
            {
                // Older than the newest document: a repeal must not decide whether the column is fresh.
                var date = (policies.Count > 0 ? policies.Min(p => p.Date) : Today).AddDays(-_rng.Next(1, 60));
                var repeal = Add(new Page
                {
                    Path = ArticlePath(_columnPath["policy"], date), Title = $"{_spec.County}人民政府关于废止《{_spec.County}城区临时摊点管理办法》的决定",
                    Column = "政策文件", Kind = PageKind.Article, Date = date, InSection = true,
                    Body = "<p>经研究，决定废止《城区临时摊点管理办法》，自公布之日起施行。</p>\n",
                });
                policies.Add(new Item(repeal.Title, date, repeal));
            }
            _documentsWithout.AddRange(unpaired);
            policies.Sort((a, b) => b.Date.CompareTo(a.Date));
            interpretations.Sort((a, b) => b.Date.CompareTo(a.Date));
        }

        private Item NewInterpretation(string listPath, string title, DateOnly date)
        {
            var page = Add(new Page
            {
                Path = ArticlePath(listPath, date), Title = title, Column = "政策解读", Kind = PageKind.Article, Date = date, InSection = true,
                Body = $"<p>{Words.Sentences[_rng.Next(Words.Sentences.Length)]}</p>\n",
            });
            return new Item(title, date, page);
        }

        // ---------------------------------------------------------------- 指南

        /// <summary>The guide's text with every 条例第十二条 element, less those the site leaves out.</summary>
        private string GuideBody()
        {
            var lacks = Content.GuideLacks ?? [];
            bool Has(string element) => !lacks.Contains(element);
            var eq = Content.GuideEquivalents;
            var sb = new StringBuilder("<p>为便于公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。</p>\n");
            var first = (Has("分类"), Has("编排体系")) switch
            {
                (true, true) => ("一、信息分类与编排体系", "主动公开的政府信息按机构职能、政策文件、政策解读、规划计划、财政预决算、人事信息等分类，按索引号、名称、发布机构、生成日期、文号编排。"),
                (true, false) => ("一、信息分类", "主动公开的政府信息按机构职能、政策文件、政策解读、规划计划、财政预决算、人事信息等分类。"),
                (false, true) => ("一、编排体系", "主动公开的政府信息按索引号、名称、发布机构、生成日期、文号编排。"),
                _ => ((string?)null, (string?)null),
            };
            if (first.Item1 is not null) sb.Append($"<h3>{first.Item1}</h3><p>{first.Item2}</p>\n");
            if (Has("获取方式")) sb.Append("<h3>二、获取方式</h3><p>通过本网站“政府信息公开”专栏、县档案馆和县图书馆查阅点获取；也可以依申请获取。</p>\n");
            sb.Append("<h3>三、工作机构</h3>\n<p>");
            if (Has("名称")) sb.Append($"名称：{_spec.County}人民政府办公室　");
            if (Has("办公地址")) sb.Append($"{(eq ? "通信地址" : "办公地址")}：{_spec.County}城关镇人民路1号　");
            if (Has("办公时间")) sb.Append($"{(eq ? "咨询时间" : "办公时间")}：工作日8:30—12:00，14:30—17:30");
            sb.Append("</p>\n<p>");
            if (Has("联系电话")) sb.Append($"{(eq ? "咨询电话" : "联系电话")}：0571-8810{_rng.Next(100, 999)}　");
            if (Has("传真号码")) sb.Append($"传真号码：0571-8810{_rng.Next(100, 999)}　");
            if (Has("互联网联系方式")) sb.Append($"电子邮箱：<a href=\"mailto:xxgk@{_spec.Key}.example.gov.cn\">xxgk@{_spec.Key}.example.gov.cn</a>");
            sb.Append("</p>\n");
            return sb.ToString();
        }

        // ---------------------------------------------------------------- 年报

        /// <summary>The year whose report is due (county-portal: by 31 March of the next year).</summary>
        private int DueReportYear => Today > new DateOnly(Today.Year, 3, 31) ? Today.Year - 1 : Today.Year - 2;

        private bool SkipsReport(int year) => Content.MissingLastReport && year == DueReportYear;

        // ---------------------------------------------------------------- ground truth

        private IEnumerable<ExpectedFinding> ContentExpected()
        {
            ExpectedFinding Expect(string rule, string key, string note) => new(_spec.Name, SiteUrl, rule, key, Note: note);
            foreach (var (column, items) in _freshnessColumns)
            {
                if (items.Count == 0) continue;
                var age = Today.DayNumber - items.Max(i => i.Date).DayNumber;
                if (age > FreshnessLimit[column]) yield return Expect("column.stale", column, $"newest item {age} days old, limit {FreshnessLimit[column]}");
            }
            foreach (var column in Content.Empty ?? [])
                yield return Expect("column.empty", column, Content.SilentEmpty ? "nothing listed, nothing said" : "暂无信息");
            foreach (var doc in _documentsWithout)
                yield return Expect("interpretation.missing", _origin + doc.Page.Path, "policy document without 解读");
            if (!Has("annual-report") || Content.MissingLastReport)
                yield return Expect("annual-report.missing", "annual-report", Has("annual-report") ? $"no {DueReportYear} report in the column" : "no annual report column");
            if (Has("guide") && Content.GuideLacks is { Length: > 0 } lacks)
                yield return Expect("guide.incomplete", "guide", "lacks " + string.Join("、", lacks));
        }
    }
}
