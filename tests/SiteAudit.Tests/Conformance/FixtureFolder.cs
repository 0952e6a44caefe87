using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using SiteAudit.Tests.Fakes;

namespace SiteAudit.Tests.Conformance;

/// <summary>
/// Serves a corpus folder from a <see cref="FakeServer"/> the way a plain web server does: files as they are, the
/// content type decided by the extension (HTML without a charset, so the page's own meta tag decides), a folder
/// without its trailing slash redirected to it (301), a folder answered by its index.html, else 404 — or, when
/// <see cref="Options.Listing"/>, a directory listing as Python's http.server gives (linkchecker's test server).
/// </summary>
public static class FixtureFolder
{
    /// <param name="Listing">Folders without an index page answer a listing instead of 404.</param>
    /// <param name="Placeholders">
    /// Files the upstream repository has but the corpus left out (only some file types were copied), relative to the
    /// served folder: answered 200 with a few bytes, so the peer's expectation that they exist still holds.
    /// </param>
    /// <param name="Routes">Paths answered with a fixed status, e.g. a mocked "/ok" (200) and "/broken" (404).</param>
    public sealed record Options(bool Listing = false, IReadOnlyList<string>? Placeholders = null,
        IReadOnlyDictionary<string, int>? Routes = null);

    private static readonly FileExtensionContentTypeProvider Types = CreateTypes();

    /// <summary>A new server on 127.0.0.1 serving <paramref name="root"/> at "/".</summary>
    public static async Task<FakeServer> StartAsync(string root, Options? options = null)
    {
        var server = await FakeServer.StartAsync();
        Serve(server, root, options ?? new Options());
        return server;
    }

    public static void Serve(FakeServer server, string root, Options options)
    {
        var fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot)) throw new InvalidOperationException($"TEST CORPUS FOLDER MISSING: {fullRoot}");
        var placeholders = new HashSet<string>((options.Placeholders ?? []).Select(p => "/" + p.TrimStart('/')), StringComparer.Ordinal);
        server.MapPrefix("/", ctx => AnswerAsync(ctx, fullRoot, options, placeholders));
    }

    private static Task AnswerAsync(HttpContext ctx, string root, Options options, HashSet<string> placeholders)
    {
        var path = ctx.Request.Path.Value is { Length: > 0 } p ? p : "/";
        if (options.Routes?.TryGetValue(path, out var status) == true)
            return FakeServer.WriteAsync(ctx, status, Encoding.UTF8.GetBytes($"<html><body>{status}</body></html>"), "text/html");
        if (placeholders.Contains(path))
            return FakeServer.WriteAsync(ctx, StatusCodes.Status200OK, "placeholder"u8.ToArray(), ContentType(path));

        var local = Path.GetFullPath(Path.Combine(root, path.TrimStart('/')));
        if (!local.StartsWith(root, StringComparison.Ordinal)) return NotFoundAsync(ctx);
        if (File.Exists(local)) return FakeServer.WriteAsync(ctx, StatusCodes.Status200OK, File.ReadAllBytes(local), ContentType(local));
        if (!Directory.Exists(local)) return NotFoundAsync(ctx);

        if (!path.EndsWith('/'))
        {
            ctx.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            ctx.Response.Headers.Location = (ctx.Request.PathBase + ctx.Request.Path).ToUriComponent() + "/" + ctx.Request.QueryString;
            return Task.CompletedTask;
        }
        foreach (var index in new[] { "index.html", "index.htm" })
        {
            var file = Path.Combine(local, index);
            if (File.Exists(file)) return FakeServer.WriteAsync(ctx, StatusCodes.Status200OK, File.ReadAllBytes(file), "text/html");
        }
        return options.Listing ? ListingAsync(ctx, local, path) : NotFoundAsync(ctx);
    }

    private static Task ListingAsync(HttpContext ctx, string folder, string path)
    {
        var html = new StringBuilder($"<!DOCTYPE HTML><html><head><meta charset=\"utf-8\"><title>Directory listing for {WebUtility.HtmlEncode(path)}</title></head><body><ul>");
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry) + (Directory.Exists(entry) ? "/" : "");
            html.Append($"<li><a href=\"{Uri.EscapeDataString(name.TrimEnd('/'))}{(name.EndsWith('/') ? "/" : "")}\">{WebUtility.HtmlEncode(name)}</a></li>");
        }
        html.Append("</ul></body></html>");
        return FakeServer.WriteAsync(ctx, StatusCodes.Status200OK, Encoding.UTF8.GetBytes(html.ToString()), "text/html; charset=utf-8");
    }

    private static Task NotFoundAsync(HttpContext ctx) =>
        FakeServer.WriteAsync(ctx, StatusCodes.Status404NotFound, "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"u8.ToArray(), "text/html");

    /// <summary>By extension; HTML carries no charset (the page says it or the bytes tell), unknown types are octet-stream.</summary>
    public static string ContentType(string path) => Types.TryGetContentType(path, out var type) ? type : "application/octet-stream";

    private static FileExtensionContentTypeProvider CreateTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".html"] = "text/html";
        provider.Mappings[".htm"] = "text/html";
        provider.Mappings[".wml"] = "text/vnd.wap.wml";
        provider.Mappings[".md"] = "text/markdown";
        provider.Mappings[".markdown"] = "text/markdown";
        provider.Mappings[".asc"] = "application/octet-stream";
        return provider;
    }
}
