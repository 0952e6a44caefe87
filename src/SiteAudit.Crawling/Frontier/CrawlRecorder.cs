using SiteAudit.Core.Model;

namespace SiteAudit.Crawling.Frontier;

/// <summary>Buffers a site's fetches and links and writes them to the store in batches (one transaction each).</summary>
/// <remarks>Large batches matter: SQLite's per-transaction cost dominates small ones (measured ~1.75× faster at 20k links than at 2k).</remarks>
public sealed class CrawlRecorder(IAuditStore store, long siteRunId, int batchSize = 5000)
{
    private readonly Lock _lock = new();
    private List<FetchRecord> _fetches = new();
    private List<LinkRecord> _links = new();

    public async Task AddAsync(FetchRecord fetch, IReadOnlyList<LinkRecord>? links, CancellationToken ct)
    {
        List<FetchRecord>? fetchBatch = null;
        List<LinkRecord>? linkBatch = null;
        lock (_lock)
        {
            _fetches.Add(fetch);
            if (links is not null) _links.AddRange(links);
            if (_fetches.Count >= batchSize || _links.Count >= batchSize * 4) (fetchBatch, linkBatch) = Swap();
        }
        if (fetchBatch is not null) await WriteAsync(fetchBatch, linkBatch!, ct).ConfigureAwait(false);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        List<FetchRecord> fetchBatch;
        List<LinkRecord> linkBatch;
        lock (_lock) (fetchBatch, linkBatch) = Swap();
        await WriteAsync(fetchBatch, linkBatch, ct).ConfigureAwait(false);
    }

    private (List<FetchRecord>, List<LinkRecord>) Swap()
    {
        var result = (_fetches, _links);
        _fetches = new List<FetchRecord>();
        _links = new List<LinkRecord>();
        return result;
    }

    private async Task WriteAsync(List<FetchRecord> fetches, List<LinkRecord> links, CancellationToken ct)
    {
        if (fetches.Count > 0) await store.AddFetchesAsync(siteRunId, fetches, ct).ConfigureAwait(false);
        if (links.Count > 0) await store.AddLinksAsync(siteRunId, links, ct).ConfigureAwait(false);
    }
}
