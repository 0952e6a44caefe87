using Npgsql;
using SiteAudit.Core.Model;

namespace SiteAudit.Storage.Tests.Contract;

/// <summary>
/// The stores every contract test runs against: SQLite always, PostgreSQL when one is reachable
/// (<see cref="TestPostgres"/>). Each test gets a fresh, empty store of the kind.
/// </summary>
public static class StoreKinds
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>Theory data: "sqlite", and "postgres" when PostgreSQL is reachable (else its sentinel test says why not).</summary>
    public static TheoryData<string> All
    {
        get
        {
            var kinds = new TheoryData<string> { Sqlite };
            if (TestPostgres.Available) kinds.Add(Postgres);
            return kinds;
        }
    }

    public static async Task<ScratchStore> CreateAsync(string kind, TimeProvider? time = null)
    {
        time ??= new FixedTime(TestStore.Night1);
        if (kind == Sqlite)
        {
            var folder = TestStore.NewFolder();
            var store = new SqliteAuditStore(Path.Combine(folder, "audit.db"), time);
            await store.InitializeAsync(default);
            return new ScratchStore(kind, store, () => { TestStore.DeleteFolder(folder); return Task.CompletedTask; }, Path.Combine(folder, "audit.db"));
        }
        var (connectionString, drop) = await TestPostgres.CreateDatabaseAsync();
        var pg = new PostgresAuditStore(connectionString, time);
        await pg.InitializeAsync(default);
        return new ScratchStore(kind, pg, drop, connectionString);
    }
}

/// <summary>A store in a scratch file or database, removed on dispose.</summary>
public sealed class ScratchStore(string kind, IAuditStore store, Func<Task> cleanup, string setting) : IAsyncDisposable
{
    public string Kind { get; } = kind;
    public IAuditStore Store { get; private set; } = store;

    /// <summary>The --db setting of this store (a file path or a PostgreSQL connection string).</summary>
    public string Setting { get; } = setting;

    /// <summary>Closes the store and opens the same file or database again, as the next night's process would.</summary>
    public async Task ReopenAsync(TimeProvider time)
    {
        await Store.DisposeAsync();
        Store = AuditStoreFactory.Open(Setting, time);
        await Store.InitializeAsync(default);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await cleanup();
    }
}

/// <summary>
/// The PostgreSQL the tests use: SITEAUDIT_TEST_POSTGRES (set by .ci/run, which installs and starts one on
/// loopback), else the same role on 127.0.0.1:5432. Each test gets a database of its own, dropped afterwards.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "SITEAUDIT_TEST_POSTGRES";
    private const string Fallback = "Host=127.0.0.1;Port=5432;Username=siteaudit;Password=siteaudit;Database=postgres";

    private static readonly Lazy<string?> Problem = new(Check);

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : Fallback;

    public static bool Available => Problem.Value is null;

    /// <summary>Why PostgreSQL tests are skipped, or null when they run.</summary>
    public static string? SkipReason => Problem.Value is { } p
        ? $"PostgreSQL NOT TESTED: no PostgreSQL at {Describe()} ({p}). Run `bash .ci/run` (it installs and starts one) or set {Variable}."
        : null;

    public static async Task<(string ConnectionString, Func<Task> Drop)> CreateDatabaseAsync()
    {
        var name = "siteaudit_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var conn = new NpgsqlConnection(ServerConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name };
        return (builder.ConnectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(ServerConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        });
    }

    private static string Describe()
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(ServerConnectionString);
            return $"{b.Host}:{b.Port} as {b.Username}";
        }
        catch (ArgumentException)
        {
            return Variable;
        }
    }

    private static string? Check()
    {
        string? problem = null;
        for (var attempt = 0; attempt < 2; attempt++) // a busy machine may take a while for the first connection
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Timeout = 10 };
                using var conn = new NpgsqlConnection(builder.ConnectionString);
                conn.Open();
                using var cmd = new NpgsqlCommand("SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user", conn);
                return cmd.ExecuteScalar() is true ? null : "the role may not create databases";
            }
            catch (Exception e)
            {
                problem = e.Message;
            }
        }
        return problem;
    }
}

/// <summary>A fact that runs only against a reachable PostgreSQL and is skipped, saying why, otherwise.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestPostgres.SkipReason is { } reason) Skip = reason;
    }
}
