using System.Runtime.CompilerServices;
using SiteAudit.Core.Model;
using SiteAudit.Crawling.Extraction;

namespace SiteAudit.Tests.Rules;

/// <summary>Crawled facts held in memory, built from HTML strings: rule tests without a crawl or a store.</summary>
public sealed class InMemoryFacts : ISiteFacts
{
    private readonly Dictionary<string, FetchRecord> _fetches = new();
    private readonly List<LinkRecord> _links = new();
    private readonly Dictionary<string, PageContent> _contents = new();

    /// <summary>The day pages are read on: the year of [MM-dd] list dates.</summary>
    public DateOnly Today { get; init; } = new(2026, 11, 22);

    /// <param name="depth">Clicks from the homepage, as the crawl would have recorded it.</param>
    public InMemoryFacts Page(string url, string html, int depth = 0)
    {
        var uri = new Uri(url);
        var extract = LinkExtractor.Extract(html, uri, Today);
        if (extract.Content is { } content) _contents[uri.AbsoluteUri] = content;
        _fetches[uri.AbsoluteUri] = new FetchRecord(uri.AbsoluteUri, FetchRecord.Ok, 200, uri.AbsoluteUri, "text/html", true,
            extract.Title, depth, 1, DateTimeOffset.UnixEpoch, Meta: extract.Meta.Count > 0 ? extract.Meta : null);
        _links.AddRange(extract.Links.Select(l => new LinkRecord(uri.AbsoluteUri, l.Target.AbsoluteUri, l.Tag, l.Text, l.Title)));
        return this;
    }

    public InMemoryFacts Dead(string url, string reason, int? status = null)
    {
        _fetches[url] = new FetchRecord(url, reason, status, url, null, false, null, 1, 1, DateTimeOffset.UnixEpoch);
        return this;
    }

    public Task<FetchRecord?> GetFetchAsync(string url, CancellationToken ct) => Task.FromResult(_fetches.GetValueOrDefault(url));

    public Task<IReadOnlyList<LinkRecord>> GetLinksFromAsync(string pageUrl, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<LinkRecord>>(_links.Where(l => l.FromUrl == pageUrl).ToList());

    public Task<IReadOnlyList<LinkRecord>> FindLinksByTextKeyAsync(IReadOnlyCollection<string> keys, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<LinkRecord>>(_links.Where(l => keys.Contains(TextKey.Of(l.Text)) || keys.Contains(TextKey.Of(l.Title))).ToList());

    public async IAsyncEnumerable<FetchRecord> GetFailedFetchesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await Task.CompletedTask;
        foreach (var f in _fetches.Values.Where(f => !f.IsOk)) yield return f;
    }

    public Task<PageContent?> GetPageContentAsync(string url, CancellationToken ct) =>
        Task.FromResult(_fetches.TryGetValue(url, out var f) && f.Crawled ? _contents.GetValueOrDefault(url) : null);

    public Task<IReadOnlyList<LinkRecord>> FindLinksContainingAsync(string fragmentKey, int max, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<LinkRecord>>(_links.Where(l => TextKey.Of(l.Text).Contains(fragmentKey) || TextKey.Of(l.Title).Contains(fragmentKey)).Take(max).ToList());

    public Task<IReadOnlyList<FetchRecord>> FindPagesByColumnNameAsync(IReadOnlyCollection<string> names, int max, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FetchRecord>>(_fetches.Values
            .Where(f => f.Crawled && f.Meta?["ColumnName"]?.GetValue<string>() is { } name && names.Contains(name))
            .OrderBy(f => f.Depth).Take(max).ToList());

    public Task<IReadOnlyList<string>> GetReferrersAsync(string url, int max, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>(_links.Where(l => l.ToUrl == url).Select(l => l.FromUrl).Distinct().Take(max).ToList());
}
