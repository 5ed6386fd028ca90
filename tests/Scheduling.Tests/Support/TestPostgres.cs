using NUnit.Framework;
using Npgsql;
using Openness.Storage;

namespace Openness.Scheduling.Tests.Support;

/// <summary>
/// A fresh database on the loopback PostgreSQL server (scripts/postgres.sh exports OPENNESS_TEST_POSTGRES). With
/// CI=true or OPENNESS_REQUIRE_ALL=true a missing server fails the test; elsewhere it is skipped with the reason.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=openness;Password=openness-test;Database=postgres";
    private readonly string _server;
    private readonly string _database;

    private TestPostgres(string server, string database)
    {
        _server = server;
        _database = database;
    }

    public StorageOptions Storage => new()
    {
        Provider = StorageOptions.Postgres,
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString,
    };

    public static async Task<TestPostgres> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("OPENNESS_TEST_POSTGRES") is { Length: > 0 } cs ? cs : DefaultServer;
        var database = "openness_sched_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await using var conn = new NpgsqlConnection(server);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var message = $"PostgreSQL not reachable at '{new NpgsqlConnectionStringBuilder(server) { Password = null }}': {ex.Message}";
            if (Required()) Assert.Fail(message + " (CI requires it; run scripts/test.sh or set OPENNESS_TEST_POSTGRES)");
            Assert.Ignore(message);
        }
        return new TestPostgres(server, database);
    }

    private static bool Required() =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Environment.GetEnvironmentVariable("OPENNESS_REQUIRE_ALL"), "true", StringComparison.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var conn = new NpgsqlConnection(_server);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException) { /* server gone: nothing to clean */ }
    }
}
