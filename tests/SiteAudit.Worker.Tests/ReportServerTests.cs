using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SiteAudit.Host.Worker;

namespace SiteAudit.Worker.Tests;

/// <summary>The read-only report server: latest at /, older runs by id, nothing else.</summary>
public sealed class ReportServerTests : IAsyncLifetime
{
    private const string Old = "20261120-180000-aaaa";
    private const string New = "20261121-180000-bbbb";
    private readonly Scratch _scratch = new();
    private RunFolders _folders = null!;
    private ReportServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _folders = new RunFolders(Path.Combine(_scratch.Path, "out"));
        foreach (var (id, title) in new[] { (Old, "旧报告"), (New, "新报告") })
        {
            var staging = _folders.NewStaging();
            File.WriteAllText(Path.Combine(staging, "index.html"), $"<html>{title}</html>");
            File.WriteAllText(Path.Combine(staging, "findings.json"), "{\"run\":{\"id\":\"" + id + "\"}}");
            Directory.CreateDirectory(Path.Combine(staging, "sites", "qingshan"));
            File.WriteAllText(Path.Combine(staging, "sites", "qingshan", "index.html"), $"<html>{title} 青山</html>");
            File.WriteAllText(Path.Combine(staging, "sites", "qingshan", "notes.txt"), "not a report file");
            File.WriteAllText(Path.Combine(staging, ".secret.html"), "hidden");
            _folders.Publish(staging, id);
        }
        _folders.PointLatestAt(New);
        File.WriteAllText(Path.Combine(_scratch.Path, "outside.html"), "outside the output folder");
        _server = new ReportServer(new ServeOptions { Enabled = true, Address = "127.0.0.1", Port = 0 }, _folders, NullLogger<ReportServer>.Instance);
        await _server.StartAsync(default);
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.Address };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.StopAsync(default);
        await _server.DisposeAsync();
        _scratch.Dispose();
    }

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string path, HttpMethod? method = null)
    {
        var response = await _http.SendAsync(new HttpRequestMessage(method ?? HttpMethod.Get, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task Latest_run_at_the_root_each_site_below_it_older_runs_by_id()
    {
        var root = await GetAsync("/");
        Assert.Equal((HttpStatusCode.OK, "<html>新报告</html>"), (root.Status, root.Body));
        Assert.Equal("text/html; charset=utf-8", root.Response.Content.Headers.ContentType!.ToString());
        Assert.Equal("nosniff", root.Response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("<html>新报告 青山</html>", (await GetAsync("/sites/qingshan/")).Body);
        Assert.Equal("<html>新报告 青山</html>", (await GetAsync("/sites/qingshan/index.html")).Body);
        Assert.Contains(New, (await GetAsync("/findings.json")).Body);
        Assert.Equal("<html>旧报告 青山</html>", (await GetAsync($"/runs/{Old}/sites/qingshan/")).Body);
        var list = await GetAsync("/runs/");
        Assert.True(list.Body.IndexOf(New, StringComparison.Ordinal) < list.Body.IndexOf(Old, StringComparison.Ordinal), "newest first");
        Assert.Contains("（最新）", list.Body);

        // A folder without its slash is redirected, so the reports' relative links work.
        var bare = await GetAsync("/sites/qingshan");
        Assert.Equal((HttpStatusCode.MovedPermanently, "/sites/qingshan/"), (bare.Status, bare.Response.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/", HttpMethod.Head)).Status);
        Assert.Equal("ok", (await GetAsync("/healthz")).Body);
    }

    [Theory]
    [InlineData("/../outside.html")]
    [InlineData("/%2e%2e/outside.html")]
    [InlineData("/sites/..%2f..%2f..%2foutside.html")]
    [InlineData("/.secret.html")]
    [InlineData("/runs/.incoming-x/index.html")]
    [InlineData("/runs/../outside.html")]
    [InlineData("/runs/not-a-run/index.html")]
    [InlineData("/sites/qingshan/notes.txt")]
    [InlineData("/sites/")]
    [InlineData("/nope.html")]
    public async Task Nothing_but_report_files_of_the_output_folder(string path)
    {
        var (status, body, _) = await GetAsync(path);
        Assert.True(status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {status}");
        Assert.DoesNotContain("outside the output folder", body);
        Assert.DoesNotContain("hidden", body);
    }

    [Fact]
    public async Task Read_only()
    {
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete })
        {
            var (status, _, response) = await GetAsync("/index.html", method);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
            Assert.Equal("GET, HEAD", response.Content.Headers.Allow.Count > 0 ? string.Join(", ", response.Content.Headers.Allow) : response.Headers.GetValues("Allow").Single());
        }
        Assert.Equal("<html>新报告</html>", (await GetAsync("/")).Body);
    }

    [Fact]
    public async Task Latest_moves_on_in_one_step_and_old_run_folders_stay_served()
    {
        _folders.PointLatestAt(Old);
        Assert.Equal("<html>旧报告</html>", (await GetAsync("/")).Body);
        Assert.Equal(Old, _folders.LatestRunId());
        Assert.NotNull(new DirectoryInfo(_folders.Latest).LinkTarget); // a link, swapped by rename
        _folders.PointLatestAt(New);
        Assert.Equal(New, _folders.LatestRunId());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folders.Output, "latest.tmp-*"));
        _folders.DeleteRun(Old);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/runs/{Old}/")).Status);
    }
}
