using NUnit.Framework;
using Microsoft.Data.Sqlite;
using Openness.Rules.Findings;
using Openness.Storage;
using static Openness.Pipeline.Tests.Storage.StoreTestData;

namespace Openness.Pipeline.Tests.Storage;

[TestFixture]
public sealed class SqliteStoreTests
{
    private string _dir = "";
    private StorageOptions _options = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "openness-store-" + Guid.NewGuid().ToString("N"));
        // A nested folder that does not exist yet: opening the store must create it, as for data/openness.db.
        _options = StorageOptions.SqliteFile(Path.Combine(_dir, "data", "openness.db"));
    }

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public Task Saves_a_unit_result_and_reads_back_ranking_and_scorecard() => StoreScenarios.SaveAndQueryRoundTrip(_options);

    [Test]
    public Task Saves_units_concurrently_without_losing_or_duplicating_any() => StoreScenarios.ConcurrentSaves(_options);

    [Test]
    public Task Marks_findings_new_unchanged_changed_fixed_against_the_previous_run() => StoreScenarios.FindingChangesAcrossRuns(_options);

    [Test]
    public Task Reviews_and_manual_points_change_the_effective_score_and_carry_over() => ReviewScenarios.ReviewsApplyAndCarryOver(_options);

    [Test]
    public Task Accounts_are_unique_and_lock_after_repeated_failures() => ReviewScenarios.AccountsAndLockout(_options);

    [Test]
    public async Task Schema_comes_from_the_sqlite_migrations()
    {
        await ScanStore.OpenAsync(_options);
        await using var db = OpennessDbContextFactory.Create(_options);
        await using var conn = new SqliteConnection(_options.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory";
        var ids = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        Assert.That(ids, Has.Count.EqualTo(2));
        Assert.That(ids[0], Does.EndWith("_InitialCreate"));
        Assert.That(ids[1], Does.EndWith("_ReviewsAccountsAudit"));
        // Opening again applies nothing and keeps data.
        Assert.DoesNotThrowAsync(async () => await ScanStore.OpenAsync(_options));
    }

    /// <summary>The lock row EF Core's SQLite migrator leaves when its process is killed while holding it.</summary>
    private async Task LeaveStaleMigrationLockAsync()
    {
        await using var conn = new SqliteConnection(_options.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK___EFMigrationsLock\" PRIMARY KEY, \"Timestamp\" TEXT NOT NULL);" +
            "INSERT OR REPLACE INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-01-01 00:00:00');";
        await cmd.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task A_migration_lock_left_by_a_killed_process_does_not_hang_the_next_open()
    {
        // A worker SIGKILLed while EF Core held its SQLite migration lock leaves the lock row behind; EF then polls
        // for it forever. Opening an up-to-date store must not take the lock at all.
        await ScanStore.OpenAsync(_options);
        await LeaveStaleMigrationLockAsync();
        var open = ScanStore.OpenAsync(_options);
        Assert.That(await Task.WhenAny(open, Task.Delay(TimeSpan.FromSeconds(30))), Is.SameAs(open), "opening waited on the stale lock");
        await open;
    }

    [Test]
    public async Task A_stale_lock_on_a_store_that_needs_migrating_fails_with_what_to_do_instead_of_waiting_forever()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(new SqliteConnectionStringBuilder(_options.ConnectionString).DataSource)!);
        await LeaveStaleMigrationLockAsync();
        var saved = OpennessDbContextFactory.MigrationLockWait;
        OpennessDbContextFactory.MigrationLockWait = TimeSpan.FromSeconds(2);
        try
        {
            var ex = Assert.ThrowsAsync<MigrationLockException>(async () => await ScanStore.OpenAsync(_options));
            Assert.That(ex!.Message, Does.Contain("openness.db").And.Contain("__EFMigrationsLock").And.Contain("crawler db migrate"));
        }
        finally
        {
            OpennessDbContextFactory.MigrationLockWait = saved;
        }
    }

    [Test]
    public async Task Saving_the_same_unit_twice_replaces_its_rows()
    {
        var store = await ScanStore.OpenAsync(_options);
        var u = Unit("county-d", "丁县人民政府");
        var content = RulesContent();
        var run = await StartRunAsync(store, [u], content);
        var failing = Card(u, Hash(content), [Check("column-exists", "interpretations", FindingStatus.Fail, "缺少政策解读栏目")], []);
        var passing = Card(u, Hash(content), [Check("column-exists", "interpretations", FindingStatus.Pass, "政策解读栏目存在")],
            [Check("column-updated", "notices", FindingStatus.Pass, "按时更新")]);
        await store.SaveUnitResultAsync(run, u, Crawl(), Pages(u), Model(u), failing);
        await store.SaveUnitResultAsync(run, u, Crawl(), Pages(u), Model(u), passing);

        var ranking = await store.GetRankingAsync(run);
        Assert.That(ranking!.Rows, Has.Count.EqualTo(1));
        Assert.That(ranking.Rows[0].Total, Is.EqualTo(20));
        var result = await store.GetUnitResultAsync(run, u.Id);
        Assert.That(result!.Findings.Select(f => f.Status), Is.EqualTo(new[] { FindingStatus.Pass, FindingStatus.Pass }));
        Assert.That(await store.GetPageOutcomesAsync(run, u.Id), Has.Count.EqualTo(2));
        Assert.That(result.Columns, Has.Count.EqualTo(2));
        Assert.That(result.Documents, Has.Count.EqualTo(1));

        await using var conn = new SqliteConnection(_options.ConnectionString);
        await conn.OpenAsync();
        foreach (var (table, expected) in new[] { ("UnitScans", 1L), ("Scores", 1L), ("Findings", 2L), ("PageOutcomes", 2L), ("Columns", 2L), ("Documents", 1L) })
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            Assert.That((long)(await cmd.ExecuteScalarAsync())!, Is.EqualTo(expected), table);
        }
    }

    [Test]
    public async Task The_hash_ties_each_score_to_its_rules_content()
    {
        var store = await ScanStore.OpenAsync(_options);
        var u = Unit("county-e", "戊县人民政府");
        var v1 = RulesContent("v1");
        var v2 = RulesContent("v2");
        var checks = new[] { Check("column-exists", "notices", FindingStatus.Pass, "存在") };

        var run1 = await StartRunAsync(store, [u], v1);
        await store.SaveUnitResultAsync(run1, u, Crawl(), Pages(u), Model(u), Card(u, Hash(v1), checks, []));
        var run2 = await StartRunAsync(store, [u], v2);
        await store.SaveUnitResultAsync(run2, u, Crawl(), Pages(u), Model(u), Card(u, Hash(v2), checks, []));
        // A third run with the v1 file again reuses its record (unique on hash).
        var run3 = await StartRunAsync(store, [u], v1);

        var r1 = await store.GetUnitResultAsync(run1, u.Id);
        var r2 = await store.GetUnitResultAsync(run2, u.Id);
        Assert.That(r1!.ScoreCard!.SystemHash, Is.Not.EqualTo(r2!.ScoreCard!.SystemHash));
        Assert.That(await store.GetIndicatorSystemContentAsync(r1.ScoreCard.SystemHash), Is.EqualTo(v1));
        Assert.That(await store.GetIndicatorSystemContentAsync(r2.ScoreCard.SystemHash), Is.EqualTo(v2));
        Assert.That((await store.GetRunAsync(run3))!.SystemHash, Is.EqualTo(Hash(v1)));

        await using var conn = new SqliteConnection(_options.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM IndicatorSystems";
        Assert.That((long)(await cmd.ExecuteScalarAsync())!, Is.EqualTo(2));

        // A score claiming rules no run registered is refused: it could not be traced.
        var stray = Card(u, Hash("some other rules"), checks, []);
        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await store.SaveUnitResultAsync(run3, u, Crawl(), Pages(u), Model(u), stray));
        Assert.That(ex!.Message, Does.Contain("traceable"));
    }

    [Test]
    public async Task Equal_totals_share_a_rank_and_a_crash_keeps_saved_units()
    {
        var store = await ScanStore.OpenAsync(_options);
        var units = new[] { Unit("u1", "一号单位"), Unit("u2", "二号单位"), Unit("u3", "三号单位") };
        var content = RulesContent();
        var run = await StartRunAsync(store, units, content);
        var pass = new[] { Check("column-exists", "notices", FindingStatus.Pass, "存在") };
        var half = new[] { Check("column-exists", "notices", FindingStatus.Partial, "部分") };
        await store.SaveUnitResultAsync(run, units[0], Crawl(), [], null, Card(units[0], Hash(content), half, half));
        await store.SaveUnitResultAsync(run, units[1], Crawl(), [], null, Card(units[1], Hash(content), pass, pass));
        await store.SaveUnitResultAsync(run, units[2], Crawl(), [], null, Card(units[2], Hash(content), pass, pass));
        // No FinishRun: the process "crashed". A new store over the same file still has all three units.
        SqliteConnection.ClearAllPools();
        var reopened = await ScanStore.OpenAsync(_options);
        var latest = await reopened.GetLatestRankingAsync(Evaluation);
        Assert.That(latest!.Run.State, Is.EqualTo(RunState.Running));
        Assert.That(latest.Rows.Select(r => (r.Rank, r.Unit.Id)), Is.EqualTo(new[] { (1, "u2"), (1, "u3"), (3, "u1") }));
    }

    [Test]
    public void Default_options_use_sqlite_at_data_openness_db_and_postgres_needs_a_connection_string()
    {
        using var db = OpennessDbContextFactory.Create(new StorageOptions());
        Assert.That(db, Is.InstanceOf<SqliteOpennessDbContext>());
        Assert.That(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(db.Database),
            Is.EqualTo("Data Source=data/openness.db"));
        var ex = Assert.Throws<InvalidOperationException>(() => OpennessDbContextFactory.Create(new StorageOptions { Provider = "PostgreSQL" }));
        Assert.That(ex!.Message, Does.Contain("ConnectionString"));
    }

    [Test]
    public void Unknown_provider_is_refused_with_the_supported_names()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => OpennessDbContextFactory.Create(new StorageOptions { Provider = "oracle" }));
        Assert.That(ex!.Message, Does.Contain("sqlite").And.Contain("postgres"));
    }
}
