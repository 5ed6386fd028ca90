using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Openness.Storage;

namespace Openness.Cli.Commands;

/// <summary>`crawler db migrate`: brings the store's schema and the scheduler's tables up to date, before any worker starts.</summary>
public static class DbCommand
{
    public static Command Build()
    {
        var config = ScheduleCommand.ConfigOption();
        var migrate = new Command("migrate", "apply pending storage migrations (SQLite or PostgreSQL) and create the scheduler's tables") { config };
        migrate.SetAction(async (parse, ct) =>
        {
            var settings = AppSettings.Load(parse.GetValue(config));
            await ScanStore.OpenAsync(settings.Storage, null, ct);
            await using (var db = OpennessDbContextFactory.Create(settings.Storage))
            {
                var applied = await db.Database.GetAppliedMigrationsAsync(ct);
                Console.WriteLine($"storage ({settings.Storage.Provider}): migrations applied: {string.Join(", ", applied)}");
            }
            await using var control = ControlScope.Open(settings);
            var schedules = await control.Schedules.ListAsync(ct); // the first use provisions Quartz's tables
            Console.WriteLine($"scheduler ({settings.Scheduling.JobStoreProvider}): tables ready, {schedules.Count} schedule(s)");
            return 0;
        });
        return new Command("db", "the store's schema") { migrate };
    }
}
