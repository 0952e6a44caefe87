using System.Reflection;
using SiteAudit.Core.Model;
using SiteAudit.Crawling.Frontier;

namespace SiteAudit.Tests.Crawling;

/// <summary>The recorder holds one batch at a time in flight: a slow store slows the crawl, it does not fill memory.</summary>
public class CrawlRecorderTests
{
    [Fact]
    public async Task A_slow_store_gets_one_batch_at_a_time_and_every_record_lands()
    {
        var store = SlowStore.Create();
        var recorder = new CrawlRecorder(store, siteRunId: 1, batchSize: 2);
        var fetches = Enumerable.Range(0, 40).Select(i => new FetchRecord($"http://a.gov.cn/{i}.html", FetchRecord.Ok, 200, null, "text/html",
            true, null, 1, 1, DateTimeOffset.UnixEpoch, null, null, null, null)).ToList();

        var adding = fetches.Select(f => Task.Run(() => recorder.AddAsync(f, null, default))).ToList();
        await Task.Delay(200);
        Assert.Equal(1, SlowStore.Of(store).InFlight);      // the first write is stuck in the store…
        Assert.True(adding.Count(t => !t.IsCompleted) >= 2); // …and whoever found the next batch full waits for it
        SlowStore.Of(store).Release();
        await Task.WhenAll(adding);
        await recorder.FlushAsync(default);

        Assert.Equal(1, SlowStore.Of(store).MaxInFlight);
        Assert.Equal(fetches.Select(f => f.Url).Order(), SlowStore.Of(store).Written.Order());
    }

    /// <summary>A store whose writes wait for <see cref="Release"/> and count how many are under way at once.</summary>
    public class SlowStore : DispatchProxy
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight, _maxInFlight;
        public List<string> Written { get; } = new();
        public int InFlight => Volatile.Read(ref _inFlight);
        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public static IAuditStore Create() => Create<IAuditStore, SlowStore>();
        public static SlowStore Of(IAuditStore store) => (SlowStore)(object)store;
        public void Release() => _open.TrySetResult();

        protected override object? Invoke(MethodInfo? method, object?[]? args) =>
            method?.Name == nameof(IAuditStore.AddFetchesAsync) ? WriteAsync((IReadOnlyList<FetchRecord>)args![1]!) : Task.CompletedTask;

        private async Task WriteAsync(IReadOnlyList<FetchRecord> fetches)
        {
            var now = Interlocked.Increment(ref _inFlight);
            lock (Written) _maxInFlight = Math.Max(_maxInFlight, now);
            await _open.Task;
            lock (Written) Written.AddRange(fetches.Select(f => f.Url));
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
