using Microsoft.Extensions.Logging;
using Openness.Storage;
using Quartz;

namespace Openness.Scheduling;

/// <summary>
/// An evaluation's night: opens one scan run for every unit without a schedule of its own and queues one unit job
/// per unit into it. The queued triggers live in the job store, so whichever nodes of a cluster are free take them.
/// Units the units file rejects (a portal URL that does not parse ...) are saved as failed with the run, with why.
/// </summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
public sealed class NightJob(SchedulingSettings settings, ILogger<NightJob> log) : IJob
{
    public static readonly TimeSpan QueuedUnitPatience = TimeSpan.FromDays(2);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.JobDetail.JobDataMap;
        var key = (string)data[JobKeys.ScheduleKey]!;
        // Run-now fires through a trigger of its own, so the cron trigger's previous fire time alone would miss it.
        data[JobKeys.LastFiredAt] = context.FireTimeUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var plan = await ScanPlan.LoadAsync((string)data[JobKeys.UnitsFile]!, cancellationToken);
            var ownSchedules = await UnitsWithOwnScheduleAsync(context.Scheduler, key, cancellationToken);
            var (units, rejected) = plan.Night(ownSchedules);
            foreach (var unit in rejected)
                Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} schedule {key}: unit {unit.Id} not scanned, saved as failed: {string.Join("; ", unit.Errors)}");
            var asOf = ScanPlan.AsOf(context.ScheduledFireTimeUtc ?? context.FireTimeUtc, settings.TimeZone);

            var store = await ScanStore.OpenAsync(settings.Storage, plan.Rules.Catalogue, cancellationToken);
            // A node that died inside this job may already have opened the night's run and queued some units: when
            // Quartz recovers the job (here or on another node), finish that run instead of opening a second one.
            var reopened = context.Recovering ? await RunLeftByDeadFiringAsync(store, data, context, cancellationToken) : null;
            long runId;
            if (reopened is not null)
            {
                runId = reopened.Value;
                Console.Out.WriteLine($"{DateTime.Now:HH:mm:ss} schedule {key}: recovering the night of {context.RecoveringTriggerKey}: scan run {runId} goes on");
            }
            else
            {
                runId = await store.StartRunAsync(plan.Units.Evaluation, plan.Rules.System.Id, plan.Rules.System.Name,
                    plan.SystemContent, plan.Rules.System.ContentHash, asOf, units, cancellationToken, rejected);
                await RememberOpenRunAsync(context, runId, cancellationToken);
            }
            var saved = reopened is null ? [] : (await store.GetSavedUnitIdsAsync(runId, cancellationToken)).ToHashSet();
            foreach (var unit in units)
            {
                if (saved.Contains(unit.Id)) continue;
                if (reopened is not null && await context.Scheduler.GetTrigger(JobKeys.UnitOfRun(runId, key, unit.Id), cancellationToken) is not null)
                    continue;
                // The unit's job may be new (a unit added to the file since `schedule add`).
                await Schedules.EnsureUnitJobAsync(context.Scheduler, key, plan.Units.Path, plan.Units.Evaluation, unit.Id, cancellationToken);
                var trigger = TriggerBuilder.Create()
                    .WithIdentity(JobKeys.UnitOfRun(runId, key, unit.Id))
                    .ForJob(JobKeys.Unit(key, unit.Id))
                    .UsingJobData(JobKeys.RunId, runId.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .StartNow()
                    // A night queues more units than there are free slots; a unit waiting its turn is queued, not
                    // "misfired" (which would park it until the misfire handler's next pass).
                    .WithMisfireThreshold(QueuedUnitPatience)
                    .Build();
                await context.Scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
            }
            if (units.Count == 0)
            {
                // No unit job will close this run: close it here (with reports when it holds rejected units).
                if (rejected.Count > 0) await UnitJob.FinishAndPublishAsync(store, runId, settings.DataDir, plan.Rules, cancellationToken);
                else await store.FinishRunAsync(runId, ct: cancellationToken);
            }
            data.Remove(JobKeys.OpenRunId);
            data.Remove(JobKeys.OpenRunFiring);
            data[JobKeys.LastRunId] = runId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            data[JobKeys.LastOutcome] = $"run {runId}: {units.Count} units queued"
                + (rejected.Count > 0 ? $", {rejected.Count} rejected by the units file ({string.Join(", ", rejected.Select(r => r.Id))}), saved as failed" : "");
            log.LogInformation("schedule {Key}: scan run {RunId} opened for {Count} units, as of {AsOf}", key, runId, units.Count, asOf);
            Console.Out.WriteLine($"{DateTime.Now:HH:mm:ss} schedule {key}: scan run {runId} opened for {units.Count} units, as of {asOf:yyyy-MM-dd}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            data[JobKeys.LastOutcome] = $"failed: {ex.Message}";
            Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} schedule {key}: the night could not start: {ex.Message}");
            throw new JobExecutionException(ex);
        }
    }

    /// <summary>
    /// Writes "this firing opened run N" into the stored job at once, not only when the job ends: if this node dies
    /// before the units are all queued, the recovering firing reads it back and finishes run N. A clock comparison
    /// (run start vs. the dead firing's time) would guess; this is exact.
    /// </summary>
    private static async Task RememberOpenRunAsync(IJobExecutionContext context, long runId, CancellationToken ct)
    {
        var data = context.JobDetail.JobDataMap;
        data[JobKeys.OpenRunId] = runId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        data[JobKeys.OpenRunFiring] = FiringOf(context);
        // The builder copies the job's data as it is now.
        await context.Scheduler.AddJob(context.JobDetail.GetJobBuilder().Build(), AddJobOptions.Replacing, ct);
    }

    /// <summary>The run the dead firing this one recovers had opened, while it is still running.</summary>
    private static async Task<long?> RunLeftByDeadFiringAsync(ScanStore store, JobDataMap data, IJobExecutionContext context, CancellationToken ct)
    {
        if (!long.TryParse(data.GetString(JobKeys.OpenRunId), System.Globalization.CultureInfo.InvariantCulture, out var runId)) return null;
        if (data.GetString(JobKeys.OpenRunFiring) != FiringOf(context)) return null;
        var run = await store.GetRunAsync(runId, ct);
        return run?.State == RunState.Running ? runId : null;
    }

    /// <summary>The trigger a firing belongs to; a recovering firing belongs to the trigger whose firing died.</summary>
    private static string FiringOf(IJobExecutionContext context) =>
        (context.Recovering && context.RecoveringTriggerKey is { } dead ? dead : context.Trigger.Key).ToString();

    private static async Task<HashSet<string>> UnitsWithOwnScheduleAsync(IScheduler scheduler, string key, CancellationToken ct)
    {
        var keys = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(JobKeys.UnitScheduleGroup), ct);
        return keys.Select(k => JobKeys.Parse(k.Name)).Where(p => p.Key == key && p.UnitId is not null).Select(p => p.UnitId!).ToHashSet();
    }
}
