using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Openness.Storage;

/// <summary>Creates the provider's context from <see cref="StorageOptions"/> and brings its schema up to date.</summary>
public static class OpennessDbContextFactory
{
    public static OpennessDbContext Create(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return NormalizeProvider(options.Provider) switch
        {
            StorageOptions.Sqlite => new SqliteOpennessDbContext(
                new DbContextOptionsBuilder<SqliteOpennessDbContext>().UseSqlite(SqliteConnectionString(options)).Options),
            StorageOptions.Postgres => new PostgresOpennessDbContext(
                new DbContextOptionsBuilder<PostgresOpennessDbContext>().UseNpgsql(PostgresConnectionString(options)).Options),
            _ => throw new InvalidOperationException(
                $"Storage provider '{options.Provider}' is not supported; use '{StorageOptions.Sqlite}' or '{StorageOptions.Postgres}' (see docs/storage.md)."),
        };
    }

    /// <summary>How long to wait for another process's migration before giving up with <see cref="MigrationLockException"/>.</summary>
    public static TimeSpan MigrationLockWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Applies the provider's migrations (creating the database/file when missing).</summary>
    public static async Task MigrateAsync(StorageOptions options, CancellationToken ct = default)
    {
        var sqlite = NormalizeProvider(options.Provider) == StorageOptions.Sqlite;
        if (sqlite)
            EnsureSqliteFolder(SqliteConnectionString(options));
        await using var db = Create(options);
        // Every unit job opens the store. EF's migrate takes a lock even with nothing to apply, and on SQLite that lock
        // is a row: a process SIGKILLed while holding it leaves the row, and EF polls for it forever. Reading the
        // history takes no lock, so an up-to-date store is never blocked by a dead process.
        if (!(await db.Database.GetPendingMigrationsAsync(ct)).Any())
            return;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(MigrationLockWait);
        try
        {
            await db.Database.MigrateAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new MigrationLockException(sqlite
                ? $"The schema of '{new SqliteConnectionStringBuilder(SqliteConnectionString(options)).DataSource}' was not migrated within {MigrationLockWait}: " +
                  "its migration lock (table __EFMigrationsLock) is held. If no other crawler process is migrating it, a killed one left the lock: " +
                  "delete it with `sqlite3 FILE 'DELETE FROM \"__EFMigrationsLock\"'` and run `crawler db migrate`."
                : $"The schema was not migrated within {MigrationLockWait}: another process holds the migration lock. Wait for it, then run `crawler db migrate`.");
        }
    }

    internal static string NormalizeProvider(string? provider) => (provider ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "sqlite" => StorageOptions.Sqlite,
        "postgres" or "postgresql" or "npgsql" => StorageOptions.Postgres,
        var other => other,
    };

    private static string SqliteConnectionString(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString) ? $"Data Source={StorageOptions.DefaultSqliteFile}" : options.ConnectionString;

    private static string PostgresConnectionString(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new InvalidOperationException("Storage provider 'postgres' needs Storage:ConnectionString (Host=...;Database=...;Username=...;Password=...).")
            : options.ConnectionString;

    private static void EnsureSqliteFolder(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}

// Used only by `dotnet ef migrations add` (see docs/storage.md); the connection strings are placeholders, never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOpennessDbContext>
{
    public SqliteOpennessDbContext CreateDbContext(string[] args) =>
        (SqliteOpennessDbContext)OpennessDbContextFactory.Create(StorageOptions.SqliteFile("design-time.db"));
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresOpennessDbContext>
{
    public PostgresOpennessDbContext CreateDbContext(string[] args) =>
        (PostgresOpennessDbContext)OpennessDbContextFactory.Create(new StorageOptions
        {
            Provider = StorageOptions.Postgres,
            ConnectionString = "Host=localhost;Database=openness_design;Username=design;Password=design",
        });
}

/// <summary>The schema could not be brought up to date because another (possibly dead) process holds the migration lock.</summary>
public sealed class MigrationLockException(string message) : Exception(message);
