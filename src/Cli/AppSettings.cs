using Microsoft.Extensions.Configuration;
using Openness.Crawler;
using Openness.Scheduling;
using Openness.Storage;

namespace Openness.Cli;

/// <summary>
/// Settings from appsettings.json (repository root or --config), then OPENNESS_-prefixed environment variables
/// (e.g. OPENNESS_Storage__Provider=postgres), then command-line flags applied by each command.
/// </summary>
public sealed record AppSettings
{
    public required string Root { get; init; }
    public required string DataDir { get; init; }
    public required CrawlerOptions Crawler { get; init; }
    public required StorageOptions Storage { get; init; }
    public SchedulerOptions Scheduler { get; init; } = new();

    /// <summary>What the scheduler and its jobs are configured from (`worker`, `schedule`, and `serve` when wired).</summary>
    public SchedulingSettings Scheduling => new(DataDir, Crawler, Storage, Scheduler);

    public static AppSettings Load(string? configPath = null)
    {
        var root = Environment.GetEnvironmentVariable("OPENNESS_ROOT") is { Length: > 0 } r ? r : Directory.GetCurrentDirectory();
        if (configPath is not null && !File.Exists(configPath))
            throw new Openness.Core.Diagnostics.InputFileException(
                new Openness.Core.Diagnostics.SourceError("--config", 0, 0, $"'{configPath}' not found: expected a settings file like appsettings.json"));
        var config = new ConfigurationBuilder()
            .AddJsonFile(configPath ?? Path.Combine(root, "appsettings.json"), optional: configPath is null)
            .AddEnvironmentVariables("OPENNESS_")
            .Build();
        var dataDir = Path.GetFullPath(config["DataDir"] is { Length: > 0 } d ? Path.Combine(root, d) : Path.Combine(root, "data"));
        var crawler = config.GetSection("Crawler").Get<CrawlerOptions>() ?? new CrawlerOptions();
        var storage = config.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        var scheduler = config.GetSection("Scheduler").Get<SchedulerOptions>() ?? new SchedulerOptions();
        // The default database lives in the data folder, wherever the command was started from.
        if (string.IsNullOrWhiteSpace(storage.ConnectionString) && storage.Provider == StorageOptions.Sqlite)
            storage = StorageOptions.SqliteFile(Path.Combine(dataDir, "openness.db"));
        return new AppSettings { Root = root, DataDir = dataDir, Crawler = crawler, Storage = storage, Scheduler = scheduler };
    }
}
