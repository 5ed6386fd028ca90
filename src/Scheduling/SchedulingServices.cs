using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Openness.Core.Scheduling;
using Openness.Scanning;
using Quartz;

namespace Openness.Scheduling;

public static class SchedulingServices
{
    /// <summary>
    /// Registers the scheduler on its persistent store and <see cref="IScheduleControl"/> (as <see cref="Schedules"/>).
    /// With <paramref name="runJobs"/> the host starts the scheduler and this process crawls units (`crawler worker`,
    /// or `crawler serve` on a node that should work too); without it the process only reads and changes schedules
    /// (`crawler schedule ...`, a web front end), and the workers sharing the store do the scanning.
    /// </summary>
    public static IServiceCollection AddOpennessScheduler(this IServiceCollection services, SchedulingSettings settings, bool runJobs)
    {
        services.AddSingleton(settings);
        services.TryAddSingleton<IScanProgress>(_ => new LineProgress(Console.Out));
        services.AddSingleton(_ => new ScanFetchers(settings.Crawler));
        services.AddSingleton<Schedules>();
        services.AddSingleton<IScheduleControl>(sp => sp.GetRequiredService<Schedules>());
        services.AddTransient<NightJob>();
        services.AddTransient<UnitJob>();

        var provider = settings.JobStoreProvider;
        var connection = settings.JobStoreConnectionString;
        if (provider == SchedulingSettings.Sqlite) EnsureSqliteFolder(connection);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "openness";
                if (settings.Scheduler.InstanceId is { Length: > 0 } id) o.InstanceId = id;
                else o.GenerateInstanceId = true;
                o.IdleWaitTime = settings.Scheduler.IdleWaitTime;
                // A stopping worker (Ctrl-C, SIGTERM) cancels its crawls rather than holding the shutdown for minutes;
                // the store hands each cut-short unit back for recovery (below), so another node or the next start
                // scans it again.
                o.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
            });
            q.UseDefaultThreadPool(settings.UnitsAtOnce);
            q.UsePersistentStore(s =>
            {
                if (provider == SchedulingSettings.Postgres) s.UsePostgres(connection);
                else s.UseSqlite(connection);
                s.ProvisionSchema();
                s.ConfigureStore(o =>
                {
                    o.MisfireThreshold = settings.Scheduler.MisfireThreshold;
                    o.RecoverFiringsCancelledByShutdown = true;
                });
                // Row locks in PostgreSQL let several nodes share one store; SQLite is one machine's store.
                if (provider == SchedulingSettings.Postgres)
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = settings.Scheduler.ClusterCheckinInterval;
                        c.CheckinMisfireThreshold = settings.Scheduler.ClusterCheckinGrace;
                    });
            });
        });
        if (runJobs) services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(source)) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
    }
}
