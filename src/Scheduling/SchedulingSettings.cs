using Openness.Crawler;
using Openness.Storage;

namespace Openness.Scheduling;

/// <summary>
/// The <c>Scheduler</c> section of appsettings.json (or <c>OPENNESS_Scheduler__...</c>): where Quartz keeps the
/// schedule, how many units a node crawls at once, and the cluster's timings.
/// </summary>
public sealed class SchedulerOptions
{
    /// <summary>
    /// <c>sqlite</c> or <c>postgres</c>, as <c>Storage:Provider</c>. Empty follows the storage: a PostgreSQL store keeps
    /// the schedule in the same database (so every worker of a cluster shares it); SQLite uses <c>&lt;data&gt;/scheduler.db</c>.
    /// </summary>
    public string Provider { get; set; } = "";
    public string ConnectionString { get; set; } = "";
    /// <summary>Units one node crawls at once (Quartz's thread pool); 0 means <c>Crawler:UnitsInParallel</c>.</summary>
    public int UnitsAtOnce { get; set; }
    /// <summary>Quartz cron (seconds first) of an evaluation's night when <c>schedule add</c> gives none: 02:00.</summary>
    public string DefaultCron { get; set; } = "0 0 2 * * ?";
    public string TimeZone { get; set; } = "Asia/Shanghai";
    /// <summary>How late a firing may be before it counts as missed (and runs once at start-up).</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How often a clustered node says it is alive; a node silent for longer than this plus the grace is recovered.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);
    public TimeSpan ClusterCheckinGrace { get; set; } = TimeSpan.FromSeconds(7.5);
    /// <summary>How long an idle node waits before asking the store for due triggers again.</summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Names this node in the cluster and in logs; empty generates a unique one.</summary>
    public string InstanceId { get; set; } = "";
}

/// <summary>Everything the scheduler and its jobs need: where data lives, how to crawl, where to store.</summary>
public sealed record SchedulingSettings(string DataDir, CrawlerOptions Crawler, StorageOptions Storage, SchedulerOptions Scheduler)
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public string JobStoreProvider => Normalize(Scheduler.Provider) is { Length: > 0 } p ? p : Normalize(Storage.Provider) is Postgres ? Postgres : Sqlite;

    public string JobStoreConnectionString =>
        Scheduler.ConnectionString is { Length: > 0 } cs ? cs
        : JobStoreProvider == Postgres && Normalize(Storage.Provider) == Postgres ? Storage.ConnectionString
        : JobStoreProvider == Sqlite ? $"Data Source={Path.Combine(DataDir, "scheduler.db")}"
        : throw new InvalidOperationException("Scheduler:Provider is 'postgres' but no Scheduler:ConnectionString is set (and Storage is not PostgreSQL).");

    public int UnitsAtOnce => Math.Max(1, Scheduler.UnitsAtOnce > 0 ? Scheduler.UnitsAtOnce : Crawler.UnitsInParallel);

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(Scheduler.TimeZone);

    private static string Normalize(string? provider) => (provider ?? "").Trim().ToLowerInvariant() switch
    {
        "" => "",
        "sqlite" => Sqlite,
        "postgres" or "postgresql" or "npgsql" => Postgres,
        var other => throw new InvalidOperationException($"Scheduler provider '{other}' is not supported; use '{Sqlite}' or '{Postgres}'."),
    };
}
