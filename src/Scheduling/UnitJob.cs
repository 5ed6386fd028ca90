using System.Globalization;
using Openness.Reporting;
using Openness.Scanning;
using Openness.Storage;
using Openness.Storage.Reviews;
using Quartz;

namespace Openness.Scheduling;

/// <summary>
/// One unit's scan (crawl + checks + score + save) into the run its trigger names; fired by its own schedule or
/// run-now without a run, it opens a run of its own. The job is durable and requests recovery: when the node running
/// it dies, another node of the cluster runs it again, and saving the same run × unit again replaces what a dead node
/// may have half-begun (the store saves a unit in one transaction). The last unit saved closes the run and writes
/// its reports.
/// </summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
public sealed class UnitJob(SchedulingSettings settings, ScanFetchers fetchers, IScanProgress progress) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.JobDetail.JobDataMap;
        var key = (string)data[JobKeys.ScheduleKey]!;
        // Run-now fires through a trigger of its own, so the cron trigger's previous fire time alone would miss it.
        data[JobKeys.LastFiredAt] = context.FireTimeUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var unitId = (string)data[JobKeys.UnitId]!;
        try
        {
            var plan = await ScanPlan.LoadAsync((string)data[JobKeys.UnitsFile]!, cancellationToken);
            var unit = plan.Unit(unitId);
            var rejected = unit is null ? plan.Rejected(unitId) : null;
            // The rules let a unit inherit last run's overrides (reviews carried over re-score the effective total).
            var store = await ScanStore.OpenAsync(settings.Storage, plan.Rules.Catalogue, cancellationToken, new KnownIndicatorSystems(plan.Rules.System));
            long runId;
            if (context.MergedJobDataMap.TryGetValue(JobKeys.RunId, out var value) && value is string text)
            {
                runId = long.Parse(text, CultureInfo.InvariantCulture);
            }
            else
            {
                var asOf = ScanPlan.AsOf(context.ScheduledFireTimeUtc ?? context.FireTimeUtc, settings.TimeZone);
                // A rejected unit's own run holds just its failure, saved as the run opens.
                runId = await store.StartRunAsync(plan.Units.Evaluation, plan.Rules.System.Id, plan.Rules.System.Name,
                    plan.SystemContent, plan.Rules.System.ContentHash, asOf, unit is null ? [] : [unit], cancellationToken,
                    rejected is null ? null : [rejected]);
            }
            var run = await store.GetRunAsync(runId, cancellationToken)
                ?? throw new InvalidOperationException($"scan run {runId} does not exist");
            using var turn = await InFlight.WaitTurnAsync(runId, unitId, cancellationToken);

            if (rejected is not null)
            {
                // The units file changed since the night queued the unit, or the unit has its own schedule: saving it
                // (again) replaces any earlier save, so a second firing does no harm.
                await store.SaveRejectedUnitAsync(runId, rejected, cancellationToken);
                Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} unit {unitId} of schedule {key} not scanned, saved as failed in run {runId}: {string.Join("; ", rejected.Errors)}");
                data[JobKeys.LastRunId] = runId.ToString(CultureInfo.InvariantCulture);
                data[JobKeys.LastOutcome] = $"run {runId}: rejected by the units file, saved as failed";
                await CloseRunWhenCompleteAsync(store, runId, plan.Rules, cancellationToken);
                return;
            }
            // Quartz's cluster recovery can fire a dead node's unit twice (its recovery trigger and the original one),
            // at once on the node that recovers it: the second waited its turn above, and a unit already saved in this
            // run is done, so it must not scan and save it again.
            if ((await store.GetSavedUnitIdsAsync(runId, cancellationToken)).Contains(unitId))
            {
                Console.Out.WriteLine($"{DateTime.Now:HH:mm:ss} unit {unitId} already saved in run {runId}; not scanned again{(context.Recovering ? " (recovered)" : "")}");
                await CloseRunWhenCompleteAsync(store, runId, plan.Rules, cancellationToken);
                return;
            }
            var card = await new UnitScanner(fetchers, store, settings.DataDir, progress)
                .ScanAndSaveAsync(unit!, runId, plan.Rules, run.AsOf, cancellationToken);
            var instance = context.Scheduler.SchedulerInstanceId;
            Console.Out.WriteLine($"{DateTime.Now:HH:mm:ss} unit {unitId} saved in run {runId} by {instance}{(context.Recovering ? " (recovered)" : "")}");
            data[JobKeys.LastRunId] = runId.ToString(CultureInfo.InvariantCulture);
            data[JobKeys.LastOutcome] = card is null ? $"run {runId}: scan failed" : $"run {runId}: {card.Total:0.##}/{card.Possible:0.##} 分, {card.Grade}";
            await CloseRunWhenCompleteAsync(store, runId, plan.Rules, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            data[JobKeys.LastOutcome] = $"failed: {ex.Message}";
            Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} unit {unitId} of schedule {key}: {ex.Message}");
            throw new JobExecutionException(ex);
        }
    }

    private static readonly UnitTurns InFlight = new();

    /// <summary>
    /// The run is finished when its last unit is saved. Two nodes saving the last two units at once may both see the
    /// run complete; closing it twice writes the same state and the same reports.
    /// </summary>
    private async Task CloseRunWhenCompleteAsync(ScanStore store, long runId, Openness.Rules.RulesBundle rules, CancellationToken ct)
    {
        var run = await store.GetRunAsync(runId, ct);
        if (run is null || run.UnitsCompleted + run.UnitsFailed < run.UnitsPlanned) return;
        await FinishAndPublishAsync(store, runId, settings.DataDir, rules, ct);
        Console.Out.WriteLine($"{DateTime.Now:HH:mm:ss} scan run {runId} finished: {run.UnitsCompleted} completed, {run.UnitsFailed} failed; reports in {ReportsOf(settings.DataDir, runId)}");
    }

    /// <summary>Where a scheduled run's reports go.</summary>
    public static string ReportsOf(string dataDir, long runId) => Path.Combine(dataDir, "reports", $"run-{runId}");

    /// <summary>Closes the run and writes its reports (the night does this itself when no unit job will).</summary>
    public static async Task FinishAndPublishAsync(ScanStore store, long runId, string dataDir, Openness.Rules.RulesBundle rules, CancellationToken ct)
    {
        await store.FinishRunAsync(runId, ct: ct);
        // Read per run, not kept: a worker runs for months and the office may edit the table between nights.
        var supervision = new Openness.Rules.Indicators.SupervisionTableFinder(rules).ForReports(rules.System, Console.Error.WriteLine);
        await new ReportPublisher(store, supervision).WriteRunAsync(runId, ReportsOf(dataDir, runId), null, ct);
    }
}
