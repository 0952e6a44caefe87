using Dapper;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage.Tests;

public sealed class SchemaTests
{
    [Fact]
    public async Task Fresh_file_gets_every_migration_and_WAL()
    {
        await using var t = await TestStore.CreateAsync();
        Assert.True(File.Exists(t.DbPath)); // parent folder "data" was created

        using var conn = t.Raw();
        var versions = conn.Query<long>("SELECT version FROM schema_version ORDER BY version").ToList();
        Assert.Equal(Migrations.All.Select(m => (long)m.Version), versions);
        Assert.Equal("wal", conn.ExecuteScalar<string>("PRAGMA journal_mode"));
        var tables = conn.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'").ToHashSet();
        Assert.Superset(new HashSet<string> { "runs", "site_runs", "fetches", "links", "findings", "schema_version" }, tables);
    }

    [Fact]
    public async Task Reopening_an_existing_file_does_not_reapply_migrations()
    {
        await using var t = await TestStore.CreateAsync();
        var runId = await t.Store.StartRunAsync(TestStore.Night1, "siteaudit 0.1.0", "{}", default);

        await t.ReopenAsync(new FixedTime(TestStore.Night1.AddDays(3)));

        using var conn = t.Raw();
        var rows = conn.Query<(long Version, string AppliedAt)>("SELECT version, applied_at FROM schema_version").ToList();
        Assert.Equal(Migrations.All.Count, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("2026-11-19T18:00:00", r.AppliedAt)); // the first opening's clock, in UTC
        Assert.NotNull(await t.Store.LoadRunAsync(runId, default)); // data survived
    }

    [Fact]
    public async Task A_migration_released_out_of_number_order_is_still_applied()
    {
        // A file that got version 3 before version 2 existed (both were written at the same time).
        await using var t = await TestStore.CreateAsync();
        using (var conn = t.Raw())
        {
            conn.Execute("DROP TABLE page_contents");
            conn.Execute("DELETE FROM schema_version WHERE version = 2");
        }

        await t.ReopenAsync(TimeProvider.System);

        using var check = t.Raw();
        Assert.Equal(Migrations.All.Select(m => (long)m.Version), check.Query<long>("SELECT version FROM schema_version ORDER BY version"));
        Assert.Equal(1L, check.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'page_contents'"));
    }

    [Fact]
    public async Task A_file_from_a_newer_tool_is_refused()
    {
        await using var t = await TestStore.CreateAsync();
        using (var conn = t.Raw())
            conn.Execute("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', '2030-01-01')");

        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => t.ReopenAsync(TimeProvider.System));
        Assert.Contains("999", ex.Message);
        Assert.Contains(t.DbPath, ex.Message);
    }

    [Fact]
    public void A_path_below_a_file_is_unavailable()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["not-a-folder"], "x");
        var path = Path.Combine(folder["not-a-folder"], "sub", "audit.db");

        var ex = Assert.Throws<StoreUnavailableException>(() => new SqliteAuditStore(path, TimeProvider.System));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public async Task A_folder_or_a_file_that_is_not_a_database_is_unavailable()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["junk.db"], new string('x', 4096));
        foreach (var path in new[] { folder.Path, folder["junk.db"] })
        {
            await using var store = new SqliteAuditStore(path, TimeProvider.System);
            var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.InitializeAsync(default));
            Assert.Contains(path, ex.Message);
        }
    }

    [Fact]
    public async Task Using_the_store_before_initialising_it_says_so()
    {
        using var folder = new TempFolder();
        await using var store = new SqliteAuditStore(folder["a.db"], TimeProvider.System);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.StartRunAsync(TestStore.Night1, "t", "{}", default));
    }

    [Theory]
    [InlineData("Host=db;Username=audit;Database=siteaudit", "db", "siteaudit", "audit", null)]
    [InlineData("postgres://audit@db/siteaudit", "db", "siteaudit", "audit", null)]
    [InlineData("postgresql://audit:s%3Acret@db:6543/siteaudit?sslmode=require", "db", "siteaudit", "audit", "s:cret")]
    public async Task Factory_opens_PostgreSQL_from_a_connection_string_or_a_URL(string setting, string host, string database, string user, string? password)
    {
        await using var store = AuditStoreFactory.Open(setting, TimeProvider.System);
        var pg = Assert.IsType<PostgresAuditStore>(store);
        Assert.StartsWith($"{host}:", pg.Description);
        Assert.EndsWith($"/{database}", pg.Description);
        var parsed = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Normalise(setting));
        Assert.Equal((host, database, user, password), (parsed.Host, parsed.Database, parsed.Username, parsed.Password));
        if (setting.Contains("6543")) Assert.Equal((6543, Npgsql.SslMode.Require), (parsed.Port, parsed.SslMode));
    }

    [Fact]
    public async Task A_PostgreSQL_nobody_listens_on_is_unavailable_and_the_message_hides_the_password()
    {
        var port = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        port.Start();
        var free = ((System.Net.IPEndPoint)port.LocalEndpoint).Port;
        port.Stop();
        await using var store = AuditStoreFactory.Open($"Host=127.0.0.1;Port={free};Username=u;Password=hunter2;Database=d;Timeout=2", TimeProvider.System);
        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.InitializeAsync(default));
        Assert.Contains($"127.0.0.1:{free}/d", ex.Message);
        Assert.DoesNotContain("hunter2", ex.Message);
    }

    [Fact]
    public async Task Factory_opens_SQLite_from_a_path_or_a_connection_string()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "nested", "audit.db");
        foreach (var setting in new[] { path, $"Data Source={path};Cache=Private" })
        {
            await using var store = AuditStoreFactory.Open(setting, TimeProvider.System);
            await store.InitializeAsync(default);
            Assert.Equal(path, ((SqliteAuditStore)store).DatabasePath);
        }
        Assert.True(File.Exists(path));
    }
}
