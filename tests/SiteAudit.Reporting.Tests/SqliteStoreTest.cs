using Microsoft.Data.Sqlite;
using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;
using SiteAudit.Core.Sites;
using SiteAudit.Storage;

namespace SiteAudit.Reporting.Tests;

/// <summary>Tests over a real SQLite store (what reports read from a store) in a fresh folder, removed afterwards.</summary>
public abstract class SqliteStoreTest : IAsyncLifetime
{
    protected static readonly DateTimeOffset Night = new(2026, 11, 20, 2, 0, 0, TimeSpan.FromHours(8));
    private static readonly ProfileCatalog Catalog = new([Path.Combine(RepoPaths.Root, "profiles")]);

    internal TempDir Dir { get; } = new();
    protected SqliteAuditStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = new SqliteAuditStore(Dir.File("audit.db"), TimeProvider.System);
        await Store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Dir.Dispose();
    }

    protected static SiteTarget Site(string url, string slug) => SitesFileLoader.FromUrl(url, null, null, Catalog) with { Slug = slug };
}
