namespace Openness.Storage;

/// <summary>Where scans are stored. Bound from the <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string DefaultSqliteFile = "data/openness.db";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// ADO.NET connection string. Empty with SQLite means <c>Data Source=data/openness.db</c> (relative to the
    /// working directory); PostgreSQL needs one (<c>Host=...;Database=...;Username=...;Password=...</c>).
    /// </summary>
    public string ConnectionString { get; set; } = "";

    public static StorageOptions SqliteFile(string path) => new() { Provider = Sqlite, ConnectionString = $"Data Source={path}" };
}
