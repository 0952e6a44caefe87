using SiteAudit.Core.Model;

namespace SiteAudit.Storage;

/// <summary>Chooses the store from the `--db` / `SiteAudit:Db` setting.</summary>
public static class AuditStoreFactory
{
    /// <summary>
    /// A PostgreSQL store for a PostgreSQL connection string ("Host=…;Database=…" or a postgres:// URL), otherwise an
    /// SQLite store for a path or an SQLite connection string. The caller picks the default path and calls
    /// <see cref="IAuditStore.InitializeAsync"/>.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The setting is unusable.</exception>
    public static IAuditStore Open(string dbSetting, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dbSetting);
        if (PostgresConnectionStrings.IsPostgres(dbSetting))
            return new PostgresAuditStore(dbSetting, time);
        return new SqliteAuditStore(dbSetting, time);
    }

    /// <summary>The setting as it may be shown or stored: a path as is, a PostgreSQL database as host:port/name (no password).</summary>
    public static string Describe(string dbSetting)
    {
        if (!PostgresConnectionStrings.IsPostgres(dbSetting)) return dbSetting;
        try
        {
            var b = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Normalise(dbSetting));
            return $"postgresql://{b.Host}:{b.Port}/{b.Database}";
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            return "postgresql";
        }
    }
}
