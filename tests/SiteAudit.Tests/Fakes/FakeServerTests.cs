using System.Net;
using System.Net.Sockets;

namespace SiteAudit.Tests.Fakes;

/// <summary>The fakes do what other tests rely on (a broken fake would make every test built on it lie).</summary>
public sealed class FakeServerTests
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Routes_statuses_redirects_and_unknown_paths()
    {
        await using var server = await FakeServer.StartAsync();
        server.Html("/a.html", "<p>甲</p>").Status("/gone", 410).Redirect("/old", "/a.html", 301)
            .Map("/custom", ctx => FakeServer.WriteAsync(ctx, 418, "teapot"u8.ToArray(), "text/plain"));

        var page = await Http.GetAsync(server.Url("/a.html"));
        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType!.ToString());
        Assert.Equal("<p>甲</p>", await page.Content.ReadAsStringAsync());
        Assert.Equal(410, (int)(await Http.GetAsync(server.Url("/gone"))).StatusCode);
        var moved = await Http.GetAsync(server.Url("/old"));
        Assert.Equal(301, (int)moved.StatusCode);
        Assert.Equal("/a.html", moved.Headers.Location!.OriginalString);
        Assert.Equal(418, (int)(await Http.GetAsync(server.Url("/custom"))).StatusCode);
        Assert.Equal(404, (int)(await Http.GetAsync(server.Url("/nothing"))).StatusCode);
        Assert.Equal(1, server.Count("/a.html"));
        Assert.Equal(0, server.Count("/a.html", "HEAD"));
    }

    [Fact]
    public async Task Refused_head_transient_failure_and_counts()
    {
        await using var server = await FakeServer.StartAsync();
        server.Bytes("/f.pdf", [1, 2, 3], "application/pdf").RefuseHead("/f.pdf");
        server.Html("/busy.html", "ok").FailFirst("/busy.html");

        Assert.Equal(405, (int)(await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, server.Url("/f.pdf")))).StatusCode);
        Assert.Equal(200, (int)(await Http.GetAsync(server.Url("/f.pdf"))).StatusCode);
        Assert.Equal(503, (int)(await Http.GetAsync(server.Url("/busy.html"))).StatusCode);
        Assert.Equal(200, (int)(await Http.GetAsync(server.Url("/busy.html"))).StatusCode);
        Assert.Equal(1, server.Count("/f.pdf", "HEAD"));
        Assert.Equal(2, server.Count("/f.pdf", null));
        Assert.Equal(2, server.Count("/busy.html"));
    }

    [Fact]
    public async Task A_route_with_a_query_matches_only_the_decoded_query()
    {
        await using var server = await FakeServer.StartAsync();
        server.Html("/list.html?a=1&b=2", "ok");
        Assert.Equal(200, (int)(await Http.GetAsync(server.Url("/list.html?a=1&b=2"))).StatusCode);
        Assert.Equal(404, (int)(await Http.GetAsync(server.Url("/list.html?a=1&amp;b=2"))).StatusCode);
        Assert.Equal(2, server.Count("/list.html"));
        Assert.Equal(1, server.Count("/list.html?a=1&b=2"));
    }

    [Fact]
    public async Task Gbk_pages_with_and_without_header_charset()
    {
        await using var server = await FakeServer.StartAsync();
        server.Html("/h.html", "<meta charset=\"gb2312\">政府信息公开", "gbk").Html("/m.html", "<meta charset=\"gb2312\">堃", "gbk", headerCharset: false);
        var h = await Http.GetAsync(server.Url("/h.html"));
        Assert.Equal("text/html; charset=gbk", h.Content.Headers.ContentType!.ToString());
        Assert.Contains("政府信息公开", TextEncodings.DecodeGbk(await h.Content.ReadAsByteArrayAsync()));
        var m = await Http.GetAsync(server.Url("/m.html"));
        Assert.Equal("text/html", m.Content.Headers.ContentType!.ToString());
        Assert.Equal(TextEncodings.EncodeGbk("<meta charset=\"gb2312\">堃"), await m.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Delay_holds_the_answer()
    {
        await using var server = await FakeServer.StartAsync();
        server.Html("/slow.html", "ok").Delay("/slow.html", TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(200, (int)(await Http.GetAsync(server.Url("/slow.html"))).StatusCode);
        Assert.True(clock.ElapsedMilliseconds >= 250);
    }

    [Fact]
    public async Task Silent_port_times_out_refused_port_refuses_untrusted_https_fails_tls()
    {
        await using var silent = SilentPort.Start();
        using var shortClient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(500) };
        await Assert.ThrowsAsync<TaskCanceledException>(() => shortClient.GetAsync(silent.Url("/x.html")));
        Assert.True(silent.Accepted >= 1);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync(RefusedPort.Url("/x.html")));
        Assert.Equal(HttpRequestError.ConnectionError, refused.HttpRequestError);
        Assert.IsType<SocketException>(refused.InnerException);

        await using var tls = await FakeServer.StartUntrustedHttpsAsync();
        Assert.Equal("https", tls.BaseUrl.Scheme);
        var secure = await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync(tls.Url("/")));
        Assert.Equal(HttpRequestError.SecureConnectionError, secure.HttpRequestError);
    }
}
