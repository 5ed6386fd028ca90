using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Openness.Scheduling;
using Quartz;

namespace Openness.Cli.Commands;

/// <summary>
/// `crawler worker`: a node that runs the scheduled scans until stopped (Ctrl-C / SIGTERM cancels the units it is crawling and hands them back to the store for recovery).
/// Several workers on one PostgreSQL store form a Quartz cluster and share the night's unit jobs (docs/deploy.md).
/// </summary>
public static class WorkerCommand
{
    public static Command Build()
    {
        var config = ScheduleCommand.ConfigOption();
        var id = new Option<string?>("--id") { Description = "this node's name in the cluster and its logs (default: generated)" };
        var cmd = new Command("worker", "run scheduled scans (one unit job at a time per free slot) until stopped") { config, id };
        cmd.SetAction(async (parse, ct) =>
        {
            var settings = AppSettings.Load(parse.GetValue(config));
            if (parse.GetValue(id) is { Length: > 0 } name) settings.Scheduler.InstanceId = name;
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddOpennessScheduler(settings.Scheduling, runJobs: true);
            using var host = builder.Build();
            await host.StartAsync(ct);
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
            var store = settings.Scheduling.JobStoreProvider;
            Console.WriteLine($"{DateTime.Now:HH:mm:ss} worker {scheduler.SchedulerInstanceId} started: {settings.Scheduling.UnitsAtOnce} units at once, job store {store}{(store == SchedulingSettings.Postgres ? " (clustered)" : "")}");
            await host.WaitForShutdownAsync(ct);
            Console.WriteLine($"{DateTime.Now:HH:mm:ss} worker {scheduler.SchedulerInstanceId} stopped");
            return 0;
        });
        return cmd;
    }
}
