using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Openness.Core.Scheduling;
using Openness.Scheduling;

namespace Openness.Cli.Commands;

/// <summary>
/// `crawler schedule list|add|run-now|pause|resume`: changes the schedule in the job store; the workers sharing the
/// store (`crawler worker`) do the scanning.
/// </summary>
public static class ScheduleCommand
{
    public static Command Build()
    {
        var cmd = new Command("schedule", "nightly scans kept in the scheduler's store (see docs/deploy.md)");
        cmd.Add(List());
        cmd.Add(Add());
        cmd.Add(Action("run-now", "fire a schedule once now (a paused one stays paused)", (s, key, ct) => s.RunNowAsync(key, ct), "queued"));
        cmd.Add(Action("pause", "stop a schedule firing until it is resumed", (s, key, ct) => s.PauseAsync(key, ct), "paused"));
        cmd.Add(Action("resume", "let a paused schedule fire again (a night missed while paused runs once)", (s, key, ct) => s.ResumeAsync(key, ct), "resumed"));
        return cmd;
    }

    public static Option<string?> ConfigOption() => new("--config") { Description = "settings file (default: appsettings.json at the repository root)" };

    private static Command List()
    {
        var config = ConfigOption();
        var cmd = new Command("list", "every schedule with its cron, next and last fire time and last outcome") { config };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var control = ControlScope.Open(AppSettings.Load(parse.GetValue(config)));
            Print(await control.Schedules.ListAsync(ct), Console.Out);
            return 0;
        });
        return cmd;
    }

    private static Command Add()
    {
        var units = new Option<string?>("--units") { Description = "the units file (docs/units.md) of the evaluation to scan every night" };
        var key = new Option<string?>("--key") { Description = "the schedule's name for run-now/pause/resume (default: the units file's name without .yaml)" };
        var cron = new Option<string?>("--cron") { Description = "Quartz cron, seconds first, in Asia/Shanghai (default '0 0 2 * * ?', 02:00 nightly)" };
        var unit = new Option<string?>("--unit") { Description = "give this unit of schedule --key a schedule of its own (the evaluation's night leaves it out)" };
        var config = ConfigOption();
        var cmd = new Command("add", "add or replace an evaluation's nightly schedule, or a unit's own schedule") { units, key, cron, unit, config };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var control = ControlScope.Open(AppSettings.Load(parse.GetValue(config)));
            ScheduleEntry entry;
            if (parse.GetValue(unit) is { } unitId)
            {
                var k = parse.GetValue(key) ?? throw Input("--key", "--unit needs --key: the evaluation schedule the unit belongs to");
                var c = parse.GetValue(cron) ?? throw Input("--cron", "--unit needs --cron: when the unit's own scan runs");
                entry = await control.Schedules.AddUnitAsync(k, unitId, c, ct: ct);
            }
            else
            {
                var file = parse.GetValue(units) ?? throw Input("--units", "expected --units FILE (or --key K --unit ID --cron C for a unit's own schedule)");
                var k = parse.GetValue(key) ?? Path.GetFileNameWithoutExtension(file);
                CommandLine.ReportRejectedUnits(Openness.Core.Units.UnitsFileReader.Read(file), "warning",
                    "the schedule is added; every night saves this unit as failed until its entry is fixed");
                entry = await control.Schedules.AddEvaluationAsync(k, file, parse.GetValue(cron), ct: ct);
            }
            Console.WriteLine($"schedule {entry.Key}: {entry.Cron} ({entry.TimeZone}), next {When(entry.NextFireAt)}");
            return 0;
        });
        return cmd;
    }

    private static Command Action(string name, string description, Func<IScheduleControl, string, CancellationToken, Task> act, string done)
    {
        var key = new Argument<string>("KEY") { Description = "a schedule key from `crawler schedule list` (an evaluation's, or KEY/UNIT-ID)" };
        var config = ConfigOption();
        var cmd = new Command(name, description) { key, config };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var control = ControlScope.Open(AppSettings.Load(parse.GetValue(config)));
            var k = parse.GetRequiredValue(key);
            await act(control.Schedules, k, ct);
            Console.WriteLine($"schedule {k}: {done}");
            return 0;
        });
        return cmd;
    }

    public static void Print(IReadOnlyList<ScheduleEntry> entries, TextWriter w)
    {
        if (entries.Count == 0)
        {
            w.WriteLine("no schedules (add one: crawler schedule add --units FILE)");
            return;
        }
        w.WriteLine($"{"key",-24} {"cron",-16} {"state",-7} {"next fire",-22} {"last fire",-22} last outcome");
        foreach (var e in entries)
            w.WriteLine($"{e.Key,-24} {e.Cron,-16} {(e.Paused ? "paused" : "active"),-7} {When(e.NextFireAt),-22} {When(e.LastFireAt),-22} {e.LastOutcome ?? "-"}");
        foreach (var e in entries.Where(e => e.UnitId is null))
            w.WriteLine($"  {e.Key}: {e.Evaluation}");
    }

    /// <summary>Times as offices read them: Beijing time.</summary>
    public static string When(DateTimeOffset? t) =>
        t is null ? "-" : TimeZoneInfo.ConvertTime(t.Value, CommandLine.ShanghaiTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " CST";

    private static Openness.Core.Diagnostics.InputFileException Input(string where, string message) =>
        new(new Openness.Core.Diagnostics.SourceError(where, 0, 0, message));
}

/// <summary>The scheduler's control side for one command: the store is changed, no job runs in this process.</summary>
public sealed class ControlScope : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private ControlScope(ServiceProvider services) => _services = services;

    public Schedules Schedules => _services.GetRequiredService<Schedules>();

    public static ControlScope Open(AppSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpennessScheduler(settings.Scheduling, runJobs: false);
        return new ControlScope(services.BuildServiceProvider());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
