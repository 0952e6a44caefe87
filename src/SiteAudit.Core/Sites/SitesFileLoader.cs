using System.Globalization;
using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;
using SiteAudit.Core.Urls;
using YamlDotNet.RepresentationModel;

namespace SiteAudit.Core.Sites;

/// <summary>
/// Reads the sites file (CONTRACT.md "Sites file") into <see cref="SiteTarget"/>s, or makes one from `audit --url`.
/// Every problem of the file (and of the profiles it names) is reported with file and line, all in one
/// <see cref="InputException"/>.
/// </summary>
public static class SitesFileLoader
{
    public const string DefaultProfile = "county-portal";

    public static readonly IReadOnlyList<string> FileKeys = ["sites"];
    public static readonly IReadOnlyList<string> SiteKeys = ["name", "url", "profile", "scope", "region"];

    public static IReadOnlyList<SiteTarget> Load(string path, ProfileCatalog catalog, string defaultProfile = DefaultProfile)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException(path, 0, $"无法读取站点文件：{e.Message}");
        }

        var reader = new YamlInputReader(path);
        var profileProblems = new List<InputProblem>();
        var targets = new List<SiteTarget>();
        if (reader.ParseMapping(text) is { } root)
        {
            var file = reader.Fields(root, FileKeys);
            var sites = file.Sequence("sites", required: true);
            if (sites is { Children.Count: 0 }) reader.Report(file.LineOf("sites"), "sites 列表为空：至少写一个站点");
            var firstLineOfUrl = new Dictionary<string, int>(StringComparer.Ordinal);
            var slugs = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in sites?.Children ?? [])
            {
                if (item is not YamlMappingNode map)
                {
                    reader.Report(item, $"sites 的每一项应为映射（name, url, profile, scope），实际为{YamlInputReader.Describe(item)}");
                    continue;
                }
                var site = reader.Fields(map, SiteKeys);
                var name = site.String("name", required: true);

                Uri? url = null;
                if (site.String("url", required: true) is { } urlText)
                {
                    url = ParseSiteUrl(urlText, out var why);
                    if (url is null) reader.Report(site.LineOf("url"), why);
                    else if (!firstLineOfUrl.TryAdd(url.AbsoluteUri, site.LineOf("url")))
                    {
                        reader.Report(site.LineOf("url"), $"网址 {url.AbsoluteUri} 重复：第 {firstLineOfUrl[url.AbsoluteUri]} 行的站点已使用");
                        url = null;
                    }
                }

                var profileName = site.String("profile") ?? defaultProfile;
                var before = profileProblems.Count;
                var profile = catalog.TryResolve(profileName, path, path, site.LineOf("profile"), profileProblems);
                if (profile is null && profileProblems.Skip(before).Any(p => p.File != path))
                    reader.Report(site.LineOf("profile"), $"配置 “{profileName}” 有错误（见该配置文件的问题）");

                var scope = ReadScope(reader, site);
                var region = site.String("region") is { } r && !string.IsNullOrWhiteSpace(r) ? r.Trim() : null;
                if (name is not null && url is not null && profile is not null && scope is not null)
                    targets.Add(new SiteTarget(name, url, Slug.Unique(Slug.FromUrl(url), slugs), profile, scope, region));
            }
        }

        if (reader.HasProblems || profileProblems.Count > 0)
        {
            // This file's problems by line first, then those of the profiles it names.
            throw new InputException(reader.Problems.Concat(profileProblems).Distinct()
                .OrderBy(p => p.File == path ? 0 : 1).ThenBy(p => p.File == path ? p.Line : 0).ToList());
        }
        return targets;
    }

    /// <summary>
    /// The target for `audit --url URL [--name NAME] [--profile ID|PATH]`: the name defaults to the host, the
    /// profile to county-portal (a path is taken relative to the current directory).
    /// </summary>
    public static SiteTarget FromUrl(string url, string? name, string? profile, ProfileCatalog catalog)
    {
        var uri = ParseSiteUrl(url, out var why) ?? throw new InputException("--url", 0, why);
        var resolved = catalog.Resolve(string.IsNullOrWhiteSpace(profile) ? DefaultProfile : profile.Trim());
        var siteName = string.IsNullOrWhiteSpace(name) ? UnicodeHost(uri) : name.Trim();
        return new SiteTarget(siteName, uri, Slug.FromUrl(uri), resolved, []);
    }

    /// <summary>An absolute http(s) URL, normalised (UrlNormalizer); null with the reason otherwise.</summary>
    public static Uri? ParseSiteUrl(string text, out string problem)
    {
        var trimmed = text.Trim();
        problem = "";
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0)
            return UrlNormalizer.Normalize(uri);
        problem = uri is { Scheme: not ("file" or "http" or "https") }
            ? $"网址 “{trimmed}” 无效：只支持 http:// 和 https:// 网址"
            : trimmed.Contains("://", StringComparison.Ordinal)
                ? $"网址 “{trimmed}” 无效：应为以 http:// 或 https:// 开头的完整网址"
                : $"网址 “{trimmed}” 无效：缺少 http:// 或 https://（例如 http://www.example.gov.cn/）";
        return null;
    }

    private static string UnicodeHost(Uri uri)
    {
        try
        {
            return new IdnMapping().GetUnicode(uri.IdnHost);
        }
        catch (ArgumentException)
        {
            return uri.Host;
        }
    }

    /// <summary>`scope`: host names (a URL is accepted and its host taken), lower-case, IDN in ASCII form; null on problems.</summary>
    private static IReadOnlyList<string>? ReadScope(YamlInputReader reader, YamlFields site)
    {
        if (!site.HasValue("scope")) return [];
        var before = reader.Problems.Count;
        var items = site.StringList("scope");
        if (items is null || reader.Problems.Count > before) return null;
        var hosts = new List<string>();
        var seq = (YamlSequenceNode)site.Value("scope")!;
        for (var i = 0; i < items.Count; i++)
        {
            var host = ScopeHost(items[i]);
            if (host is null) reader.Report(seq.Children[i], $"scope 的第 {i + 1} 项 “{items[i]}” 不是有效的主机名（例如 xxgk.example.gov.cn）");
            else if (!hosts.Contains(host)) hosts.Add(host);
        }
        return reader.Problems.Count > before ? null : hosts;
    }

    private static string? ScopeHost(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal))
            return Uri.TryCreate(text, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)
                ? u.IdnHost.ToLowerInvariant()
                : null;
        string ascii;
        try
        {
            ascii = new IdnMapping().GetAscii(text.TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
        return Uri.CheckHostName(ascii) is UriHostNameType.Dns or UriHostNameType.IPv4 ? ascii : null;
    }
}
