using Openness.Core.Units;
using Openness.Reporting;
using Openness.Rules;
using Openness.Rules.Scoring;
using Openness.Scanning;
using Openness.Storage;
using Openness.Storage.Reviews;

namespace Openness.Cli.Scanning;

/// <summary>What one scan produced, for the command to print. <see cref="FailedUnits"/> includes the rejected units.</summary>
public sealed record ScanResult(long RunId, IReadOnlyList<ScoreCard> Cards, IReadOnlyList<string> FailedUnits,
    string ReportDir, string? ExportDir);

/// <summary>
/// Runs every unit of a units file through <see cref="UnitScanner"/> (crawl → site snapshot → site model → checks →
/// scores → store), a few at a time, then writes the reports from the store.
/// Each unit is stored in its own transaction as soon as it is scored, so a crash keeps every finished unit.
/// </summary>
public sealed class ScanRunner(AppSettings settings, IScanProgress progress)
{
    public async Task<ScanResult> RunAsync(UnitsFile units, DateOnly asOf, string reportDir, string? exportDir,
        CancellationToken ct)
    {
        var rules = RulesBundle.Load(units.IndicatorSystem); // bad rules stop the scan before anything is fetched
        var supervision = new Openness.Rules.Indicators.SupervisionTableFinder(rules).For(rules.System); // so does a bad supervision table
        var systemContent = await File.ReadAllTextAsync(units.IndicatorSystem, ct);

        var store = await ScanStore.OpenAsync(settings.Storage, rules.Catalogue, ct, new KnownIndicatorSystems(rules.System));
        // Units the units file rejected are saved as failed with the run; the command printed their problems.
        var runId = await store.StartRunAsync(units.Evaluation, rules.System.Id, rules.System.Name, systemContent,
            rules.System.ContentHash, asOf, units.Units, ct, units.Rejected);
        progress.Info($"scan run {runId}: {units.Units.Count} units{(units.Rejected.Count > 0 ? $" ({units.Rejected.Count} more rejected by the units file, saved as failed)" : "")}, indicator system {rules.System.Id} ({rules.System.Name}), as of {asOf:yyyy-MM-dd}");

        var cards = new List<ScoreCard>();
        var failed = units.Rejected.Select(r => r.Id).ToList();
        var gate = new Lock();
        await using var fetchers = new ScanFetchers(settings.Crawler);
        var scanner = new UnitScanner(fetchers, store, settings.DataDir, progress);

        await Parallel.ForEachAsync(units.Units,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Crawler.UnitsInParallel), CancellationToken = ct },
            async (unit, token) =>
            {
                var card = await scanner.ScanAndSaveAsync(unit, runId, rules, asOf, token);
                lock (gate)
                {
                    if (card is null) failed.Add(unit.Id); else cards.Add(card);
                }
            });

        await store.FinishRunAsync(runId, ct: ct);
        progress.Info("writing reports");
        await new ReportPublisher(store, supervision).WriteRunAsync(runId, reportDir, exportDir, ct);
        return new ScanResult(runId, cards, failed, reportDir, exportDir);
    }
}
