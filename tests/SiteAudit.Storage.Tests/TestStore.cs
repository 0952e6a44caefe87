using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;

namespace SiteAudit.Storage.Tests;

/// <summary>A fresh temp folder with an initialised store in it; deleted on dispose.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    public static readonly DateTimeOffset Night1 = new(2026, 11, 20, 2, 0, 0, TimeSpan.FromHours(8));

    private TestStore(string folder, SqliteAuditStore store)
    {
        Folder = folder;
        Store = store;
    }

    public string Folder { get; }
    public string DbPath => Path.Combine(Folder, "data", "audit.db");
    public SqliteAuditStore Store { get; private set; }

    public static async Task<TestStore> CreateAsync()
    {
        var folder = NewFolder();
        var store = new SqliteAuditStore(Path.Combine(folder, "data", "audit.db"), new FixedTime(Night1));
        await store.InitializeAsync(CancellationToken.None);
        return new TestStore(folder, store);
    }

    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "siteaudit-storage-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Closes and opens the same file again, as the next night's process would.</summary>
    public async Task ReopenAsync(TimeProvider time)
    {
        await Store.DisposeAsync();
        Store = new SqliteAuditStore(DbPath, time);
        await Store.InitializeAsync(CancellationToken.None);
    }

    /// <summary>A plain connection to the file for checking what the store wrote.</summary>
    public SqliteConnection Raw()
    {
        var conn = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        conn.Open();
        return conn;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        DeleteFolder(Folder);
    }

    public static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } // best effort: never fail a test on cleanup
    }

    public static SiteTarget Site(string url, string name = "青山县人民政府") =>
        new(name, new Uri(url), new Uri(url).Host, TestProfile, [new Uri(url).Host]);

    private static readonly Profile TestProfile = new(
        "county-portal", "县级政府门户", ProfileKinds.Government, "profiles/county-portal.yaml", "03-31",
        new SectionSpec(["政府信息公开"], ["/xxgk/"]), [], new Dictionary<string, int>());

    public static FetchRecord Fetch(string url, string outcome = FetchRecord.Ok, int? status = 200, bool crawled = true) =>
        new(url, outcome, status, null, "text/html", crawled, "标题", 1, 12, Night1);

    public static Finding Finding(string rule, string? url, Severity severity = Severity.Error, string? column = null) =>
        new(rule, severity, url, null, column, "问题", new JsonObject { ["reason"] = "http-4xx" });

    public static SiteOutcome Outcome(DateTimeOffset finishedAt, params Finding[] findings) =>
        new(SiteStatus.Audited, new SiteStats(10, 50, 1234), [], findings, finishedAt);
}

/// <summary>An empty temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = TestStore.NewFolder();

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose() => TestStore.DeleteFolder(Path);
}

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
