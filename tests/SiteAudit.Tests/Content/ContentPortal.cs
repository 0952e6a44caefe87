using System.Text;
using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Content;

/// <summary>
/// A small TRS-style county portal on a <see cref="FakeServer"/> for one content rule at a time: a homepage, a
/// 政府信息公开 section page whose menu lists the columns added, and column/article pages inside one template (header
/// nav, section menu, breadcrumb, footer). Dates are written relative to today in China, as the audit reads them.
/// </summary>
public sealed class ContentPortal
{
    private readonly FakeServer _server;
    private readonly List<(string Label, string Path)> _menu = [];
    private readonly List<(string Path, string Title, string Body, string? PubDate, bool InSection)> _pages = [];
    private string _homeBody = "";

    public ContentPortal(FakeServer server) => _server = server;

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public static string Day(int daysAgo) => Today.AddDays(-daysAgo).ToString("yyyy-MM-dd");

    public string Url(string path) => _server.Url(path);

    public ContentPortal Home(string body)
    {
        _homeBody = body;
        return this;
    }

    /// <summary>A column in the section menu whose page lists <paramref name="items"/> (title, path, days ago), or says 暂无信息.</summary>
    public ContentPortal Column(string label, string path, params (string Title, string Path, int DaysAgo)[] items)
    {
        _menu.Add((label, path));
        var body = items.Length == 0
            ? $"<div class=\"list_box\"><h2>{label}</h2><ul class=\"list\"></ul><p class=\"empty\">暂无信息</p></div>"
            : $"<div class=\"list_box\"><h2>{label}</h2><ul class=\"list\">\n" +
              string.Concat(items.Select(i => $"<li><a href=\"{i.Path}\" title=\"{i.Title}\">{i.Title}</a><span>{Day(i.DaysAgo)}</span></li>\n")) + "</ul></div>";
        return Page(path, label, body);
    }

    /// <summary>A column in the section menu with a page body of its own.</summary>
    public ContentPortal ColumnPage(string label, string path, string body)
    {
        _menu.Add((label, path));
        return Page(path, label, body);
    }

    /// <summary>An article with a PubDate and 发布时间 <paramref name="daysAgo"/> days ago.</summary>
    public ContentPortal Article(string path, string title, int daysAgo, string body = "<p>正文。</p>") =>
        Page(path, title, $"""
            <div class="article"><h1>{title}</h1><div class="info">发布时间：{Day(daysAgo)}</div>
            <div class="TRS_Editor">{body}</div></div>
            """, pubDate: Day(daysAgo));

    public ContentPortal Page(string path, string title, string body, string? pubDate = null, bool inSection = true)
    {
        _pages.Add((path, title, body, pubDate, inSection));
        return this;
    }

    /// <summary>Registers every page on the server; returns the homepage URL.</summary>
    public string Serve()
    {
        _server.Html("/", Render("首页", _homeBody, null, inSection: false));
        _server.Html("/xxgk/", Render("政府信息公开", "<div class=\"boxes\"><p>政府信息公开专栏</p></div>", null, inSection: true));
        foreach (var (path, title, body, pubDate, inSection) in _pages) _server.Html(path, Render(title, body, pubDate, inSection));
        return _server.Url("/");
    }

    private string Render(string title, string body, string? pubDate, bool inSection)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\">");
        if (pubDate is not null) sb.Append($"<meta name=\"PubDate\" content=\"{pubDate} 09:30\">");
        sb.Append($"<title>{title}_测试县人民政府</title></head><body>\n");
        sb.Append("<div class=\"header\"><ul class=\"nav\"><li><a href=\"/\">首页</a></li><li><a href=\"/xxgk/\">政府信息公开</a></li></ul></div>\n");
        if (inSection)
        {
            sb.Append("<div class=\"info_menu_list\"><ul>\n");
            foreach (var (label, path) in _menu) sb.Append($"<li><a href=\"{path}\">{label}</a></li>\n");
            sb.Append("</ul></div>\n");
            sb.Append($"<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/xxgk/\">政府信息公开</a> &gt; {title}</div>\n");
        }
        sb.Append(body).Append('\n');
        sb.Append("<div class=\"footer\"><p>主办：测试县人民政府办公室　电话：0571-88100000</p></div>\n</body></html>");
        return sb.ToString();
    }
}
