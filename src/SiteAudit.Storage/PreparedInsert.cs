using Microsoft.Data.Sqlite;

namespace SiteAudit.Storage;

/// <summary>
/// An INSERT compiled once on the write connection and re-bound for every row of every batch: the hot path
/// (millions of link rows), so no per-row command, parameter or SQL parsing.
/// </summary>
internal sealed class PreparedInsert : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    /// <param name="insert">"INSERT INTO table" or "INSERT OR REPLACE INTO table".</param>
    public PreparedInsert(SqliteConnection conn, string insert, params string[] columns)
    {
        _command = conn.CreateCommand();
        _command.CommandText =
            $"{insert} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        _parameters = columns.Select((_, i) => _command.Parameters.Add(new SqliteParameter("$p" + i, DBNull.Value))).ToArray();
        _command.Prepare();
    }

    /// <summary>Inserts one row within <paramref name="tx"/>; values in the order of the columns.</summary>
    public void Execute(SqliteTransaction tx, params ReadOnlySpan<object?> values)
    {
        _command.Transaction = tx;
        for (var i = 0; i < _parameters.Length; i++) _parameters[i].Value = values[i] ?? DBNull.Value;
        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
