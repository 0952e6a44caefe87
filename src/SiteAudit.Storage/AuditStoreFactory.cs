using SiteAudit.Core.Model;

namespace SiteAudit.Storage;

/// <summary>Chooses the store from the `--db` / `SiteAudit:Db` setting.</summary>
public static class AuditStoreFactory
{
    /// <summary>
    /// An SQLite store for a path or an SQLite connection string; the caller picks the default path and calls
    /// <see cref="IAuditStore.InitializeAsync"/>. A PostgreSQL setting is recognised so the user hears it is not
    /// supported yet rather than getting an SQLite file named after a connection string.
    /// </summary>
    /// <exception cref="StoreUnavailableException">PostgreSQL was asked for, or the setting is unusable.</exception>
    public static IAuditStore Open(string dbSetting, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dbSetting);
        if (IsPostgres(dbSetting))
            throw new StoreUnavailableException("PostgreSQL store is not available yet (planned): use an SQLite path");
        return new SqliteAuditStore(dbSetting, time);
    }

    private static bool IsPostgres(string setting)
    {
        var s = setting.Trim();
        return s.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);
    }
}
