using System.Text.RegularExpressions;
using HandlebarsDotNet;

namespace SiteAudit.Reporting;

/// <summary>
/// The Handlebars templates of the HTML reports, loaded and compiled once from a folder:
/// <c>index.hbs</c> (summary), <c>site.hbs</c> (one site) and <c>partials/*.hbs</c> (each registered under its
/// file name without extension). Escaping is always on; triple-stash and <c>{{&amp;…}}</c> are refused because
/// every value in the view models is crawled data or derived from it.
/// </summary>
internal sealed partial class ReportTemplates
{
    public const string IndexFile = "index.hbs";
    public const string SiteFile = "site.hbs";
    public const string PartialsFolder = "partials";

    private readonly HandlebarsTemplate<TextWriter, object, object> index;
    private readonly HandlebarsTemplate<TextWriter, object, object> site;
    private readonly string indexPath;
    private readonly string sitePath;

    private ReportTemplates(string indexPath, HandlebarsTemplate<TextWriter, object, object> index,
        string sitePath, HandlebarsTemplate<TextWriter, object, object> site, string contentSecurityPolicy)
    {
        this.indexPath = indexPath;
        this.index = index;
        this.sitePath = sitePath;
        this.site = site;
        ContentSecurityPolicy = contentSecurityPolicy;
    }

    /// <summary>
    /// The pages' Content-Security-Policy (<c>{{csp}}</c> in the templates): nothing from the network, inline style,
    /// images only from data: URIs and files beside the report, and exactly the inline scripts of these templates
    /// (by their SHA-256 hashes), so no injected script could ever run.
    /// </summary>
    public string ContentSecurityPolicy { get; }

    public static ReportTemplates Load(string directory)
    {
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
            throw new ReportTemplateException($"Report templates folder not found: {root}", root);

        var handlebars = Handlebars.Create(new HandlebarsConfiguration
        {
            TextEncoder = new HtmlTextEncoder(),
            NoEscape = false,
        });

        var sources = new Dictionary<string, string>(StringComparer.Ordinal); // path → source
        var partialsDir = Path.Combine(root, PartialsFolder);
        var partialNames = new HashSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(partialsDir))
        {
            foreach (var path in Directory.GetFiles(partialsDir, "*.hbs").Order(StringComparer.Ordinal))
            {
                var source = Read(path);
                sources[path] = source;
                var name = Path.GetFileNameWithoutExtension(path);
                handlebars.RegisterTemplate(name, Compile(handlebars, path, source));
                partialNames.Add(name);
            }
        }

        var indexPath = Path.Combine(root, IndexFile);
        var sitePath = Path.Combine(root, SiteFile);
        var index = Compile(handlebars, indexPath, sources[indexPath] = Read(indexPath));
        var site = Compile(handlebars, sitePath, sources[sitePath] = Read(sitePath));

        // A partial that does not exist would only fail when a page happens to reach it: check them all now.
        foreach (var (path, source) in sources)
            foreach (Match m in PartialReference().Matches(source))
                if (!partialNames.Contains(m.Groups["name"].Value))
                    throw new ReportTemplateException(
                        $"Report template {path} line {LineOf(source, m.Index)}: partial '{m.Groups["name"].Value}' not found " +
                        $"(expected {Path.Combine(partialsDir, m.Groups["name"].Value + ".hbs")})", path);

        var hashes = new List<string>();
        foreach (var (path, source) in sources)
            foreach (Match m in ScriptElement().Matches(source))
            {
                if (m.Groups["attrs"].Value.Contains("src", StringComparison.OrdinalIgnoreCase))
                    throw new ReportTemplateException(
                        $"Report template {path} line {LineOf(source, m.Index)}: scripts must be inline (reports load nothing from the network)", path);
                if (m.Groups["body"].Value.Contains("{{", StringComparison.Ordinal))
                    throw new ReportTemplateException(
                        $"Report template {path} line {LineOf(source, m.Index)}: an inline script must be plain text without {{{{…}}}}; " +
                        "give it data through data- attributes of the page", path);
                var hash = ScriptHash(m.Groups["body"].Value);
                if (!hashes.Contains(hash)) hashes.Add(hash);
            }
        var scriptSrc = hashes.Count == 0 ? "" : $"script-src {string.Join(' ', hashes)}; ";
        var csp = $"default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self'; {scriptSrc}base-uri 'none'; form-action 'none'";

        return new ReportTemplates(indexPath, index, sitePath, site, csp);
    }

    /// <summary>
    /// The CSP source of an inline script: the SHA-256 of its text as the browser sees it, after the HTML parser
    /// has turned CR LF and CR into LF (a template saved with Windows line ends still matches).
    /// </summary>
    internal static string ScriptHash(string body)
    {
        var text = body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return $"'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))}'";
    }

    public string RenderIndex(object model) => Render(index, indexPath, model);

    public string RenderSite(object model) => Render(site, sitePath, model);

    private static string Render(HandlebarsTemplate<TextWriter, object, object> template, string path, object model)
    {
        using var writer = new StringWriter();
        try
        {
            template(writer, model, null!);
        }
        catch (HandlebarsException e)
        {
            throw new ReportTemplateException($"Report template {path} failed to render: {e.Message}", path, e);
        }
        return writer.ToString();
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportTemplateException($"Report template {path} cannot be read: {e.Message}", path, e);
        }
    }

    private static HandlebarsTemplate<TextWriter, object, object> Compile(IHandlebars handlebars, string path, string source)
    {
        var raw = RawOutput().Match(source);
        if (raw.Success)
            throw new ReportTemplateException(
                $"Report template {path} line {LineOf(source, raw.Index)}: unescaped output '{raw.Value}' is not allowed; " +
                "use {{value}} (reports show crawled text, which must stay escaped)", path);
        try
        {
            // Handlebars.Net 2.4.3 writes an indented standalone partial ("  {{> x}}" alone on its line) through an
            // indenting writer that skips the text encoder: every value inside came out unescaped. Indentation of
            // partial output means nothing in HTML, so it is dropped before compiling (line numbers stay).
            using var reader = new StringReader(IndentedPartial().Replace(source, ""));
            return handlebars.Compile(reader);
        }
        catch (HandlebarsException e)
        {
            throw new ReportTemplateException($"Report template {path} has a syntax error: {e.Message}", path, e);
        }
    }

    private static int LineOf(string source, int index) => source.AsSpan(0, index).Count('\n') + 1;

    /// <summary>{{{x}}}, {{&amp;x}} and their whitespace-control forms {{~{x}~}} / {{~&amp;x}}.</summary>
    [GeneratedRegex(@"\{\{~?\s*[{&]")]
    private static partial Regex RawOutput();

    /// <summary>The blanks before a partial call at the start of a line.</summary>
    [GeneratedRegex(@"^[ \t]+(?=\{\{~?\s*#?>)", RegexOptions.Multiline)]
    private static partial Regex IndentedPartial();

    /// <summary>A literal &lt;script …&gt;…&lt;/script&gt; in a template source.</summary>
    [GeneratedRegex(@"<script\b(?<attrs>[^>]*)>(?<body>.*?)</script\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptElement();

    /// <summary>{{> name}}, {{#> name}} (partial blocks), with optional ~; dynamic partials (…) are not checked.</summary>
    [GeneratedRegex(@"\{\{~?\s*#?>\s*(?<name>[A-Za-z0-9_\-./]+)")]
    private static partial Regex PartialReference();
}
