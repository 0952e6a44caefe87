using System.Text;
using Microsoft.AspNetCore.Http;

namespace SiteAudit.Tests.Fakes;

public sealed partial class PortalFarm
{
    private enum PageKind { Home, Landing, Section, List, Article, Other }

    /// <summary>A page before rendering: planted snippets are added to <see cref="Extras"/> until the end.</summary>
    private sealed class Page
    {
        public required string Path { get; init; }
        public required string Title { get; init; }
        public required string Column { get; init; }
        public PageKind Kind { get; init; }
        public string Body { get; set; } = "";
        public List<string> Extras { get; } = [];
        public string? BaseHref { get; set; }
        /// <summary>Reachable only through TRS createPageHTML pagination or a Hanweb datastore.</summary>
        public bool DeepOnly { get; set; }
        public DateOnly? Date { get; init; }
        /// <summary>Shows the section's column menu (pages inside 政府信息公开).</summary>
        public bool InSection { get; init; }
        /// <summary>Also served under another path (query routes, /index.html for the homepage).</summary>
        public List<string> Aliases { get; } = [];
    }

    private sealed record Item(string Title, DateOnly Date, Page Page);

    /// <summary>Builds one portal on its server and records what it must be found guilty of.</summary>
    private sealed partial class SiteBuilder
    {
        private readonly SiteSpec _spec;
        private readonly FakeServer _server;
        private readonly Random _rng;
        private readonly Shared _shared;
        private readonly string _origin;
        private readonly List<Page> _pages = [];
        private readonly List<ExpectedFinding> _expected = [];
        private readonly List<(string Label, string Href, string Id)> _sectionMenu = [];
        private readonly List<string> _footerExtras = [];
        private readonly List<(string Path, string? HeadRefusal)> _attachments = [];
        private int _nextId;

        // Layout (filled by Layout()).
        private string _sectionPath = "";      // the 政府信息公开 section page
        private string _sectionNavLabel = "";  // how the homepage names it
        private string? _landingPath;          // TwoLevel: the 政务公开 landing page
        private string _newsPath = "", _noticesPath = "", _interactPath = "";
        private readonly Dictionary<string, string> _columnPath = [];   // column id → list page path

        public SiteBuilder(SiteSpec spec, FakeServer server, Random rng, Shared shared)
        {
            _spec = spec;
            _server = server;
            _rng = rng;
            _shared = shared;
            _origin = spec.LocalhostName ? $"http://localhost:{server.BaseUrl.Port}" : server.BaseUrl.GetLeftPart(UriPartial.Authority);
        }

        private string SiteUrl => _origin + "/";
        private bool Gbk => _spec.Charset is Charset.GbkHeaderAndMeta or Charset.GbkMetaOnly;
        private bool Hanweb => _spec.Cms == Cms.Hanweb;
        private DateOnly Today => _shared.Today;
        private bool Has(string column) => !_spec.Missing.Contains(column);

        public FarmSite Build()
        {
            Layout();
            var news = Freshness("news", MakeArticles(_newsPath, "要闻动态", CountOf("news", _rng.Next(22, 46)), Words.NewsTitles, maxAgeDays: 120,
                inSection: false, newestAge: NewestAge("news")));
            var notices = Freshness("notices", MakeArticles(_noticesPath, "通知公告", CountOf("notices", _rng.Next(8, 18)), Words.NoticeTitles, maxAgeDays: 300,
                inSection: false, newestAge: NewestAge("notices")));
            var policies = Freshness("policy", MakeArticles(_columnPath["policy"], "政策文件", CountOf("policy", _rng.Next(8, 22)), Words.PolicyTitles,
                maxAgeDays: 700, inSection: true, policy: true, newestAge: NewestAge("policy")));
            var interpretations = MakeArticles(_columnPath["interpretation"], "政策解读", CountOf("interpretation", _rng.Next(3, 8)),
                ["《{c}{t}管理办法》政策解读", "图解：{c}{t}三年行动方案", "一图读懂{c}{t}工作的意见"], maxAgeDays: 700, inSection: true);
            var personnel = Freshness("personnel", MakeArticles(_columnPath["personnel"], "人事信息", CountOf("personnel", _rng.Next(3, 8)),
                ["{c}人民政府关于{p}等同志职务任免的通知"], maxAgeDays: 500, inSection: true, newestAge: NewestAge("personnel")));
            var finance = MakeArticles(_columnPath["finance"], "财政预决算", CountOf("budget", _rng.Next(2, 6)),
                ["{c}{y}年县级部门预算公开", "{c}{y}年度县级部门决算公开"], maxAgeDays: 600, inSection: true);
            var planning = Freshness("planning", MakeArticles(_columnPath["planning"], "规划计划", CountOf("planning", _rng.Next(2, 5)),
                ["{c}{y}年国民经济和社会发展计划", "{c}“十五五”{t}专项规划"], maxAgeDays: 600, inSection: true, newestAge: NewestAge("planning")));
            var pairs = new List<(Item Doc, Item Jd)>();
            PlanInterpretations(policies, interpretations, pairs);

            ListPage(_newsPath, "要闻动态", news, inSection: false, EmptyText("news"));
            ListPage(_noticesPath, "通知公告", notices, inSection: false, EmptyText("notices"));
            ListPage(_columnPath["policy"], "政策文件", policies, inSection: true, EmptyText("policy"));
            ListPage(_columnPath["interpretation"], "政策解读", interpretations, inSection: true, EmptyText("interpretation"));
            ListPage(_columnPath["personnel"], "人事信息", personnel, inSection: true, EmptyText("personnel"));
            if (Content.DynamicPersonnel && !Hanweb) Find(_columnPath["personnel"]).Body = DynamicListScript(23);
            ListPage(_columnPath["finance"], "财政预决算", finance, inSection: true, EmptyText("budget"));
            ListPage(_columnPath["planning"], "规划计划", planning, inSection: true, EmptyText("planning"));
            if (_spec.DeepSection)
            {
                // Depth 4: 法定主动公开内容 › 政策文件 › 规范性文件 / 其他文件 — the same documents listed one level deeper too.
                var deep1 = ColumnDir(_columnPath["policy"]) + "gfxwj/index.html";
                var deep2 = ColumnDir(_columnPath["policy"]) + "qtwj/index.html";
                ListPage(deep1, "规范性文件", policies.Where((_, i) => i % 2 == 0).ToList(), inSection: true);
                ListPage(deep2, "其他文件", policies.Where((_, i) => i % 2 == 1).ToList(), inSection: true);
                Find(_columnPath["policy"]).Extras.Add(
                    $"<div class=\"sub_nav\"><a href=\"./gfxwj/\">规范性文件</a> <a href=\"./qtwj/\">其他文件</a></div>");
            }

            GuideColumn();
            RulesColumn();
            AnnualReportColumn();
            StatutoryPage();
            CatalogPage();
            InteractionPage();
            SectionPages(policies, interpretations);
            HomePage(news, notices);
            LinkPolicyInterpretations(pairs);
            AddAttachments(policies.Concat(finance).Concat(notices));

            PlantNegatives();
            foreach (var dead in _spec.Dead) Plant(dead);

            Register();
            return new FarmSite
            {
                Name = _spec.Name,
                Url = SiteUrl,
                Description = _spec.Description,
                Server = _server,
                PageCount = _pages.Count + _queryOnly.Count,
                MissingColumns = _spec.Missing,
                Expected = _spec.Missing.Select(c => new ExpectedFinding(_spec.Name, SiteUrl, "column.missing", c, Note: "column not on the site"))
                    .Concat(_expected).Concat(ContentExpected()).ToList(),
            };
        }

        // ---------------------------------------------------------------- layout

        private void Layout()
        {
            if (Hanweb)
            {
                // Hanweb/大汉: every column is /col/colN/index.html; nothing in the URL says what it is.
                _sectionPath = "/col/col1100/index.html";
                _sectionNavLabel = "信息公开";
                _newsPath = "/col/col1002/index.html";
                _noticesPath = "/col/col1003/index.html";
                _interactPath = "/col/col1004/index.html";
                _columnPath["guide"] = "/col/col1101/index.html";
                _columnPath["rules"] = "/col/col1102/index.html";
                _columnPath["statutory"] = "/col/col1103/index.html";
                _columnPath["catalog"] = "/col/col1104/index.html";
                _columnPath["annual-report"] = "/col/col1105/index.html";
                _columnPath["policy"] = "/col/col1110/index.html";
                _columnPath["interpretation"] = "/col/col1111/index.html";
                _columnPath["personnel"] = "/col/col1112/index.html";
                _columnPath["finance"] = "/col/col1113/index.html";
                _columnPath["planning"] = "/col/col1114/index.html";
                return;
            }

            string root;
            switch (_spec.Section)
            {
                case SectionKind.TwoLevel:
                    _landingPath = "/zwgk/index.html";
                    root = "/zwgk/zfxxgk/";
                    _sectionNavLabel = "政务公开";
                    break;
                case SectionKind.UrlHintOnly:
                    root = "/zfxxgk/";
                    _sectionNavLabel = "阳光政务";
                    break;
                default:
                    root = "/xxgk/";
                    _sectionNavLabel = _spec.Key == "anyuan" ? "政务公开" : "政府信息公开";
                    break;
            }
            _sectionPath = root + "index.html";
            var pingtanNames = _spec.Section == SectionKind.TwoLevel;
            // Opaque folders (older CMSes number their columns): no URL hint helps, only the decoded label does.
            string Folder(string pinyin, int number) => _spec.OpaqueColumns ? $"lm{number}/" : pinyin + "/";
            _columnPath["guide"] = root + Folder(pingtanNames ? "zfxxgkzn" : "gkzn", 231) + "index.html";
            _columnPath["rules"] = root + Folder(pingtanNames ? "zfxxgkzd" : "gkzd", 232) + "index.html";
            _columnPath["statutory"] = root + Folder("fdzdgknr", 233) + "index.html";
            _columnPath["catalog"] = root + Folder("gkml", 234) + "index.html";
            _columnPath["annual-report"] = root + Folder(pingtanNames ? "zfxxgknb" : "gknb", 235) + "index.html";
            // Sub-columns of 法定主动公开内容 sit under it; without that column they hang off the section itself.
            var sub = Has("statutory") ? ColumnDir(_columnPath["statutory"]) : root;
            _columnPath["policy"] = sub + Folder("zcwj", 241) + "index.html";
            _columnPath["interpretation"] = sub + Folder("zcjd", 242) + "index.html";
            _columnPath["personnel"] = sub + Folder("rsxx", 243) + "index.html";
            _columnPath["finance"] = sub + Folder("czyjs", 244) + "index.html";
            _columnPath["planning"] = sub + Folder("ghjh", 245) + "index.html";
            _newsPath = "/xwzx/jrxw/index.html";
            _noticesPath = "/tzgg/index.html";
            _interactPath = "/hdjl/index.html";
        }

        /// <summary>The label a site gives a statutory column (standard, split by &lt;br&gt;, or an alias).</summary>
        private string Label(string id) => (_spec.Labels, id) switch
        {
            (1, "guide") => "政府信息<br>公开指南",
            (1, "rules") => "政府信息<br>\n            公开制度",
            (1, "statutory") => "法定主动<br/>公开内容",
            (1, "catalog") => "主动公开<br>基本目录",
            (1, "annual-report") => "政府信息<br>公开年报",
            (2, "guide") => "公开指南",
            (2, "rules") => "公开制度",
            (2, "statutory") => "法定主动公开",
            (2, "catalog") => "主动公开目录",
            (2, "annual-report") => "信息公开年报",
            (3, "guide") => "信息公开指南",
            (3, "rules") => "信息公开制度",
            (3, "statutory") => "主动公开内容",
            (3, "catalog") => "信息公开目录",
            (3, "annual-report") => "政府信息公开工作年度报告",
            (_, "guide") => "政府信息公开指南",
            (_, "rules") => "政府信息公开制度",
            (_, "statutory") => "法定主动公开内容",
            (_, "catalog") => "主动公开基本目录",
            _ => "政府信息公开年报",
        };

        private static string PlainLabel(string label) =>
            label.Replace("<br>", "").Replace("<br/>", "").Replace("\n", "").Replace(" ", "");

        // ---------------------------------------------------------------- content

        /// <param name="newestAge">Days since the newest item (the others are older); null: random within <paramref name="maxAgeDays"/>.</param>
        private List<Item> MakeArticles(string listPath, string column, int count, string[] titles, int maxAgeDays, bool inSection, bool policy = false,
            int? newestAge = null)
        {
            var items = new List<Item>();
            for (var i = 0; i < count; i++)
            {
                var date = newestAge is { } newest
                    ? Today.AddDays(-newest - (i == 0 ? 0 : _rng.Next(1, maxAgeDays)))
                    : Today.AddDays(-_rng.Next(i == 0 ? 1 : 2, maxAgeDays));
                var topic = Words.Topics[_rng.Next(Words.Topics.Length)];
                var town = Words.Towns[_rng.Next(Words.Towns.Length)];
                var person = Gbk && _rng.Next(3) == 0 ? Words.RareNames[_rng.Next(Words.RareNames.Length)] : Words.People[_rng.Next(Words.People.Length)];
                var title = Fill(titles[_rng.Next(titles.Length)], _spec.County, topic, town)
                    .Replace("{p}", person).Replace("{y}", (date.Year - (column == "财政预决算" && i % 2 == 1 ? 1 : 0)).ToString());
                var path = ArticlePath(listPath, date);
                var sb = new StringBuilder();
                if (policy)
                {
                    sb.Append($"""
                        <table class="xxgk_table">
                          <tr><td>索引号：{_rng.Next(100000, 999999)}-{date.Year}-{_rng.Next(10, 99):00000}</td><td>发布机构：{_spec.County}人民政府</td></tr>
                          <tr><td>文号：{_spec.County[..1]}政发〔{date.Year}〕{_rng.Next(1, 40)}号</td><td>成文日期：{date.AddDays(-3):yyyy-MM-dd}</td></tr>
                        </table>

                        """);
                    sb.Append("<p>各乡镇人民政府，县政府各部门：</p>\n");
                }
                for (var s = 0; s < _rng.Next(2, 5); s++)
                    sb.Append("<p>").Append(Words.Sentences[_rng.Next(Words.Sentences.Length)]).Append("</p>\n");
                var page = Add(new Page
                {
                    Path = path, Title = title, Column = column, Kind = PageKind.Article, Date = date, InSection = inSection,
                    Body = sb.ToString(),
                });
                items.Add(new Item(title, date, page));
            }
            return items.OrderByDescending(i => i.Date).ToList();
        }

        private string ArticlePath(string listPath, DateOnly date)
        {
            var id = ++_nextId + 1000 * (_spec.Key.Length + 3);
            if (Hanweb)
            {
                var col = listPath.Split('/')[2][3..]; // "/col/col1110/index.html" → "1110"
                return $"/art/{date.Year}/{date.Month}/{date.Day}/art_{col}_{id}.html";
            }
            return $"{ColumnDir(listPath)}{date:yyyyMM}/t{date:yyyyMMdd}_{id}.html";
        }

        private static string ColumnDir(string listPath) => listPath[..(listPath.LastIndexOf('/') + 1)];

        /// <summary>A column list: TRS pages of 15 with createPageHTML, or a Hanweb datastore with every record.</summary>
        private void ListPage(string path, string column, List<Item> items, bool inSection, string? emptyText = null)
        {
            if (Hanweb)
            {
                var col = path.Split('/')[2][3..];
                var unit = 4000000 + int.Parse(col);
                var records = string.Concat(items.Select(i =>
                    $"<record><![CDATA[\n<li><a href=\"{i.Page.Path}\" target=\"_blank\" title=\"{i.Title}\">{i.Title}</a><span>{i.Date:yyyy-MM-dd}</span></li>\n]]></record>\n"));
                var body = $"""
                    <div class="list_box"><h2>{column}</h2>
                    <div id="{unit}"><script type="text/xml"><datastore>
                    <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=2&path=/&columnid={col}&unitid={unit}&webname={_spec.Name}&permissiontype=0"></a>]]></nextgroup>
                    <recordset>
                    {records}</recordset></datastore></script></div>
                    <script type="text/javascript" src="/module/jslib/jquery/jpage/dataproxy.js" url="/module/web/jpage/dataproxy.jsp" querydata="{'{'}col:1,webid:2,path:'/',columnid:{col},unitid:'{unit}',permissiontype:0{'}'}"></script>
                    {(items.Count == 0 ? $"<p class=\"empty\">{emptyText ?? "暂无信息"}</p>" : "")}
                    </div>
                    """;
                Add(new Page { Path = path, Title = column, Column = column, Kind = PageKind.List, InSection = inSection, Body = body });
                foreach (var item in items) item.Page.DeepOnly = true; // until the homepage links it
                return;
            }

            const int perPage = 15;
            var pageCount = Math.Max(1, (items.Count + perPage - 1) / perPage);
            for (var p = 0; p < pageCount; p++)
            {
                var slice = items.Skip(p * perPage).Take(perPage).ToList();
                var lis = new StringBuilder();
                foreach (var item in slice)
                {
                    var href = Relative(path, item.Page.Path);
                    if (_spec.Negatives.HasFlag(Negatives.Whitespace) && _rng.Next(4) == 0)
                        href = _rng.Next(2) == 0 ? $"  {href} " : $"\n            {href}\n          ";
                    lis.Append($"    <li><a href=\"{href}\" target=\"_blank\" title=\"{item.Title}\">{item.Title}</a><span>{item.Date:yyyy-MM-dd}</span></li>\n");
                    if (p > 0) item.Page.DeepOnly = true;
                }
                var pager = pageCount > 1
                    ? $"<div class=\"page\"><script type=\"text/javascript\">createPageHTML({pageCount}, {p}, \"index\", \"html\");</script></div>\n"
                    : "";
                var listPath = p == 0 ? path : ColumnDir(path) + $"index_{p}.html";
                Add(new Page
                {
                    Path = listPath, Title = column, Column = column, Kind = PageKind.List, InSection = inSection,
                    Body = $"<div class=\"list_box\"><h2>{column}</h2>\n  <ul class=\"list\">\n{lis}  </ul>\n" +
                           (items.Count == 0 ? $"  <p class=\"empty\">{emptyText ?? "暂无信息"}</p>\n" : "") + pager + "</div>\n",
                });
            }
        }

        private void GuideColumn()
        {
            if (!Has("guide")) return;
            var date = Today.AddDays(-_rng.Next(30, 300));
            var guide = Add(new Page
            {
                Path = ArticlePath(_columnPath["guide"], date), Title = $"{_spec.Name}政府信息公开指南", Column = "政府信息公开指南",
                Kind = PageKind.Article, Date = date, InSection = true,
                Body = GuideBody(),
            });
            ListPage(_columnPath["guide"], "政府信息公开指南", [new Item(guide.Title, date, guide)], inSection: true);
        }

        private void RulesColumn()
        {
            if (!Has("rules")) return;
            if (_spec.EmptyRules)
            {
                // Present but empty: column.empty at most, never column.missing.
                ListPage(_columnPath["rules"], PlainLabel(Label("rules")), [], inSection: true, emptyText: "本栏目暂无信息");
                return;
            }
            var items = MakeArticles(_columnPath["rules"], "政府信息公开制度", _rng.Next(2, 5), Words.RuleTitles, maxAgeDays: 900, inSection: true);
            ListPage(_columnPath["rules"], "政府信息公开制度", items, inSection: true);
        }

        private void AnnualReportColumn()
        {
            if (!Has("annual-report")) return;
            var items = new List<Item>();
            for (var year = Today.Year - 1; year >= Today.Year - 1 - _rng.Next(2, 5); year--)
            {
                var date = new DateOnly(year + 1, 3, _rng.Next(5, 28));
                if (date >= Today) continue; // before 31 March the newest report may not be out yet
                if (SkipsReport(year)) continue;
                var newApps = _rng.Next(20, 160);
                var carried = _rng.Next(0, 8);
                var next = _rng.Next(0, Math.Min(8, newApps));
                var page = Add(new Page
                {
                    Path = ArticlePath(_columnPath["annual-report"], date), Title = $"{_spec.Name}{year}年政府信息公开工作年度报告",
                    Column = "政府信息公开年报", Kind = PageKind.Article, Date = date, InSection = true,
                    Body = $"""
                        <h3>一、总体情况</h3><p>{year}年，我县认真贯彻落实《中华人民共和国政府信息公开条例》，政府信息公开工作有序推进。</p>
                        <h3>二、主动公开政府信息情况</h3><p>全年主动公开政府信息{_rng.Next(800, 3000)}条。</p>
                        <h3>三、收到和处理政府信息公开申请情况</h3>
                        <table><tr><td>本年新收</td><td>{newApps}</td></tr><tr><td>上年结转</td><td>{carried}</td></tr>
                        <tr><td>办理结果总计</td><td>{newApps + carried - next}</td></tr><tr><td>结转下年度继续办理</td><td>{next}</td></tr></table>
                        <h3>四、政府信息公开行政复议、行政诉讼情况</h3><p>行政复议{_rng.Next(0, 3)}件，行政诉讼{_rng.Next(0, 2)}件。</p>
                        <h3>五、存在的主要问题及改进情况</h3><p>部分栏目更新不够及时，下一步将加强督促检查。</p>
                        <h3>六、其他需要报告的事项</h3><p>本年度未收取信息处理费。</p>

                        """,
                });
                items.Add(new Item(page.Title, date, page));
            }
            ListPage(_columnPath["annual-report"], "政府信息公开年报", items, inSection: true);
        }

        private void StatutoryPage()
        {
            if (!Has("statutory")) return;
            var links = new[] { ("policy", "政策文件"), ("interpretation", "政策解读"), ("planning", "规划计划"), ("finance", "财政预决算"), ("personnel", "人事信息") }
                .Select(c => $"    <li><a href=\"{Relative(_columnPath["statutory"], _columnPath[c.Item1])}\">{c.Item2}</a></li>");
            var body = "<div class=\"list_box\"><h2>法定主动公开内容</h2>\n  <ul class=\"sub_columns\">\n" + string.Join("\n", links) + "\n  </ul>\n</div>\n";
            if (_spec.Negatives.HasFlag(Negatives.BaseHref)) body += BaseHrefBlock();
            if (Content.RefreshSubColumn) body += RefreshSubColumn();
            Add(new Page { Path = _columnPath["statutory"], Title = "法定主动公开内容", Column = "法定主动公开内容", Kind = PageKind.List, InSection = true, Body = body });
        }

        /// <summary>
        /// 机构职能 (qinghe): a page whose &lt;base href&gt; is the statutory folder, so "jgzn/ldxx.html" means
        /// …/fdzdgknr/jgzn/ldxx.html — resolved against the page itself it would be a dead …/jgzn/jgzn/ldxx.html.
        /// </summary>
        private string BaseHrefBlock()
        {
            var folder = ColumnDir(_columnPath["statutory"]);
            Add(new Page
            {
                Path = folder + "jgzn/index.html", Title = "机构职能", Column = "机构职能", Kind = PageKind.List, InSection = true,
                BaseHref = folder,
                Body = """
                    <div class="article"><h1>机构职能</h1><div class="TRS_Editor">
                    <p>县人民政府是县级国家行政机关，执行上级国家行政机关的决定和命令。</p>
                    <p><a href="jgzn/ldxx.html">领导信息</a>　<a href="jgzn/nsjg.html">内设机构</a>　<a href="zcwj/">政策文件</a>　<a href="index.html">返回上级</a></p>
                    </div></div>

                    """,
            });
            foreach (var (file, title) in new[] { ("ldxx.html", "领导信息"), ("nsjg.html", "内设机构") })
                Add(new Page
                {
                    Path = folder + "jgzn/" + file, Title = title, Column = "机构职能", Kind = PageKind.Article, InSection = true,
                    BaseHref = _origin + folder, // an absolute base this time
                    Body = $"<p>{title}。</p><p><a href=\"jgzn/index.html\">机构职能</a> <a href=\"zcjd/\">政策解读</a></p>\n",
                });
            return "<p><a href=\"./jgzn/\">机构职能</a></p>\n";
        }

        private void CatalogPage()
        {
            if (!Has("catalog") || _spec.ExternalCatalog) return;
            var rows = new[] { ("policy", "政策文件"), ("interpretation", "政策解读"), ("planning", "规划计划"), ("finance", "财政预决算"), ("personnel", "人事信息") }
                .Select(c => $"  <tr><td>{c.Item2}</td><td><a href=\"{Relative(_columnPath["catalog"], _columnPath[c.Item1])}\">查看</a></td></tr>");
            Add(new Page
            {
                Path = _columnPath["catalog"], Title = "主动公开基本目录", Column = "主动公开基本目录", Kind = PageKind.List, InSection = true,
                Body = "<div class=\"list_box\"><h2>主动公开基本目录</h2>\n<table class=\"gkml\">\n  <tr><th>类别</th><th>内容</th></tr>\n" + string.Join("\n", rows) + "\n</table>\n</div>\n",
            });
        }

        private void InteractionPage()
        {
            var formPath = Hanweb ? "/module/idea/que_form.html" : "/hdjl/xzxx_form.html";
            Add(new Page
            {
                Path = _interactPath, Title = "互动交流", Column = "互动交流", Kind = PageKind.List,
                Body = $"""
                    <div class="list_box"><h2>县长信箱</h2>
                    <p>来信须知：请如实填写姓名和联系方式。</p>
                    <iframe src="{formPath}" width="100%" height="240" frameborder="0" title="写信"></iframe>
                    <p>咨询电话：<a href="tel:0571-88100000">0571-88100000</a></p>
                    </div>

                    """,
            });
            Add(new Page
            {
                Path = formPath, Title = "写信", Column = "互动交流", Kind = PageKind.Other,
                Body = "<form action=\"/hdjl/submit\" method=\"post\"><p>姓名：<input name=\"n\"></p><p><textarea name=\"b\"></textarea></p><button>提交</button></form>\n",
            });
        }

        private void SectionPages(List<Item> policies, List<Item> interpretations)
        {
            foreach (var id in StatutoryColumns)
            {
                if (!Has(id)) continue;
                var href = id == "catalog" && _spec.ExternalCatalog ? _shared.Catalog(_spec.Key) : _columnPath[id];
                _sectionMenu.Add((Label(id), href, id));
            }
            var boxes = new StringBuilder();
            boxes.Append("<div class=\"boxes\">\n");
            boxes.Append(Box("政策文件", _columnPath["policy"], policies.Take(5)));
            boxes.Append(Box("政策解读", _columnPath["interpretation"], interpretations.Take(3)));
            if (!Has("statutory"))
            {
                // Without 法定主动公开内容 its usual sub-columns are linked from the section directly.
                boxes.Append($"<div class=\"box\"><h2>其他信息</h2><ul class=\"list\">" +
                             $"<li><a href=\"{_columnPath["planning"]}\">规划计划</a></li><li><a href=\"{_columnPath["finance"]}\">财政预决算</a></li>" +
                             $"<li><a href=\"{_columnPath["personnel"]}\">人事信息</a></li></ul></div>\n");
            }
            boxes.Append("</div>\n");
            Add(new Page { Path = _sectionPath, Title = "政府信息公开", Column = "政府信息公开", Kind = PageKind.Section, InSection = true, Body = boxes.ToString() });

            if (_landingPath is not null)
            {
                // Pingtan-like landing: 政务公开 with the way into 政府信息公开 and some boxes, but not the columns themselves.
                Add(new Page
                {
                    Path = _landingPath, Title = "政务公开", Column = "政务公开", Kind = PageKind.Landing,
                    Body = "<div class=\"zwgk_entry\"><a href=\"./zfxxgk/\"><img src=\"/images/logo.png\" alt=\"\"><span>政府信息公开</span></a>" +
                           "<a href=\"/hdjl/\"><span>政民互动</span></a></div>\n<div class=\"boxes\">\n" +
                           Box("政策文件", _columnPath["policy"], policies.Take(4)) + Box("政策解读", _columnPath["interpretation"], interpretations.Take(2)) + "</div>\n",
                });
            }
        }

        private string Box(string title, string listPath, IEnumerable<Item> items) =>
            $"<div class=\"box\"><h2><a href=\"{Dir(listPath)}\">{title}</a></h2><ul class=\"list\">\n" +
            string.Concat(items.Select(i =>
            {
                i.Page.DeepOnly = false;
                return $"  <li><a href=\"{i.Page.Path}\" title=\"{i.Title}\">{i.Title}</a><span>{i.Date:yyyy-MM-dd}</span></li>\n";
            })) + "</ul></div>\n";

        private void HomePage(List<Item> news, List<Item> notices)
        {
            var md = _spec.Key is "dongling" or "linhe";
            var newsBox = string.Concat(news.Take(6).Select(i =>
            {
                i.Page.DeepOnly = false;
                return $"      <li><a href=\"{i.Page.Path}\" title=\"{i.Title}\">{i.Title}</a><span>{(md ? $"[{i.Date:MM-dd}]" : i.Date.ToString("yyyy-MM-dd"))}</span></li>\n";
            }));
            var noticesBox = string.Concat(notices.Take(5).Select(i =>
            {
                i.Page.DeepOnly = false;
                return $"      <li><a href=\"{i.Page.Path}\" title=\"{i.Title}\">{i.Title}</a><span>{i.Date:yyyy-MM-dd}</span></li>\n";
            }));
            var body = $"""
                <div class="banner"><img src="/images/banner.png" alt="{_spec.County}欢迎您"></div>
                <div class="boxes">
                  <div class="box"><h2><a href="{Dir(_newsPath)}">要闻动态</a></h2><ul class="list">
                {newsBox}    </ul></div>
                  <div class="box"><h2><a href="{Dir(_noticesPath)}">通知公告</a></h2><ul class="list">
                {noticesBox}    </ul></div>
                  <div class="box"><h2>政务公开</h2><ul class="list">
                      <li><a href="{Dir(_columnPath["policy"])}">政策文件</a></li>
                      <li><a href="{Dir(_columnPath["interpretation"])}">政策解读</a></li>
                      <li><a href="javascript:void(0)" onclick="window.open('{Dir(_columnPath["policy"])}')">文件检索</a></li>
                  </ul></div>
                  <div class="box"><h2><a href="{Dir(_interactPath)}">互动交流</a></h2><ul class="list">
                      <li><a href="{Dir(_interactPath)}">县长信箱</a></li>
                  </ul></div>
                </div>

                """;
            var home = Add(new Page { Path = Hanweb ? "/col/col1001/index.html" : "/index.html", Title = "首页", Column = "首页", Kind = PageKind.Home, Body = body });
            if (Hanweb)
            {
                // Hanweb homepages live at /col/col1001/index.html; "/" redirects there.
                _server.Redirect("/", "/col/col1001/index.html");
                _server.Redirect("/index.html", "/col/col1001/index.html");
            }
            else
            {
                home.Aliases.Add("/");
            }
        }

        /// <summary>Policy documents and their 解读 link each other (not measured here; it makes the pages real).</summary>
        private void LinkPolicyInterpretations(List<(Item Doc, Item Jd)> pairs)
        {
            foreach (var (doc, jd) in pairs)
            {
                doc.Page.Extras.Add($"<div class=\"xgjd\">相关解读：<a href=\"{Relative(doc.Page.Path, jd.Page.Path)}\">{jd.Title}</a></div>");
                jd.Page.Extras.Add($"<div class=\"xgwj\">相关文件：<a href=\"{doc.Page.Path}\">{doc.Title}</a></div>");
            }
        }

        private void AddAttachments(IEnumerable<Item> items)
        {
            string? headRefusal = _spec.Negatives.HasFlag(Negatives.HeadRefusedAttachments) ? "405"
                : _spec.Negatives.HasFlag(Negatives.HeadNotFoundAttachments) ? "404" : null;
            foreach (var item in items)
            {
                if (_rng.Next(10) >= 4) continue;
                var file = $"P0{item.Date:yyyyMMdd}{_rng.Next(100000, 999999)}{(_rng.Next(3) == 0 ? ".xls" : ".pdf")}";
                var path = ColumnDir(item.Page.Path) + file;
                _attachments.Add((path, headRefusal));
                item.Page.Extras.Add($"<p class=\"fj\">附件：<a href=\"./{file}\">{item.Title[..Math.Min(item.Title.Length, 12)]}（附件）</a></p>");
            }
        }

        // ---------------------------------------------------------------- hard negatives and planted dead links

        private void PlantNegatives()
        {
            var n = _spec.Negatives;
            if (n.HasFlag(Negatives.AmpQuery))
            {
                // href holds the HTML-escaped "&amp;"; only the decoded query has a route.
                var page = Add(new Page { Path = "/search/list.html", Title = "信息检索", Column = "信息检索", Kind = PageKind.Other,
                    Body = "<div class=\"list_box\"><h2>检索结果</h2><p>共找到 24 条结果（第2页）。</p></div>\n" });
                page.Aliases.Add("/search/list.html?chnl=12&page=2");
                _pages.Remove(page); // served only under the query alias
                _queryOnly.Add(page);
                PickArticles(2).ForEach(a => a.Extras.Add("<p>更多：<a href=\"/search/list.html?chnl=12&amp;page=2\">同类信息</a></p>"));
            }
            if (n.HasFlag(Negatives.RedirectChain3))
            {
                // 办事大厅: three hops, then a real page.
                _server.Redirect("/go/bsdt", "/go/bsdt2", 302).Redirect("/go/bsdt2", _origin + "/go/bsdt3", 301).Redirect("/go/bsdt3", "/bsdt/index.html", 302);
                Add(new Page { Path = "/bsdt/index.html", Title = "网上办事大厅", Column = "办事服务", Kind = PageKind.Other, Body = "<p>请选择办理事项。</p>\n" });
                Find(Hanweb ? "/col/col1001/index.html" : "/index.html").Extras.Add("<p><a href=\"/go/bsdt\">网上办事大厅</a></p>");
            }
            if (n.HasFlag(Negatives.Transient503))
            {
                // Busy servers answer 503 now and then: two pages fail once each, the contract's one retry gets them.
                foreach (var page in PickArticles(2)) _transient.Add(page.Path);
            }
            if (n.HasFlag(Negatives.Slow))
            {
                var page = PickArticles(1)[0];
                _slow.Add(page.Path);
            }
            if (n.HasFlag(Negatives.ChineseFileName))
            {
                var page = PickArticles(1)[0];
                _attachments.Add(("/uploads/2025/附件1：项目清单.pdf", null));
                page.Extras.Add("<p>附件：<a href=\"/uploads/2025/附件1：项目清单.pdf\">附件1：项目清单.pdf</a></p>");
            }
            if (n.HasFlag(Negatives.NotExistText))
            {
                var page = PickArticles(1)[0];
                page.Body += "<p>经调查核实，群众反映的违规占地问题不存在；对已删除的违规广告信息，相关部门将持续跟踪。</p>\n";
            }
            if (n.HasFlag(Negatives.Transient429))
                PickArticles(1)[0].Extras.Add($"<p>数据来源：<a href=\"{_shared.Transient429}\">统计年鉴</a></p>");
            if (n.HasFlag(Negatives.ExtHeadRefusers))
            {
                var files = _shared.HeadRefusers;
                foreach (var page in PickArticles(2))
                    page.Extras.Add("<p>下载：" + string.Join(" ", files.Select((f, i) => $"<a href=\"{f}\">表格{i + 1}</a>")) + "</p>");
            }
            if (n.HasFlag(Negatives.UpperHost))
            {
                var upper = _origin.Replace("localhost", "LOCALHOST").Replace("http://", "HTTP://");
                Find(_sectionPath).Extras.Add($"<p><a href=\"{upper}{Dir(_columnPath["policy"])}\">政策文件（全部）</a></p>");
            }
            if (n.HasFlag(Negatives.DotDotAboveRoot))
                Find(_noticesPath).Extras.Add("<p><a href=\"../../../../index.html\">返回首页</a></p>");
        }

        private readonly List<Page> _queryOnly = [];
        private readonly List<string> _transient = [];
        private readonly List<string> _slow = [];

        private void Plant(Dead dead)
        {
            switch (dead)
            {
                case Dead.MissingAttachment:
                {
                    // The same never-uploaded attachment from two documents (absolute path, so both name one URL).
                    var path = $"/uploads/{Today.Year - 1}/{_rng.Next(100000, 999999)}.pdf";
                    foreach (var page in PickArticles(2)) page.Extras.Add($"<p>附件：<a href=\"{path}\">实施细则（附件）</a></p>");
                    Expect(_origin + path, "http-4xx", "attachment never uploaded, two referrers");
                    break;
                }
                case Dead.MissingAttachmentDeep:
                {
                    var page = _pages.Where(p => p.Kind == PageKind.Article && p.DeepOnly).OrderBy(_ => _rng.Next()).FirstOrDefault()
                               ?? throw new InvalidOperationException($"{_spec.Key}: no deep-only article for a hidden dead link");
                    var file = $"P0{page.Date:yyyyMMdd}{_rng.Next(100000, 999999)}.pdf";
                    page.Extras.Add($"<p class=\"fj\">附件：<a href=\"./{file}\">附件下载</a></p>");
                    Expect(_origin + ColumnDir(page.Path) + file, "http-4xx",
                        Hanweb ? "on an article listed only in a datastore" : "on an article listed only on a createPageHTML page");
                    break;
                }
                case Dead.DeletedArticle:
                {
                    // A list item whose document was deleted. Hanweb: on the homepage (its lists are datastores).
                    var listPath = Hanweb ? "/col/col1001/index.html" : _columnPath["policy"];
                    var date = Today.AddDays(-_rng.Next(200, 600));
                    var target = ArticlePath(_columnPath["policy"], date);
                    Find(listPath).Extras.Add($"<ul class=\"list\"><li><a href=\"{Relative(listPath, target)}\" title=\"已撤回的文件\">{_spec.County}关于调整部分行政事业性收费的通知</a><span>{date:yyyy-MM-dd}</span></li></ul>");
                    Expect(_origin + target, "http-4xx", "list item of a deleted document");
                    break;
                }
                case Dead.Gone410:
                {
                    var date = Today.AddDays(-_rng.Next(400, 900));
                    var target = ArticlePath(_columnPath["policy"], date);
                    _server.Status(target, StatusCodes.Status410Gone);
                    PickArticles(1)[0].Extras.Add($"<p>原文：<a href=\"{target}\">已废止的文件</a></p>");
                    Expect(_origin + target, "http-4xx", "410 Gone");
                    break;
                }
                case Dead.Forbidden403:
                {
                    const string target = "/uploads/neibu/2025/mingdan.xls";
                    _server.Status(target, StatusCodes.Status403Forbidden);
                    PickArticles(1)[0].Extras.Add($"<p>附件：<a href=\"{target}\">名单.xls</a></p>");
                    Expect(_origin + target, "http-4xx", "403 Forbidden");
                    break;
                }
                case Dead.MissingImage:
                {
                    var page = PickArticles(1)[0];
                    var file = $"W0{page.Date:yyyyMMdd}{_rng.Next(100000, 999999)}.jpg";
                    page.Extras.Add($"<p style=\"text-align:center\"><img src=\"./{file}\" alt=\"现场图片\"></p>");
                    Expect(_origin + ColumnDir(page.Path) + file, "http-4xx", "<img src> of a missing picture");
                    break;
                }
                case Dead.FooterDead404:
                    _footerExtras.Add("<a href=\"/wzdt/index.html\">网站地图</a>");
                    Expect(_origin + "/wzdt/index.html", "http-4xx", "in the footer of every page");
                    break;
                case Dead.Error500:
                {
                    // 在线访谈 system: broken, linked from the homepage, the interaction page and an article.
                    const string target = "/hdjl/zxft/index.html";
                    _server.Status(target, StatusCodes.Status500InternalServerError);
                    foreach (var page in new[] { Find(Hanweb ? "/col/col1001/index.html" : "/index.html"), Find(_interactPath), PickArticles(1)[0] })
                        page.Extras.Add($"<p><a href=\"{target}\">在线访谈</a></p>");
                    Expect(_origin + target, "http-5xx", "500, three referrers");
                    break;
                }
                case Dead.Unavailable503:
                {
                    const string target = "/zxzx/index.jsp";
                    _server.Status(target, StatusCodes.Status503ServiceUnavailable);
                    foreach (var page in PickArticles(2)) page.Extras.Add($"<p><a href=\"{target}\">在线咨询</a></p>");
                    Expect(_origin + target, "http-5xx", "503 on every request");
                    break;
                }
                case Dead.RedirectLoop:
                    _server.Redirect("/wsbs/index.html", "/wsbs/index.jsp").Redirect("/wsbs/index.jsp", "/wsbs/index.html");
                    foreach (var page in PickArticles(2)) page.Extras.Add("<p><a href=\"/wsbs/index.html\">网上办事</a></p>");
                    Expect(_origin + "/wsbs/index.html", "redirect-loop", "/wsbs/index.html ↔ /wsbs/index.jsp");
                    break;
                case Dead.TooManyRedirects:
                {
                    // A chain of 15 redirects before a real page: more than any sane client follows (the tool's limit is 10).
                    for (var i = 1; i <= 15; i++) _server.Redirect($"/tiaozhuan/{i}", $"/tiaozhuan/{i + 1}");
                    _server.Html("/tiaozhuan/16", "<html><body>终点</body></html>");
                    PickArticles(1)[0].Extras.Add("<p><a href=\"/tiaozhuan/1\">专题网站</a></p>");
                    Expect(_origin + "/tiaozhuan/1", "too-many-redirects", "15 redirects");
                    break;
                }
                case Dead.SoftNotFoundPage:
                {
                    var target = ArticlePath(_columnPath["policy"], Today.AddDays(-_rng.Next(300, 700)));
                    _server.Html(target, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>页面不存在</title></head>" +
                                         "<body><div class=\"error\"><h2>抱歉，您访问的页面不存在或已被删除！</h2><p><a href=\"/\">返回首页</a></p></div></body></html>");
                    PickArticles(1)[0].Extras.Add($"<p>相关文件：<a href=\"{target}\">{_spec.County}关于印发有关实施意见的通知</a></p>");
                    Expect(_origin + target, "soft-404", "200 saying 页面不存在");
                    break;
                }
                case Dead.SoftRedirectHome:
                {
                    var target = ArticlePath(_noticesPath, Today.AddDays(-_rng.Next(300, 700)));
                    _server.Redirect(target, "/");
                    PickArticles(1)[0].Extras.Add($"<p>详见：<a href=\"{target}\">原通知</a></p>");
                    Expect(_origin + target, "soft-404", "a deleted notice redirects to the homepage");
                    break;
                }
                case Dead.SharedExt410:
                    foreach (var page in PickArticles(2)) page.Extras.Add($"<p>转载自：<a href=\"{_shared.Gone}\">上级通知</a></p>");
                    Expect(_shared.Gone, "http-4xx", "outside 410, also linked from other portals");
                    break;
                case Dead.SharedExt404:
                    foreach (var page in PickArticles(2)) page.Extras.Add($"<p>参见：<a href=\"{_shared.Missing}\">市政府信息公开</a></p>");
                    Expect(_shared.Missing, "http-4xx", "outside 404, also linked from other portals");
                    break;
                case Dead.Refused:
                {
                    var url = $"http://127.0.0.1:{RefusedPort.Get()}/";
                    _footerExtras.Add($"<a href=\"{url}\" target=\"_blank\">{_spec.County}融媒体中心</a>");
                    Expect(url, "connection", "a site that is down, in the footer of every page");
                    break;
                }
                case Dead.RefusedOnce:
                {
                    var url = $"http://127.0.0.1:{RefusedPort.Get()}/index.html";
                    PickArticles(1)[0].Extras.Add($"<p><a href=\"{url}\">专题网站</a></p>");
                    Expect(url, "connection", "a site that is down");
                    break;
                }
                case Dead.DnsShared:
                    foreach (var page in PickArticles(2)) page.Extras.Add($"<p><a href=\"{Shared.DnsShared}\">原专题网站</a></p>");
                    Expect(Shared.DnsShared, "dns", "host under .invalid, also on another portal");
                    break;
                case Dead.DnsOwn:
                {
                    var url = $"http://www.{_spec.Key}-old.invalid/";
                    Find(Hanweb ? "/col/col1001/index.html" : "/index.html").Extras.Add($"<p>友情链接：<a href=\"{url}\">{_spec.County}政府网（旧版）</a></p>");
                    Expect(url, "dns", "the county's old domain");
                    break;
                }
                case Dead.Timeout:
                {
                    var url = _shared.Silent.Url($"/{_spec.Key}/index.html");
                    PickArticles(1)[0].Extras.Add($"<p><a href=\"{url}\">政务服务网</a></p>");
                    Expect(url, "timeout", "the silent port");
                    break;
                }
                case Dead.Tls:
                {
                    var url = _shared.Tls.Url($"/{_spec.Key}/index.html");
                    PickArticles(1)[0].Extras.Add($"<p><a href=\"{url}\">数据开放平台</a></p>");
                    Expect(url, "tls", "self-signed certificate");
                    break;
                }
                case Dead.BaseHref404:
                {
                    var folder = ColumnDir(_columnPath["statutory"]);
                    Find(folder + "jgzn/index.html").Extras.Add("<p><a href=\"jgzn/ldxx_2019.html\">2019年领导分工（已调整）</a></p>");
                    Expect(_origin + folder + "jgzn/ldxx_2019.html", "http-4xx", "relative link resolved against <base href>");
                    break;
                }
                case Dead.UpperHost404:
                {
                    var upper = _origin.Replace("localhost", "LOCALHOST");
                    PickArticles(1)[0].Extras.Add($"<p><a href=\"{upper}/xxgk/zcjd/201905/t20190510_12.html\">旧版解读</a></p>");
                    Expect(_origin + "/xxgk/zcjd/201905/t20190510_12.html", "http-4xx", "host written in capitals");
                    break;
                }
                default:
                    throw new ArgumentOutOfRangeException(nameof(dead), dead, null);
            }
        }

        private void Expect(string url, string reason, string note) =>
            _expected.Add(new ExpectedFinding(_spec.Name, SiteUrl, "link.dead", url, reason, note));

        /// <summary>Articles that any crawler reaches through plain links (not only through pagination or datastores).</summary>
        private List<Page> PickArticles(int count) =>
            _pages.Where(p => p.Kind == PageKind.Article && !p.DeepOnly && p.BaseHref is null && !_transient.Contains(p.Path))
                .OrderBy(p => p.Path, StringComparer.Ordinal).ToList()
                .OrderBy(_ => _rng.Next()).Take(count).ToList() is { Count: > 0 } picked && picked.Count == count
                ? picked
                : throw new InvalidOperationException($"{_spec.Key}: not enough plainly linked articles");

        // ---------------------------------------------------------------- rendering

        private Page Add(Page page)
        {
            if (_pages.Any(p => p.Path == page.Path)) throw new InvalidOperationException($"{_spec.Key}: two pages at {page.Path}");
            _pages.Add(page);
            return page;
        }

        private Page Find(string path) => _pages.Single(p => p.Path == path);

        private static string Dir(string path) => path.EndsWith("/index.html", StringComparison.Ordinal) && !path.StartsWith("/col/", StringComparison.Ordinal)
            ? path[..^"index.html".Length]
            : path;

        private void Register()
        {
            var css = "body{font:14px/1.7 sans-serif;margin:0}.main{max-width:1100px;margin:auto}.list li span{float:right}"u8.ToArray();
            _server.Bytes("/css/main.css", css, "text/css");
            _server.Bytes("/js/common.js", Encoding.ASCII.GetBytes(
                "function createPageHTML(t,c,n,e){if(t<=1)return;for(var i=0;i<t;i++){document.write(i==c?'<span>'+(i+1)+'</span>':'<a href=\"'+(i==0?n+'.'+e:n+'_'+i+'.'+e)+'\">'+(i+1)+'</a>');}}"),
                "application/javascript");
            foreach (var image in new[] { "/images/logo.png", "/images/banner.png", "/images/jiucuo.png", "/favicon.ico" })
                _server.Bytes(image, Png, "image/png");
            if (Hanweb)
            {
                _server.Bytes("/module/jslib/jquery/jpage/dataproxy.js", "/* dataproxy */"u8.ToArray(), "application/javascript");
                _server.MapPrefix("/module/web/jpage/dataproxy.jsp", ctx =>
                    FakeServer.WriteAsync(ctx, 200, "<datastore><recordset></recordset></datastore>"u8.ToArray(), "text/xml; charset=utf-8"));
            }
            foreach (var (path, headRefusal) in _attachments)
            {
                _server.Bytes(path, "%PDF-1.4\n%farm attachment\n"u8.ToArray(), path.EndsWith(".xls") ? "application/vnd.ms-excel" : "application/pdf");
                if (headRefusal is not null) _server.RefuseHead(int.Parse(headRefusal), path);
            }

            var half = 0;
            foreach (var page in _pages.Concat(_queryOnly))
            {
                var html = Render(page);
                var paths = _queryOnly.Contains(page) ? page.Aliases : page.Aliases.Prepend(page.Path).ToList();
                foreach (var path in paths)
                {
                    RegisterHtml(path, html, half++);
                    if (!path.Contains('?') && path.EndsWith("/index.html", StringComparison.Ordinal) && path != "/index.html" && !Hanweb)
                    {
                        var dir = path[..^"index.html".Length];
                        RegisterHtml(dir, html, half++);
                        _server.Redirect(dir.TrimEnd('/'), dir, 301); // like nginx: /xxgk → /xxgk/
                    }
                }
            }
            foreach (var path in _transient) _server.FailFirst(path, 1, StatusCodes.Status503ServiceUnavailable);
            foreach (var path in _slow) _server.Delay(path, TimeSpan.FromMilliseconds(1500));
        }

        private void RegisterHtml(string path, string html, int n)
        {
            switch (_spec.Charset)
            {
                case Charset.GbkHeaderAndMeta:
                    _server.Bytes(path, TextEncodings.EncodeGbk(html), "text/html; charset=GBK");
                    break;
                case Charset.GbkMetaOnly:
                    _server.Bytes(path, TextEncodings.EncodeGbk(html), "text/html");
                    break;
                case Charset.Utf8SometimesNoHeader when n % 2 == 1:
                    _server.Html(path, html, "utf-8", headerCharset: false);
                    break;
                default:
                    _server.Html(path, html);
                    break;
            }
        }

        private string Render(Page page)
        {
            var charsetMeta = _spec.Charset switch
            {
                Charset.GbkHeaderAndMeta => "<meta charset=\"gb2312\">",
                Charset.GbkMetaOnly => "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
                _ => "<meta charset=\"utf-8\">",
            };
            var sb = new StringBuilder();
            sb.Append($"""
                <!DOCTYPE html>
                <html>
                <head>
                {charsetMeta}
                <meta http-equiv="X-UA-Compatible" content="IE=Edge">
                <meta name="SiteName" content="{_spec.Name}">
                <meta name="SiteDomain" content="www.{_spec.Key}.gov.cn">
                <meta name="ColumnName" content="{page.Column}">

                """);
            if (page.Kind == PageKind.Article)
            {
                sb.Append($"""
                    <meta name="ArticleTitle" content="{page.Title}">
                    <meta name="PubDate" content="{page.Date:yyyy-MM-dd} {_rng.Next(8, 18):00}:{_rng.Next(0, 60):00}">
                    <meta name="Url" content="http://www.{_spec.Key}.gov.cn{page.Path}">

                    """);
            }
            if (page.BaseHref is not null) sb.Append($"<base href=\"{page.BaseHref}\">\n");
            sb.Append($"""
                <title>{page.Title}_{_spec.Name}</title>
                <link rel="stylesheet" type="text/css" href="/css/main.css">
                <link rel="shortcut icon" href="/favicon.ico">
                <script type="text/javascript" src="/js/common.js"></script>
                </head>
                <body>
                <a name="top"></a>
                <div class="header">
                  <div class="top_links"><a href="javascript:;">无障碍浏览</a> <a hhref="javascript:;">长者模式</a> <a ms-attr-href="logoutUrl">注销</a>
                    <a href="{_shared.ServicePortal(_spec.Key)}">办事服务</a></div>
                  <div class="logo"><a href="/"><img src="/images/logo.png" alt="{_spec.Name}"></a></div>
                  <ul class="nav">
                    <li><a href="/">首页</a></li>
                    <li><a href="{Dir(_landingPath ?? _sectionPath)}">{_sectionNavLabel}</a></li>
                    <li><a href="{Dir(_newsPath)}">新闻中心</a></li>
                    <li><a href="{Dir(_noticesPath)}">通知公告</a></li>
                    <li><a href="{Dir(_interactPath)}">互动交流</a></li>
                  </ul>
                </div>
                <div class="main">

                """);
            if (page.InSection && _sectionMenu.Count > 0)
            {
                sb.Append("<div class=\"info_menu_list\"><ul>\n");
                foreach (var (label, href, _) in _sectionMenu)
                    sb.Append($"  <li><h3><a href=\"{Dir(href)}\"><i class=\"icon\"></i><span>{label}</span></a></h3></li>\n");
                sb.Append("</ul></div>\n");
            }
            sb.Append($"<div class=\"crumb\">当前位置：<a href=\"{(page.BaseHref is null ? Relative(page.Path, "/") : "/")}\">首页</a>");
            if (page.InSection) sb.Append($" &gt; <a href=\"{Dir(_sectionPath)}\">政府信息公开</a>");
            sb.Append($" &gt; <span>{page.Column}</span></div>\n");
            if (page.Kind == PageKind.Article)
            {
                sb.Append($"""
                    <div class="article">
                      <h1>{page.Title}</h1>
                      <div class="info"><span>发布时间：{page.Date:yyyy-MM-dd}</span><span>来源：{Words.Depts[page.Path.Sum(c => c) % Words.Depts.Length]}</span></div>
                      <div class="TRS_Editor">
                    {page.Body}  </div>

                    """);
                foreach (var extra in page.Extras) sb.Append("  ").Append(extra).Append('\n');
                sb.Append("""
                      <div class="share"><a ms-attr-href="share.sina" target="_blank">微博</a> <a ms-attr-href="el.url">复制链接</a>
                        <a href="javascript:window.print()">打印本页</a> <a href="#">关闭窗口</a></div>
                    </div>

                    """);
            }
            else
            {
                sb.Append(page.Body);
                foreach (var extra in page.Extras) sb.Append(extra).Append('\n');
            }
            sb.Append($"""
                </div>
                <div class="footer">
                  <div class="links">相关链接：
                    <a href="{_shared.GovCn}" target="_blank">中国政府网</a>
                    <a href="{_shared.Province}" target="_blank">省人民政府</a>
                    <a href="{_shared.City}" target="_blank">市人民政府</a>
                    {string.Join("\n    ", _footerExtras)}
                  </div>
                  <!-- <a href="/old-zt/index.html">旧版专题</a> -->
                  <p>主办：{_spec.County}人民政府办公室　<a href="mailto:zwgk@{_spec.Key}.example.gov.cn">联系我们</a>　电话：<a href="tel:0571-88100000">0571-88100000</a></p>
                  <p><a href="{_shared.Jiucuo(_spec.Key)}"><img src="/images/jiucuo.png" alt="政府网站找错"></a>
                     <img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" alt="">
                     <a href="#top">返回顶部</a></p>
                </div>
                </body>
                </html>

                """);
            return sb.ToString();
        }

        /// <summary>The relative href from page <paramref name="from"/> to <paramref name="to"/> (both absolute paths).</summary>
        private static string Relative(string from, string to)
        {
            var fromDir = from[..(from.LastIndexOf('/') + 1)].Split('/', StringSplitOptions.RemoveEmptyEntries);
            var toDirEnd = to.LastIndexOf('/') + 1;
            var toDir = to[..toDirEnd].Split('/', StringSplitOptions.RemoveEmptyEntries);
            var file = to[toDirEnd..];
            var common = 0;
            while (common < fromDir.Length && common < toDir.Length && fromDir[common] == toDir[common]) common++;
            var up = fromDir.Length - common;
            var rel = (up == 0 ? "./" : string.Concat(Enumerable.Repeat("../", up))) + string.Concat(toDir.Skip(common).Select(s => s + "/")) + file;
            return rel;
        }
    }

    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}
