using Openness.Core.Diagnostics;
using Openness.Core.Scheduling;
using Openness.Core.Units;
using Openness.Storage;
using Quartz;

namespace Openness.Scheduling;

/// <summary>
/// The schedules an office keeps, over Quartz's persistent store: add an evaluation's night or a unit's own schedule,
/// list them with next/last fire time and outcome, run one now, pause and resume. Works whether or not this process
/// runs jobs: a `crawler schedule` command changes the store and the workers pick the change up.
/// </summary>
public sealed class Schedules(ISchedulerFactory factory, SchedulingSettings settings) : IScheduleControl
{
    private Task<IScheduler> Scheduler(CancellationToken ct) => factory.GetScheduler(ct).AsTask();

    /// <summary>
    /// Adds (or replaces) an evaluation's schedule: a cron trigger in the schedule's time zone on its night job, and
    /// one durable job per unit. <paramref name="startAt"/> is when the cron starts counting (default now).
    /// </summary>
    public async Task<ScheduleEntry> AddEvaluationAsync(string key, string unitsFile, string? cron = null,
        DateTimeOffset? startAt = null, CancellationToken ct = default)
    {
        ValidateKey(key);
        var path = Path.GetFullPath(unitsFile);
        // Bad units files stop here, with file:line; units it rejects do not (each night records them as failed).
        var units = UnitsFileReader.Read(path);
        var expression = ValidCron(cron ?? settings.Scheduler.DefaultCron, startAt);
        var scheduler = await Scheduler(ct);

        var night = JobBuilder.Create<NightJob>()
            .WithIdentity(JobKeys.Night(key))
            .WithDescription(units.Evaluation)
            .UsingJobData(JobKeys.ScheduleKey, key)
            .UsingJobData(JobKeys.UnitsFile, path)
            .UsingJobData(JobKeys.Evaluation, units.Evaluation)
            .StoreDurably()
            .RequestRecovery()
            .Build();
        var trigger = CronTrigger(JobKeys.NightTrigger(key), JobKeys.Night(key), expression, startAt);
        await scheduler.ScheduleJob(night, [trigger], new ScheduleJobOptions { Replace = true }, ct);
        foreach (var unit in units.Units)
            await EnsureUnitJobAsync(scheduler, key, path, units.Evaluation, unit.Id, ct);
        return (await ListAsync(ct)).Single(e => e.Key == key);
    }

    /// <summary>Gives one unit a schedule of its own; the evaluation's night leaves it out from then on.</summary>
    public async Task<ScheduleEntry> AddUnitAsync(string key, string unitId, string cron, DateTimeOffset? startAt = null,
        CancellationToken ct = default)
    {
        var scheduler = await Scheduler(ct);
        var night = await scheduler.GetJobDetail(JobKeys.Night(key), ct)
            ?? throw Input("KEY", $"no schedule '{key}': add the evaluation's schedule first (crawler schedule add --units FILE --key {key})");
        var unitsFile = (string)night.JobDataMap[JobKeys.UnitsFile]!;
        var units = UnitsFileReader.Read(unitsFile);
        // A unit the file rejects may still get its own schedule: each firing records it as failed, with why.
        var ids = units.Units.Select(u => u.Id).Concat(units.Rejected.Select(u => u.Id)).ToList();
        if (!ids.Contains(unitId))
            throw Input("--unit", $"unit '{unitId}' is not in {unitsFile}: expected one of {string.Join(", ", ids)}");
        await EnsureUnitJobAsync(scheduler, key, unitsFile, units.Evaluation, unitId, ct);
        var trigger = CronTrigger(JobKeys.UnitSchedule(key, unitId), JobKeys.Unit(key, unitId), ValidCron(cron, startAt), startAt);
        if (await scheduler.Exists(trigger.Key, ct)) await scheduler.UnscheduleJob(trigger.Key, ct);
        await scheduler.ScheduleJob(trigger, cancellationToken: ct);
        return (await ListAsync(ct)).Single(e => e.Key == $"{key}/{unitId}");
    }

    public async Task<IReadOnlyList<ScheduleEntry>> ListAsync(CancellationToken ct = default)
    {
        var scheduler = await Scheduler(ct);
        var entries = new List<ScheduleEntry>();
        var keys = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(JobKeys.EvaluationGroup), ct))
            .Concat(await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(JobKeys.UnitScheduleGroup), ct));
        foreach (var triggerKey in keys.OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            if (await scheduler.GetTrigger(triggerKey, ct) is not ICronTrigger trigger) continue;
            var job = await scheduler.GetJobDetail(trigger.JobKey, ct);
            if (job is null) continue;
            var state = await scheduler.GetTriggerState(triggerKey, ct);
            var unitId = JobKeys.Parse(triggerKey.Name).UnitId;
            entries.Add(new ScheduleEntry(
                triggerKey.Name,
                Text(job.JobDataMap, JobKeys.Evaluation) ?? "",
                unitId,
                trigger.CronExpressionString ?? "",
                trigger.TimeZone.Id,
                state == TriggerState.Paused,
                trigger.NextFireTimeUtc,
                Latest(trigger.PreviousFireTimeUtc, Text(job.JobDataMap, JobKeys.LastFiredAt)),
                await OutcomeAsync(job.JobDataMap, ct)));
        }
        return entries;
    }

    public async Task RunNowAsync(string key, CancellationToken ct = default)
    {
        var scheduler = await Scheduler(ct);
        var job = JobOf(key);
        if (!await scheduler.Exists(job, ct)) throw Input("KEY", $"no schedule '{key}'{Known(await ListAsync(ct))}");
        // A trigger of its own, outside the paused cron trigger: a paused schedule stays paused. It waits for a free
        // worker however long that takes (a busy or not yet started worker must not turn run-now into a misfire).
        var trigger = TriggerBuilder.Create()
            .WithIdentity(new TriggerKey($"run-now/{key}/{Guid.NewGuid():N}", JobKeys.RunGroup))
            .ForJob(job)
            .StartNow()
            .WithMisfireThreshold(NightJob.QueuedUnitPatience)
            .Build();
        await scheduler.ScheduleJob(trigger, cancellationToken: ct);
    }

    public async Task PauseAsync(string key, CancellationToken ct = default) =>
        await (await Scheduler(ct)).PauseTrigger(await ExistingTriggerAsync(key, ct), ct);

    public async Task ResumeAsync(string key, CancellationToken ct = default) =>
        await (await Scheduler(ct)).ResumeTrigger(await ExistingTriggerAsync(key, ct), ct);

    /// <summary>The unit's durable job: recovered on another node when the one running it dies.</summary>
    internal static async Task EnsureUnitJobAsync(IScheduler scheduler, string key, string unitsFile, string evaluation,
        string unitId, CancellationToken ct)
    {
        var jobKey = JobKeys.Unit(key, unitId);
        if (await scheduler.Exists(jobKey, ct)) return;
        var job = JobBuilder.Create<UnitJob>()
            .WithIdentity(jobKey)
            .UsingJobData(JobKeys.ScheduleKey, key)
            .UsingJobData(JobKeys.UnitsFile, unitsFile)
            .UsingJobData(JobKeys.Evaluation, evaluation)
            .UsingJobData(JobKeys.UnitId, unitId)
            .StoreDurably()
            .RequestRecovery()
            .Build();
        try
        {
            await scheduler.AddJob(job, new AddJobOptions { Replace = false }, ct);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another node added it between the check and the add: the same job.
        }
    }

    private ITrigger CronTrigger(TriggerKey key, JobKey job, string cron, DateTimeOffset? startAt) =>
        TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            // A night missed while no worker ran (or the store was down) fires once when a worker comes back, not once
            // per missed night.
            .WithCronSchedule(cron, c => c.InTimeZone(settings.TimeZone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .StartAt(startAt ?? DateTimeOffset.UtcNow)
            .Build();

    private async Task<TriggerKey> ExistingTriggerAsync(string key, CancellationToken ct)
    {
        var (evaluation, unitId) = JobKeys.Parse(key);
        var trigger = unitId is null ? JobKeys.NightTrigger(evaluation) : JobKeys.UnitSchedule(evaluation, unitId);
        if (!await (await Scheduler(ct)).Exists(trigger, ct))
            throw Input("KEY", $"no schedule '{key}'{Known(await ListAsync(ct))}");
        return trigger;
    }

    private static JobKey JobOf(string key)
    {
        var (evaluation, unitId) = JobKeys.Parse(key);
        return unitId is null ? JobKeys.Night(evaluation) : JobKeys.Unit(evaluation, unitId);
    }

    /// <summary>The last firing's outcome, with the state of its scan run as the store has it now.</summary>
    private async Task<string?> OutcomeAsync(JobDataMap data, CancellationToken ct)
    {
        var outcome = Text(data, JobKeys.LastOutcome);
        if (Text(data, JobKeys.LastRunId) is not { } id || !long.TryParse(id, out var runId)) return outcome;
        var store = await ScanStore.OpenAsync(settings.Storage, null, ct);
        var run = await store.GetRunAsync(runId, ct);
        return run is null ? outcome
            : $"{outcome} — run {runId} {run.State}: {run.UnitsCompleted} completed, {run.UnitsFailed} failed of {run.UnitsPlanned}";
    }

    private static DateTimeOffset? Latest(DateTimeOffset? cron, string? recorded) =>
        DateTimeOffset.TryParse(recorded, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var r) && (cron is null || r > cron) ? r : cron;

    private static string? Text(JobDataMap data, string key) => data.TryGetValue(key, out var v) ? v as string : null;

    private static string Known(IReadOnlyList<ScheduleEntry> entries) =>
        entries.Count == 0 ? " (there are none: crawler schedule add --units FILE)" : $": expected one of {string.Join(", ", entries.Select(e => e.Key))}";

    private static void ValidateKey(string key)
    {
        if (key.Length == 0 || key.Length > 80 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw Input("--key", $"'{key}' is not a schedule key: expected 1-80 letters, digits, '-', '_' or '.'");
    }

    private string ValidCron(string cron, DateTimeOffset? startAt = null)
    {
        if (!CronExpression.TryParse(cron, out var expression))
            throw Input("--cron", $"'{cron}' is not a Quartz cron expression: expected seconds minutes hours day-of-month month day-of-week, e.g. '0 0 2 * * ?' (02:00 every night)");
        if (expression.WithTimeZone(settings.TimeZone).GetNextValidTimeAfter(startAt ?? DateTimeOffset.UtcNow) is null)
            throw Input("--cron", $"'{cron}' never fires from now on ({settings.Scheduler.TimeZone}): expected a schedule with a time still to come");
        return cron;
    }

    private static InputFileException Input(string where, string message) => new(new SourceError(where, 0, 0, message));
}
