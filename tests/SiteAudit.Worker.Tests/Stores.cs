using Npgsql;
using SiteAudit.Core.Model;
using SiteAudit.Storage;

namespace SiteAudit.Worker.Tests;

/// <summary>
/// The stores the worker runs against in these tests: an SQLite file, and a PostgreSQL database of its own when a
/// PostgreSQL is reachable (SITEAUDIT_TEST_POSTGRES, set by .ci/run; else the siteaudit role on 127.0.0.1:5432).
/// </summary>
public static class Stores
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    private const string Fallback = "Host=127.0.0.1;Port=5432;Username=siteaudit;Password=siteaudit;Database=postgres";

    private static readonly Lazy<string?> Problem = new(Check);

    public static string Server => Environment.GetEnvironmentVariable("SITEAUDIT_TEST_POSTGRES") is { Length: > 0 } v ? v : Fallback;

    public static string? PostgresSkipReason => Problem.Value is { } p
        ? $"PostgreSQL NOT TESTED: no PostgreSQL reachable ({p}). Run `bash .ci/run` (it installs and starts one) or set SITEAUDIT_TEST_POSTGRES."
        : null;

    public static TheoryData<string> Kinds
    {
        get
        {
            var kinds = new TheoryData<string> { Sqlite };
            if (Problem.Value is null) kinds.Add(Postgres);
            return kinds;
        }
    }

    /// <summary>A --db setting for a new empty store of the kind, and how to remove it.</summary>
    public static async Task<(string Db, Func<Task> Drop)> CreateAsync(string kind, string folder)
    {
        if (kind == Sqlite) return (Path.Combine(folder, "data", "audit.db"), () => Task.CompletedTask);
        var name = "siteaudit_worker_" + Guid.NewGuid().ToString("N")[..16];
        await using (var conn = new NpgsqlConnection(Server))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var db = new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
        return (db, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(Server);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        });
    }

    /// <summary>Opens the store the worker wrote, as `siteaudit report` would.</summary>
    public static async Task<IAuditStore> OpenAsync(string db)
    {
        var store = AuditStoreFactory.Open(db, TimeProvider.System);
        await store.InitializeAsync(default);
        return store;
    }

    private static string? Check()
    {
        string? problem = null;
        for (var attempt = 0; attempt < 2; attempt++) // a busy machine may take a while for the first connection
        {
            try
            {
                using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Timeout = 10 }.ConnectionString);
                conn.Open();
                return null;
            }
            catch (Exception e)
            {
                problem = e.Message;
            }
        }
        return problem;
    }
}

public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Stores.PostgresSkipReason is { } reason) Skip = reason;
    }
}

/// <summary>A scratch folder, deleted afterwards.</summary>
public sealed class Scratch : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("siteaudit-worker-").FullName;

    public void Dispose()
    {
        SqliteClear();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void SqliteClear() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}
