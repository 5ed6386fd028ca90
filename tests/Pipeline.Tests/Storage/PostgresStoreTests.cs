using NUnit.Framework;
using Npgsql;
using Openness.Storage;

namespace Openness.Pipeline.Tests.Storage;

/// <summary>
/// The same scenarios against a real PostgreSQL server on loopback (scripts/postgres.sh exports
/// OPENNESS_TEST_POSTGRES). Each test gets a fresh database. With CI=true or OPENNESS_REQUIRE_ALL=true a missing
/// server fails the test instead of skipping it.
/// </summary>
[TestFixture]
public sealed class PostgresStoreTests
{
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=openness;Password=openness-test;Database=postgres";
    private string _database = "";
    private string _serverConnection = "";

    [SetUp]
    public async Task SetUp()
    {
        _serverConnection = Environment.GetEnvironmentVariable("OPENNESS_TEST_POSTGRES") is { Length: > 0 } cs ? cs : DefaultServer;
        _database = "openness_test_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await using var conn = new NpgsqlConnection(_serverConnection);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var message = $"PostgreSQL not reachable at '{new NpgsqlConnectionStringBuilder(_serverConnection) { Password = null }}': {ex.Message}";
            if (Required()) Assert.Fail(message + " (CI requires it; run scripts/test.sh or set OPENNESS_TEST_POSTGRES)");
            Assert.Ignore(message);
        }
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_database.Length == 0) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var conn = new NpgsqlConnection(_serverConnection);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException) { /* server gone: nothing to clean */ }
    }

    private StorageOptions Options() => new()
    {
        Provider = StorageOptions.Postgres,
        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnection) { Database = _database }.ConnectionString,
    };

    private static bool Required() =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Environment.GetEnvironmentVariable("OPENNESS_REQUIRE_ALL"), "true", StringComparison.OrdinalIgnoreCase);

    [Test]
    public Task Saves_a_unit_result_and_reads_back_ranking_and_scorecard() => StoreScenarios.SaveAndQueryRoundTrip(Options());

    [Test]
    public Task Saves_units_concurrently_without_losing_or_duplicating_any() => StoreScenarios.ConcurrentSaves(Options());

    [Test]
    public Task Marks_findings_new_unchanged_changed_fixed_against_the_previous_run() => StoreScenarios.FindingChangesAcrossRuns(Options());

    [Test]
    public Task Reviews_and_manual_points_change_the_effective_score_and_carry_over() => ReviewScenarios.ReviewsApplyAndCarryOver(Options());

    [Test]
    public Task Accounts_are_unique_and_lock_after_repeated_failures() => ReviewScenarios.AccountsAndLockout(Options());

    [Test]
    public async Task Schema_comes_from_the_postgres_migrations()
    {
        await ScanStore.OpenAsync(Options());
        await using var conn = new NpgsqlConnection(Options().ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"", conn);
        var ids = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        Assert.That(ids, Has.Count.EqualTo(2));
        Assert.That(ids[0], Does.EndWith("_InitialCreate"));
        Assert.That(ids[1], Does.EndWith("_ReviewsAccountsAudit"));
    }
}
