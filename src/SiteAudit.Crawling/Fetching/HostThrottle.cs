using System.Collections.Concurrent;

namespace SiteAudit.Crawling.Fetching;

/// <summary>
/// Politeness and load limits for every request of a run: at most PerHost requests in flight to one host,
/// request starts to one host at least DelayMs apart (more if robots.txt or Retry-After ask), and at most
/// GlobalConcurrency requests overall.
/// </summary>
public sealed class HostThrottle
{
    private readonly CrawlOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _global;
    private readonly ConcurrentDictionary<string, HostSlot> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public HostThrottle(CrawlOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _global = new SemaphoreSlim(Math.Max(1, options.GlobalConcurrency));
    }

    /// <summary>Waits for a slot for <paramref name="url"/>'s host; dispose the result when the request is over.</summary>
    public async Task<IDisposable> AcquireAsync(Uri url, CancellationToken ct)
    {
        var slot = Slot(url);
        await slot.Semaphore.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await slot.WaitTurnAsync(_time, ct).ConfigureAwait(false);
            await _global.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            slot.Semaphore.Release();
            throw;
        }
        return new Lease(this, slot);
    }

    /// <summary>Slows a host down for good (robots.txt Crawl-delay): never below the configured delay.</summary>
    public void RaiseDelay(Uri url, TimeSpan delay) => Slot(url).RaiseDelay(delay);

    /// <summary>No request starts to the host before <paramref name="until"/> (429/503 with Retry-After).</summary>
    public void PauseUntil(Uri url, DateTimeOffset until) => Slot(url).PauseUntil(until);

    private HostSlot Slot(Uri url) =>
        _hosts.GetOrAdd(url.Authority, _ => new HostSlot(Math.Max(1, _options.PerHost), TimeSpan.FromMilliseconds(Math.Max(0, _options.DelayMs))));

    private sealed class HostSlot(int perHost, TimeSpan delay)
    {
        public SemaphoreSlim Semaphore { get; } = new(perHost);
        private readonly Lock _lock = new();
        private DateTimeOffset _nextStart = DateTimeOffset.MinValue;
        private TimeSpan _delay = delay;

        public void RaiseDelay(TimeSpan delay)
        {
            lock (_lock) if (delay > _delay) _delay = delay;
        }

        public void PauseUntil(DateTimeOffset until)
        {
            lock (_lock) if (until > _nextStart) _nextStart = until;
        }

        /// <summary>Reserves the next start time for this host and waits until it comes.</summary>
        public Task WaitTurnAsync(TimeProvider time, CancellationToken ct)
        {
            DateTimeOffset start;
            var now = time.GetUtcNow();
            lock (_lock)
            {
                start = _nextStart > now ? _nextStart : now;
                _nextStart = start + _delay;
            }
            var wait = start - now;
            return wait > TimeSpan.Zero ? Task.Delay(wait, time, ct) : Task.CompletedTask;
        }
    }

    private sealed class Lease(HostThrottle owner, HostSlot slot) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            owner._global.Release();
            slot.Semaphore.Release();
        }
    }
}
